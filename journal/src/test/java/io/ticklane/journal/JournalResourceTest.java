package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady-state appends and reads allocate nothing; resident memory stays bounded by the window ring, not by the
 * journal's size (the 10 GB figure is measured by the benchmarks module's JournalRssProbe, docs/BENCHMARKS.md).
 */
class JournalResourceTest
{
    private Path dir;

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-res");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void steadyStateAppendClaimAndPollAllocateNothing() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        try (Journal journal = Journal.open(new JournalOptions(dir).housekeeper(false)))
        {
            final JournalAppender appender = journal.newAppender();
            final JournalClaim claim = new JournalClaim();
            final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
            final FrameHandler handler = (type, time, buffer, offset, length, position) -> { };
            final JournalReader reader = journal.newReader(0);
            final SequentialReader sequential = journal.newSequentialReader(0);
            for (int round = 0; round < 3; round++)
            {
                final long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 20_000; i++)
                {
                    if (appender.append(1, i, src, 0, 128) < 0)
                    {
                        throw new AssertionError("append failed");
                    }
                    if (appender.tryClaim(2, i, 64, claim) < 0)
                    {
                        throw new AssertionError("claim failed");
                    }
                    claim.buffer().putLong(claim.offset(), i);
                    claim.commit();
                }
                int read = 0;
                while (read < 40_000)
                {
                    read += reader.poll(handler, 1000);
                }
                read = 0;
                while (read < 40_000)
                {
                    read += sequential.poll(handler, 1000);
                }
                final long allocated = threads.getThreadAllocatedBytes(thread) - before;
                if (round == 2)
                {
                    assertEquals(0, allocated, "bytes allocated by 40,000 appends and reads by both readers");
                }
            }
            reader.close();
            sequential.close();
        }
    }

    @Test
    @Tag("slow")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void residentSizeIsBoundedByTheWindowRingNotTheJournal() throws Exception
    {
        final int chunk = 1 << 20;
        final int ring = 4;
        final long total = 256L << 20;
        final JournalOptions options = new JournalOptions(dir).chunkSize(chunk).segmentSize(64L << 20)
            .mappedWindows(ring).housekeeper(true).retainSegments(2);
        final long rssBefore = rssFileKb();
        long maxMapped = 0;
        long maxRssDelta = 0;
        try (Journal journal = Journal.open(options))
        {
            final JournalAppender appender = journal.newAppender();
            final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            long written = 0;
            while (written < total)
            {
                final long position = appender.append(1, written, src, 0, 4000);
                assertTrue(position >= 0, "append " + position + " " + journal.lastError());
                written += 4032;
                if ((written & ((16 << 20) - 1)) < 4032)
                {
                    maxMapped = Math.max(maxMapped, journal.mappedBytes());
                    maxRssDelta = Math.max(maxRssDelta, rssFileKb() - rssBefore);
                }
            }
            appender.close();
        }
        final long boundKb = ring * 2L * chunk / 1024;
        assertTrue(maxMapped <= ring * 2L * chunk, "mapped " + maxMapped);
        assertTrue(maxRssDelta <= boundKb + 16 * 1024, "file-backed RSS grew by " + maxRssDelta + " KiB writing " +
            (total >> 20) + " MiB; ring bound " + boundKb + " KiB");
    }

    static long rssFileKb() throws Exception
    {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("RssFile:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
