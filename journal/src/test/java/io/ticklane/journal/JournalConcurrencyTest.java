package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four writer threads append at once while a fifth thread tails: every record is read back exactly once, intact,
 * in each writer's order, through chunk straddles, growth races and segment rolls.
 */
class JournalConcurrencyTest
{
    private static final int WRITERS = 4;
    private static final int RECORDS = 20_000;
    private Path dir;

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-threads");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fourWriterThreadsEveryRecordOnceInOrder() throws Exception
    {
        final JournalOptions options = JournalTestSupport.small(dir)
            .segmentSize(1 << 20)
            .mappedWindows(16)
            .housekeeper(true)
            .claimTimeoutNs(5_000_000_000L);
        try (Journal journal = Journal.open(options))
        {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++)
            {
                final int writer = w + 1;
                threads.add(new Thread(() -> write(journal, writer, failure), "writer-" + writer));
            }
            final RecordCollector collector = new RecordCollector();
            final JournalReader tail = journal.newReader(0);
            threads.forEach(Thread::start);
            JournalTestSupport.pollUntil(tail, collector, TimeUnit.SECONDS.toNanos(100),
                () -> collector.frames >= (long)WRITERS * RECORDS || null != failure.get());
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertNull(failure.get(), () -> "writer failed: " + failure.get());
            assertEquals((long)WRITERS * RECORDS, collector.frames);
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            for (int w = 1; w <= WRITERS; w++)
            {
                assertNull(collector.checkPrefix(w, RECORDS, false));
            }
            assertEquals(0, tail.corruptFrames());
            tail.close();
            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            assertTrue(report.ok(), report.problems()::toString);
            assertEquals((long)WRITERS * RECORDS, report.dataFrames());
            assertTrue(journal.endPosition() > options.segmentSize(), "the test must roll segments");
        }
    }

    private static void write(final Journal journal, final int writer, final AtomicReference<Throwable> failure)
    {
        try
        {
            final JournalAppender appender = journal.newAppender();
            final JournalClaim claim = new JournalClaim();
            final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
            final ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long sequence = 0; sequence < RECORDS; )
            {
                final int length = random.nextInt(12, random.nextInt(10) == 0 ? 4096 : 200);
                final long position;
                if ((sequence & 3) == 0)
                {
                    position = appender.tryClaim(writer, sequence, length, claim);
                    if (position >= 0)
                    {
                        JournalTestSupport.fill(claim.buffer(), claim.offset(), length, writer, sequence);
                        if (claim.commit() < 0)
                        {
                            continue;
                        }
                    }
                }
                else
                {
                    JournalTestSupport.fill(src, 0, length, writer, sequence);
                    position = appender.append(writer, sequence, src, 0, length);
                }
                if (position == JournalAppender.ABANDONED)
                {
                    continue;
                }
                if (position < 0)
                {
                    throw new IllegalStateException("append failed " + position + ": " + journal.lastError());
                }
                sequence++;
            }
            appender.close();
        }
        catch (final Throwable t)
        {
            failure.compareAndSet(null, t);
        }
    }
}
