package io.ticklane.engine;

import io.ticklane.testkit.Await;

import io.ticklane.journal.JournalDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9, item 2: a panicked journal records nothing, so the engine must not pretend. It refuses to start on one,
 * with one line saying why and how to repair (unless told to run without a journal); and a journal that panics
 * while the engine runs is reported at once and makes the run exit non-zero.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PanickedJournalTest
{
    @TempDir
    Path dir;

    private String[] args(final Map<String, String> settings, final String... command)
    {
        return Stream.concat(Stream.of(command), Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new);
    }

    @Test
    void theEngineRefusesAJournalWhoseSegmentWasCutMidFrame() throws IOException
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.ipcChannel());
        settings.put("sim.rate", "20000");
        final CommandRun demo = CommandRun.of(args(settings, "demo", "--duration", "1s"));
        assertEquals(0, demo.status(), demo.out() + demo.err());
        final Path segment = dir.resolve("journal").resolve(JournalDescriptor.segmentFileName(0));
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            file.setLength(file.length() / 2 + 13); // cut mid-frame, shorter than the journal says it grew
        }

        final CommandRun run = CommandRun.of(args(settings, "run", "--duration", "1s"));
        assertEquals(1, run.status(), run.out() + run.err());
        final String line = run.err().strip();
        assertEquals(1, line.lines().count(), "one line: " + run.err());
        assertTrue(line.contains("is panicked") && line.contains("engine journal repair") &&
            line.contains("journal.enabled=false"), line);
        assertFalse(run.out().contains("summary"), "nothing ran: " + run.out());

        settings.put("journal.enabled", "false");
        final CommandRun without = CommandRun.of(args(settings, "run", "--duration", "1s"));
        assertEquals(0, without.status(), "told to run without a journal, it runs: " + without.err());
        assertTrue(without.out().contains("journal   (disabled)"), without.out());
    }

    @Test
    void aPanicWhileRunningIsLoudAndTheRunExitsNonZero() throws Exception
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.ipcChannel());
        final Path journal = dir.resolve("journal");
        final Path hlog = Path.of(settings.get("latency.hlog.path"));
        final CompletableFuture<CommandRun> running =
            CompletableFuture.supplyAsync(() -> CommandRun.of(args(settings, "run", "--duration", "6s")));
        Await.until("the engine started (its journal checked, its agents started)", Duration.ofSeconds(30),
            () -> Files.exists(hlog));
        try (RandomAccessFile meta = new RandomAccessFile(
            journal.resolve(JournalDescriptor.METADATA_FILE_NAME).toFile(), "rw"))
        {
            meta.seek(JournalDescriptor.PANIC_PID_OFFSET);
            meta.writeLong(Long.reverseBytes(4242)); // another process panicked it (little-endian fields)
            meta.seek(JournalDescriptor.PANIC_REASON_OFFSET);
            meta.writeInt(Integer.reverseBytes(JournalDescriptor.PANIC_BROKEN_FRAME));
        }
        final CommandRun run = running.get(60, TimeUnit.SECONDS);
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("[engine] ERROR journal") && run.out().contains("is panicked"), run.out());
        assertTrue(run.out().contains("PANICKED"), "the summary says so: " + run.out());
        assertTrue(run.err().contains("the journal panicked during the run"), run.err());
    }
}
