package io.ticklane.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block-reading {@link SequentialReader} against the mapped {@link JournalReader}, its reference: over random logs
 * (payloads from 0 B to two chunks, so frames straddle blocks, chunks and segments and some exceed the block; aborted
 * claims; claims abandoned with and without header; damaged frames) both deliver exactly the same frames at the same
 * positions and report exactly the same damage; and it tails a log a writer thread appends to, every record once,
 * intact, in order.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SequentialReaderTest
{
    private Path dir;
    private final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(200_000));

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-seq");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    /**
     * What a reader saw: each frame (position, type, time, length, CRC of the payload) and each damage report.
     */
    private static final class Seen implements FrameHandler, DamageHandler
    {
        final List<String> events = new ArrayList<>();
        private final CRC32C crc = new CRC32C();

        public void onFrame(final int recordType, final long timestampNs, final DirectBuffer buffer, final int offset,
            final int length, final long position)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            crc.reset();
            crc.update(bytes);
            events.add("frame @" + position + " type " + recordType + " time " + timestampNs + " length " + length +
                " crc " + crc.getValue());
        }

        public void onDamage(final int kind, final long position, final long length, final long word)
        {
            events.add("damage " + DamageHandler.kindName(kind) + " @" + position + " length " + length);
        }
    }

    @Test
    void deliversExactlyWhatTheMappedReaderDeliversOverRandomLogs() throws Exception
    {
        for (long seed = 1; seed <= 6; seed++)
        {
            JournalTestSupport.deleteRecursively(dir);
            final List<Long> positions = writeRandomLog(new SplittableRandom(seed));
            damage(new SplittableRandom(seed), positions);
            try (Journal journal = Journal.open(JournalTestSupport.small(dir).readOnly(true).claimTimeoutNs(20_000_000L)))
            {
                final Seen reference = new Seen();
                final DamageReport referenceReport;
                try (JournalReader reader = journal.newReader(0))
                {
                    reader.skipDamage(reference);
                    referenceReport = reader.readToEnd(reference, 64, null);
                }
                final Seen fast = new Seen();
                final DamageReport fastReport;
                try (SequentialReader reader = new SequentialReader(journal, 0, false, 4096 + 32 * (int)seed))
                {
                    fastReport = reader.readToEnd(fast, 64, null);
                    assertTrue(reader.blocksRead() > 0);
                }
                fast.events.removeIf(e -> e.startsWith("damage"));
                reference.events.removeIf(e -> e.startsWith("damage"));
                assertEquals(reference.events, fast.events, "seed " + seed);
                assertEquals(referenceReport.details(), fastReport.details(), "seed " + seed);
                assertEquals(referenceReport.summary(), fastReport.summary(), "seed " + seed);
                assertTrue(reference.events.size() > 100, "seed " + seed);
                assertTrue(referenceReport.damagedFrames() > 0 && referenceReport.unreadRegions() > 0,
                    referenceReport::summary);
            }
        }
    }

    private List<Long> writeRandomLog(final SplittableRandom random)
    {
        final List<Long> positions = new ArrayList<>();
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            final JournalClaim claim = new JournalClaim();
            for (int i = 0; i < 600; i++)
            {
                final int pick = random.nextInt(100);
                final int length = pick < 3 ? random.nextInt(70_000, 140_000) : pick < 10 ? random.nextInt(5000) :
                    random.nextInt(400);
                if (pick == 50)
                {
                    journal.metadata().claim(alignedFrameLength(length));   // writer died before its header
                    continue;
                }
                if (pick == 51 && alignedFrameLength(length) <= journal.chunkSize())
                {
                    journal.newAppender().tryClaim(1, i, length, new JournalClaim());   // died before commit
                    continue;
                }
                JournalTestSupport.fill(src, 0, length, 1, i);
                if (pick > 90 && alignedFrameLength(length) <= journal.chunkSize())
                {
                    assertTrue(appender.tryClaim(1, i, length, claim) >= 0);
                    claim.buffer().putBytes(claim.offset(), src, 0, length);
                    if (pick > 97)
                    {
                        claim.abort();
                        continue;
                    }
                    positions.add(claim.commit());
                    continue;
                }
                positions.add(appender.append(1, i, src, 0, length));
            }
        }
        return positions;
    }

    private void damage(final SplittableRandom random, final List<Long> positions) throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            final long victim = positions.get(random.nextInt(positions.size()));
            final long at = i == 0 ? victim + 1 : victim + RECORD_TYPE_OFFSET;   // a length, then CRC-covered bytes
            try (RandomAccessFile file = new RandomAccessFile(
                dir.resolve(segmentFileName(at / JournalTestSupport.SMALL_SEGMENT)).toFile(), "rw"))
            {
                file.seek(at % JournalTestSupport.SMALL_SEGMENT);
                final int b = file.read();
                file.seek(at % JournalTestSupport.SMALL_SEGMENT);
                file.write(b ^ 0x20);
            }
        }
    }

    @Test
    void tailsAWriterThreadEveryRecordOnceIntactInOrder() throws Exception
    {
        final int records = 200_000;
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).segmentSize(1 << 20)))
        {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread writer = new Thread(() ->
            {
                try
                {
                    final JournalAppender appender = journal.newAppender();
                    final UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
                    final SplittableRandom random = new SplittableRandom(7);
                    for (int i = 0; i < records; i++)
                    {
                        final int length = 12 + random.nextInt(i % 1000 == 0 ? 2000 : 200);
                        JournalTestSupport.fill(payload, 0, length, 1, i);
                        if (appender.append(1, i, payload, 0, length) < 0)
                        {
                            throw new AssertionError("append " + i + " failed");
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "writer");
            final RecordCollector collector = new RecordCollector();
            try (SequentialReader reader = journal.newSequentialReader(0))
            {
                writer.start();
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (collector.frames < records && null == failure.get() && System.nanoTime() < deadlineNs)
                {
                    if (reader.poll(collector, 1000) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                writer.join(TimeUnit.SECONDS.toMillis(30));
                assertNull(failure.get());
                assertEquals(0, reader.mappedReader().corruptFrames(), "a frame read mid-commit is never damage");
                assertTrue(reader.settledByMappedReader() > 0, "the tail was settled by the mapped reader");
            }
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            assertNull(collector.checkPrefix(1, records, false));
            assertFalse(journal.isPanicked());
        }
    }
}
