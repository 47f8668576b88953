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
}
