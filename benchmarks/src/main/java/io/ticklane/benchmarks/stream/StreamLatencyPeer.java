package io.ticklane.benchmarks.stream;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.BookView;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.client.ClientCounters;
import io.ticklane.client.StreamClient;
import io.ticklane.config.ConfigSource;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.IdleSpec;
import io.ticklane.config.PublishSettings;
import io.ticklane.stream.SnapshotResponder;
import io.ticklane.stream.StreamPublisher;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.locks.LockSupport;

/**
 * One end of the stream row of {@link NamespaceLatencyHarness}, run as its own JVM inside a network namespace with
 * an embedded media driver of its own; the stream's own classes on both ends:
 * <pre>
 * send    CHANNEL SNAPSHOT REQUEST RATE COUNT IDLE         a gateway's book agent: a {@link StreamPublisher} in
 *                                                          front of a {@link BookEventApplier} and a
 *                                                          {@link SnapshotResponder}, one order add or delete per
 *                                                          venue event (so per packet) at RATE/s; each packet's
 *                                                          sending time is the event's intended send time
 * receive CHANNEL SNAPSHOT REQUEST SKIP IDLE FILE          a {@link StreamClient} rebuilding the book; at the end
 *                                                          of each event applied ({@link BookListener#onBook}),
 *                                                          records now minus the packet's sending time, after the
 *                                                          definition and the first SKIP (warm-up) events; ends 3 s
 *                                                          after the last event; writes the histogram to FILE
 * </pre>
 * The clock is {@code System.nanoTime} on both ends (one clock for every process on the machine); inside the
 * listener {@link StreamClient#packetSendingTimeNs()} is the sending time of the packet being applied. Main thread
 * only.
 */
public final class StreamLatencyPeer
{
    static final int INSTRUMENT_ID = 1;
    private static final long REFERENCE_PRICE = 100_000;
    private static final long CONNECT_TIMEOUT_NS = 30_000_000_000L;
    private static final long QUIET_END_NS = 3_000_000_000L;

    /** A clock whose time is set: the intended send time of the event being published. */
    private static final class SetClock implements EpochNanoClock
    {
        long nowNs;

        public long nanoTime()
        {
            return nowNs;
        }
    }

