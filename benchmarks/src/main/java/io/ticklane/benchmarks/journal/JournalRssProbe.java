package io.ticklane.benchmarks.journal;

import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalAppender;
import io.ticklane.journal.JournalOptions;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a journal of the given size with the default geometry (16 MiB chunks, a ring of 16 two-chunk windows,
 * 1 GiB segments, pre-faulting housekeeper) and samples this process's resident set every 512 MiB, to show that
 * it is bounded by the window ring (16 x 32 MiB = 512 MiB at most) and not by the journal's size.
 * <p>
 * Usage: {@code java <agrona opens> -cp ticklane-benchmarks.jar io.ticklane.benchmarks.journal.JournalRssProbe
 * [GiB=10] [dir=/tmp/ticklane-rss-probe] [payload=4000]}. The journal is deleted at the end.
 */
public final class JournalRssProbe
{
    private static final long SAMPLE_EVERY = 512L << 20;

    private JournalRssProbe()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final long total = (args.length > 0 ? Long.parseLong(args[0]) : 10) << 30;
        final Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/ticklane-rss-probe");
        final int payload = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        AppendHarness.deleteRecursively(dir);
        final long startNs = System.nanoTime();
        long maxRss = 0;
        long maxRssFile = 0;
        long maxMapped = 0;
        System.out.printf("%10s %12s %12s %12s %10s%n", "written MiB", "VmRSS KiB", "RssFile KiB", "mapped KiB",
            "MB/s");
        try (Journal journal = Journal.open(new JournalOptions(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(payload));
            long written = 0;
            long nextSample = SAMPLE_EVERY;
            while (written < total)
            {
                final long position = appender.append(1, written, src, 0, payload);
                if (position < 0)
                {
                    throw new IllegalStateException("append failed " + position + ": " + journal.lastError());
                }
                written = position + payload;
                if (written >= nextSample)
                {
                    nextSample += SAMPLE_EVERY;
                    final long rss = status("VmRSS:");
                    final long rssFile = status("RssFile:");
                    maxRss = Math.max(maxRss, rss);
                    maxRssFile = Math.max(maxRssFile, rssFile);
                    maxMapped = Math.max(maxMapped, journal.mappedBytes());
                    System.out.printf(Locale.ROOT, "%10d %12d %12d %12d %10.0f%n", written >> 20, rss, rssFile,
                        journal.mappedBytes() >> 10, written / ((System.nanoTime() - startNs) / 1e3));
                }
            }
            appender.close();
            System.out.printf(Locale.ROOT, "wrote %,d bytes in %d segment(s) in %.1f s; max VmRSS %,d KiB, " +
                "max RssFile %,d KiB, max mapped %,d KiB (ring bound %,d KiB)%n", journal.endPosition(),
                (journal.grownLimit() - 1) / journal.segmentSize() + 1, (System.nanoTime() - startNs) / 1e9, maxRss,
                maxRssFile, maxMapped >> 10, 16L * 2 * journal.chunkSize() >> 10);
        }
        finally
        {
            AppendHarness.deleteRecursively(dir);
        }
    }

    private static long status(final String field) throws Exception
    {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith(field))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
