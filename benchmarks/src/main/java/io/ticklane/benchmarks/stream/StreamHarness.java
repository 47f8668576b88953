package io.ticklane.benchmarks.stream;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ticklane.benchmarks.book.BookEventTape;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.BookView;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.OrderPool;
import io.ticklane.client.ClientCounters;
import io.ticklane.client.StreamClient;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.PublishSettings;
import io.ticklane.stream.StreamPublisher;
import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cost and the latency of the normalized book stream, each beside its baseline in the same invocation.
 * <ol>
 * <li>Publication cost: the book agent's apply loop over the LOBSTER-like {@link BookEventTape} (venue events of 4
 * book events), straight into a {@link BookEventApplier} (baseline) and through a {@link StreamPublisher} in front
 * of another applier (encode + offer over IPC to a draining subscriber), alternating passes; ns per book event, the
 * median pass of each.</li>
 * <li>Gateway to client latency, IPC then UDP multicast on loopback: a sender thread publishes packets of 4 tape
 * events at a fixed rate through the publisher; a {@link StreamClient} on another thread rebuilds the book and, when
 * the packet's book is published (its end of event), records now minus the packet's sending time. Beside it, bare
 * Aeron: the same packet sizes from an exclusive publication to a subscription, recording now minus the timestamp
 * in the message. Same rate, threads, driver and clock (one {@code OffsetEpochNanoClock}).</li>
 * </ol>
 * Idle threads yield rather than spin (the machine has 2 shared vCPUs). Usage:
 * {@code StreamHarness [passes] [rate packets/s] [seconds per latency run]}.
 */
public final class StreamHarness
{
    private static final int INSTRUMENT = 1;
    private static final int EVENTS_PER_PACKET = 4;