    private StreamLatencyPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final IdleSpec idle = AeronLatencyPeer.idle(args);
        final MediaDriver driver = AeronLatencyPeer.launchDriver(idle);
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final PublishSettings publish = EngineConfig.from(ConfigSource.empty()
            .set("publish.channel", args[1])
            .set("publish.snapshot.channel", args[2])
            .set("publish.request.channel", args[3])
            .set("subscribe.counters.path", driver.aeronDirectoryName() + "/client.counters"), 1).publish();
        try
        {
            if ("send".equals(args[0]))
            {
                send(aeron, publish, Long.parseLong(args[4]), Long.parseLong(args[5]));
            }
            else
            {
                receive(aeron, publish, Long.parseLong(args[4]), idle, Path.of(args[6]));
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver);
        }
    }

    private static AtomicCounter local()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[CountersReader.COUNTER_LENGTH]), 0);
    }

    private static void send(
        final Aeron aeron, final PublishSettings publish, final long rate, final long count)
    {
        final BookEventApplier applier = new BookEventApplier(
            BookFactory.ladder(new OrderPool(1 << 16), BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
        final ExclusivePublication publication = aeron.addExclusivePublication(publish.channel(), publish.streamId());
        final Subscription requests = aeron.addSubscription(publish.requestChannel(), publish.requestStreamId());
        final ExclusivePublication snapshots =
            aeron.addExclusivePublication(publish.snapshotChannel(), publish.snapshotStreamId());
        final SetClock clock = new SetClock();
        final IdleStrategy retryIdle = new BackoffIdleStrategy(10, 10, 1_000, 100_000);
        final StreamPublisher publisher = new StreamPublisher(applier, publication,
            StreamPublisher.InstrumentFilter.ALL, new StreamPublisher.Counters(local(), local(), local(), local(),
            local()), publish.offerRetries(), retryIdle, clock);
        final SnapshotResponder responder = new SnapshotResponder("bench.snapshots", requests, snapshots, applier,
            publisher, local(), local(), publish.offerRetries(), retryIdle, clock);
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!publication.isConnected())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("no client connected to " + publish.channel() + " within 30 s");
            }
            responder.doWork();
            LockSupport.parkNanos(1_000_000L);
        }
        clock.nowNs = System.nanoTime();
        publisher.onDefinition(new InstrumentDefinition().instrumentId(INSTRUMENT_ID).symbol("BENCH").tickSize(1)
            .referencePrice(REFERENCE_PRICE).bandTicks(4096));
        publisher.onEndOfEvent();
        final long periodNs = 1_000_000_000L / rate;
        final long startNs = System.nanoTime();
        for (long i = 0; i < count; i++)
        {
            final long intendedNs = startNs + i * periodNs;
            long waitNs;
            while ((waitNs = intendedNs - System.nanoTime()) > 0)
            {
                if (responder.doWork() == 0) // waits as the bare sender does, so both leave on time alike
                {
                    LockSupport.parkNanos(Math.min(waitNs, 50_000L));
                }
            }
            clock.nowNs = intendedNs;
            if ((i & 1) == 0)
            {
                final int side = ((i >> 1) & 1) == 0 ? Side.BID : Side.ASK;
                final long offset = 1 + (i >> 2) % 10;
                publisher.onAdd(INSTRUMENT_ID, i, side, side == Side.BID ? REFERENCE_PRICE - offset :
                    REFERENCE_PRICE + offset, 1 + i % 7);
            }
            else
            {
                publisher.onDelete(INSTRUMENT_ID, i - 1);
            }
            publisher.onEndOfEvent();
        }
        System.out.printf("sent %d packets %d lost %d back-pressured %d%n", count, publisher.packets(),
            publisher.lost(), publisher.backPressured());
    }

    private static void receive(
        final Aeron aeron, final PublishSettings publish, final long skip, final IdleSpec idleSpec,
        final Path output) throws Exception
    {
        final Histogram histogram = new Histogram(AeronLatencyPeer.HIGHEST_NS, 3);
        final StreamClient[] client = new StreamClient[1];
        final long[] events = {0};
        final BookListener listener = new BookListener()
        {
            public void onBook(final BookView book)
            {
                final long nowNs = System.nanoTime();
                final long sentNs = client[0].packetSendingTimeNs();
                if (++events[0] > skip + 1) // the definition's event, then the warm-up
                {
                    histogram.recordValue(Math.min(Math.max(0, nowNs - sentNs), AeronLatencyPeer.HIGHEST_NS));
                }
            }
        };
        final BookEventApplier applier = new BookEventApplier(
            BookFactory.ladder(new OrderPool(1 << 16), BookOptions.DEFAULT, BookListener.NONE), listener);
        client[0] = new StreamClient(aeron, publish, applier, ClientCounters.unshared(), System::nanoTime);
        System.out.println("ready");
        System.out.flush();
        final IdleStrategy idle = idleSpec.newIdleStrategy();
        long lastEventNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        long seen = 0;
        while (System.nanoTime() - lastEventNs < QUIET_END_NS)
        {
            idle.idle(client[0].doWork());
            if (events[0] != seen)
            {
                seen = events[0];
                lastEventNs = System.nanoTime();
            }
        }
        final ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int bytes = histogram.encodeIntoCompressedByteBuffer(encoded);
        Files.writeString(output, Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(encoded.array(), bytes)));
        System.out.printf("events %d packets %d gaps %d recoveries %d%n", events[0], client[0].packets(),
            client[0].gaps(), client[0].recoveries());
        client[0].onClose();
    }
}
