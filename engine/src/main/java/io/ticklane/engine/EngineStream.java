package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.ticklane.book.BookAgent;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventHandler;
import io.ticklane.config.PublishSettings;
import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.stream.SnapshotResponder;
import io.ticklane.stream.StreamPublisher;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's side of the normalized book stream (docs/STREAM.md): per book agent, a {@link StreamPublisher} in
 * front of its applier (on {@code publish.channel}/{@code publish.stream}) and a {@link SnapshotResponder} run on the
 * same thread (requests on {@code publish.request.*}, snapshots on {@code publish.snapshot.*}); and the summary line.
 * Absent ({@link #NONE}) when {@code publish.enabled=false}.
 * <p>
 * Threading: built on the main thread before the agents start; each publisher and responder then belongs to its book
 * agent's thread. The summary line is read after the agents stopped.
 */
final class EngineStream implements AutoCloseable
{
    /** Publishing disabled. */
    static final EngineStream NONE = new EngineStream(null, null, null);

    private static final long RETRY_MIN_PARK_NS = 1_000;
    private static final long RETRY_MAX_PARK_NS = 100_000;

    private final PublishSettings settings;
    private final Aeron aeron;
    private final CountersFile counters;
    private final List<StreamPublisher> publishers = new ArrayList<>();
    private final List<SnapshotResponder> responders = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private EngineStream(final PublishSettings settings, final Aeron aeron, final CountersFile counters)
    {
        this.settings = settings;
        this.aeron = aeron;
        this.counters = counters;
    }

    /**
     * @param settings {@code publish.*}.
     * @param aeron    the engine's client.
     * @param counters the engine's counters file.
     * @return the stream side, or {@link #NONE} when disabled.
     */
    static EngineStream create(final PublishSettings settings, final Aeron aeron, final CountersFile counters)
    {
        return settings.enabled() ? new EngineStream(settings, aeron, counters) : NONE;
    }

    /**
     * Main thread, before the book agent starts.
     *
     * @param name    book agent name, e.g. {@code book.0}.
     * @param applier the agent's applier.
     * @return what the agent's ring events go to: a publisher in front of the applier, or the applier itself.
     */
    BookEventHandler sink(final String name, final BookEventApplier applier)
    {
        if (null == settings)
        {
            return applier;
        }
        final ExclusivePublication publication =
            aeron.addExclusivePublication(settings.channel(), settings.streamId());
        resources.add(publication);
        final StreamPublisher publisher = new StreamPublisher(applier, publication,
            new StreamPublisher.InstrumentFilter(settings.instrumentIds(), settings.symbols()),
            new StreamPublisher.Counters(
                counters.newCounter(name + " stream packets published", CounterTypes.STREAM_PACKETS_PUBLISHED),
                counters.newCounter(name + " stream events published", CounterTypes.STREAM_MESSAGES_PUBLISHED),
                counters.newCounter(name + " stream back-pressured offers", CounterTypes.STREAM_BACK_PRESSURED),
                counters.newCounter(name + " stream packets lost (clients recover)", CounterTypes.STREAM_PACKETS_LOST),
                counters.newCounter(name + " stream packets with no client", CounterTypes.STREAM_PACKETS_UNHEARD)),
            settings.offerRetries(), retryIdle(), new OffsetEpochNanoClock());
        publishers.add(publisher);
        final Subscription requests = aeron.addSubscription(settings.requestChannel(), settings.requestStreamId());
        final ExclusivePublication snapshots =
            aeron.addExclusivePublication(settings.snapshotChannel(), settings.snapshotStreamId());
        resources.add(requests);
        resources.add(snapshots);
        responders.add(new SnapshotResponder(name + ".snapshots", requests, snapshots, applier, publisher,
            counters.newCounter(name + " stream snapshots served", CounterTypes.STREAM_SNAPSHOTS_SERVED),
            counters.newCounter(name + " stream snapshots abandoned", CounterTypes.STREAM_SNAPSHOTS_ABANDONED),
            settings.offerRetries(), retryIdle(), new OffsetEpochNanoClock()));
        return publisher;
    }

    private static BackoffIdleStrategy retryIdle()
    {
        return new BackoffIdleStrategy(10, 10, RETRY_MIN_PARK_NS, RETRY_MAX_PARK_NS);
    }

    /**
     * @param index book agent index, in the order {@link #sink} was called.
     * @param agent the book agent.
     * @return the agent to run on its thread: the book agent, with its snapshot responder when publishing.
     */
    Agent agent(final int index, final BookAgent agent)
    {
        return null == settings ? agent : new CompositeAgent(agent, responders.get(index));
    }

    /**
     * After the agents stopped.
     *
     * @return the summary's publication line, or null when disabled.
     */
    String summaryLine()
    {
        if (null == settings)
        {
            return null;
        }
        long packets = 0;
        long events = 0;
        long backPressured = 0;
        long lost = 0;
        long unheard = 0;
        long served = 0;
        long abandoned = 0;
        for (final StreamPublisher p : publishers)
        {
            packets += p.packets();
            events += p.messages();
            backPressured += p.backPressured();
            lost += p.lost();
            unheard += p.unheard();
        }
        for (final SnapshotResponder r : responders)
        {
            served += r.served();
            abandoned += r.abandoned();
        }
        return String.format(Locale.ROOT, "publish   events %,d  messages %,d  back-pressured %,d  lost %,d  " +
            "no-client %,d  snapshots served %,d  abandoned %,d  (%s stream %d)", events, packets, backPressured, lost,
            unheard, served, abandoned, settings.channel(), settings.streamId());
    }

    public void close()
    {
        resources.forEach(CloseHelper::quietClose);
    }
}
