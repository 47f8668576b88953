package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.InstrumentBook;
import io.ticklane.client.ClientCounters;
import io.ticklane.client.StreamClient;
import io.ticklane.config.EngineConfig;
import io.ticklane.testkit.Await;
import org.agrona.CloseHelper;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine's published stream against the engine's own books, with the real embedded media driver: clients there
 * from the start and joining mid-run rebuild books equal (state hashes) to the engine's, over IPC (sharing the
 * engine's driver, two book agents so two publishers) and over UDP multicast on loopback (a client driver of its
 * own); {@code engine subscribe} joining a running engine prints the engine's hash lines; bad {@code publish.*}
 * values are one line naming the key.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamSubscribeTest
{
    @TempDir
    Path dir;

    private Map<String, String> settings(final String feedChannel, final boolean udpStream)
    {
        final Map<String, String> settings = TestEngines.settings(dir, feedChannel);
        final int stream = ThreadLocalRandom.current().nextInt(10_000, 1_000_000) * 8 + 1;
        settings.put("publish.stream", Integer.toString(stream));
        settings.put("publish.snapshot.stream", Integer.toString(stream + 1));
        settings.put("publish.request.stream", Integer.toString(stream + 2));
        if (udpStream)
        {
            settings.put("publish.channel", TestEngines.udpChannel());
            settings.put("publish.snapshot.channel", TestEngines.udpChannel());
            settings.put("publish.request.channel", TestEngines.udpChannel());
        }
        settings.put("subscribe.snapshot.timeout", "300ms");
        settings.put("sim.rate", "20000");
        return settings;
    }

    @Test
    void ipcClientsEqualTheEngineBooks()
    {
        final Map<String, String> settings = settings(TestEngines.ipcChannel(), false);
        settings.put("book.agents", "2");
        run(TestEngines.config(settings), null);
    }

    @Test
    void udpMulticastClientsEqualTheEngineBooks()
    {
        final EngineConfig config = TestEngines.config(settings(TestEngines.udpChannel(), true));
        final MediaDriver clientDriver = MediaDrivers.launchEmbedded(TestEngines.config(Map.of(
            "driver.dir", "/dev/shm/ticklane-test-" + UUID.randomUUID())).driver());
        try
        {
            run(config, clientDriver);
        }
        finally
        {
            CloseHelper.quietClose(clientDriver);
        }
    }

    private static StreamClient client(final Aeron aeron, final EngineConfig config)
    {
        return new StreamClient(aeron, config.publish(), SubscribeCommand.newApplier(config),
            ClientCounters.unshared(), new OffsetEpochNanoClock());
    }

    private void run(final EngineConfig config, final MediaDriver clientDriver)
    {
        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        try (Engine engine = Engine.launch(config, log))
        {
            final Aeron aeron = null == clientDriver ? engine.aeron() :
                Aeron.connect(new Aeron.Context().aeronDirectoryName(clientDriver.aeronDirectoryName()));
            final StreamClient early = client(aeron, config);
            Await.until("the early client to join", Duration.ofSeconds(20), () -> early.doWork() >= 0 &&
                early.joined());
            final SimulatedFeed feed = new SimulatedFeed(engine.aeron(), config, TimeUnit.SECONDS.toNanos(3),
                new AgentThreads(ThreadPinner.openHft(), HostCpus.live(), log, Throwable::printStackTrace, null));
            StreamClient late = null;
            final long startNs = System.nanoTime();
            try
            {
                while (!feed.isDone())
                {
                    early.doWork();
                    if (null == late && System.nanoTime() - startNs > TimeUnit.MILLISECONDS.toNanos(1500))
                    {
                        late = client(aeron, config);
                    }
                    if (null != late)
                    {
                        late.doWork();
                    }
                    Thread.onSpinWait();
                }
            }
            finally
            {
                feed.drainAndClose(engine.aeron(), TimeUnit.SECONDS.toNanos(5));
            }
            assertNull(feed.failure());
            assertNotNull(late);
            assertTrue(engine.awaitCaughtUp(feed.lastSequences(), TimeUnit.SECONDS.toNanos(30)), "engine caught up");
            final List<InstrumentBook> engineBooks = new ArrayList<>();
            for (final io.ticklane.book.BookAgent agent : engine.bookAgents())
            {
                engineBooks.addAll(agent.applier().books()); // no event is applied any more: the rings are empty
            }
            for (final StreamClient client : List.of(early, late))
            {
                Await.until(() -> "a client to equal the engine: " + difference(engineBooks, client),
                    Duration.ofSeconds(30), () -> client.doWork() >= 0 && null == difference(engineBooks, client));
            }
            assertEquals(0, early.gaps());
            assertTrue(late.recoveries() >= engineBooks.size(), "late join recovered every instrument");
            if (null != clientDriver)
            {
                aeron.close();
            }
            engine.close();
            final EngineSummary summary = engine.summary(feed.messagesPublished());
            assertTrue(summary.venueReport().stream().anyMatch(l -> l.startsWith("publish   events ")),
                "the summary has its publication line: " + summary.venueReport());
            for (final InstrumentBook book : summary.books())
            {
                assertEquals(book.stateHash(), early.book(book.instrumentId()).stateHash(), book.symbol());
                assertEquals(book.stateHash(), late.book(book.instrumentId()).stateHash(), book.symbol());
                assertTrue(book.orderCount() > 10, "a non-trivial book");
            }
        }
    }

    private static String difference(final List<InstrumentBook> engineBooks, final StreamClient client)
    {
        for (final InstrumentBook book : engineBooks)
        {
            final InstrumentBook mine = client.book(book.instrumentId());
            if (null == mine || mine.stateHash() != book.stateHash() || mine.isStale() != book.isStale())
            {
                return book.symbol() + " engine " + Long.toHexString(book.stateHash()) + " client " +
                    (null == mine ? "none" : Long.toHexString(mine.stateHash()) + (mine.isStale() ? " stale" : ""));
            }
        }
        return null;
    }

    @Test
    void subscribeCommandJoiningARunningEnginePrintsItsHashes()
    {
        final Map<String, String> settings = settings(TestEngines.ipcChannel(), false);
        final EngineConfig config = TestEngines.config(settings);
        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        try (Engine engine = Engine.launch(config, log))
        {
            final SimulatedFeed feed = new SimulatedFeed(engine.aeron(), config, TimeUnit.MILLISECONDS.toNanos(1500),
                new AgentThreads(ThreadPinner.openHft(), HostCpus.live(), log, Throwable::printStackTrace, null));
            Await.until("the feed to finish", Duration.ofSeconds(30), feed::isDone);
            feed.drainAndClose(engine.aeron(), TimeUnit.SECONDS.toNanos(5));
            assertTrue(engine.awaitCaughtUp(feed.lastSequences(), TimeUnit.SECONDS.toNanos(30)), "engine caught up");
            settings.put("subscribe.counters.path", dir.resolve("client.counters").toString());
            settings.remove("counters.path");
            final List<String> args = new ArrayList<>(List.of("subscribe", "--duration", "2s", "--interval", "1s"));
            args.addAll(List.of(TestEngines.setArgs(settings)));
            final CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("attached to " + config.driver().directory()), run.out());
            engine.close();
            final StringBuilder expected = new StringBuilder();
            BookPrinter.print(expected, engine.summary(feed.messagesPublished()).books(), 1);
            final String books = run.out().substring(run.out().indexOf("=== subscribe summary ==="));
            assertTrue(books.contains(expected.toString()), "the engine's book lines\n" + expected + "in\n" + books);
            assertTrue(books.contains("recoveries "), books);
        }
    }

    @Test
    void badPublishValuesAreOneLineNamingTheKey()
    {
        for (final String[] bad : new String[][]{
            {"publish.channel=tcp://10.0.0.1:5000", "publish.channel"},
            {"publish.stream=0", "publish.stream"},
            {"publish.instruments=AAPL,all", "publish.instruments"},
            {"publish.enabled=maybe", "publish.enabled"},
            {"publish.request.channel=udp://x", "publish.request.channel"}})
        {
            final CommandRun run = CommandRun.of("subscribe", "--duration", "1ms", "--set", bad[0]);
            assertEquals(2, run.status(), run.out() + run.err());
            final List<String> lines = run.err().lines().toList();
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).contains(bad[1]) && !run.err().contains("\tat "), run.err());
        }
    }
}
