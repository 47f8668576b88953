package io.ticklane.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9, item 10: {@code kill -9} of an engine leaves its embedded driver's directory in /dev/shm for ever. The
 * next engine reclaims the directories of dead engines, and says so; a live process's directory is never touched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StaleDriverDirectoriesTest
{
    @TempDir
    Path dir;

    private static long deadPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return process.pid();
    }

    @Test
    void theDirectoriesOfDeadEnginesAreReclaimedAndLiveOnesKept() throws Exception
    {
        final String user = "t" + UUID.randomUUID().toString().substring(0, 8);
        final long dead = deadPid();
        final Path stale = Files.createDirectories(dir.resolve("ticklane-" + user + "-driver-" + dead));
        Files.write(stale.resolve("cnc.dat"), new byte[4096]);
        final Path live = Files.createDirectories(dir.resolve("ticklane-" + user + "-driver-" + ProcessHandle.current()
            .parent().orElseThrow().pid()));
        final Path other = Files.createDirectories(dir.resolve("something-else-" + dead));

        final StaleDriverDirectories.Reclaimed reclaimed = StaleDriverDirectories.reclaim(dir, user);
        assertEquals(List.of(dead), reclaimed.pids());
        assertEquals(4096, reclaimed.bytes());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live), "a live process's directory stays");
        assertTrue(Files.exists(other), "only our naming pattern is touched");
    }

    @Test
    void anEngineReclaimsThemAtStartAndSaysSo() throws Exception
    {
        final String user = System.getProperty("user.name", "default");
        final Path stale = Files.createDirectories(
            Path.of("/dev/shm").resolve("ticklane-" + user + "-driver-" + deadPid()));
        Files.write(stale.resolve("cnc.dat"), new byte[1024]);
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.ipcChannel());
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Engine engine = Engine.launch(TestEngines.config(settings), new PrintStream(log, true,
            StandardCharsets.UTF_8)))
        {
            assertNotNull(engine.aeron());
        }
        assertFalse(Files.exists(stale));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("reclaimed"), log.toString(StandardCharsets.UTF_8));
    }
}
