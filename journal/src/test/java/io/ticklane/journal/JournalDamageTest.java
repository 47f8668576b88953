package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage is reported, skipped where the structure allows, and repaired into quarantine: a reader never panics the
 * journal; a reader that skips damage names each place and reads on; repair keeps the damaged bytes, marks them
 * QUARANTINED, and leaves a log that verifies clean; a panicked journal refuses every append path with PANICKED and
 * tells an operator what to do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalDamageTest
{
    private static final int RECORDS = 400;
    private Path dir;
    private final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(200_000));
    private long[] positions;

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-damage");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    private void writeRecords(final Journal journal)
    {
        final JournalAppender appender = journal.newAppender();
        positions = new long[RECORDS];
        for (int i = 0; i < RECORDS; i++)
        {
            JournalTestSupport.fill(src, 0, 100, 1, i);
            positions[i] = appender.append(1, i, src, 0, 100);
            assertTrue(positions[i] >= 0);
        }
        appender.close();
    }

    private Path segmentOf(final long position)
    {
        return dir.resolve(segmentFileName(position / JournalTestSupport.SMALL_SEGMENT));
    }

    private void flip(final long position, final int xor) throws Exception
    {
        try (RandomAccessFile file = new RandomAccessFile(segmentOf(position).toFile(), "rw"))
        {
            final long at = position % JournalTestSupport.SMALL_SEGMENT;
            file.seek(at);
            final int b = file.read();
            file.seek(at);
            file.write(b ^ xor);
        }
    }

    private byte[] bytes(final long position, final int length) throws Exception
    {
        final byte[] bytes = new byte[length];
        try (RandomAccessFile file = new RandomAccessFile(segmentOf(position).toFile(), "r"))
        {
            file.seek(position % JournalTestSupport.SMALL_SEGMENT);
            file.readFully(bytes);
        }
        return bytes;
    }

    @Test
    void aReaderStopsAtABrokenHeaderWithoutPanickingTheJournal() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            writeRecords(journal);
            flip(positions[200] + 1, 0x40);   // through the file: the mapping shares the page
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.drain(reader, collector, System.nanoTime() + 10_000_000_000L);
                assertEquals(positions[200], reader.brokenPosition());
                assertEquals(positions[200], reader.position(), "it stops at the damage");
            }
            assertEquals(200, collector.frames);
            assertEquals(PANIC_NONE, journal.panicReason(), "a reader must not write, not even a panic");
        }
    }

    @Test
    void aReaderSkippingDamageNamesEachPlaceAndReadsOn() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            writeRecords(journal);
        }
        flip(positions[50] + HEADER_LENGTH + 7, 0x01);    // payload: CRC mismatch
        flip(positions[120] + 1, 0x40);                   // length: broken header
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).readOnly(true)))
        {
            final List<long[]> seen = new ArrayList<>();
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                reader.skipDamage((kind, position, length, word) -> seen.add(new long[]{ kind, position, length }));
                JournalTestSupport.drain(reader, collector, System.nanoTime() + 10_000_000_000L);
                assertEquals(1, reader.corruptFrames());
            }
            assertEquals(RECORDS - 2, collector.frames);
            assertEquals(2, seen.size());
            assertArrayEquals(new long[]{ DamageHandler.CRC_MISMATCH, positions[50], HEADER_LENGTH + 100 },
                seen.get(0));
            assertArrayEquals(new long[]{ DamageHandler.BROKEN_HEADER, positions[120],
                positions[121] - positions[120] }, seen.get(1), "skipped exactly the broken frame");

            final DamageReport report;
            try (JournalReader reader = journal.newReader(0))
            {
                report = reader.readToEnd(new RecordCollector(), 64, null);
            }
            assertFalse(report.clean());
            assertEquals(1, report.damagedFrames());
            assertEquals(1, report.unreadRegions());
            assertTrue(report.summary().contains("1 frame(s) skipped"), report.summary());
            assertTrue(report.details().get(1).contains(journal.describe(positions[120])), report.details()::toString);
        }
    }

    @Test
    void repairQuarantinesDamageKeepsItsBytesAndVerifiesClean() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            writeRecords(journal);
        }
        flip(positions[50] + HEADER_LENGTH + 7, 0x01);
        flip(positions[120] + 1, 0x40);
        final int frameBytes = (int)(positions[51] - positions[50]);
        final byte[] damaged50 = bytes(positions[50], frameBytes);
        final byte[] damaged120 = bytes(positions[120], frameBytes);
        try (RandomAccessFile meta = new RandomAccessFile(dir.resolve(METADATA_FILE_NAME).toFile(), "rw"))
        {
            meta.seek(VERSION_OFFSET);
            meta.write(2);   // a version 2 journal: repair raises it when it writes a QUARANTINED frame
        }

        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            assertEquals(PANIC_BROKEN_FRAME, journal.panicReason(), "recovery at open found the broken header");
            final JournalRepair.Report report = journal.repair();
            assertTrue(report.clean(), report::toString);
            assertTrue(report.toString().contains("quarantined " + (HEADER_LENGTH + 100) + " bytes at " +
                journal.describe(positions[50])), report::toString);
            assertTrue(report.toString().contains("quarantined " + frameBytes + " bytes at " +
                journal.describe(positions[120])), report::toString);
            assertEquals(PANIC_NONE, journal.panicReason());
            final JournalVerifier.Report verified = JournalVerifier.verify(journal, null);
            assertTrue(verified.ok(), verified.problems()::toString);
            assertEquals(2, verified.quarantinedFrames());
            assertEquals(RECORDS - 2, verified.dataFrames());
            JournalTestSupport.fill(src, 0, 20, 1, RECORDS);
            assertTrue(journal.newAppender().append(1, 0, src, 0, 20) >= 0, "the log takes appends again");
        }
        for (final long at : new long[]{ positions[50], positions[120] })
        {
            final long word = ByteBuffer.wrap(bytes(at, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(TYPE_QUARANTINED, frameType(word));
        }
        assertArrayEquals(Arrays.copyOfRange(damaged50, 8, frameBytes),
            Arrays.copyOfRange(bytes(positions[50], frameBytes), 8, frameBytes), "every byte but the first word kept");
        assertArrayEquals(Arrays.copyOfRange(damaged120, 8, frameBytes),
            Arrays.copyOfRange(bytes(positions[120], frameBytes), 8, frameBytes));
        assertEquals(2, Files.readAllLines(dir.resolve(QUARANTINE_FILE_NAME)).size());
        try (RandomAccessFile meta = new RandomAccessFile(dir.resolve(METADATA_FILE_NAME).toFile(), "r"))
        {
            meta.seek(VERSION_OFFSET);
            assertEquals(VERSION, meta.read(), "raised to the version that has the quarantine type");
        }

        try (Journal journal = Journal.open(JournalTestSupport.small(dir).readOnly(true)))
        {
            final RecordCollector collector = new RecordCollector();
            final DamageReport report;
            try (JournalReader reader = journal.newReader(0))
            {
                report = reader.readToEnd(collector, 64, null);
                assertEquals(2, reader.quarantinedFrames());
            }
            assertTrue(report.clean(), report::summary);
            assertEquals(2, report.quarantinedRegions());
            assertEquals(RECORDS - 1, collector.frames);
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
        }
    }

    @Test
    void repairRestoresASegmentCutMidFrameAndQuarantinesWhatItLost() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            writeRecords(journal);
        }
        final long cut = positions[300] + 40;
        try (RandomAccessFile file = new RandomAccessFile(segmentOf(cut).toFile(), "rw"))
        {
            file.setLength(cut % JournalTestSupport.SMALL_SEGMENT);
        }
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            assertEquals(PANIC_INCONSISTENT, journal.panicReason());
            assertFalse(JournalVerifier.verify(journal, null).ok());
            final JournalRepair.Report report = journal.repair();
            assertTrue(report.clean(), report::toString);
            assertTrue(report.toString().contains(segmentOf(cut).getFileName() + " was " +
                cut % JournalTestSupport.SMALL_SEGMENT + " bytes"), report::toString);
            assertTrue(report.toString().contains("lost"), report::toString);
            final JournalVerifier.Report verified = JournalVerifier.verify(journal, null);
            assertTrue(verified.ok(), verified.problems()::toString);
            assertEquals(300, verified.dataFrames() - countAfterSegment(cut));
        }
    }

    private long countAfterSegment(final long cut)
    {
        final long segmentEnd = (cut / JournalTestSupport.SMALL_SEGMENT + 1) * JournalTestSupport.SMALL_SEGMENT;
        return Arrays.stream(positions).filter(p -> p >= segmentEnd).count();
    }

    @Test
    void aPanickedJournalRefusesEveryAppendPathAndSaysWhatToDo() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            writeRecords(journal);
            final JournalAppender appender = journal.newAppender();
            assertTrue(appender.append(1, 0, src, 0, 10) >= 0, "its window is mapped: the fast path is armed");
            flip(positions[10] + 1, 0x40);
            try (Journal other = Journal.open(JournalTestSupport.small(dir)))
            {
                assertEquals(PANIC_BROKEN_FRAME, other.panicReason(), "another open's recovery panics it");
            }
            final AtomicInteger seenByOtherThread = new AtomicInteger(-1);
            final Thread poller = new Thread(() -> seenByOtherThread.set(journal.panicReason()));
            poller.start();
            poller.join();
            assertEquals(PANIC_BROKEN_FRAME, seenByOtherThread.get());

            assertEquals(JournalAppender.PANICKED, appender.append(1, 0, src, 0, 10));
            assertEquals(JournalAppender.PANICKED, appender.append(1, 0, src, 0, 150_000), "positional write path");
            assertEquals(JournalAppender.PANICKED, appender.tryClaim(1, 0, 10, new JournalClaim()));
            assertEquals(JournalAppender.PANICKED, journal.newAppender().append(1, 0, src, 0, 10));

            final String sentence = journal.describePanic();
            assertTrue(sentence.startsWith("journal " + dir + " is panicked: broken frame at " +
                segmentFileName(0) + String.format(" offset %,d", positions[10])), sentence);
            assertTrue(sentence.contains("(pid " + ProcessHandle.current().pid() + ", "), sentence);
            assertTrue(sentence.contains("run 'engine journal repair --path " + dir + "' with no engine running, " +
                "or set journal.enabled=false"), sentence);
        }
    }
}
