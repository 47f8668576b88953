package io.ticklane.benchmarks.latency;

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

import java.util.concurrent.TimeUnit;

/**
 * Cost of one timestamp: {@link System#nanoTime()} (the baseline, and the engine's clock) against the TSC read
 * through JNI, raw and converted to ns, with {@link System#currentTimeMillis()} for reference. All in one
 * invocation so the ratios can be quoted. The TSC benchmarks fail at setup, with the reason, where the stub was not
 * built.
 * <pre>
 * java -jar benchmarks/target/ticklane-benchmarks.jar 'latency.ClockBenchmark'
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED", "-XX:+UseParallelGC"})
public class ClockBenchmark
{
    /** Only the TSC benchmarks need the stub, so only they fail where it is missing. */
    @State(Scope.Thread)
    public static class Tsc
    {
        TscTicker ticker;

        @Setup
        public void setUp()
        {
            ticker = TscTicker.load();
        }
    }

    @Benchmark
    public long nanoTime()
    {
        return System.nanoTime();
    }

    @Benchmark
    public long tscTicksJni(final Tsc tsc)
    {
        return TscTicker.rdtsc();
    }

    @Benchmark
    public long tscNanosJni(final Tsc tsc)
    {
        return tsc.ticker.nanoTime();
    }

    @Benchmark
    public long currentTimeMillis()
    {
        return System.currentTimeMillis();
    }
}
