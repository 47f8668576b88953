package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segment rolls, retention that never deletes a segment a reader is on, seek by position and by time, and the
 * housekeeper sealing abandoned claims with no reader running.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalSegmentsTest
{
    private Path dir;
    private final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-seg");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    private long append(final JournalAppender appender, final long sequence, final long timestampNs)
    {
        JournalTestSupport.fill(src, 0, 500, 1, sequence);
        final long position = appender.append(1, timestampNs, src, 0, 500);
        assertTrue(position >= 0, "append " + position);
        return position;
    }

    @Test
    void rollsIntoNumberedSegmentsAndFramesNeverStraddleThem() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            for (int i = 0; i < 2000; i++)
            {
                final long position = append(appender, i, i);
                final long end = position + alignedFrameLength(500);
                assertEquals(position / journal.segmentSize(), (end - 1) / journal.segmentSize(),
                    "frame at " + position + " straddles a segment end");
            }
            final long segments = (journal.endPosition() - 1) / journal.segmentSize() + 1;
            assertTrue(segments >= 4);
            for (long s = 0; s < segments; s++)
            {
                assertTrue(Files.exists(dir.resolve(segmentFileName(s))));
                assertTrue(Files.exists(dir.resolve(indexFileName(s))));
            }
            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            assertTrue(report.ok());
            assertEquals(2000, report.dataFrames());
            assertTrue(report.paddingFrames() >= segments - 1, "each rolled segment ends in padding");
        }
    }

    @Test
    void retentionKeepsNSegmentsButNeverTheOneAReaderIsOn() throws Exception
    {
        final JournalOptions options = JournalTestSupport.small(dir).retainSegments(2);
        try (Journal journal = Journal.open(options))
        {
            final JournalAppender appender = journal.newAppender();
            final JournalReader reader = journal.newReader(0);
            assertTrue(reader.isRegistered());
            for (int i = 0; i < 3000; i++)
            {
                append(appender, i, i);
            }
            assertTrue((journal.endPosition() - 1) / journal.segmentSize() >= 4);
            journal.store().tryWithLock(() -> journal.store().applyRetention(journal.windows()));
            assertEquals(0, journal.firstSegment(), "the reader on segment 0 protects it and all after it");
            assertTrue(Files.exists(dir.resolve(segmentFileName(0))));

            final RecordCollector collector = new RecordCollector();
            final long segment3 = 3 * journal.segmentSize();
            while (reader.position() < segment3)
            {
                reader.poll(collector, 1);
            }
            journal.store().tryWithLock(() -> journal.store().applyRetention(journal.windows()));
            final long readerSegment = reader.position() / journal.segmentSize();
            assertEquals(readerSegment, journal.firstSegment(), "deleted up to the reader's segment, not past it");
            assertFalse(Files.exists(dir.resolve(segmentFileName(0))));
            assertTrue(Files.exists(dir.resolve(segmentFileName(readerSegment))));
            assertEquals(readerSegment, journal.counter(SEGMENTS_DELETED_OFFSET));
            final JournalException ex = assertThrows(JournalException.class, () -> journal.newReader(0));
            assertTrue(ex.getMessage().contains("deleted by retention"));

            reader.close();
            journal.store().tryWithLock(() -> journal.store().applyRetention(journal.windows()));
            final long last = (journal.endPosition() - 1) / journal.segmentSize();
            assertEquals(last - 1, journal.firstSegment(), "with the reader gone, keep 2");
            JournalTestSupport.drain(journal.newReader(journal.startPosition()), collector,
                System.nanoTime() + 10_000_000_000L);
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            assertTrue(JournalVerifier.verify(journal, null).ok());
        }
    }

    @Test
    void retentionByBytesAndAgeRunsInTheHousekeeper() throws Exception
    {
        final JournalOptions options = JournalTestSupport.small(dir).housekeeper(true)
            .retainBytes(3 * JournalTestSupport.SMALL_SEGMENT).retainAgeNs(TimeUnit.HOURS.toNanos(1));
        try (Journal journal = Journal.open(options))
        {
            final JournalAppender appender = journal.newAppender();
            for (int i = 0; i < 4000; i++)
            {
                append(appender, i, i);
            }
            // retain 3 segments' worth; the segment being written and the growth ahead of it come on top
            final long bound = 4 * JournalTestSupport.SMALL_SEGMENT + 2L * JournalTestSupport.SMALL_CHUNK;
            JournalTestSupport.awaitTrue(20_000_000_000L,
                () -> journal.grownLimit() - journal.startPosition() <= bound);
            final long live = journal.grownLimit() - journal.startPosition();
            assertTrue(journal.firstSegment() > 0);
            assertTrue(live <= bound, "live bytes " + live);
        }
    }

    @Test
    void seekByPositionAndByTime() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            final long[] positions = new long[3000];
            for (int i = 0; i < positions.length; i++)
            {
                positions[i] = append(appender, i, 1_000_000L + 10L * i);
            }
            for (int i = 0; i < positions.length; i += 7)
            {
                assertEquals(positions[i], journal.seekPosition(positions[i] + 100), "inside frame " + i);
                assertEquals(positions[i], journal.seekTime(1_000_000L + 10L * i - 5), "time of frame " + i);
                assertEquals(positions[i], journal.seekTime(1_000_000L + 10L * i));
            }
            assertEquals(journal.endPosition(), journal.seekTime(Long.MAX_VALUE));
            assertEquals(0, journal.seekTime(0));
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(journal.seekTime(1_000_000L + 10L * 2500)))
            {
                reader.poll(collector, 1);
            }
            assertEquals(2500, collector.sequences.get(1).getLong(0));
        }
    }

    @Test
    void housekeeperSealsAbandonedClaimsWithoutAReader() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).housekeeper(true)
            .claimTimeoutNs(50_000_000L)))
        {
            final JournalAppender appender = journal.newAppender();
            append(appender, 0, 0);
            journal.metadata().claim(64);
            append(appender, 1, 1);
            final long end = journal.endPosition();
            // the housekeeper counts the seal during its scan and publishes the scanned position after it: wait for
            // both, not for the counter alone
            JournalTestSupport.awaitTrue(10_000_000_000L,
                () -> journal.counter(SEALED_CLAIMS_OFFSET) > 0 && journal.scannedPosition() >= end);
            assertEquals(1, journal.counter(SEALED_CLAIMS_OFFSET));
            assertEquals(journal.endPosition(), journal.scannedPosition());
        }
    }
}
