package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Corruption, failed growth, format mismatch, abandoned claims and the panicked state.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalFailureTest
{
    private Path dir;
    private final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-fail");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    private long[] appendRecords(final Journal journal, final int count, final int length)
    {
        final JournalAppender appender = journal.newAppender();
        final long[] positions = new long[count];
        for (int i = 0; i < count; i++)
        {
            JournalTestSupport.fill(src, 0, length, 1, i);
            positions[i] = appender.append(1, i, src, 0, length);
            assertTrue(positions[i] >= 0, "append " + positions[i]);
        }
        appender.close();
        return positions;
    }

    private static void patchFile(final Path file, final long offset, final int xor) throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ xor);
        }
    }

    @Test
    void flippedPayloadByteIsCaughtByVerifyNamingSegmentAndOffset() throws Exception
    {
        final long[] positions;
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            positions = appendRecords(journal, 5000, 100);
            assertTrue(JournalVerifier.verify(journal, null).ok());
        }
        final long victim = positions[4321];
        final long segmentSize = JournalTestSupport.SMALL_SEGMENT;
        final long segment = victim / segmentSize;
        final long offset = victim - segment * segmentSize;
        patchFile(dir.resolve(segmentFileName(segment)), offset + HEADER_LENGTH + 50, 0x10);

        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalVerifier.Report report = journal.recovery().toPosition() > 0 ?
                JournalVerifier.verify(journal, null) : null;
            assertNotNull(report);
            assertFalse(report.ok());
            assertEquals(1, report.errors());
            final JournalVerifier.Problem problem = report.problems().get(0);
            assertTrue(problem.error());
            assertEquals(victim, problem.position());
            assertEquals("segment " + segmentFileName(segment) + " offset " + offset, problem.where());
            assertTrue(problem.message().contains("CRC32C mismatch"), problem.message());
            assertEquals(positions.length - 1, report.dataFrames() - 1);

            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.drain(reader, collector, System.nanoTime() + 10_000_000_000L);
                assertEquals(1, reader.corruptFrames(), "the damaged frame is never handed out");
            }
            assertEquals(positions.length - 1, collector.frames);
        }
    }

    @Test
    void failedGrowthAtSizeLimitIsAnErrorAndLeavesTheLogIntact() throws Exception
    {
        final JournalOptions options = JournalTestSupport.small(dir).maxSizeBytes(4L * JournalTestSupport.SMALL_CHUNK);
        long appended = 0;
        try (Journal journal = Journal.open(options))
        {
            final JournalAppender appender = journal.newAppender();
            long result;
            while (true)
            {
                JournalTestSupport.fill(src, 0, 1000, 1, appended);
                result = appender.append(1, appended, src, 0, 1000);
                if (result < 0)
                {
                    break;
                }
                appended++;
            }
            assertEquals(JournalAppender.FULL, result);
            assertTrue(journal.lastError().contains("size limit"), journal.lastError());
            assertTrue(journal.counter(GROWTH_FAILURES_OFFSET) >= 1);
            assertEquals(JournalAppender.FULL, appender.append(1, 0, src, 0, 10), "stays full");
            assertTrue(journal.grownLimit() <= 4L * JournalTestSupport.SMALL_CHUNK);

            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            assertTrue(report.ok(), report.problems()::toString);
            assertEquals(appended, report.dataFrames());
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.drain(reader, collector, System.nanoTime() + 10_000_000_000L);
            }
            assertEquals(appended, collector.frames);
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
        }

        // with the limit raised, the log takes appends again and the failed claims become padding
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).maxSizeBytes(0)))
        {
            final JournalAppender appender = journal.newAppender();
            JournalTestSupport.fill(src, 0, 1000, 1, appended);
            assertTrue(appender.append(1, appended, src, 0, 1000) >= 0);
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                final long expected = appended + 1;
                JournalTestSupport.pollUntil(reader, collector, 10_000_000_000L, () -> collector.frames >= expected);
                assertTrue(reader.sealedClaims() >= 1, "the failed claim was sealed");
            }
            assertEquals(appended + 1, collector.frames);
            assertTrue(JournalVerifier.verify(journal, null).ok());
        }
    }

    @Test
    void unknownVersionFailsToOpenNamingTheFileAndBothVersions() throws Exception
    {
        try (Journal ignored = Journal.open(JournalTestSupport.small(dir)))
        {
            assertTrue(ignored.created());
        }
        final Path meta = dir.resolve(METADATA_FILE_NAME);
        patchFile(meta, VERSION_OFFSET, VERSION ^ 99);
        final JournalException ex = assertThrows(JournalException.class,
            () -> Journal.open(JournalTestSupport.small(dir)));
        assertTrue(ex.getMessage().contains(meta.toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("version is 99"), ex.getMessage());
        assertTrue(ex.getMessage().contains("version " + VERSION), ex.getMessage());

        patchFile(meta, VERSION_OFFSET, VERSION ^ 99);
        patchFile(meta, MAGIC_OFFSET, 0x01);
        final JournalException magic = assertThrows(JournalException.class,
            () -> Journal.open(JournalTestSupport.small(dir)));
        assertTrue(magic.getMessage().contains("not a journal"), magic.getMessage());
    }

    @Test
    void creatorThatNeverFinishesTimesOutWithAClearError() throws Exception
    {
        Files.createDirectories(dir);
        Files.write(dir.resolve(METADATA_FILE_NAME), new byte[METADATA_LENGTH]);
        final long start = System.nanoTime();
        final JournalException ex = assertThrows(JournalException.class,
            () -> Journal.open(JournalTestSupport.small(dir).createTimeoutNs(200_000_000L)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertTrue(ex.getMessage().contains("not made ready"), ex.getMessage());
    }

    @Test
    void abandonedClaimWithHeaderIsSealedAfterTheTimeoutAndTheLateCommitFails() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).claimTimeoutNs(100_000_000L)))
        {
            final JournalAppender stalled = journal.newAppender();
            final JournalClaim claim = new JournalClaim();
            final long claimed = stalled.tryClaim(7, 1, 100, claim);
            assertTrue(claimed >= 0);
            final long[] after = appendRecords(journal, 10, 50);

            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                assertEquals(0, reader.poll(collector, 100), "stops at the uncommitted claim");
                assertEquals(claimed, reader.position());
                JournalTestSupport.pollUntil(reader, collector, 10_000_000_000L,
                    () -> collector.frames >= after.length);
                assertEquals(after.length, collector.frames, "every committed frame behind it is read");
                assertEquals(1, reader.sealedClaims());
            }
            JournalTestSupport.fill(claim.buffer(), claim.offset(), 100, 7, 0);
            assertEquals(JournalAppender.ABANDONED, claim.commit(), "the late writer learns it lost");
            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            assertTrue(report.ok());
            assertEquals(1, report.sealedFrames());
            assertEquals(after.length, report.dataFrames());
        }
    }

    @Test
    void claimWithoutHeaderIsSealedUpToTheNextFrame() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).claimTimeoutNs(100_000_000L)))
        {
            appendRecords(journal, 3, 40);
            // a writer that died right after its get-and-add: 3 slots claimed, nothing written
            final long dead = journal.metadata().claim(96);
            final long[] after = appendRecords(journal, 3, 40);
            assertEquals(dead + 96, after[0]);
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.pollUntil(reader, collector, 10_000_000_000L, () -> collector.frames >= 6);
                assertEquals(6, collector.frames);
                assertEquals(1, reader.sealedClaims());
            }
            final long[] sealedLength = { -1 };
            journal.walk(dead, dead + 1, new FrameVisitor()
            {
                public void onData(final long p, final int t, final long ts, final org.agrona.DirectBuffer b,
                    final int o, final int l, final boolean v)
                {
                }

                public void onPadding(final long p, final int frameLength, final int frameType)
                {
                    assertEquals(TYPE_SEALED, frameType);
                    sealedLength[0] = frameLength;
                }
            });
            assertEquals(96, sealedLength[0], "sealed exactly up to the next committed frame");
        }
    }

    @Test
    void brokenHeaderPanicsAndRepairGetsTheLogGoingAgain() throws Exception
    {
        final long[] positions;
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            positions = appendRecords(journal, 200, 100);
        }
        final long victim = positions[100];
        patchFile(dir.resolve(segmentFileName(0)), victim + FRAME_LENGTH_OFFSET + 1, 0x7F);
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            assertEquals(PANIC_BROKEN_FRAME, journal.panicReason(), journal.recovery().summary());
            assertEquals(victim, journal.panicPosition());
            assertEquals(JournalAppender.PANICKED, journal.newAppender().append(1, 0, src, 0, 10));
            assertFalse(JournalVerifier.verify(journal, null).ok());

            final JournalRepair.Report outcome = journal.repair();
            assertTrue(outcome.clean(), outcome::toString);
            assertTrue(outcome.toString().contains("cleared the panic"), outcome::toString);
            assertEquals(PANIC_NONE, journal.panicReason());
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.drain(reader, collector, System.nanoTime() + 10_000_000_000L);
            }
            assertEquals(199, collector.frames, "only the broken frame is lost");
            assertTrue(journal.newAppender().append(1, 0, src, 0, 10) >= 0);
            assertTrue(JournalVerifier.verify(journal, null).ok());
        }
    }

    @Test
    void positionsThatAreNotFrameBoundariesAreRefused() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final long[] positions = appendRecords(journal, 10, 100);
            final JournalException ex = assertThrows(JournalException.class,
                () -> journal.newReader(positions[3] + 32));
            assertTrue(ex.getMessage().contains("starts at " + positions[3]), ex.getMessage());
            assertEquals(positions[3], journal.seekPosition(positions[3] + 77));
        }
    }

}
