package io.ticklane.benchmarks.latency;

import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRecorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost of recording one latency: the engine's {@link StageRecorder} (clamp checks and counts around a
 * {@code SingleWriterRecorder}) against a bare {@code SingleWriterRecorder.recordValue} baseline, on the same
 * spread of in-range values. The same invocation measures both, so the clamping overhead can be quoted.
 * <pre>
 * java -jar benchmarks/target/ticklane-benchmarks.jar 'latency.StageRecorderBenchmark'
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class StageRecorderBenchmark
{
    private static final long HIGHEST_NS = 10_000_000_000L;
    private static final int MASK = 1023;

    private final StageRecorder stageRecorder = new StageRecorder(LatencyStage.END_TO_END, HIGHEST_NS);
    private final SingleWriterRecorder bareRecorder = new SingleWriterRecorder(1, HIGHEST_NS, 3);
    private final long[] values = new long[MASK + 1];
    private int index;

    public StageRecorderBenchmark()
    {
        long value = 200;
        for (int i = 0; i < values.length; i++)
        {
            values[i] = value;
            value = value * 1103515245L + 12345L & 0xFFFFFL; // 0..1 ms, spread over many buckets
        }
    }

    @Benchmark
    public void bareSingleWriterRecorder()
    {
        bareRecorder.recordValue(values[index++ & MASK]);
    }

    @Benchmark
    public void stageRecorder()
    {
        stageRecorder.record(values[index++ & MASK]);
    }
}
