package io.ticklane.engine;

import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.config.AgentSpec;
import io.ticklane.config.IdleSpec;
import io.ticklane.latency.CounterSample;
import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.testkit.Await;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentThreadsTest
{
    private static final IdleSpec SPIN = IdleSpec.parse("k", "busy-spin");
    private static final IdleSpec BACKOFF = IdleSpec.parse("k", "backoff");

    @TempDir
    Path dir;

    private HostCpus sixteenCoresTwoToSevenIsolated;

    @BeforeEach
    void host() throws Exception
    {
        final Path cpu = Files.createDirectories(dir.resolve("sys/devices/system/cpu"));
        Files.writeString(cpu.resolve("online"), "0-15\n");
        Files.writeString(cpu.resolve("isolated"), "2-7\n");
        sixteenCoresTwoToSevenIsolated = HostCpus.read(dir);
    }

    @Test
    void aGoodPlanHasNoWarnings()
    {
        final List<AgentSpec> plan = List.of(
            new AgentSpec("gateway", 2, SPIN),
            new AgentSpec("book.0", 3, SPIN),
            new AgentSpec("book.1", 4, SPIN),
            new AgentSpec("log", AgentSpec.UNPINNED, BACKOFF));
        assertEquals(List.of(), AgentThreads.checkPlan(plan, sixteenCoresTwoToSevenIsolated));
    }

    @Test
    void warnsWhenAPinnedCpuIsNotIsolatedOrOffline()
    {
        final List<String> warnings = AgentThreads.checkPlan(List.of(
            new AgentSpec("gateway", 1, SPIN),
            new AgentSpec("book.0", 20, BACKOFF)), sixteenCoresTwoToSevenIsolated);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'gateway' is pinned to CPU 1, which is not isolated"), warnings.get(0));
        assertTrue(warnings.get(1).contains("CPU 20, which is not online"), warnings.get(1));
    }

    @Test
    void warnsWhenTwoSpinningAgentsShareACpu()
    {
        final List<String> warnings = AgentThreads.checkPlan(List.of(
            new AgentSpec("gateway", 3, SPIN),
            new AgentSpec("book.0", 3, IdleSpec.parse("k", "noop"))), sixteenCoresTwoToSevenIsolated);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'gateway' and 'book.0' both spin"), warnings.get(0));
        assertTrue(warnings.get(0).contains("CPU 3"), warnings.get(0));
    }

    @Test
    void warnsWhenASpinnerSharesItsCpuOrIsUnpinned()
    {
        final List<String> warnings = AgentThreads.checkPlan(List.of(
            new AgentSpec("gateway", 5, SPIN),
            new AgentSpec("log", 5, IdleSpec.parse("k", "sleep:1ms")),
            new AgentSpec("book.0", AgentSpec.UNPINNED, IdleSpec.parse("k", "yield"))),
            sixteenCoresTwoToSevenIsolated);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'gateway' spins on CPU 5, shared with 'log'"), warnings.get(0));
        assertTrue(warnings.get(1).contains("'book.0' spins (yield) but is not pinned"), warnings.get(1));
    }

    @Test
    void aSleepingAgentBelongsOnAHousekeepingCpu()
    {
        assertEquals(List.of(), AgentThreads.checkPlan(List.of(
            new AgentSpec("log", 0, IdleSpec.parse("k", "sleep:1ms"))), sixteenCoresTwoToSevenIsolated));
        assertEquals(1, AgentThreads.checkPlan(List.of(
            new AgentSpec("log", 0, BACKOFF)), sixteenCoresTwoToSevenIsolated).size(), "a backoff agent is busy");
    }

    @Test
    void backoffAgentsMayShareAnIsolatedCpu()
    {
        assertEquals(List.of(), AgentThreads.checkPlan(List.of(
            new AgentSpec("gateway", 6, BACKOFF),
            new AgentSpec("book.0", 6, BACKOFF)), sixteenCoresTwoToSevenIsolated));
    }

    @Test
    @Timeout(30)
    void eachAgentGetsDutyCycleCountersThatItsThreadUpdates() throws Exception
    {
        final Path countersPath = dir.resolve("agents.counters");
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final AtomicInteger cycles = new AtomicInteger();
        try (CountersFile counters = CountersFile.create(countersPath, 16, SystemEpochClock.INSTANCE))
        {
            final AgentThreads threads = new AgentThreads(ThreadPinner.noOp(), sixteenCoresTwoToSevenIsolated,
                new PrintStream(log, true, StandardCharsets.UTF_8), Throwable::printStackTrace, null, counters,
                1_000_000L);
            final Agent slowEveryTenth = new Agent()
            {
                public int doWork() throws InterruptedException
                {
                    if (cycles.incrementAndGet() % 10 == 0)
                    {
                        Thread.sleep(3); // a 3 ms duty cycle: over the 1 ms stall threshold
                    }
                    return 1;
                }

                public String roleName()
                {
                    return "slow";
                }
            };
            final AgentRunner runner = threads.start(slowEveryTenth,
                new AgentSpec("book.7", 3, IdleSpec.parse("k", "sleep:100us")));
            try
            {
                Await.until("three stalls counted", Duration.ofSeconds(20), () -> stalls(counters) >= 3);
            }
            finally
            {
                runner.close();
            }
            final List<CounterSample> samples = counters.snapshot();
            assertEquals(2, samples.size());
            assertEquals("agent book.7 max duty cycle ns", samples.get(0).label());
            assertEquals(CounterTypes.AGENT_MAX_DUTY_CYCLE_NS, samples.get(0).typeId());
            assertTrue(samples.get(0).value() >= 3_000_000, "max cycle covers the 3 ms sleep: " + samples.get(0));
            assertEquals("agent book.7 stalls (cycles > 1ms)", samples.get(1).label());
            assertTrue(samples.get(1).value() >= 3);
            assertTrue(samples.get(1).value() < cycles.get() / 2,
                "the slow cycles count (and the odd preempted one on a busy machine), not every cycle: " +
                samples.get(1).value() + " of " + cycles.get());
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("agent book.7 NOT pinned to CPU 3"),
            "the no-op pinner's refusal is logged: " + log);
    }

    private static long stalls(final CountersFile counters)
    {
        final List<CounterSample> samples = counters.snapshot();
        return samples.size() < 2 ? 0 : samples.get(1).value();
    }
}
