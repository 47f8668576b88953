package io.ticklane.client;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.OrderPool;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.PublishSettings;
import io.ticklane.testkit.Await;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Clients against a gateway publisher and snapshot responder over a real embedded media driver, IPC and UDP
 * multicast on loopback: a client there from the start, one that joins mid-run, and one that loses packets, all
 * end with books equal to the gateway's (state hash, stale state, trading status), order-by-order and
 * market-by-price (with unknown and empty level slots) alike.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamClientTest
{
    private static final int EVENTS = 20_000;

    private MediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void launch()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/ticklane-test-" + UUID.randomUUID())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void close()
    {
        CloseHelper.quietCloseAll(aeron, driver);
    }

    static PublishSettings settings(final String channel)
    {
        final int stream = ThreadLocalRandom.current().nextInt(10_000, 1_000_000) * 4;
        final Map<String, String> keys = new HashMap<>();
        keys.put("publish.channel", channel.startsWith("aeron:ipc") ? channel : udp());
        keys.put("publish.snapshot.channel", channel.startsWith("aeron:ipc") ? channel : udp());
        keys.put("publish.request.channel", channel.startsWith("aeron:ipc") ? channel : udp());
        keys.put("publish.stream", Integer.toString(stream));
        keys.put("publish.snapshot.stream", Integer.toString(stream + 1));
        keys.put("publish.request.stream", Integer.toString(stream + 2));
        keys.put("subscribe.snapshot.timeout", "200ms");
        return EngineConfig.load(null, keys).publish();
    }

    static String udp()
    {
        return "aeron:udp?endpoint=239.255.77.1:" + ThreadLocalRandom.current().nextInt(41_000, 49_000) +
            "|interface=127.0.0.1|ttl=0";
    }

    static StreamClient client(final Aeron aeron, final PublishSettings settings)
    {
        return new StreamClient(aeron, settings, new BookEventApplier(BookFactory.ladder(new OrderPool(1 << 14),
            BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE), ClientCounters.unshared(),
            new OffsetEpochNanoClock());
    }

    @Test
    void ipcClientsFromStartLateAndLossyEndEqual()
    {
        run(settings("aeron:ipc"));
    }

    @Test
    void udpMulticastClientsFromStartLateAndLossyEndEqual()
    {
        run(settings("aeron:udp"));
    }

    /**
     * Sharding over gateway hosts: two gateways each publish their own instruments on the same channels (an
     * order-by-order shard and a shard with the market-by-price instrument); one client subscribes to both, joins
     * from both gateways' snapshots and ends with every book equal to its owner's, with no instrument mistaken for
     * a restarted publisher.
     */
    @Test
    void oneClientMergesTheShardsOfTwoGateways()
    {
        final PublishSettings settings = settings("aeron:ipc");
        final GatewayHarness first = new GatewayHarness(aeron, settings, 42, settings.channel(), 1000,
            new io.ticklane.stream.StreamPublisher.InstrumentFilter(List.of(1, 2), List.of()));
        final GatewayHarness second = new GatewayHarness(aeron, settings, 7, settings.channel(), 1000,
            new io.ticklane.stream.StreamPublisher.InstrumentFilter(List.of(3, GatewayHarness.LEVEL_INSTRUMENT),
            List.of()));
        first.define();
        second.define();
        for (int i = 0; i < 2_000; i++)
        {
            first.step();
            second.step();
        }
        final StreamClient client = client(aeron, settings); // joins late: everything comes from snapshots first
        for (int i = 0; i < 4_000; i++)
        {
            first.step();
            second.step();
            client.doWork();
        }
        Await.until(() -> "the client to equal both gateways: " + describe(first, List.of(client)) +
            describe(second, List.of(client)), Duration.ofSeconds(30), () ->
            {
                client.doWork();
                first.responder.doWork();
                second.responder.doWork();
                return null == first.difference(client) && null == second.difference(client) &&
                    client.recovering() == 0;
            });
        assertEquals(0, client.publisherRestarts(), "two publishers of disjoint shards are not restarts");
        assertEquals(0, client.gaps(), "each gateway's stream checked on its own session");
        assertTrue(client.recoveries() >= 4, "every instrument joined from its gateway's snapshot: " +
            client.recoveries());
        assertFalse(first.publisher.publishes(3), "the shards are disjoint");
    }

    /**
     * A gateway that restarts publishes from a new Aeron session and starts its instrument sequences at 1 again,
     * with other books: a client that keeps running rebuilds every instrument from the new gateway's snapshots
     * instead of ignoring its events as old.
     */
    @Test
    void clientRebuildsFromARestartedGateway()
    {
        final PublishSettings settings = settings("aeron:ipc");
        final GatewayHarness first = new GatewayHarness(aeron, settings, 42);
        final StreamClient client = client(aeron, settings);
        Await.until("the client to connect", Duration.ofSeconds(20), () ->
        {
            client.doWork();
            first.responder.doWork();
            return client.joined();
        });
        first.define();
        for (int i = 0; i < 5_000; i++)
        {
            first.step();
            client.doWork();
        }
        Await.until(() -> "the client to equal the first gateway: " + describe(first, List.of(client)),
            Duration.ofSeconds(30), () ->
            {
                client.doWork();
                first.responder.doWork();
                return null == first.difference(client) && client.recovering() == 0;
            });
        assertEquals(0, client.publisherRestarts(), "one gateway so far");
        first.close();

        final GatewayHarness second = new GatewayHarness(aeron, settings, 7);
        second.define();
        for (int i = 0; i < 3_000; i++)
        {
            second.step();
            client.doWork();
        }
        Await.until(() -> "the client to equal the restarted gateway: " + describe(second, List.of(client)),
            Duration.ofSeconds(30), () ->
            {
                client.doWork();
                second.responder.doWork();
                return null == second.difference(client) && client.recovering() == 0;
            });
        assertEquals(GatewayHarness.ORDER_INSTRUMENTS + 1, client.publisherRestarts(),
            "every instrument saw the new publisher once");
        assertNotNull(first.difference(client), "the restarted gateway's books differ from the first one's");
    }

    private static String describe(final GatewayHarness gateway, final List<StreamClient> clients)
    {
        final StringBuilder sb = new StringBuilder();
        for (final StreamClient client : clients)
        {
            sb.append(String.format("%n  client %d: gaps %d, instrument gaps %d, recoveries %d, requests %d, " +
                "publisher restarts %d, recovering %d, packets %d of %d: %s", clients.indexOf(client), client.gaps(),
                client.instrumentGaps(), client.recoveries(), client.snapshotRequests(), client.publisherRestarts(),
                client.recovering(), client.packets(), gateway.publisher.packets(),
                gateway.difference(client)));
        }
        return sb.toString();
    }

    private void run(final PublishSettings settings)
    {
        final GatewayHarness gateway = new GatewayHarness(aeron, settings, 42);
        final StreamClient early = client(aeron, settings);
        final StreamClient lossy = client(aeron, settings);
        Await.until("the clients to connect", Duration.ofSeconds(20), () ->
        {
            early.doWork();
            lossy.doWork();
            gateway.responder.doWork();
            return early.joined() && lossy.joined();
        });
        gateway.define();
        StreamClient late = null;
        for (int i = 0; i < EVENTS; i++)
        {
            gateway.step();
            early.doWork();
            lossy.doWork();
            if (null != late)
            {
                late.doWork();
            }
            if (i == EVENTS / 2)
            {
                late = client(aeron, settings);
            }
            if (i % 5_000 == 2_000)
            {
                lossy.dropIncrementalPackets(3);
            }
        }
        final List<StreamClient> clients = List.of(early, lossy, late);
        // all clients are polled while waiting: they share this driver's image, whose receive window (over UDP)
        // cannot move past the slowest subscriber
        Await.until(() -> "every client to equal the gateway: " + describe(gateway, clients), Duration.ofSeconds(30),
            () ->
            {
                boolean equal = true;
                for (final StreamClient client : clients)
                {
                    client.doWork();
                    equal &= null == gateway.difference(client) && client.recovering() == 0;
                }
                gateway.responder.doWork();
                return equal;
            });
        assertEquals(0, early.gaps(), "nothing lost to the early client");
        assertTrue(lossy.gaps() >= 9, "the drops were seen as gaps: " + lossy.gaps());
        assertTrue(lossy.recoveries() >= 3, "the lossy client recovered: " + lossy.recoveries());
        assertTrue(late.recoveries() >= 4, "the late client took a snapshot of each instrument: " + late.recoveries());
        assertEquals(0, gateway.publisher.lost(), "no back-pressure loss at the gateway");
        assertTrue(gateway.responder.served() >= 8, "snapshots served: " + gateway.responder.served());
    }
}
