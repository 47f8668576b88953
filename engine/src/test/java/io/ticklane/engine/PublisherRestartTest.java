package io.ticklane.engine;

import io.ticklane.testkit.Await;

import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.InstrumentBook;
import io.ticklane.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9, item 4: one engine, then a feed with one seed, then a restarted feed with another. The restarted
 * publisher's sequence starts again at 1; it is a new stream, so the engine's books must end equal to the second
 * feed's, with the restart counted, instead of tens of thousands of "duplicates" and the first feed's books.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PublisherRestartTest
{
    @TempDir
    Path dir;

    @Test
    void aRestartedPublisherRebuildsTheBooksFromItsNewStream()
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        settings.put("sim.rate", "20000");
        settings.put("sim.snapshot.interval", "200ms");
        final EngineConfig config = TestEngines.config(settings);
        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        final AgentThreads threads = new AgentThreads(ThreadPinner.openHft(), HostCpus.live(), log,
            Throwable::printStackTrace, null);
        try (Engine engine = Engine.launch(config, log))
        {
            final SimulatedFeed first = new SimulatedFeed(engine.aeron(), seeded(settings, 1),
                TimeUnit.MILLISECONDS.toNanos(1_500), threads);
            awaitDone(first);
            first.drainAndClose(engine.aeron(), TimeUnit.SECONDS.toNanos(5));
            assertTrue(engine.awaitCaughtUp(first.lastSequences(), TimeUnit.SECONDS.toNanos(30)));

            final SimulatedFeed second = new SimulatedFeed(engine.aeron(), seeded(settings, 2),
                TimeUnit.MILLISECONDS.toNanos(1_500), threads);
            awaitDone(second);
            second.drainAndClose(engine.aeron(), TimeUnit.SECONDS.toNanos(5));
            assertTrue(engine.awaitCaughtUp(second.lastSequences(), TimeUnit.SECONDS.toNanos(30)),
                "the engine caught up with the restarted feed");
            engine.close();

            final EngineSummary summary = engine.summary(-1);
            assertEquals(1, summary.counts().sessionResets(), "the restart is counted");
            assertEquals(0, summary.counts().duplicates(), "its packets are not duplicates of the first feed's");
            assertEquals(0, summary.counts().gaps());
            assertEquals(4, summary.books().size());
            for (final InstrumentBook book : summary.books())
            {
                assertFalse(book.isStale(), book.symbol());
                assertEquals(second.mirror(book.instrumentId()).stateHash(), book.stateHash(),
                    book.symbol() + " equals the restarted feed's book");
                assertNotEquals(first.mirror(book.instrumentId()).stateHash(), book.stateHash(),
                    book.symbol() + " is not the first feed's book");
            }
            assertTrue(summary.format(1).contains("publisher restarts 1"), summary.format(1));
        }
    }

    private static EngineConfig seeded(final Map<String, String> settings, final long seed)
    {
        final Map<String, String> copy = new java.util.LinkedHashMap<>(settings);
        copy.put("sim.seed", Long.toString(seed));
        return TestEngines.config(copy);
    }

    private static void awaitDone(final SimulatedFeed feed)
    {
        Await.until("the feed finished", Duration.ofSeconds(60), feed::isDone);
        assertNull(feed.failure());
    }
}
