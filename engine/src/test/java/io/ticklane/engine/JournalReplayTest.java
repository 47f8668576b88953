package io.ticklane.engine;

import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.BookListener;
import io.ticklane.book.InstrumentBook;
import io.ticklane.config.EngineConfig;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalReader;
import io.ticklane.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Backtesting rests on this: replaying the journal of a live run (two lines with losses on each and on both, gap
 * recoveries from snapshots, corrupt packets, two feed channels) rebuilds exactly the books the live engine had,
 * and makes exactly the same gap, recovery and validation decisions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JournalReplayTest
{
    @TempDir
    Path dir;

    @Test
    void replayingTheJournalRebuildsTheLiveBooksExactly()
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        settings.put("feed.b.channel", TestEngines.udpChannel());
        settings.put("feed.channels", "2");
        settings.put("book.agents", "2");
        settings.put("sim.rate", "20000");
        settings.put("sim.snapshot.interval", "250ms");
        settings.put("sim.loss.a", "0.01");
        settings.put("sim.loss.both", "0.002");
        settings.put("sim.malformed", "0.005");
        settings.put("feed.gap.timeout", "2ms");
        final EngineConfig config = TestEngines.config(settings);

        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        final EngineSummary live;
        try (Engine engine = Engine.launch(config, log))
        {
            final SimulatedFeed feed = new SimulatedFeed(engine.aeron(), config, TimeUnit.SECONDS.toNanos(2),
                new AgentThreads(ThreadPinner.noOp(), HostCpus.live(), log, Throwable::printStackTrace, null));
            Await.until("the feed to finish", Duration.ofSeconds(60), feed::isDone);
            feed.drainAndClose(engine.aeron(), TimeUnit.SECONDS.toNanos(5));
            assertTrue(engine.awaitCaughtUp(feed.lastSequences(), TimeUnit.SECONDS.toNanos(30)));
            engine.close();
            live = engine.summary(feed.messagesPublished());
        }
        assertTrue(live.counts().gaps() > 0 && live.counts().recoveries() > 0 && live.counts().malformed() > 0,
            "the run exercised gaps, recoveries and validation: " + live.counts());

        final long[] topOfBookChanges = new long[1];
        final JournalReplay replay = new JournalReplay(config, new BookListener()
        {
            public void onTopOfBook(final int id, final long bid, final long bidQty, final long ask, final long askQty)
            {
                topOfBookChanges[0]++;
            }
        });
        try (Journal journal = Journal.open(JournalCommand.options(config.journal())))
        {
            final JournalReader reader = journal.newReader(0, false);
            while (reader.poll(replay, 1024) > 0)
            {
                // replay every frame
            }
        }
        assertEquals(live.counts().journalRecords() + 1, replay.frames(),
            "every journaled frame was replayed: the engine start, then the gateway's");
        assertEquals(1, replay.runs());
        assertEquals(live.counts().gaps(), replay.counters().gaps().get(), "same gaps");
        assertEquals(live.counts().recoveries(), replay.counters().recoveries().get(), "same recoveries");
        assertEquals(live.counts().malformed(), replay.counters().malformed().get(), "same malformed packets");
        assertEquals(live.counts().duplicates(), replay.counters().duplicates().get(), "same duplicates");
        assertTrue(topOfBookChanges[0] > 1_000, "the listener (a strategy) heard the book move");
        assertEquals(4, live.books().size());
        for (final InstrumentBook book : live.books())
        {
            assertNotNull(replay.book(book.instrumentId()), book.symbol());
            assertFalse(replay.book(book.instrumentId()).isStale());
            assertEquals(book.book().stateHash(), replay.book(book.instrumentId()).stateHash(), book.symbol());
        }

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("replay", "--depth", "2"),
            java.util.stream.Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new);
        assertEquals(0, EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), log));
        final String text = out.toString(StandardCharsets.UTF_8);
        for (final InstrumentBook book : live.books())
        {
            assertTrue(text.contains(String.format("hash %016x", book.book().stateHash())), text);
        }

        // the journal directory given positionally replays the same books
        final Map<String, String> withoutPath = new java.util.LinkedHashMap<>(settings);
        final String journalDir = withoutPath.remove("journal.path");
        final ByteArrayOutputStream positional = new ByteArrayOutputStream();
        final String[] positionalArgs = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("replay", journalDir, "--depth", "2"),
            java.util.stream.Stream.of(TestEngines.setArgs(withoutPath))).toArray(String[]::new);
        assertEquals(0, EngineMain.run(positionalArgs, new PrintStream(positional, true, StandardCharsets.UTF_8), log));
        final String again = positional.toString(StandardCharsets.UTF_8);
        assertEquals(text.substring(text.indexOf("\nbooks\n")), again.substring(again.indexOf("\nbooks\n")));
    }
}
