package io.ticklane.benchmarks.latency;

import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.DutyCycleStallTracker;
import io.ticklane.latency.DutyCycleTrackingAgent;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What duty-cycle tracking adds to every agent cycle: an idle poll of a trivial agent called bare (the baseline)
 * and through {@link DutyCycleTrackingAgent} as for a spinning agent (one clock read and two compares per cycle).
 * Both in one invocation.
 * <pre>
 * java -jar benchmarks/target/ticklane-benchmarks.jar 'latency.DutyCycleBenchmark'
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class DutyCycleBenchmark
{
    private Agent bare;
    private Agent tracked;

    @Setup
    public void setUp()
    {
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(8192)));
        bare = new IdlePoll();
        tracked = new DutyCycleTrackingAgent(new IdlePoll(), new DutyCycleStallTracker(
            counters.newCounter("max", CounterTypes.AGENT_MAX_DUTY_CYCLE_NS),
            counters.newCounter("stalls", CounterTypes.AGENT_STALLS), 1_000_000L), SystemNanoClock.INSTANCE, true);
    }

    @Benchmark
    public int bareAgent() throws Exception
    {
        return bare.doWork();
    }

    @Benchmark
    public int trackedAgent() throws Exception
    {
        return tracked.doWork();
    }

    /** Finds no work, like a poll of an empty subscription. */
    static final class IdlePoll implements Agent
    {
        private int polls;

        public int doWork()
        {
            polls++;
            return (polls & 0xFFFF) == 0 ? 1 : 0;
        }

        public String roleName()
        {
            return "idle-poll";
        }
    }
}
