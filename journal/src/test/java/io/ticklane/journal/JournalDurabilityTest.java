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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durability policies do what they say as far as a test can see without pulling the power: periodic flushes
 * advance the flushed position to the cursor every interval; per-append forces on the append path and still
 * round-trips, large frames included; bad options are refused naming the option.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalDurabilityTest
{
    private Path dir;
    private final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(200_000));

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-dur");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    @Test
    void periodicFlushAdvancesTheFlushedPosition() throws Exception
    {
        final JournalOptions options = JournalTestSupport.small(dir).housekeeper(true)
            .durability(Durability.PERIODIC).flushIntervalNs(20_000_000L);
        try (Journal journal = Journal.open(options))
        {
            final JournalAppender appender = journal.newAppender();
            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < 500; i++)
                {
                    assertTrue(appender.append(1, i, src, 0, 100) >= 0);
                }
                final long cursor = journal.endPosition();
                JournalTestSupport.awaitTrue(10_000_000_000L, () -> journal.flushedPosition() >= cursor);
                assertEquals(cursor, journal.flushedPosition(), "round " + round);
            }
        }
    }

    @Test
    void perAppendForcesAndRoundTrips() throws Exception
    {
        try (Journal journal = Journal.open(JournalTestSupport.small(dir).durability(Durability.PER_APPEND)))
        {
            final JournalAppender appender = journal.newAppender();
            for (int i = 0; i < 50; i++)
            {
                final int length = i % 10 == 9 ? 150_000 : 100;
                JournalTestSupport.fill(src, 0, length, 1, i);
                assertTrue(appender.append(1, i, src, 0, length) >= 0);
            }
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.drain(reader, collector, System.nanoTime() + 10_000_000_000L);
            }
            assertEquals(50, collector.frames);
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
        }
    }

    @Test
    void invalidOptionsAreRefusedNamingTheOption()
    {
        final JournalException chunk = assertThrows(JournalException.class,
            () -> Journal.open(new JournalOptions(dir).chunkSize(100_000)));
        assertTrue(chunk.getMessage().contains("chunk size = 100000"), chunk.getMessage());
        final JournalException segment = assertThrows(JournalException.class,
            () -> Journal.open(new JournalOptions(dir).chunkSize(1 << 20).segmentSize(3 << 19)));
        assertTrue(segment.getMessage().contains("segment size"), segment.getMessage());
        assertTrue(Durability.fromConfigName("per-append") == Durability.PER_APPEND);
    }
}
