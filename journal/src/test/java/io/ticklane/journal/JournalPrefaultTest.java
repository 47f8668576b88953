package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The housekeeper grows the journal ahead of the cursor and pre-faults it, with the optional native helper
 * (fallocate, MADV_POPULATE_WRITE; used when it was built) and with the pure-Java fallback (zero writes, one touch
 * per page): either way the grown limit runs ahead of the writer and every record reads back intact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalPrefaultTest
{
    private Path dir;

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-prefault");
    }

    @AfterEach
    void after() throws Exception
    {
        JournalTestSupport.deleteRecursively(dir);
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void growsAndPrefaultsAheadOfTheWriter(final boolean nativeMemory) throws Exception
    {
        final JournalOptions options = JournalTestSupport.small(dir).segmentSize(1 << 20).housekeeper(true)
            .nativeMemory(nativeMemory).prefaultAheadBytes(4L * JournalTestSupport.SMALL_CHUNK);
        final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
        try (Journal journal = Journal.open(options))
        {
            final long ahead = 3L * JournalTestSupport.SMALL_CHUNK;
            assertTrue(JournalTestSupport.awaitTrue(10_000_000_000L, () -> journal.grownLimit() >= ahead),
                "grown ahead before any append: " + journal.grownLimit());
            final JournalAppender appender = journal.newAppender();
            final int records = 40_000;
            for (int i = 0; i < records; i++)
            {
                final int length = 12 + i % 400;
                JournalTestSupport.fill(src, 0, length, 1, i);
                assertTrue(appender.append(1, i, src, 0, length) >= 0, "append " + i);
            }
            final long end = journal.endPosition();
            assertTrue(JournalTestSupport.awaitTrue(10_000_000_000L, () -> journal.grownLimit() > end),
                "the housekeeper keeps growing ahead of the cursor");
            final RecordCollector collector = new RecordCollector();
            try (SequentialReader reader = journal.newSequentialReader(0))
            {
                assertTrue(reader.readToEnd(collector, 1024, null).clean());
            }
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            assertNull(collector.checkPrefix(1, records, false));
            assertEquals(0, journal.counter(JournalDescriptor.GROWTH_FAILURES_OFFSET));
            assertTrue(JournalVerifier.verify(journal, null).ok());
        }
    }
}
