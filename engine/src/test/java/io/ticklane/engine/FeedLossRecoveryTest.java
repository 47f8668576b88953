package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.BookAgent;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderBook;
import io.ticklane.config.DriverSettings;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.IdleSpec;
import io.ticklane.testkit.Await;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Loss, recovery, late join and malformed traffic with the real embedded media driver over UDP multicast on
 * loopback: 4 instruments on 2 feed channels (2 gateway agents) over 2 book agents, lines A and B, snapshots.
 * Every scenario ends with every book live and equal to the feed's own view of it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedLossRecoveryTest
{
    private static final long FEED_NS = TimeUnit.MILLISECONDS.toNanos(2_500);

    @TempDir
    Path dir;

    private Map<String, String> settings()
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        settings.put("feed.b.channel", TestEngines.udpChannel());
        settings.put("feed.channels", "2");
        settings.put("book.agents", "2");
        settings.put("instrument.MSFT.agent", "1");
        settings.put("instrument.ESZ6.agent", "0");
        settings.put("instrument.EURUSD.agent", "1");
        settings.put("sim.rate", "20000");
        settings.put("sim.snapshot.interval", "250ms");
        return settings;
    }

    private record Run(EngineSummary summary, SimulatedFeed feed, Engine engine)
    {
    }

    private static Run run(final EngineConfig config)
    {
        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        final Engine engine = Engine.launch(config, log);
        try
        {
            final SimulatedFeed feed = new SimulatedFeed(engine.aeron(), config, FEED_NS,
                new AgentThreads(ThreadPinner.noOp(), HostCpus.live(), log, Throwable::printStackTrace, null));
            awaitDone(feed);
            feed.close();
            assertNull(feed.failure());
            assertTrue(engine.awaitCaughtUp(feed.lastSequences(), TimeUnit.SECONDS.toNanos(30)),
                "caught up: stale " + engine.staleInstruments());
            engine.close();
            return new Run(engine.summary(feed.messagesPublished()), feed, engine);
        }
        finally
        {
            engine.close();
        }
    }

    private static void awaitDone(final SimulatedFeed feed)
    {
        Await.until("the feed to finish", Duration.ofSeconds(60), feed::isDone);
    }

    private static void assertBooksEqualTheFeed(final Run run)
    {
        assertEquals(4, run.summary().books().size());
        for (final InstrumentBook book : run.summary().books())
        {
            final OrderBook expected = run.feed().mirror(book.instrumentId());
            assertFalse(book.isStale(), book.symbol() + " is live");
            assertTrue(expected.orderCount() > 20, "a real book");
            assertEquals(expected.stateHash(), book.book().stateHash(), book.symbol());
        }
        for (final BookAgent agent : run.engine().bookAgents())
        {
            assertEquals(2, agent.applier().books().size(), "instruments are spread over both book agents");
        }
    }

    @Test
    void lossOnLineAOnlyIsFilledByLineB()
    {
        final Map<String, String> settings = settings();
        settings.put("sim.loss.a", "0.02");
        final Run run = run(TestEngines.config(settings));
        final EngineCounts c = run.summary().counts();
        assertEquals(0, c.gaps(), "line B filled every loss on line A");
        assertEquals(0, c.recoveries());
        assertTrue(c.lineALosses() > 50, "line A lost packets: " + c.lineALosses());
        assertEquals(0, c.lineBLosses());
        assertTrue(c.duplicates() > 1_000, "the later copy of each packet is dropped");
        assertEquals(run.summary().published(), c.messages(), "every event was received once");
        assertEquals(run.summary().published(), c.applied());
        assertBooksEqualTheFeed(run);
    }

    @Test
    void lossOnBothLinesMakesBooksStaleThenSnapshotsRecoverThem()
    {
        final Map<String, String> settings = settings();
        settings.put("sim.loss.both", "0.003");
        settings.put("feed.gap.timeout", "2ms");
        final Run run = run(TestEngines.config(settings));
        final EngineCounts c = run.summary().counts();
        assertTrue(c.gaps() > 0, "packets were lost on both lines");
        assertTrue(c.recoveries() >= 2, "books were rebuilt from snapshots: " + c.recoveries());
        assertEquals(0, c.stale());
        assertTrue(c.messages() < run.summary().published(), "lost events were never received");
        assertBooksEqualTheFeed(run);
    }

    @Test
    void malformedPacketsInsideALiveStreamAreCountedAndChangeNoBook()
    {
        final Map<String, String> settings = settings();
        settings.put("sim.malformed", "0.02");
        final Run run = run(TestEngines.config(settings));
        final EngineCounts c = run.summary().counts();
        assertTrue(c.malformed() > 100, "corrupt copies were refused: " + c.malformed());
        assertEquals(0, c.gaps());
        assertEquals(0, c.recoveries());
        assertEquals(0, c.rejected(), "nothing corrupt reached a book");
        assertTrue(run.summary().malformedLog().contains("malformed feed packet"), run.summary().malformedLog());
        assertBooksEqualTheFeed(run);
    }

    @Test
    void engineStartedLateJoinsFromSnapshots()
    {
        final Map<String, String> settings = settings();
        settings.put("feed.b.channel", ""); // one line is enough here
        final EngineConfig engineConfig = TestEngines.config(settings);
        final Map<String, String> feedSettings = new java.util.LinkedHashMap<>(settings);
        feedSettings.put("driver.dir", "/dev/shm/ticklane-test-feed-" + UUID.randomUUID());
        final EngineConfig feedConfig = TestEngines.config(feedSettings);

        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        final MediaDriver feedDriver = MediaDrivers.launchEmbedded(new DriverSettings(
            true, feedSettings.get("driver.dir"), "shared", IdleSpec.parse("t", "backoff")));
        Aeron feedAeron = null;
        Engine engine = null;
        try
        {
            feedAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(feedSettings.get("driver.dir")));
            // a listener of the feed's own, so that it starts before the engine exists
            final Subscription[] early = {
                feedAeron.addSubscription(feedConfig.feed().channel(), feedConfig.feed().streamId()),
                feedAeron.addSubscription(feedConfig.feed().channel(), feedConfig.feed().streamId() + 1)};
            final SimulatedFeed feed = new SimulatedFeed(feedAeron, feedConfig, FEED_NS * 2,
                new AgentThreads(ThreadPinner.noOp(), HostCpus.live(), log, Throwable::printStackTrace, null));
            Await.until("the feed to publish 20,000 messages", Duration.ofSeconds(20),
                () -> feed.messagesPublished() >= 20_000);
            engine = Engine.launch(engineConfig, log); // joins a running feed
            awaitDone(feed);
            feed.close();
            assertTrue(engine.awaitCaughtUp(feed.lastSequences(), TimeUnit.SECONDS.toNanos(30)),
                "caught up: stale " + engine.staleInstruments());
            engine.close();
            final Run run = new Run(engine.summary(feed.messagesPublished()), feed, engine);
            final EngineCounts c = run.summary().counts();
            assertTrue(c.messages() < run.summary().published(), "the engine missed the start");
            assertTrue(c.recoveries() >= 4, "every instrument was joined from a snapshot: " + c.recoveries());
            assertBooksEqualTheFeed(run);
            CloseHelper.quietCloseAll(early);
        }
        finally
        {
            CloseHelper.quietCloseAll(engine, feedAeron, feedDriver);
        }
    }
}
