package io.ticklane.latency;

import io.ticklane.testkit.Await;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters file as {@code engine stat} uses it: written by one process, read live by another.
 */
class CountersFileTest
{
    private static final long DEADLINE_NS = 20_000_000_000L;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren()
    {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void snapshotShowsLabelsTypesAndValues()
    {
        final Path path = dir.resolve("a.counters");
        try (CountersFile file = CountersFile.create(path, 8, SystemEpochClock.INSTANCE))
        {
            final AtomicCounter gaps = file.newCounter("gateway gaps (packets missed)", CounterTypes.GAPS);
            final AtomicCounter stalls = file.newCounter("agent gateway stalls", CounterTypes.AGENT_STALLS);
            gaps.getAndAddRelease(7);
            stalls.incrementRelease();
            try (CountersFile reader = CountersFile.openReadOnly(path))
            {
                final List<CounterSample> samples = reader.snapshot();
                assertEquals(2, samples.size());
                assertEquals(new CounterSample(0, CounterTypes.GAPS, "gateway gaps (packets missed)", 7),
                    samples.get(0));
                assertEquals("agent", samples.get(1).group());
                assertEquals(1, samples.get(1).value());
                assertEquals(ProcessHandle.current().pid(), reader.ownerPid());
                assertEquals(CountersFile.Liveness.RUNNING, reader.liveness(System.currentTimeMillis()));
                assertThrows(IllegalStateException.class, () -> reader.newCounter("x", CounterTypes.GAPS));
            }
        }
    }

    @Test
    void openingWhatIsNotACountersFileSaysWhy() throws IOException
    {
        final Path missing = dir.resolve("missing.counters");
        final IllegalStateException none = assertThrows(IllegalStateException.class,
            () -> CountersFile.openReadOnly(missing));
        assertTrue(none.getMessage().contains("no counters file"), none.getMessage());

        final Path small = Files.write(dir.resolve("small.counters"), new byte[10]);
        assertTrue(assertThrows(IllegalStateException.class, () -> CountersFile.openReadOnly(small))
            .getMessage().contains("being created"));

        final Path garbage = Files.write(dir.resolve("garbage.counters"), new byte[4096]);
        assertTrue(assertThrows(IllegalStateException.class, () -> CountersFile.openReadOnly(garbage))
            .getMessage().contains("not a complete ticklane counters file"));
    }

    @Test
    @Timeout(60)
    void anotherProcessSeesLiveValuesThenAKilledOwnerAsDead() throws Exception
    {
        final Path path = dir.resolve("live.counters");
        final Process child = spawn(path);
        try (CountersFile reader = CountersFile.openReadOnly(path))
        {
            final long first = awaitValue(reader, 0, 1);
            final long later = awaitValue(reader, 0, first + 3);
            assertTrue(later > first);
            assertEquals(child.pid(), reader.ownerPid());
            assertEquals(CountersFile.Liveness.RUNNING, reader.liveness(System.currentTimeMillis()));

            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            final long frozen = reader.reader().getCounterValue(0);
            final long afterStale = System.currentTimeMillis() + CountersFile.STALE_HEARTBEAT_MS + 1;
            assertEquals(CountersFile.Liveness.DEAD, reader.liveness(afterStale),
                "heartbeat stale and pid gone: crashed or killed");
            assertEquals(frozen, reader.snapshot().get(0).value(), "values stay readable after the owner died");
            assertFalse(reader.isReplaced());
        }
    }

    @Test
    @Timeout(60)
    void aCleanCloseReadsAsStoppedAndARestartAsReplaced() throws Exception
    {
        final Path path = dir.resolve("closing.counters");
        final Process child = spawn(path, "close-after", "5");
        try (CountersFile reader = CountersFile.openReadOnly(path))
        {
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            assertEquals(CountersFile.Liveness.STOPPED, reader.liveness(System.currentTimeMillis()));
            assertEquals(5, reader.snapshot().get(0).value());

            try (CountersFile restarted = CountersFile.create(path, 4, SystemEpochClock.INSTANCE))
            {
                assertTrue(reader.isReplaced(), "the path now names the new engine's file");
                try (CountersFile fresh = CountersFile.openReadOnly(path))
                {
                    assertFalse(fresh.isReplaced());
                    assertEquals(ProcessHandle.current().pid(), fresh.ownerPid());
                    assertTrue(fresh.snapshot().isEmpty());
                }
            }
        }
    }

    private Process spawn(final Path path, final String... extra) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-opens");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/java.util.zip=ALL-UNNAMED");
        command.add("-Xmx64m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CountersWriterProcess.class.getName());
        command.add(path.toString());
        command.addAll(List.of(extra));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        final String line = out.readLine();
        assertEquals("READY", line, "child did not start");
        return process;
    }

    private static long awaitValue(final CountersFile reader, final int counterId, final long atLeast)
    {
        return Await.value("counter " + counterId + " to reach " + atLeast, Duration.ofNanos(DEADLINE_NS),
            () -> reader.reader().getCounterValue(counterId), value -> value >= atLeast);
    }
}
