package io.ticklane.benchmarks.journal;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One writer appending records of 1, 128 and 4,095 bytes: the journal ({@code append}, and {@code tryClaim} with
 * the payload written in place) against its baselines in the same invocation: FileChannel in APPEND mode, positional
 * FileChannel writes at a shared cursor, and a Chronicle Queue appender. Average time per call and sampled per-call
 * percentiles. Each iteration starts on a fresh directory (so page faults of a growing log are included and the
 * disk or tmpfs use stays bounded). Several writer processes: {@link AppendHarness}.
 * <p>
 * {@code java -jar benchmarks/target/ticklane-benchmarks.jar JournalAppendBenchmark -p dir=/dev/shm/jmh-journal}
 */
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {
    "-Xms512m", "-Xmx512m", "-XX:+UseParallelGC",
    "-Dchronicle.analytics.disable=true", "-Dchronicle.disk.monitor.disable=true", "-Djvm.resource.tracing=false",
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens", "java.base/java.io=ALL-UNNAMED",
    "--add-opens", "java.base/java.util=ALL-UNNAMED" })
@State(Scope.Thread)
public class JournalAppendBenchmark
{
    @Param({ "journal", "journal-claim", "fc-append", "fc-positional", "chronicle" })
    public String target;

    @Param({ "1", "128", "4095" })
    public int size;

    @Param("/dev/shm/ticklane-jmh-journal")
    public String dir;

    private AppendTarget appendTarget;
    private Path iterationDir;
    private int iteration;

    @Setup(Level.Iteration)
    public void open() throws Exception
    {
        iterationDir = Path.of(dir, target + "-" + size + "-" + ProcessHandle.current().pid() + "-" + iteration++);
        AppendHarness.deleteRecursively(iterationDir);
        appendTarget = AppendTarget.open(target, iterationDir, size);
    }

    @TearDown(Level.Iteration)
    public void close() throws Exception
    {
        appendTarget.close();
        AppendHarness.deleteRecursively(iterationDir);
    }

    @Benchmark
    public boolean append()
    {
        return appendTarget.append();
    }
}