    private StreamHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int passes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        final int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        final int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/ticklane-bench-" + UUID.randomUUID())
            .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(new YieldingIdleStrategy())
            .termBufferSparseFile(true).dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        try
        {
            final BookEventTape tape = new BookEventTape(BookEventTape.DEFAULT_EVENTS,
                BookEventTape.DEFAULT_LIVE_ORDERS, 42);
            publicationCost(aeron, tape, passes);
            latency(aeron, tape, "aeron:ipc", rate, seconds);
            latency(aeron, tape, "aeron:udp?endpoint=224.0.1.1:40777|interface=127.0.0.1", rate, seconds);
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver);
        }
    }

    private static AtomicCounter counter()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[128]), 0);
    }

    private static BookEventApplier applier(final BookListener listener)
    {
        final BookEventApplier applier = new BookEventApplier(BookFactory.ladder(new OrderPool(1 << 16),
            BookOptions.DEFAULT, listener), listener);
        applier.onDefinition(new InstrumentDefinition().instrumentId(INSTRUMENT).symbol("TAPE")
            .tickSize(BookEventTape.TICK).priceExponent(-4)
            .referencePrice(BookEventTape.START_MID_TICKS * BookEventTape.TICK).bandTicks(8192));
        applier.onEndOfEvent();
        return applier;
    }

    private static void publicationCost(final Aeron aeron, final BookEventTape tape, final int passes)
        throws InterruptedException
    {
        final BookEventApplier bare = applier(BookListener.NONE);
        final BookEventApplier behind = applier(BookListener.NONE);
        // a 256 MB term: the publisher's window holds several passes, so a drain thread descheduled on a loaded
        // machine does not turn the measurement into one of back pressure
        final ExclusivePublication publication = aeron.addExclusivePublication(
            "aeron:ipc?term-length=268435456", 9101);
        final Subscription subscription = aeron.addSubscription("aeron:ipc", 9101);
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread drain = new Thread(() ->
        {
            while (running.get())
            {
                if (subscription.poll((b, o, l, h) -> { }, 256) == 0)
                {
                    Thread.yield();
                }
            }
        }, "drain");
        drain.start();
        while (!publication.isConnected())
        {
            Thread.sleep(1);
        }
        final StreamPublisher publisher = new StreamPublisher(behind, publication,
            StreamPublisher.InstrumentFilter.ALL, new StreamPublisher.Counters(counter(), counter(), counter(),
            counter(), counter()), 1_000_000, new BusySpinIdleStrategy(), new OffsetEpochNanoClock());
        final double[] bareNs = new double[passes];
        final double[] publishedNs = new double[passes];
        for (int p = -passes / 4; p < passes; p++) // a quarter of warm-up passes, not counted
        {
            final double a = pass(tape, bare);
            final double b = pass(tape, publisher);
            if (p >= 0)
            {
                bareNs[p] = a;
                publishedNs[p] = b;
            }
        }
        running.set(false);
        drain.join();
        Arrays.sort(bareNs);
        Arrays.sort(publishedNs);
        final double bareMedian = bareNs[passes / 2];
        final double publishedMedian = publishedNs[passes / 2];
        System.out.printf(Locale.ROOT, "publication cost, %,d tape events a pass, %d passes (median, min):%n",
            tape.length(), passes);
        System.out.printf(Locale.ROOT, "  apply only               %7.1f ns/event  (min %.1f)%n", bareMedian,
            bareNs[0]);
        System.out.printf(Locale.ROOT, "  publish + apply          %7.1f ns/event  (min %.1f)%n", publishedMedian,
            publishedNs[0]);
        System.out.printf(Locale.ROOT, "  publication              %7.1f ns/event  (ratio %.2f)  packets lost %d, " +
            "back-pressured %d%n", publishedMedian - bareMedian, publishedMedian / bareMedian, publisher.lost(),
            publisher.backPressured());
    }

    private static double pass(final BookEventTape tape, final BookEventHandler handler)
    {
        final long start = System.nanoTime();
        final int n = tape.length();
        for (int i = 0; i < n; i++)
        {
            tape.apply(handler, INSTRUMENT, i);
            if ((i & (EVENTS_PER_PACKET - 1)) == EVENTS_PER_PACKET - 1)
            {
                handler.onEndOfEvent();
            }
        }
        handler.onEndOfEvent();
        return (System.nanoTime() - start) / (double)n;
    }

    private static void latency(final Aeron aeron, final BookEventTape tape, final String channel, final int rate,
        final int seconds) throws InterruptedException
    {
        final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
        final Histogram stream = streamLatency(aeron, tape, channel, rate, seconds, clock);
        final Histogram bare = bareLatency(aeron, channel, rate, seconds, clock);
        System.out.printf(Locale.ROOT, "latency over %s, %,d packets/s of %d events, %d s (us):%n", channel, rate,
            EVENTS_PER_PACKET, seconds);
        row("  bare Aeron", bare);
        row("  stream (publish -> book)", stream);
    }

    private static void row(final String name, final Histogram h)
    {
        System.out.printf(Locale.ROOT, "%-28s count %,9d  p50 %8.1f  p99 %8.1f  p99.9 %8.1f  max %9.1f%n", name,
            h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    private static PublishSettings settings(final String channel, final int stream)
    {
        return EngineConfig.load(null, Map.of("publish.channel", channel, "publish.stream",
            Integer.toString(stream), "publish.snapshot.channel", "aeron:ipc", "publish.snapshot.stream",
            Integer.toString(stream + 1), "publish.request.channel", "aeron:ipc", "publish.request.stream",
            Integer.toString(stream + 2))).publish();
    }

    private static Histogram streamLatency(final Aeron aeron, final BookEventTape tape, final String channel,
        final int rate, final int seconds, final OffsetEpochNanoClock clock) throws InterruptedException
    {
        final PublishSettings settings = settings(channel, 9200);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final AtomicBoolean recording = new AtomicBoolean();
        final StreamClient[] client = new StreamClient[1];
        final BookListener listener = new BookListener()
        {
            public void onBook(final BookView book)
            {
                if (recording.get())
                {
                    histogram.recordValue(Math.max(0, clock.nanoTime() - client[0].packetSendingTimeNs()));
                }
            }
        };
        client[0] = new StreamClient(aeron, settings, new BookEventApplier(BookFactory.ladder(new OrderPool(1 << 16),
            BookOptions.DEFAULT, listener), listener), ClientCounters.unshared(), clock);
        final ExclusivePublication publication = aeron.addExclusivePublication(settings.channel(),
            settings.streamId());
        final StreamPublisher publisher = new StreamPublisher(applier(BookListener.NONE), publication,
            StreamPublisher.InstrumentFilter.ALL, new StreamPublisher.Counters(counter(), counter(), counter(),
            counter(), counter()), 1_000_000, new BusySpinIdleStrategy(), clock);
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread receiver = new Thread(() ->
        {
            while (running.get())
            {
                if (client[0].doWork() == 0)
                {
                    Thread.yield(); // 2 shared vCPUs: spinning threads would starve the driver
                }
            }
        }, "client");
        receiver.start();
        while (!publication.isConnected())
        {
            Thread.sleep(1);
        }
        // the client must know the instrument: its definition, then the flow
        final InstrumentDefinition definition = new InstrumentDefinition().instrumentId(INSTRUMENT).symbol("TAPE")
            .tickSize(BookEventTape.TICK).priceExponent(-4)
            .referencePrice(BookEventTape.START_MID_TICKS * BookEventTape.TICK).bandTicks(8192);
        publisher.onDefinition(definition);
        publisher.onEndOfEvent();
        final int[] at = {0};
        paced(rate, 2, () -> onePacket(publisher, tape, at));
        recording.set(true);
        paced(rate, seconds, () -> onePacket(publisher, tape, at));
        Thread.sleep(200);
        recording.set(false);
        running.set(false);
        receiver.join();
        client[0].onClose();
        publication.close();
        return histogram;
    }

    private static void onePacket(final StreamPublisher publisher, final BookEventTape tape, final int[] at)
    {
        for (int e = 0; e < EVENTS_PER_PACKET; e++)
        {
            tape.apply(publisher, INSTRUMENT, at[0]);
            at[0] = at[0] + 1 == tape.length() ? 0 : at[0] + 1;
        }
        publisher.onEndOfEvent();
    }

    private static Histogram bareLatency(final Aeron aeron, final String channel, final int rate, final int seconds,
        final OffsetEpochNanoClock clock) throws InterruptedException
    {
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        final ExclusivePublication publication = aeron.addExclusivePublication(channel, 9300);
        final Subscription subscription = aeron.addSubscription(channel, 9300);
        final AtomicBoolean recording = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread receiver = new Thread(() ->
        {
            while (running.get())
            {
                if (subscription.poll((b, o, l, h) ->
                {
                    if (recording.get())
                    {
                        histogram.recordValue(Math.max(0, clock.nanoTime() - b.getLong(o)));
                    }
                }, 64) == 0)
                {
                    Thread.yield();
                }
            }
        }, "bare");
        receiver.start();
        while (!publication.isConnected())
        {
            Thread.sleep(1);
        }
        // the stream's packet of 4 events: 35 bytes of packet header and 4 x (8 + 29..33) bytes of messages
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
        final int length = 35 + EVENTS_PER_PACKET * 39;
        final Runnable send = () ->
        {
            buffer.putLong(0, clock.nanoTime());
            while (publication.offer(buffer, 0, length) < 0)
            {
                Thread.onSpinWait();
            }
        };
        paced(rate, 2, send);
        recording.set(true);
        paced(rate, seconds, send);
        Thread.sleep(200);
        recording.set(false);
        running.set(false);
        receiver.join();
        subscription.close();
        publication.close();
        return histogram;
    }

    private static void paced(final int rate, final int seconds, final Runnable send)
    {
        final long intervalNs = 1_000_000_000L / rate;
        final long start = System.nanoTime();
        final long total = (long)rate * seconds;
        for (long i = 0; i < total; i++)
        {
            final long planned = start + i * intervalNs;
            while (System.nanoTime() < planned)
            {
                Thread.yield();
            }
            send.run();
        }
    }
}
