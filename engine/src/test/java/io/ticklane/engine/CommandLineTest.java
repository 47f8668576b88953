package io.ticklane.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The command line refuses bad configuration at start, before anything runs, with one line naming the key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandLineTest
{
    @TempDir
    Path dir;

    private record Result(int status, String out, String err)
    {
    }

    private static Result run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void assertRefusedAtStart(final String command, final String key, final String value)
    {
        final Result result = run(command, "--set", "counters.path=" + dir.resolve("c"), "--set", key + "=" + value);
        assertEquals(2, result.status(), result.err());
        final List<String> lines = result.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line: " + result.err());
        assertTrue(lines.get(0).contains("'" + key + "'"), lines.get(0));
        assertTrue(lines.get(0).contains("allowed"), lines.get(0));
        assertFalse(dir.resolve("c").toFile().exists(), "nothing was started");
    }

    @Test
    void negativeRingSizeStopsTheEngineAtStart()
    {
        assertRefusedAtStart("run", "ring.capacity", "-1");
        assertRefusedAtStart("demo", "ring.capacity", "-1");
    }

    @Test
    void unknownIdleStrategyStopsTheEngineAtStart()
    {
        assertRefusedAtStart("run", "agent.gateway.0.idle", "hyperspin");
        assertRefusedAtStart("demo", "agent.book.0.idle", "hyperspin");
    }

    @Test
    void cpuBeyondTheMachineStopsTheEngineAtStart()
    {
        assertRefusedAtStart("run", "agent.gateway.0.cpu", Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertRefusedAtStart("demo", "agent.book.0.cpu", "4096");
    }

    @Test
    void configFileErrorsNameTheKeyToo() throws Exception
    {
        final Path file = dir.resolve("bad.properties");
        java.nio.file.Files.writeString(file, "feed.stream=0\n");
        final Result result = run("run", "--config", file.toString());
        assertEquals(2, result.status());
        assertTrue(result.err().contains("'feed.stream'"), result.err());
    }

    @Test
    void badUsageIsRefusedWithTheOptionNamed()
    {
        final Result unknown = run("demo", "--durration", "5s");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("--durration"), unknown.err());
        final Result badDuration = run("demo", "--duration", "five");
        assertEquals(2, badDuration.status());
        assertTrue(badDuration.err().contains("--duration"), badDuration.err());
        final Result command = run("launch");
        assertEquals(2, command.status());
        assertTrue(command.err().contains("'launch'"), command.err());
    }

    @Test
    void helpListsEveryCommandAndEachCommandHasHelp()
    {
        final Result help = run("--help");
        assertEquals(0, help.status());
        for (final String command : List.of("demo", "run", "feed"))
        {
            assertTrue(help.out().contains(command), help.out());
            final Result own = run(command, "--help");
            assertEquals(0, own.status());
            assertTrue(own.out().startsWith("usage: engine " + command), own.out());
        }
    }
}
