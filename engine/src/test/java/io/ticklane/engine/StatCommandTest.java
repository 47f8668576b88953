package io.ticklane.engine;

import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code engine stat} against a counters file written in this process (the cross-process case, against a real
 * engine, is in {@link LiveEngineOpsTest}).
 */
class StatCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void printsEveryCounterWithRatesAndTheEngineState()
    {
        final Path path = dir.resolve("engine.counters");
        try (CountersFile file = CountersFile.create(path, 8, SystemEpochClock.INSTANCE))
        {
            final AtomicCounter packets = file.newCounter("gateway packets received", CounterTypes.PACKETS_RECEIVED);
            file.newCounter("ring book.0 depth bytes", CounterTypes.RING_DEPTH).setRelease(4096);
            file.newCounter("gateway gaps (packets missed)", CounterTypes.GAPS).setRelease(3);
            packets.setRelease(1_234_567);

            final CommandRun run = CommandRun.of("stat", "--counters", path.toString(), "--count", "2",
                "--interval", "50ms", "--no-clear");
            assertEquals(0, run.status(), run.err());
            final String[] blocks = run.out().split("\n\n");
            assertEquals(2, blocks.length, run.out());
            assertTrue(blocks[0].contains("engine pid " + ProcessHandle.current().pid() + " RUNNING"), blocks[0]);
            assertTrue(blocks[0].contains("1,234,567                 gateway packets received"), blocks[0]);
            final String[] lines = blocks[0].split("\n");
            assertTrue(lines[3].contains("gateway packets received") && lines[4].contains("gateway gaps"),
                "areas grouped: gateway counters first, then rings:\n" + blocks[0]);
            assertTrue(lines[5].contains("ring book.0 depth bytes"), blocks[0]);
            assertTrue(blocks[1].matches("(?s).*1,234,567\\s+0  gateway packets received.*"),
                "second refresh shows a rate:\n" + blocks[1]);
        }
        final CommandRun stopped = CommandRun.of("stat", "--counters", path.toString(), "--once");
        assertEquals(0, stopped.status());
        assertTrue(stopped.out().contains(" STOPPED"), stopped.out());
        assertTrue(stopped.out().contains("1,234,567"), "final values stay readable: " + stopped.out());
    }

    @Test
    void filterShowsOnlyMatchingLabels()
    {
        final Path path = dir.resolve("filter.counters");
        try (CountersFile file = CountersFile.create(path, 8, SystemEpochClock.INSTANCE))
        {
            file.newCounter("gateway packets received", CounterTypes.PACKETS_RECEIVED);
            file.newCounter("journal bytes", CounterTypes.JOURNAL_BYTES);
            final CommandRun run = CommandRun.of("stat", "--counters", path.toString(), "--once",
                "--filter", "journal");
            assertTrue(run.out().contains("journal bytes"), run.out());
            assertFalse(run.out().contains("packets"), run.out());
            assertTrue(Arrays.stream(run.out().split("\n")).anyMatch(l -> l.contains("RUNNING")));
        }
        final CommandRun bad = CommandRun.of("stat", "--counters", path.toString(), "--once", "--filter", "([");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("option '--filter' has value '(['"), bad.err());
    }

    @Test
    void withoutAnEngineItSaysItIsWaiting()
    {
        final Path path = dir.resolve("none.counters");
        final CommandRun once = CommandRun.of("stat", "--counters", path.toString(), "--once");
        assertEquals(1, once.status());
        assertTrue(once.out().contains("waiting for an engine: no counters file at " + path), once.out());

        final CommandRun twice = CommandRun.of("stat", "--counters", path.toString(), "--count", "2",
            "--interval", "10ms");
        assertEquals(0, twice.status(), "a bounded wait is not a failure");
        assertEquals(2, twice.out().split("waiting for an engine").length - 1, twice.out());
    }
}
