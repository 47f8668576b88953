package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four real writer JVMs open the same new journal at the same moment (racing to create it: exactly one does) and
 * append at once, while this JVM tails it: every record is read back exactly once, intact, in each writer's order.
 */
@Tag("slow")
class JournalMultiProcessTest
{
    private static final int WRITERS = 4;
    private static final int RECORDS = 20_000;
    private Path dir;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-procs");
    }

    @AfterEach
    void after() throws Exception
    {
        processes.forEach(Process::destroyForcibly);
        JournalTestSupport.deleteRecursively(dir);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void fourWriterProcessesEveryRecordOnceInOrder() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final UnsafeBuffer[] progress = new UnsafeBuffer[WRITERS];
        for (int w = 0; w < WRITERS; w++)
        {
            final Path progressFile = dir.resolve("progress-" + w);
            progress[w] = mapProgress(progressFile);
            processes.add(ProcessSupport.spawn(dir.resolve("writer-" + w + ".log"), JournalWriterMain.class.getName(),
                journalDir.toString(), String.valueOf(w + 1), String.valueOf(RECORDS), "12", "600",
                progressFile.toString(), String.valueOf(JournalTestSupport.SMALL_CHUNK), String.valueOf(1 << 20),
                "5000"));
        }
        assertTrue(JournalTestSupport.awaitTrue(TimeUnit.SECONDS.toNanos(60),
            () -> Files.exists(journalDir.resolve(JournalDescriptor.METADATA_FILE_NAME))), "no writer created it");
        final JournalOptions options = JournalTestSupport.small(journalDir).segmentSize(1 << 20).mappedWindows(16)
            .claimTimeoutNs(5_000_000_000L);
        try (Journal journal = Journal.open(options))
        {
            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.pollUntil(reader, collector, TimeUnit.SECONDS.toNanos(150),
                    () -> collector.frames >= (long)WRITERS * RECORDS ||
                    processes.stream().anyMatch(p -> !p.isAlive() && p.exitValue() != 0));
                for (final Process process : processes)
                {
                    if (!process.isAlive() && process.exitValue() != 0)
                    {
                        throw new AssertionError("writer exited with " + process.exitValue() + ": " +
                            Files.readString(dir.resolve("writer-" + processes.indexOf(process) + ".log")));
                    }
                }
                assertEquals(0, reader.corruptFrames());
            }
            int creators = 0;
            for (int w = 0; w < WRITERS; w++)
            {
                assertTrue(processes.get(w).waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, processes.get(w).exitValue());
                creators += Files.readString(dir.resolve("writer-" + w + ".log")).contains("CREATED") ? 1 : 0;
            }
            assertEquals(1, creators, "exactly one process creates the journal");
            assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            assertEquals((long)WRITERS * RECORDS, collector.frames);
            for (int w = 0; w < WRITERS; w++)
            {
                assertEquals(RECORDS, progress[w].getLongVolatile(0));
                assertNull(collector.checkPrefix(w + 1, RECORDS, false));
            }
            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            assertTrue(report.ok(), report.problems()::toString);
            assertEquals((long)WRITERS * RECORDS, report.dataFrames());
        }
    }

    static UnsafeBuffer mapProgress(final Path file) throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(Long.BYTES);
            final MappedByteBuffer mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
            return new UnsafeBuffer(mapped, 0, Long.BYTES);
        }
    }
}
