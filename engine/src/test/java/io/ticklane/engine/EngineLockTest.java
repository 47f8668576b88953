package io.ticklane.engine;

import io.ticklane.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9, item 3: one engine per journal and per counters file. A second engine on either is refused with the
 * first one's pid, and the lock dies with its owner however it dies (kill -9 included), so a restart is never
 * blocked by a stale lock file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineLockTest
{
    @TempDir
    Path dir;

    @Test
    void aSecondEngineOnTheSameJournalOrCountersFileIsRefusedWithTheFirstOnesPid()
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.ipcChannel());
        final EngineConfig config = TestEngines.config(settings);
        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        final String pid = "pid " + ProcessHandle.current().pid();
        try (Engine first = Engine.launch(config, log))
        {
            final Map<String, String> sameJournal = TestEngines.settings(dir.resolve("b"), TestEngines.ipcChannel());
            sameJournal.put("journal.path", settings.get("journal.path"));
            final OperatorException journal = assertThrows(OperatorException.class,
                () -> Engine.launch(TestEngines.config(sameJournal), log));
            assertTrue(journal.getMessage().contains("journal") && journal.getMessage().contains(pid) &&
                journal.getMessage().contains("journal.path"), journal.getMessage());

            final Map<String, String> sameCounters = TestEngines.settings(dir.resolve("c"), TestEngines.ipcChannel());
            sameCounters.put("counters.path", settings.get("counters.path"));
            final OperatorException counters = assertThrows(OperatorException.class,
                () -> Engine.launch(TestEngines.config(sameCounters), log));
            assertTrue(counters.getMessage().contains("counters file") && counters.getMessage().contains(pid),
                counters.getMessage());

            final CommandRun cli = CommandRun.of(java.util.stream.Stream.concat(
                java.util.stream.Stream.of("run", "--duration", "1s"),
                java.util.stream.Stream.of(TestEngines.setArgs(sameJournal))).toArray(String[]::new));
            assertEquals(1, cli.status());
            assertEquals(1, cli.err().strip().lines().count(), "one line: " + cli.err());
        }
        try (Engine again = Engine.launch(config, log))
        {
            assertNotNull(again.aeron(), "the first engine's close released its locks");
        }
    }

    @Test
    void aLockHeldByAProcessKilledWithSigkillIsFreeAgain() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
            EngineLockHolder.class.getName(), journal.toString())).redirectErrorStream(true).start();
        try
        {
            final BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            final String first = lines.readLine();
            assertNotNull(first, "the child died before locking");
            assertTrue(first.startsWith("locked"), first);
            final OperatorException held = assertThrows(OperatorException.class,
                () -> EngineLock.acquire(journal, "journal", "journal.path"));
            assertTrue(held.getMessage().contains("pid " + child.pid()), held.getMessage());

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            try (EngineLock lock = EngineLock.acquire(journal, "journal", "journal.path"))
            {
                assertTrue(lock.path().toString().endsWith("journal.lock"));
            }
        }
        finally
        {
            child.destroyForcibly();
        }
    }
}
