package io.ticklane.benchmarks.journal;

import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Multi-process append benchmark of the journal's design (a memory-mapped append log that many processes write at
 * once, claiming space with an atomic shared cursor and committing each frame with the protocol of Aeron's log
 * buffers: length stored last, with release semantics): for each payload size and writer count, each
 * target (the journal's {@code append} and {@code tryClaim}, FileChannel in APPEND mode, positional FileChannel
 * writes, a Chronicle Queue appender) is run by that many writer JVMs at once on one fresh directory, and reported
 * with per-call percentiles and mean (latency phase, every call timed with {@code System.nanoTime}, timer cost
 * included and measured separately), throughput (a second, untimed phase, over the wall time from the first
 * writer's start to the last one's end), the ratio of the journal's throughput to each baseline's, and the minor
 * and major page faults the writing threads took per million appends over both phases (from
 * {@code /proc/thread-self/stat}: a fault on the append path costs microseconds, so the fault count explains the tail).
 * <p>
 * Usage: {@code java -cp ticklane-benchmarks.jar io.ticklane.benchmarks.journal.AppendHarness [--dir DIR]
 * [--sizes 128,4095] [--writers 1,2,4] [--targets journal,...] [--ops N] [--ops-4095 N] [--warmup N]}.
 * Writers are started with the JVM flags in {@link #WORKER_FLAGS}, which include the ones Chronicle Queue needs and
 * {@code -Dchronicle.analytics.disable=true}.
 */
public final class AppendHarness
{
    static final List<String> WORKER_FLAGS = List.of(
        "-Xms256m", "-Xmx256m", "-XX:+UseParallelGC",
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
        "--add-opens", "java.base/java.util=ALL-UNNAMED");

    private AppendHarness()
    {
    }

    record Result(String target, int writers, int size, Histogram latency, long opsTotal, long windowNs, long failed,
        long minorFaults, long majorFaults)
    {
        /**
         * @return faults per million appends over both phases, "minor / major".
         */
        String faultsPerMillion()
        {
            final double appends = 2.0 * opsTotal;
            return minorFaults < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f / %.1f", minorFaults * 1e6 / appends,
                majorFaults * 1e6 / appends);
        }

        double throughputOps()
        {
            return opsTotal * 1e9 / windowNs;
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = parse(args);
        final Path root = Path.of(options.getOrDefault("dir", "/dev/shm/ticklane-append-bench"));
        final List<Integer> sizes = ints(options.getOrDefault("sizes", "128,4095"));
        final List<Integer> writerCounts = ints(options.getOrDefault("writers", "1,2,4"));
        final List<String> targets = List.of(options.getOrDefault("targets", String.join(",",
            AppendTarget.NAMES)).split(","));
        final int ops = Integer.parseInt(options.getOrDefault("ops", "1000000"));
        final int opsLarge = Integer.parseInt(options.getOrDefault("ops-4095", "50000"));
        final int warmup = Integer.parseInt(options.getOrDefault("warmup", "200000"));
        final PrintStream out = System.out;
        out.printf("# journal append benchmark: sizes %s, writers %s, targets %s, %d ops (%d for >= 4 KiB) per " +
            "writer per phase, %d warmup, dir %s%n", sizes, writerCounts, targets, ops, opsLarge, warmup, root);
        out.printf("# timer: System.nanoTime back to back, median %d ns (included in every per-call figure)%n",
            timerCostNs());
        out.printf("# %s, load %s%n", Runtime.version(), loadAverage());
        final List<Result> results = new ArrayList<>();
        for (final int size : sizes)
        {
            for (final int writers : writerCounts)
            {
                final int n = size >= 4096 - 64 ? opsLarge : ops;
                for (final String target : targets)
                {
                    final Result result = run(root, target, writers, size, n, Math.min(warmup, n), out);
                    results.add(result);
                    out.printf("#   %s %d B x %d writer(s): p50 %d ns, mean %.1f ns, %.2f Mops/s%n", target, size,
                        writers, result.latency.getValueAtPercentile(50), result.latency.getMean(),
                        result.throughputOps() / 1e6);
                }
                printTable(out, results, size, writers);
            }
        }
    }

    private static Result run(final Path root, final String target, final int writers, final int size, final int ops,
        final int warmup, final PrintStream out) throws Exception
    {
        final Path dir = root.resolve(target + "-" + size + "-" + writers);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        final Path barrierFile = dir.resolve("barrier");
        final MappedByteBuffer mapping;
        try (RandomAccessFile file = new RandomAccessFile(barrierFile.toFile(), "rw"))
        {
            file.setLength(AppendWorker.BARRIER_LENGTH);
            mapping = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, AppendWorker.BARRIER_LENGTH);
        }
        final UnsafeBuffer barrier = new UnsafeBuffer(mapping, 0, AppendWorker.BARRIER_LENGTH);
        final List<Process> processes = new ArrayList<>();
        try
        {
            for (int w = 0; w < writers; w++)
            {
                final List<String> command = new ArrayList<>();
                command.add(ProcessHandle.current().info().command().orElse("java"));
                command.addAll(WORKER_FLAGS);
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add(AppendWorker.class.getName());
                command.addAll(List.of(target, dir.resolve("data").toString(), String.valueOf(size),
                    String.valueOf(ops), String.valueOf(warmup), barrierFile.toString(),
                    dir.resolve("result-" + w).toString()));
                processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("worker-" + w + ".log").toFile()).start());
            }
            release(barrier, AppendWorker.READY_1, AppendWorker.GO_1, writers, processes, dir);
            release(barrier, AppendWorker.READY_2, AppendWorker.GO_2, writers, processes, dir);
            final Histogram latency = new Histogram(60_000_000_000L, 3);
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            long minor = 0;
            long major = 0;
            for (int w = 0; w < writers; w++)
            {
                if (!processes.get(w).waitFor(10, TimeUnit.MINUTES) || processes.get(w).exitValue() != 0)
                {
                    throw new IllegalStateException("writer " + w + " of " + target + " failed: " +
                        Files.readString(dir.resolve("worker-" + w + ".log")));
                }
                final List<String> lines = Files.readAllLines(dir.resolve("result-" + w), StandardCharsets.US_ASCII);
                final String[] times = lines.get(0).split(" ");
                start = Math.min(start, Long.parseLong(times[0]));
                end = Math.max(end, Long.parseLong(times[1]));
                final long writerMinor = Long.parseLong(times[3]);
                minor = minor < 0 || writerMinor < 0 ? -1 : minor + writerMinor;
                major = major < 0 || writerMinor < 0 ? -1 : major + Long.parseLong(times[4]);
                latency.add(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(lines.get(1))), 0));
            }
            if (barrier.getLongVolatile(AppendWorker.FAILED) > 0)
            {
                for (int w = 0; w < writers; w++)
                {
                    System.out.println("#   writer " + w + " of " + target + ": " +
                        Files.readString(dir.resolve("worker-" + w + ".log")).trim());
                }
            }
            return new Result(target, writers, size, latency, (long)ops * writers, end - start,
                barrier.getLongVolatile(AppendWorker.FAILED), minor, major);
        }
        finally
        {
            processes.forEach(Process::destroyForcibly);
            IoUtil.unmap(mapping);
            deleteRecursively(dir);
        }
    }

    private static void release(final UnsafeBuffer barrier, final int readyOffset, final int goOffset,
        final int writers, final List<Process> processes, final Path dir) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (barrier.getLongVolatile(readyOffset) < writers)
        {
            for (int w = 0; w < processes.size(); w++)
            {
                if (!processes.get(w).isAlive())
                {
                    throw new IllegalStateException("writer " + w + " exited early: " +
                        Files.readString(dir.resolve("worker-" + w + ".log")));
                }
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("writers did not reach the barrier");
            }
            Thread.sleep(1);
        }
        barrier.putLongVolatile(goOffset, 1);
    }

    private static void printTable(final PrintStream out, final List<Result> results, final int size,
        final int writers)
    {
        Result journal = null;
        for (final Result result : results)
        {
            if (result.size == size && result.writers == writers && result.target.equals("journal"))
            {
                journal = result;
            }
        }
        out.printf("%n%d B payload, %d writer process(es), load %s:%n%n", size, writers, loadAverage());
        out.println("| target | p50 ns | p90 ns | p99 ns | p99.9 ns | max ns | mean ns | Mops/s | MB/s | " +
            "faults per M appends (minor / major) | journal throughput / this |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (final Result r : results)
        {
            if (r.size != size || r.writers != writers)
            {
                continue;
            }
            final Histogram h = r.latency;
            out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f | %.2f | %.1f | %s | %s |%s%n", r.target,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean(), r.throughputOps() / 1e6,
                r.throughputOps() * size / 1e6, r.faultsPerMillion(),
                null == journal ? "-" : String.format(Locale.ROOT, "%.2fx", journal.throughputOps() /
                r.throughputOps()), r.failed > 0 ? " (" + r.failed + " failed appends)" : "");
        }
        out.println();
    }

    /**
     * @return the 1, 5 and 15 minute load averages, so that a table says how busy the machine was.
     */
    static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (final java.io.IOException ex)
        {
            return "unknown";
        }
    }

    static long timerCostNs()
    {
        final Histogram histogram = new Histogram(3);
        for (int i = 0; i < 2_000_000; i++)
        {
            final long t0 = System.nanoTime();
            final long t1 = System.nanoTime();
            histogram.recordValue(t1 - t0);
        }
        return histogram.getValueAtPercentile(50);
    }

    private static Map<String, String> parse(final String[] args)
    {
        final Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            if (!args[i].startsWith("--"))
            {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static List<Integer> ints(final String list)
    {
        final List<Integer> values = new ArrayList<>();
        for (final String item : list.split(","))
        {
            values.add(Integer.parseInt(item.trim()));
        }
        return values;
    }

    static void deleteRecursively(final Path dir) throws Exception
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)walk.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
