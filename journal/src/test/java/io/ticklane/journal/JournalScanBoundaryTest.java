package io.ticklane.journal;

import org.agrona.DirectBuffer;
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
import java.util.concurrent.TimeUnit;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every position the journal moves a reader, a walk or the shared scanned position to is a frame boundary, also
 * when what it read a moment earlier (the grown limit, an empty claim) is overtaken by a writer in another process.
 * A position inside a frame reads payload bytes as a header: the journal panics although nothing is damaged.
 * Most cases set up, deterministically, the interleaving that a racing writer produces; the last one races real
 * writer threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalScanBoundaryTest
{
    private static final int PAYLOAD = 3000;
    private Path dir;
    private final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-boundary");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    private long append(final JournalAppender appender, final long sequence, final int length)
    {
        JournalTestSupport.fill(src, 0, length, 1, sequence);
        final long position = appender.append(1, sequence, src, 0, length);
        assertTrue(position >= 0, "append " + position);
        return position;
    }

    /**
     * A process opens the journal while another is appending a frame that crosses the grown limit: it reads the
     * cursor (past the claim) and the grown limit (the chunk end, inside the claim), then the writer grows and
     * commits before the recovery walk gets there. Recovery must not publish the grown limit as the scanned
     * position: the housekeeper of every process resumes its scan there.
     */
    @Test
    void recoveryPublishesAFrameBoundaryWhenTheGrownLimitItReadCutsAFrame()
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            final int chunk = journal.chunkSize();
            long straddlerEnd = -1;
            for (long sequence = 0; straddlerEnd < 0; sequence++)
            {
                final long position = append(appender, sequence, PAYLOAD);
                final long end = position + alignedFrameLength(PAYLOAD);
                if (position < chunk && end > chunk)
                {
                    straddlerEnd = end;
                }
            }
            append(appender, 1000, PAYLOAD);
            final long cursor = journal.endPosition();

            final RecoveryReport report = JournalRecovery.recover(journal, cursor, chunk);

            assertEquals(-1, report.brokenPosition(), report::summary);
            assertEquals(PANIC_NONE, journal.panicReason());
            assertEquals(straddlerEnd, journal.scannedPosition(),
                "scanned up to the end of the last frame the walk saw committed, not to the grown limit inside it");
            try (JournalReader scanner = new JournalReader(journal, journal.scannedPosition(), false, true))
            {
                scanner.poll((type, time, buffer, offset, length, position) -> { }, 1000);
                assertEquals(PANIC_NONE, journal.panicReason(), "the housekeeper's scan from the scanned position");
                assertEquals(cursor, scanner.position());
            }
        }
    }

    /**
     * A journal left by an earlier build with its scanned position inside a frame opens without a panic: recovery
     * starts from the frame that holds that position and moves the shared position back to it.
     */
    @Test
    void recoveryStartsFromTheFrameHoldingAScannedPositionLeftInsideIt()
    {
        final long inside;
        final long holder;
        final long cursor;
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            long position = 0;
            for (long sequence = 0; position < journal.chunkSize(); sequence++)
            {
                position = append(appender, sequence, PAYLOAD);
            }
            holder = position;
            inside = holder + 1024;
            append(appender, 1000, PAYLOAD);
            cursor = journal.endPosition();
            journal.metadata().advanceScannedPosition(inside);
        }
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            assertEquals(PANIC_NONE, journal.panicReason(), journal.recovery()::summary);
            assertEquals(holder, journal.recovery().fromPosition());
            assertEquals(cursor, journal.scannedPosition());
            assertTrue(journal.lastError().contains("inside the frame at " + holder), journal.lastError());
            assertTrue(JournalVerifier.verify(journal, null).ok());
        }
    }

    /**
     * A writer claims a frame longer than a chunk, then stalls before its header CAS (growing the log, descheduled):
     * a walk finds its first word 0 and a region of zeros that runs past the end of the window. The writer then puts
     * its header down and writes its payload by positional write. The walk must go on at the frame after the claim,
     * never at the window end, which lies inside the claimed frame.
     */
    @Test
    void walkOverAnEmptyClaimLongerThanAWindowResumesAtTheNextFrame() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            final long first = append(appender, 0, 100);
            final int large = 150_000;
            final int aligned = alignedFrameLength(large);
            final long claimed = journal.metadata().claim(aligned);
            assertEquals(SegmentStore.OK, journal.store().ensureGrown(claimed + aligned, false));
            assertTrue(claimed + aligned > 2L * journal.chunkSize(), "the claim runs past its window");
            final long next = append(appender, 1, 100);
            assertEquals(claimed + aligned, next);

            final List<Long> data = new ArrayList<>();
            final List<String> problems = new ArrayList<>();
            final boolean[] written = { false };
            journal.walk(0, journal.endPosition(), new FrameVisitor()
            {
                public void onData(final long position, final int recordType, final long timestampNs,
                    final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
                {
                    data.add(position);
                }

                public void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
                {
                    if (position != claimed || headerSeen)
                    {
                        problems.add("uncommitted " + frameLength + " bytes at " + position);
                    }
                    if (!written[0])
                    {
                        written[0] = true;
                        writeHeaderAndPayload(journal, claimed, large);
                    }
                }

                public void onBroken(final long position, final long word, final long resumeAt)
                {
                    problems.add("broken header 0x" + Long.toHexString(word) + " at " + position);
                }
            });
            assertTrue(written[0], "the walk met the empty claim");
            assertEquals(List.of(), problems);
            assertEquals(List.of(first, next), data);
        }
    }

    /**
     * A reader seals a region of zeros left by a dead writer that ends exactly at its window's end, where a
     * committed frame starts; after it comes a claim a live writer is still filling. That claim is younger than the
     * claim timeout and must not be sealed: the writer's commit succeeds.
     */
    @Test
    void claimAfterARegionSealedUpToAWindowEndWaitsForTheClaimTimeout()
    {
        final JournalOptions options = JournalTestSupport.small(dir).claimTimeoutNs(300_000_000L);
        try (Journal journal = Journal.open(options))
        {
            // grown before anything is mapped: every window of the first chunk spans two chunks
            final long windowEnd = 2L * journal.chunkSize();
            assertEquals(SegmentStore.OK, journal.store().ensureGrown(windowEnd + journal.chunkSize(), false));
            final JournalAppender appender = journal.newAppender();
            append(appender, 0, 100);
            final long dead = journal.metadata().claim((int)(windowEnd - journal.endPosition()));
            assertEquals(windowEnd, append(appender, 1, 100), "the committed frame starts at the window end");
            final JournalAppender live = journal.newAppender();
            final JournalClaim claim = new JournalClaim();
            final long claimed = live.tryClaim(1, 2, 100, claim);
            assertTrue(claimed > windowEnd);
            JournalTestSupport.fill(claim.buffer(), claim.offset(), 100, 1, 2);

            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0, false))
            {
                JournalTestSupport.pollUntil(reader, collector, TimeUnit.SECONDS.toNanos(10),
                    () -> reader.position() >= claimed);
                assertEquals(1, reader.sealedClaims(), "the dead writer's region [" + dead + ", " + windowEnd + ")");
                assertEquals(claimed, reader.position(), "the reader waits at the live claim");
                assertEquals(claimed, claim.commit(), "a claim younger than the claim timeout is not sealed");
                reader.poll(collector, 100);
            }
            assertEquals(3, collector.frames);
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
        }
    }

    /**
     * The same races for real: writer threads append (every 20th frame longer than a chunk, and growing the log
     * themselves, so claims wait for growth with their first word still 0) while this thread repeatedly runs what a
     * process opening the journal runs (recovery over the live tail), the housekeeper's scan from the shared scanned
     * position, and a walk of the tail. Nothing may be reported broken and the journal may not panic.
     */
    @Test
    void recoveryScansAndWalksRacingLiveWritersFindNothingBroken() throws Exception
    {
        final long budget = 24L << 20;
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).mappedWindows(16)))
        {
            final int writers = 2;
            final long[] committed = new long[writers];
            final String[] failures = new String[writers];
            final List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++)
            {
                final int id = w + 1;
                final Thread thread = new Thread(() ->
                {
                    final JournalAppender appender = journal.newAppender();
                    final UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(100_000));
                    long sequence = 0;
                    while (journal.endPosition() < budget)
                    {
                        final int length = sequence % 20 == 19 ? 100_000 : 12 + (int)((sequence * 7919) % 3000);
                        JournalTestSupport.fill(payload, 0, length, id, sequence);
                        final long position = appender.append(id, sequence, payload, 0, length);
                        if (position >= 0)
                        {
                            sequence++;
                        }
                        else if (position != JournalAppender.ABANDONED)
                        {
                            failures[id - 1] = "append " + position + " " + journal.lastError();
                            return;
                        }
                    }
                    committed[id - 1] = sequence;
                }, "writer-" + id);
                threads.add(thread);
            }
            threads.forEach(Thread::start);

            final List<String> problems = new ArrayList<>();
            final FrameVisitor brokenCollector = new FrameVisitor()
            {
                public void onData(final long position, final int recordType, final long timestampNs,
                    final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
                {
                    if (!crcValid)
                    {
                        problems.add("torn frame at " + position);
                    }
                }

                public void onBroken(final long position, final long word, final long resumeAt)
                {
                    problems.add("walk: broken header 0x" + Long.toHexString(word) + " at " + position);
                }
            };
            int recoveries = 0;
            try (JournalReader scanner = new JournalReader(journal, 0, false, true))
            {
                while (threads.stream().anyMatch(Thread::isAlive) && problems.isEmpty() &&
                    journal.panicReason() == PANIC_NONE)
                {
                    final RecoveryReport report = JournalRecovery.recover(journal);
                    recoveries++;
                    if (report.brokenPosition() >= 0)
                    {
                        problems.add("recovery: " + report.summary());
                    }
                    final long scanned = journal.scannedPosition();
                    scanner.skipTo(scanned);
                    scanner.scanLimit(journal.endPosition());
                    scanner.poll((type, time, buffer, offset, length, position) -> { }, 1 << 20);
                    journal.walk(scanned, Math.min(journal.endPosition(), journal.grownLimit()), brokenCollector);
                }
            }
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertEquals(PANIC_NONE, journal.panicReason(), () -> "panicked at " + journal.panicPosition() +
                " after " + problems);
            assertEquals(List.of(), problems);
            for (int w = 0; w < writers; w++)
            {
                assertEquals(null, failures[w]);
            }
            assertTrue(recoveries > 10, "recoveries raced the writers: " + recoveries);

            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0, false))
            {
                JournalTestSupport.drain(reader, collector, System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
                assertEquals(journal.endPosition(), reader.position());
            }
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            for (int w = 0; w < writers; w++)
            {
                assertEquals(null, collector.checkPrefix(w + 1, committed[w], false));
            }
        }
    }

    /**
     * What a writer that stalled between its get-and-add and its header CAS does when it resumes: header down, then
     * the payload by positional write (the frame is longer than a chunk), not committed yet.
     */
    private static void writeHeaderAndPayload(final Journal journal, final long position, final int length)
    {
        final MappedWindows.Window window = journal.windows().acquire(position, position + HEADER_LENGTH);
        try
        {
            final int offset = (int)(position - window.start);
            assertTrue(window.buffer.compareAndSetLong(offset, 0, headerWord(-(HEADER_LENGTH + length), TYPE_CLAIM)));
            final UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
            JournalTestSupport.fill(payload, 0, length, 7, 7);
            final ByteBuffer bytes = payload.byteBuffer().duplicate();
            bytes.clear();
            SegmentStore.writeFully(journal.store().channel(position / journal.segmentSize()), bytes,
                position % journal.segmentSize() + HEADER_LENGTH);
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
        finally
        {
            journal.windows().release(window);
        }
    }
}
