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

    /** Every command but journal (converted by the lead), with what it needs to get past its own checks. */
    private static final List<List<String>> COMMANDS = List.of(
        List.of("demo"), List.of("run"), List.of("feed"), List.of("replay"), List.of("lobster-check"),
        List.of("stat"), List.of("latency"), List.of("console"), List.of("doctor"));

    @Test
    void aStrayPositionalArgumentIsRefusedWithOneLineByEveryCommand()
    {
        for (final List<String> command : COMMANDS)
        {
            final List<String> args = new java.util.ArrayList<>(command);
            if (command.get(0).equals("replay") || command.get(0).equals("latency"))
            {
                args.add("first-positional-is-documented");
            }
            // the configuration error behind it is what an ignored argument would run into instead
            args.addAll(List.of("stray-argument", "--set", "ring.capacity=-1"));
            final Result result = run(args.toArray(String[]::new));
            assertEquals(2, result.status(), args + ": " + result.err());
            final List<String> lines = result.err().lines().toList();
            assertEquals(1, lines.size(), args + " prints exactly one line: " + result.err());
            assertTrue(lines.get(0).startsWith("engine " + command.get(0) + ": unexpected argument 'stray-argument'"),
                args + ": " + lines.get(0));
        }
    }

    @Test
    void dashHIsHelpForEveryCommandAndWinsOverEverythingElse()
    {
        for (final List<String> command : COMMANDS)
        {
            for (final String help : List.of("-h", "--help"))
            {
                final Result result = run(command.get(0), "--set", "ring.capacity=-1", help, "--no-such-option");
                assertEquals(0, result.status(), command + " " + help + ": " + result.err());
                assertTrue(result.out().startsWith("usage: engine " + command.get(0) + " "), result.out());
                assertEquals("", result.err(), command + " " + help);
            }
        }
    }

    @Test
    void replayTakesTheJournalDirectoryPositionally()
    {
        final Path absent = dir.resolve("no-journal-here");
        final Result result = run("replay", absent.toString());
        assertEquals(2, result.status(), result.err());
        assertEquals("engine replay: no journal at '" + absent + "' (JOURNAL, --journal DIR, or journal.path)",
            result.err().strip());
        final Path empty = dir.resolve("empty");
        assertTrue(empty.toFile().mkdir());
        final Result notAJournal = run("replay", empty.toString());
        assertEquals(2, notAJournal.status(), notAJournal.err());
        assertEquals("engine replay: no journal at '" + empty + "' (JOURNAL, --journal DIR, or journal.path)",
            notAJournal.err().strip());
        assertEquals(0, empty.toFile().list().length, "replay creates nothing");
        final Result both = run("replay", absent.toString(), "--journal", dir.toString());
        assertEquals(2, both.status(), both.err());
        assertTrue(both.err().contains("JOURNAL") && both.err().contains("--journal"), both.err());
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
