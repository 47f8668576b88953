package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writer JVMs are SIGKILLed in the middle of appending, round after round, on one journal. Afterwards recovery and
 * verify show every committed record of every writer intact (no CRC error, each writer's records exactly the prefix
 * it had committed, plus perhaps the one in flight), abandoned claims get sealed, and the log takes new appends.
 */
@Tag("slow")
class JournalCrashTest
{
    private static final int ROUNDS = 12;
    private static final int WRITERS_PER_ROUND = 2;
    private Path dir;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void before() throws Exception
    {
        dir = Files.createTempDirectory("journal-kill");
    }

    @AfterEach
    void after() throws Exception
    {
        processes.forEach(Process::destroyForcibly);
        JournalTestSupport.deleteRecursively(dir);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killedWritersLoseNoCommittedRecord() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final List<UnsafeBuffer> progress = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++)
        {
            final List<Process> spawned = new ArrayList<>();
            for (int w = 0; w < WRITERS_PER_ROUND; w++)
            {
                final int id = progress.size() + 1;
                final Path progressFile = dir.resolve("progress-" + id);
                progress.add(JournalMultiProcessTest.mapProgress(progressFile));
                final Process process = ProcessSupport.spawn(dir.resolve("writer-" + id + ".log"),
                    JournalWriterMain.class.getName(), journalDir.toString(), String.valueOf(id), "0", "12",
                    // every 50th record of half the writers is larger than a chunk: killed mid positional write too
                    random.nextBoolean() ? "100000" : "3000",
                    progressFile.toString(), String.valueOf(JournalTestSupport.SMALL_CHUNK),
                    String.valueOf(512 << 10), "100000");
                processes.add(process);
                spawned.add(process);
            }
            final long target = 100 + random.nextInt(1500);
            for (int w = 0; w < WRITERS_PER_ROUND; w++)
            {
                final UnsafeBuffer p = progress.get(progress.size() - WRITERS_PER_ROUND + w);
                final Process writer = spawned.get(w);
                JournalTestSupport.awaitTrue(TimeUnit.SECONDS.toNanos(30),
                    () -> p.getLongVolatile(0) >= target || !writer.isAlive());
                assertTrue(writer.isAlive(), () -> "writer died by itself: " + logOf(spawned));
            }
            for (final Process process : spawned)
            {
                process.destroyForcibly();
            }
            for (final Process process : spawned)
            {
                assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            }
        }

        final JournalOptions options = JournalTestSupport.small(journalDir).segmentSize(512 << 10)
            .claimTimeoutNs(100_000_000L);
        try (Journal journal = Journal.open(options))
        {
            final RecoveryReport recovery = journal.recovery();
            System.out.println("[crash test] " + recovery.summary());
            assertEquals(0, recovery.tornFrames(), recovery::summary);
            assertEquals(-1, recovery.brokenPosition(), recovery::summary);
            final JournalVerifier.Report before = JournalVerifier.verify(journal, null);
            assertTrue(before.ok(), before.problems()::toString);

            final RecordCollector collector = new RecordCollector();
            try (JournalReader reader = journal.newReader(0))
            {
                // a writer killed between its claim and the growth that backs it leaves the cursor past the grown
                // limit: the readable log ends at the grown limit until the next append grows over the gap
                final long end = Math.min(journal.endPosition(), journal.grownLimit());
                JournalTestSupport.pollUntil(reader, collector, TimeUnit.SECONDS.toNanos(60),
                    () -> reader.position() >= end);
                assertEquals(end, reader.position(), "reader wedged");
                assertTrue(collector.problems.isEmpty(), collector.problems::toString);
                for (int i = 0; i < progress.size(); i++)
                {
                    assertNull(collector.checkPrefix(i + 1, progress.get(i).getLongVolatile(0), true));
                }

                final JournalVerifier.Report sealed = JournalVerifier.verify(journal, null);
                System.out.println("[crash test] before sealing: " + before.uncommitted() + " uncommitted; after: " +
                    sealed.sealedFrames() + " sealed, " + sealed.dataFrames() + " data frames");
                assertTrue(sealed.ok(), sealed.problems()::toString);
                assertEquals(0, sealed.uncommitted(), sealed.problems()::toString);

                final JournalAppender appender = journal.newAppender();
                final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
                JournalTestSupport.fill(src, 0, 64, 999, 0);
                final long position = appender.append(999, 1, src, 0, 64);
                assertTrue(position >= 0, "log usable after the crashes: " + position);
                JournalTestSupport.pollUntil(reader, collector, TimeUnit.SECONDS.toNanos(10),
                    () -> null != collector.sequences.get(999));
                assertNull(collector.checkPrefix(999, 1, false));
                assertEquals(0, reader.corruptFrames());
                assertTrue(collector.problems.isEmpty(), collector.problems::toString);
            }
            final JournalVerifier.Report last = JournalVerifier.verify(journal, null);
            assertTrue(last.ok(), last.problems()::toString);
            assertEquals(0, last.uncommitted(), last.problems()::toString);
        }
    }

    private String logOf(final List<Process> round)
    {
        final StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir))
        {
            for (final Path path : (Iterable<Path>)files.filter(p -> p.toString().endsWith(".log"))::iterator)
            {
                sb.append(path.getFileName()).append(": ").append(Files.readString(path)).append('\n');
            }
        }
        catch (final java.io.IOException ex)
        {
            sb.append(ex);
        }
        return sb.toString();
    }
}
