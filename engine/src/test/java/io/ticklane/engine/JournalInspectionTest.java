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
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, journal items, through the commands an operator runs: replay and inspection report damage instead of
 * stopping silently, repair leads back to a clean verify, inspection never writes (read-only archive, byte for byte),
 * the journal directory may be given as a positional argument, and an empty metadata file fails at once.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JournalInspectionTest
{
    private static final int RECORDS = 2_000;

    private Path root;
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
        root = Files.createTempDirectory("journal-inspect");
        dir = root.resolve("journal");
        positions = writeFeedJournal(dir, RECORDS);
    }

    @AfterEach
    void after() throws Exception
    {
        if (null != sharedData)
        {
            System.setProperty("ticklane.shared.data", sharedData);
        }
        try (Stream<Path> walk = Files.walk(root))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                p.toFile().setWritable(true);
                p.toFile().delete();
            });
        }
    }

    static long[] writeFeedJournal(final Path dir, final int records)
    {
        final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final PacketEncoder encoder = new PacketEncoder();
        final long[] positions = new long[records];
        try (Journal journal = Journal.open(new JournalOptions(dir).chunkSize(64 << 10).segmentSize(256 << 10)))
        {
            final JournalAppender appender = journal.newAppender();
            for (int i = 0; i < records; i++)
            {
                encoder.begin(packet, 0, 1, 0, i + 1, 1_000L + i, 1);
                encoder.addOrder(1_000L + i, 7, 100 + (i % 50), i & 1, 5_000 + (i & 1) * 100 + (i % 7), 10);
                positions[i] = appender.append(JournalRecordTypes.recordType(JournalRecordTypes.VENUE_TICKLANE, JournalRecordTypes.FEED_PACKET, 1),
                    2_000L + i, packet, 0, encoder.length());
                assertTrue(positions[i] >= 0);
            }
        }
        return positions;
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

    private String both()
    {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private long segmentSize()
    {
        return 256 << 10;
    }

    private Path segmentOf(final long position)
    {
        return dir.resolve(JournalDescriptor.segmentFileName(position / segmentSize()));
    }

    private String where(final long position)
    {
        final long segment = position / segmentSize();
        return "segment " + JournalDescriptor.segmentFileName(segment) + " offset " + (position - segment * segmentSize());
    }

    private void flip(final long position, final int xor) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(segmentOf(position).toFile(), "rw"))
        {
            final long at = position % segmentSize();
            file.seek(at);
            final int b = file.read();
            file.seek(at);
            file.write(b ^ xor);
        }
    }

    @Test
    void replayNamesABrokenFrameSkipsPastItAndExitsNonZero() throws Exception
    {
        final long victim = positions[1234];
        flip(victim + 1, 0x40);   // second byte of the committed length: the chain of frames is cut here

        final int status = run("replay", "--journal", dir.toString(), "--depth", "1");
        assertNotEquals(0, status, both());
        assertTrue(both().contains(where(victim)), both());
        assertTrue(out().contains("frames " + String.format("%,d", RECORDS - 1)), "replay goes on past it: " + out());
        assertTrue(both().contains("could not be read"), both());
    }

    @Test
    void replayNamesAFrameWithABadChecksumAndExitsNonZero() throws Exception
    {
        final long victim = positions[777];
        flip(victim + JournalDescriptor.HEADER_LENGTH + 5, 0x01);

        final int status = run("replay", "--journal", dir.toString(), "--depth", "1");
        assertEquals(1, status, both());
        assertTrue(both().contains(where(victim)), both());
        assertTrue(both().contains("1 frame(s) skipped"), both());
        assertTrue(out().contains("frames " + String.format("%,d", RECORDS - 1)), out());
    }

    @Test
    void infoAndVerifyReportABrokenFrameAndTheRestOfTheLog() throws Exception
    {
        final long victim = positions[1500];
        flip(victim + 1, 0x40);
        assertEquals(1, run("journal", "verify", "--path", dir.toString()), both());
        assertTrue(out().contains("ERROR " + where(victim)), out());
        assertEquals(1, run("journal", "info", "--path", dir.toString()), both());
        assertTrue(out().contains(where(victim)), out());
    }

    @Test
    void repairQuarantinesAFlippedPayloadByteAndVerifyPassesAfterwards() throws Exception
    {
        final long victim = positions[321];
        flip(victim + JournalDescriptor.HEADER_LENGTH + 3, 0x08);
        assertEquals(1, run("journal", "verify", "--path", dir.toString()), both());

        assertEquals(0, run("journal", "repair", "--path", dir.toString()), both());
        assertTrue(out().contains("quarantined"), out());
        assertTrue(out().contains(where(victim)), out());

        assertEquals(0, run("journal", "verify", "--path", dir.toString()), both());
        assertTrue(out().contains("quarantined"), "verify says what remains: " + out());
        assertEquals(0, run("replay", "--journal", dir.toString(), "--depth", "1"), both());
        assertTrue(both().contains("quarantined"), "replay says what it skipped: " + both());
        assertTrue(out().contains("frames " + String.format("%,d", RECORDS - 1)), out());
    }

    @Test
    void repairAfterASegmentCutMidFrameLeadsToACleanVerify() throws Exception
    {
        final long victim = positions[1700];
        final Path segment = segmentOf(victim);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            file.setLength(victim % segmentSize() + 40);
        }
        assertEquals(1, run("journal", "verify", "--path", dir.toString()), both());

        assertEquals(0, run("journal", "repair", "--path", dir.toString()), both());
        assertTrue(out().contains(segment.getFileName().toString()), out());
        assertTrue(out().contains("lost"), "repair says that committed frames are gone: " + out());

        assertEquals(0, run("journal", "verify", "--path", dir.toString()), both());
        assertTrue(out().contains("0 error(s)"), out());
        assertEquals(0, run("replay", "--journal", dir.toString(), "--depth", "1"), both());
    }

    @Test
    void inspectionAndReplayOfAReadOnlyArchiveChangeNoByte() throws Exception
    {
        lockDown(dir);
        final Map<String, String> before = digests(dir);
        assertEquals(0, run("journal", "info", "--path", dir.toString()), both());
        assertTrue(out().contains("records      " + String.format("%,d", RECORDS)), out());
        assertEquals(0, run("journal", "verify", "--path", dir.toString()), both());
        assertEquals(0, run("journal", "dump", "--path", dir.toString(), "--count", "5"), both());
        assertEquals(0, run("replay", "--journal", dir.toString(), "--depth", "1"), both());
        assertTrue(out().contains("frames " + String.format("%,d", RECORDS)), out());
        assertEquals(before, digests(dir), "inspection and replay wrote to the journal");
    }

    @Test
    void infoOnATruncatedSegmentDoesNotGrowIt() throws Exception
    {
        final Path segment = segmentOf(positions[RECORDS - 1]);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            file.setLength(4096);
        }
        final Map<String, String> before = digests(dir);
        assertEquals(1, run("journal", "info", "--path", dir.toString()), both());
        assertTrue(out().contains(segment.getFileName().toString()), out());
        assertEquals(1, run("journal", "verify", "--path", dir.toString()), both());
        assertEquals(before, digests(dir), "info and verify changed the journal");
    }

    @Test
    void theJournalDirectoryMayBeGivenAsAPositionalArgument()
    {
        assertEquals(0, run("journal", "verify", dir.toString()), both());
        assertTrue(out().contains(dir.toString()), out());
        assertTrue(out().contains(String.format("%,d data frames", RECORDS)), out());

        assertEquals(2, run("journal", "verify", dir.toString(), "stray"), both());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("stray"), both());
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count(), both());

        assertEquals(2, run("journal", "verify", dir.toString(), "--path", root.resolve("other").toString()), both());
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count(), both());

        assertEquals(0, run("journal", "-h"), both());
        assertTrue(out().startsWith("usage: engine journal"), out());
        assertEquals(0, run("journal", "verify", "-h"), both());
    }

    @Test
    void anEmptyMetadataFileFailsAtOnceNamingTheFile() throws Exception
    {
        final Path empty = root.resolve("empty");
        Files.createDirectories(empty);
        final Path meta = empty.resolve(JournalDescriptor.METADATA_FILE_NAME);
        Files.createFile(meta);
        Files.setLastModifiedTime(meta, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        final long startNs = System.nanoTime();
        final int status = run("journal", "info", "--path", empty.toString());
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(3), "waited before failing");
        assertNotEquals(0, status);
        final String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains(meta.toString()), text);
        assertTrue(text.contains("empty"), text);
    }

    /**
     * chmod -R a-w: stops writes for a normal user; CI runs as root, where it does not, hence the byte comparison.
     */
    private static void lockDown(final Path dir) throws IOException
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.forEach(p -> p.toFile().setWritable(false, false));
        }
    }

    private static Map<String, String> digests(final Path dir) throws Exception
    {
        final Map<String, String> digests = new TreeMap<>();
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (final Path file : files)
        {
            digests.put(dir.relativize(file).toString(), Files.size(file) + " " +
                HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
        }
        assertFalse(digests.isEmpty());
        return digests;
    }
}
