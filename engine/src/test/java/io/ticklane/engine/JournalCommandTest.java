package io.ticklane.engine;

import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalAppender;
import io.ticklane.journal.JournalDescriptor;
import io.ticklane.journal.JournalOptions;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code engine journal}: verify passes a clean journal and fails a corrupted one naming segment and offset; dump
 * decodes feed packets through the schema; info counts records; tail follows and stops at --count.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalCommandTest
{
    private Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private long[] positions;
    private String sharedData;

    @BeforeEach
    void before() throws Exception
    {
        // surefire passes -Dticklane.shared.data, which ConfigSource would read as an unknown key 'shared.data'
        sharedData = System.clearProperty("ticklane.shared.data");
        dir = Files.createTempDirectory("journal-cli");
        final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final PacketEncoder encoder = new PacketEncoder();
        positions = new long[100];
        try (Journal journal = Journal.open(new JournalOptions(dir).chunkSize(64 << 10).segmentSize(256 << 10)))
        {
            final JournalAppender appender = journal.newAppender();
            for (int i = 0; i < positions.length; i++)
            {
                encoder.begin(packet, 0, 1, 0, i + 1, 1_000L + i, 1);
                encoder.addOrder(1_000L + i, 7, 100 + i, i & 1, 5_000 + i, 10);
                positions[i] = appender.append(JournalRecordTypes.recordType(JournalRecordTypes.VENUE_TICKLANE, JournalRecordTypes.FEED_PACKET, 1), 2_000L + i, packet, 0, encoder.length());
                assertTrue(positions[i] >= 0);
            }
        }
    }

    @AfterEach
    void after() throws Exception
    {
        if (null != sharedData)
        {
            System.setProperty("ticklane.shared.data", sharedData);
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private int run(final String... args)
    {
        out.reset();
        err.reset();
        return EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verifyPassesThenCatchesAFlippedByteNamingSegmentAndOffset() throws Exception
    {
        assertEquals(0, run("journal", "verify", "--path", dir.toString()), out() + err);
        assertTrue(out().contains("100 data frames"), out());
        assertTrue(out().contains("0 error(s)"), out());

        try (RandomAccessFile file = new RandomAccessFile(
            dir.resolve(JournalDescriptor.segmentFileName(0)).toFile(), "rw"))
        {
            final long at = positions[42] + JournalDescriptor.HEADER_LENGTH + 30;
            file.seek(at);
            final int b = file.read();
            file.seek(at);
            file.write(b ^ 0x01);
        }
        assertEquals(1, run("journal", "verify", "--path", dir.toString()), out());
        assertTrue(out().contains("ERROR segment 00000000000000000000.seg offset " + positions[42]), out());
        assertTrue(out().contains("CRC32C mismatch"), out());
        assertTrue(out().contains("1 error(s)"), out());
    }

    @Test
    void dumpDecodesFeedPacketsAndInfoCountsRecords()
    {
        assertEquals(0, run("journal", "dump", "--path", dir.toString(), "--count", "3"), err.toString());
        assertTrue(out().contains("@0 incremental-a ticklane ch1 time 2000"), out());
        assertTrue(out().contains("packet channel 1 seq 1"), out());
        assertTrue(out().contains("[AddOrder]"), out());
        assertTrue(out().contains("orderId=102"), out());
        assertTrue(!out().contains("orderId=103"), "--count 3 stops after three frames");

        assertEquals(0, run("journal", "dump", "--path", dir.toString(), "--from", String.valueOf(positions[50] + 5),
            "--count", "1", "--hex"));
        assertTrue(out().startsWith("@" + positions[50] + " "), out());
        assertTrue(out().contains("  000000 "), out());

        assertEquals(0, run("journal", "info", "--path", dir.toString()), err.toString());
        assertTrue(out().contains("records      100 "), out());
        assertTrue(out().contains("panicked     no"), out());
    }

    @Test
    void tailFollowsFromAPositionUntilCount()
    {
        assertEquals(0, run("journal", "tail", "-f", "--path", dir.toString(), "--from", String.valueOf(positions[97]),
            "--count", "3", "--duration", "20s"), err.toString());
        assertTrue(out().contains("@" + positions[99] + " incremental-a"), out());
    }

    @Test
    void missingJournalAndUnknownActionAreUsageErrors()
    {
        assertEquals(2, run("journal", "verify", "--path", dir.resolve("nope").toString()));
        assertTrue(err.toString().contains("no journal at"), err.toString());
        assertEquals(2, run("journal", "frobnicate", "--path", dir.toString()));
        assertTrue(err.toString().contains("unknown action"), err.toString());
    }
}
