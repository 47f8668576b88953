package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal opened read-only writes nothing: every file is opened and mapped without write permission (checked in
 * /proc/self/fdinfo and /proc/self/maps, so a write would fault), no byte of any file changes (checked by digest,
 * since CI runs as root and {@code chmod a-w} does not stop root), it takes no reader slot, and it still reads,
 * verifies, seeks, tails a journal a writer is appending to, and steps over abandoned claims without sealing them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalReadOnlyTest
{
    private Path dir;
    private final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(200_000));

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-ro");
    }

    @AfterEach
    void after() throws Exception
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.forEach(p -> p.toFile().setWritable(true));
        }
        JournalTestSupport.deleteRecursively(dir);
    }

    private static JournalOptions readOnly(final Path dir)
    {
        return JournalTestSupport.small(dir).readOnly(true);
    }

    private int writeRecords(final Journal journal, final int count)
    {
        final JournalAppender appender = journal.newAppender();
        for (int i = 0; i < count; i++)
        {
            final int length = i % 100 == 99 ? 100_000 : 12 + i % 300;
            JournalTestSupport.fill(src, 0, length, 1, i);
            assertTrue(appender.append(1, 1_000 + i, src, 0, length) >= 0);
        }
        appender.close();
        return count;
    }

    @Test
    void readOnlyOpenMapsEveryFileReadOnlyAndChangesNoByte() throws Exception
    {
        final int records;
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            records = writeRecords(journal, 3_000);
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.forEach(p -> p.toFile().setWritable(false, false));
        }
        final Map<String, String> before = digests(dir);

        try (Journal journal = Journal.open(readOnly(dir)))
        {
            assertTrue(journal.isReadOnly());
            final RecordCollector collector = new RecordCollector();
            final DamageReport report;
            try (JournalReader reader = journal.newReader(0))
            {
                assertFalse(reader.isRegistered(), "a read-only reader takes no slot");
                report = reader.readToEnd(collector, 256, null);
            }
            assertTrue(report.clean(), report::summary);
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            assertNull(collector.checkPrefix(1, records, false));
            assertEquals(records, collector.frames);
            assertTrue(JournalVerifier.verify(journal, null).ok());
            assertTrue(journal.seekTime(1_000 + 2_000) > 0);
            assertNull(journal.describePanic());

            final List<String> writableMaps = mappings(dir, true);
            assertTrue(mappings(dir, false).size() > 0, "the test sees the journal's mappings");
            assertTrue(writableMaps.isEmpty(), writableMaps::toString);
            final List<String> writableFds = openFiles(dir, true);
            assertTrue(openFiles(dir, false).size() > 0, "the test sees the journal's open files");
            assertTrue(writableFds.isEmpty(), writableFds::toString);

            assertThrows(JournalException.class, journal::newAppender);
            assertThrows(JournalException.class, journal::repair);
        }
        assertEquals(before, digests(dir), "a read-only open changed the journal");
    }

    @Test
    void readOnlyReaderTailsAWriterInTheSameDirectory() throws Exception
    {
        try (Journal writer = Journal.open(JournalTestSupport.small(dir));
            Journal inspector = Journal.open(readOnly(dir)))
        {
            final JournalAppender appender = writer.newAppender();
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = inspector.newReader(0))
            {
                for (int i = 0; i < 2_000; i++)
                {
                    JournalTestSupport.fill(src, 0, 64, 1, i);
                    assertTrue(appender.append(1, i, src, 0, 64) >= 0);
                    if (i % 100 == 0)
                    {
                        reader.poll(collector, 1024);
                    }
                }
                assertTrue(JournalTestSupport.pollUntil(reader, collector, 10_000_000_000L,
                    () -> collector.frames >= 2_000), "read " + collector.frames);
            }
            assertNull(collector.checkPrefix(1, 2_000, false));
            assertEquals(0, writer.liveReaders(), "the read-only reader registered nowhere");
        }
    }

    @Test
    void readOnlyReaderStepsOverAbandonedClaimsWithoutSealingThem() throws Exception
    {
        final long[] dead = new long[2];
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final JournalAppender appender = journal.newAppender();
            for (int i = 0; i < 9; i++)
            {
                if (i == 3)
                {
                    dead[0] = journal.metadata().claim(96);   // died after claiming: no header
                }
                if (i == 6)
                {
                    dead[1] = journal.newAppender().tryClaim(1, 0, 100, new JournalClaim());   // header, no commit
                }
                JournalTestSupport.fill(src, 0, 40, 1, i);
                assertTrue(appender.append(1, i, src, 0, 40) >= 0);
            }
        }
        final Map<String, String> before = digests(dir);
        try (Journal journal = Journal.open(readOnly(dir).claimTimeoutNs(50_000_000L)))
        {
            final RecordCollector collector = new RecordCollector();
            final DamageReport report;
            try (JournalReader reader = journal.newReader(0))
            {
                report = reader.readToEnd(collector, 16, null);
                assertEquals(2, reader.steppedClaims());
                assertEquals(0, reader.sealedClaims());
            }
            assertTrue(report.clean(), report::summary);
            assertEquals(2, report.abandonedClaims(), report::summary);
            assertTrue(report.details().get(0).contains("position " + dead[0]), report.details()::toString);
            assertTrue(report.details().get(1).contains("position " + dead[1]), report.details()::toString);
            assertEquals(9, collector.frames);
            assertNull(collector.checkPrefix(1, 9, false));
        }
        assertEquals(before, digests(dir), "stepping over claims must not seal them");
    }

    @Test
    void readOnlyOpenOfAMissingJournalCreatesNothing()
    {
        final Path missing = dir.resolve("nothing-here");
        final JournalException ex = assertThrows(JournalException.class, () -> Journal.open(readOnly(missing)));
        assertTrue(ex.getMessage().contains("no journal at"), ex.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void anEmptyMetadataFileLeftByADeadCreatorFailsAtOnce() throws Exception
    {
        final Path meta = dir.resolve(METADATA_FILE_NAME);
        Files.createFile(meta);
        Files.setLastModifiedTime(meta, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        for (final JournalOptions options : List.of(JournalTestSupport.small(dir), readOnly(dir)))
        {
            final long startNs = System.nanoTime();
            final JournalException ex = assertThrows(JournalException.class, () -> Journal.open(options));
            assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(2), "it waited");
            assertTrue(ex.getMessage().contains(meta + " is empty"), ex.getMessage());
            assertTrue(ex.getMessage().contains("delete"), ex.getMessage());
        }
    }

    /**
     * @return lines of /proc/self/maps for files under dir (only writable ones if asked).
     */
    static List<String> mappings(final Path dir, final boolean writableOnly) throws IOException
    {
        final List<String> found = new ArrayList<>();
        final String prefix = dir.toRealPath().toString();
        for (final String line : Files.readAllLines(Path.of("/proc/self/maps")))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && fields[5].startsWith(prefix) && (!writableOnly || fields[1].contains("w")))
            {
                found.add(line);
            }
        }
        return found;
    }

    /**
     * @return the files under dir this process has open (only those open for writing if asked), from
     *         /proc/self/fdinfo: the low two bits of "flags" are the access mode, 0 being O_RDONLY.
     */
    static List<String> openFiles(final Path dir, final boolean writableOnly) throws IOException
    {
        final List<String> found = new ArrayList<>();
        final String prefix = dir.toRealPath().toString();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            for (final Path fd : (Iterable<Path>)fds::iterator)
            {
                final String target;
                final List<String> info;
                try
                {
                    target = Files.readSymbolicLink(fd).toString();
                    info = Files.readAllLines(Path.of("/proc/self/fdinfo").resolve(fd.getFileName()));
                }
                catch (final IOException ex)
                {
                    continue;   // closed meanwhile
                }
                if (!target.startsWith(prefix))
                {
                    continue;
                }
                for (final String line : info)
                {
                    if (line.startsWith("flags:"))
                    {
                        final int flags = Integer.parseInt(line.substring(6).trim(), 8);
                        if (!writableOnly || (flags & 3) != 0)
                        {
                            found.add(target + " flags 0" + Integer.toOctalString(flags));
                        }
                    }
                }
            }
        }
        return found;
    }

    static Map<String, String> digests(final Path dir) throws Exception
    {
        final Map<String, String> digests = new TreeMap<>();
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path file : (Iterable<Path>)walk.filter(Files::isRegularFile)::iterator)
            {
                digests.put(dir.relativize(file).toString(), Files.size(file) + " " +
                    HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        assertFalse(digests.isEmpty());
        return digests;
    }
}
