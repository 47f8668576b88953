package io.ticklane.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9, item 5: {@code engine demo; engine demo; engine replay} on the one default journal. Replay must rebuild
 * what the live engine had, run after run: it ends with the books of the second demo and says how many runs the
 * journal held, instead of mixing both runs into books equal to neither.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplayRunsTest
{
    private static final Pattern HASH = Pattern.compile("(\\S+)\\s+id (\\d+)\\s+orders (\\d+)\\s+hash ([0-9a-f]{16})");

    @TempDir
    Path dir;

    @Test
    void replayEndsWithTheLastRunsBooks()
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.ipcChannel());
        settings.put("sim.rate", "20000");
        settings.put("sim.seed", "1");
        final CommandRun first = CommandRun.of(args(settings, "demo", "--duration", "1s", "--depth", "3"));
        assertEquals(0, first.status(), first.out() + first.err());
        settings.put("sim.seed", "2");
        final CommandRun second = CommandRun.of(args(settings, "demo", "--duration", "1s", "--depth", "3"));
        assertEquals(0, second.status(), second.out() + second.err());

        final CommandRun replay = CommandRun.of(args(settings, "replay", "--depth", "3"));
        assertEquals(0, replay.status(), replay.out() + replay.err());
        assertTrue(replay.out().contains("runs 2 "), replay.out());
        assertTrue(replay.out().contains("duplicates 0"), replay.out());
        assertTrue(replay.out().contains("rejected 0"), replay.out());
        final List<String> secondBooks = books(second.out());
        assertEquals(4, secondBooks.size(), second.out());
        assertEquals(secondBooks, books(replay.out()), "replay ends with the second demo's books");
        assertNotEquals(books(first.out()), secondBooks, "the two runs differ, so the check means something");
    }

    private static List<String> books(final String text)
    {
        final List<String> books = new ArrayList<>();
        final Matcher matcher = HASH.matcher(text);
        while (matcher.find())
        {
            books.add(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3) + " " + matcher.group(4));
        }
        return books;
    }

    private static String[] args(final Map<String, String> settings, final String... command)
    {
        return Stream.concat(Stream.of(command), Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new);
    }
}
