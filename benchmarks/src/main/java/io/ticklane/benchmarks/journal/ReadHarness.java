package io.ticklane.benchmarks.journal;

import io.ticklane.journal.FrameHandler;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalAppender;
import io.ticklane.journal.JournalOptions;
import io.ticklane.journal.JournalReader;
import io.ticklane.journal.SequentialReader;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sequential read benchmark, for replay: the same records (N frames of one payload size, written once) read from the
 * start to the end, one core, by the journal's {@link SequentialReader} (block reads, the replay path), its mapped
 * {@link JournalReader}, and a Chronicle Queue tailer ({@code readingDocument}, zero-copy), each in a fresh JVM of its
 * own, in one invocation. Every handler reads the first 8 bytes of each payload. Each reader runs {@code passes} full
 * passes, each with a new reader (and new mappings): the first pass is what a replay process sees; the table gives
 * the first and the median pass, frames per second, and the page faults of the reading thread per million frames.
 * <p>
 * Usage: {@code java -cp ticklane-benchmarks.jar io.ticklane.benchmarks.journal.ReadHarness [--dir DIR]
 * [--frames N] [--size B] [--passes P]}; the JVM flags of {@link AppendHarness#WORKER_FLAGS} are passed on.
 */
public final class ReadHarness
{
    static final List<String> TARGETS = List.of("journal-sequential", "journal-mapped", "chronicle-tailer");

    private ReadHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("--worker"))
        {
            worker(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            return;
        }
        if (args.length > 0 && args[0].equals("--writer"))
        {
            write(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        final Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            options.put(args[i].substring(2), args[i + 1]);
        }
        final Path root = Path.of(options.getOrDefault("dir", "/dev/shm/ticklane-read-bench"));
        final int frames = Integer.parseInt(options.getOrDefault("frames", "4000000"));
        final int size = Integer.parseInt(options.getOrDefault("size", "128"));
        final int passes = Integer.parseInt(options.getOrDefault("passes", "5"));
        final PrintStream out = System.out;
        AppendHarness.deleteRecursively(root);
        Files.createDirectories(root);
        out.printf("# journal read benchmark: %,d frames of %d B, %d passes per reader, dir %s, %s, load %s%n",
            frames, size, passes, root, Runtime.version(), AppendHarness.loadAverage());
        spawn(root, "writer", List.of("--writer", root.toString(), String.valueOf(frames), String.valueOf(size)));
        out.printf("%n%,d frames of %d B, one reading thread, load %s:%n%n", frames, size, AppendHarness.loadAverage());
        out.println("| reader | first pass Mframes/s | median pass Mframes/s | best pass Mframes/s | " +
            "faults per M frames (minor / major) | journal-sequential / this (median) |");
        out.println("|---|---:|---:|---:|---:|---:|");
        final List<double[]> results = new ArrayList<>();
        for (final String target : TARGETS)
        {
            results.add(run(root, target, passes, frames));
        }
        for (int t = 0; t < TARGETS.size(); t++)
        {
            final double[] r = results.get(t);
            out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f / %.1f | %.2fx |%n", TARGETS.get(t), r[0], r[1],
                r[2], r[3], r[4], results.get(0)[1] / r[1]);
        }
        AppendHarness.deleteRecursively(root);
    }

    private static void write(final Path root, final int frames, final int size)
    {
        final UnsafeBuffer src = AppendTarget.payload(size);
        try (Journal journal = Journal.open(new JournalOptions(root.resolve("journal"))))
        {
            final JournalAppender appender = journal.newAppender();
            for (int i = 0; i < frames; i++)
            {
                src.putLong(0, i);
                while (appender.append(1, i, src, 0, size) < 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(root.resolve("chronicle").toString()).build();
            ExcerptAppender appender = queue.createAppender())
        {
            final Bytes<?> bytes = Bytes.allocateDirect(size);
            for (int i = 0; i < frames; i++)
            {
                bytes.clear();
                bytes.writeLong(i);
                bytes.writeSkip(size - 8);
                appender.writeBytes(bytes);
            }
            bytes.releaseLast();
        }
    }

    /**
     * @return {first, median, best} Mframes/s, minor and major faults per million frames.
     */
    private static double[] run(final Path root, final String target, final int passes, final int frames)
        throws Exception
    {
        final Path result = root.resolve("result-" + target);
        spawn(root, target, List.of("--worker", target, root.toString(), String.valueOf(passes), result.toString()));
        final String[] fields = Files.readString(result, StandardCharsets.US_ASCII).trim().split(" ");
        final long read = Long.parseLong(fields[0]);
        if (read != (long)frames * passes)
        {
            throw new IllegalStateException(target + " read " + read + " frames, expected " + (long)frames * passes);
        }
        final double[] rates = new double[passes];
        for (int p = 0; p < passes; p++)
        {
            rates[p] = frames / (Long.parseLong(fields[3 + p]) / 1e9) / 1e6;
        }
        final double first = rates[0];
        final double[] sorted = rates.clone();
        Arrays.sort(sorted);
        final double faults = (double)frames * passes / 1e6;
        return new double[]{ first, sorted[passes / 2], sorted[passes - 1], Long.parseLong(fields[1]) / faults,
            Long.parseLong(fields[2]) / faults };
    }

    /**
     * Runs this class in a JVM of its own with the flags Chronicle needs, and waits for it.
     */
    private static void spawn(final Path root, final String name, final List<String> args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(AppendHarness.WORKER_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReadHarness.class.getName()));
        command.addAll(args);
        final Path log = root.resolve("worker-" + name + ".log");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
            .start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0)
        {
            process.destroyForcibly();
            throw new IllegalStateException(name + " failed: " + Files.readString(log));
        }
    }

    /**
     * One reader process: {@code passes} full passes, each with a new reader; writes "frames minor major ns...".
     */
    private static void worker(final String target, final Path root, final int passes, final Path result)
        throws Exception
    {
        final Summer summer = new Summer();
        final long[] passNs = new long[passes];
        final long[] before = ThreadFaults.read();
        for (int p = 0; p < passes; p++)
        {
            final long startNs = System.nanoTime();
            switch (target)
            {
                case "journal-sequential":
                case "journal-mapped":
                    readJournal(root.resolve("journal"), target.equals("journal-sequential"), summer);
                    break;
                case "chronicle-tailer":
                    readChronicle(root.resolve("chronicle"), summer);
                    break;
                default:
                    throw new IllegalArgumentException("unknown reader " + target + "; allowed: " + TARGETS);
            }
            passNs[p] = System.nanoTime() - startNs;
        }
        final long[] after = ThreadFaults.read();
        final StringBuilder sb = new StringBuilder().append(summer.frames).append(' ').append(after[0] - before[0])
            .append(' ').append(after[1] - before[1]);
        for (final long ns : passNs)
        {
            sb.append(' ').append(ns);
        }
        Files.writeString(result, sb + "\n", StandardCharsets.US_ASCII);
        System.out.println(target + " checksum " + summer.sum);
    }

    private static void readJournal(final Path dir, final boolean sequential, final Summer summer)
    {
        try (Journal journal = Journal.open(new JournalOptions(dir).readOnly(true)))
        {
            if (sequential)
            {
                try (SequentialReader reader = journal.newSequentialReader(journal.startPosition()))
                {
                    while (reader.poll(summer, 4096) > 0)
                    {
                        // read to the end
                    }
                }
            }
            else
            {
                try (JournalReader reader = journal.newReader(journal.startPosition()))
                {
                    while (reader.poll(summer, 4096) > 0)
                    {
                        // read to the end
                    }
                }
            }
        }
    }

    private static void readChronicle(final Path dir, final Summer summer)
    {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toString()).readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    summer.sum += bytes.readLong(bytes.readPosition());
                    summer.frames++;
                }
            }
        }
    }

    /**
     * Reads the first 8 bytes of each payload, so no reader can skip touching the frames.
     */
    private static final class Summer implements FrameHandler
    {
        long sum;
        long frames;

        public void onFrame(final int recordType, final long timestampNs, final DirectBuffer buffer, final int offset,
            final int length, final long position)
        {
            sum += buffer.getLong(offset);
            frames++;
        }
    }
}
