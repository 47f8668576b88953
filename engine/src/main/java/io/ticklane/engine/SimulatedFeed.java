package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ticklane.book.OrderBook;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.FeedSettings;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.config.SimulatorSettings;
import io.ticklane.gateway.FeedLossModel;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.FeedSimulatorAgent;
import io.ticklane.gateway.PacketHeaderDescriptor;
import io.ticklane.gateway.SyntheticOrderFlow;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;

import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic feed on its own agent thread: for each feed channel that has instruments, exclusive publications
 * on line A (and B when configured) and on the snapshot stream, the channel's order flow, and the loss model; one
 * rate-controlled simulator agent drives them all. Used by {@code engine feed} and {@code engine demo}. Controlled
 * from the main thread.
 */
final class SimulatedFeed implements AutoCloseable
{
    /** Retransmission-free time that ends the drain's linger. */
    static final long DRAIN_QUIET_NS = 200_000_000L;

    private final List<ExclusivePublication> publications = new ArrayList<>();
    private final List<FeedPublisher> publishers = new ArrayList<>();
    private final FeedSimulatorAgent agent;
    private final int feedChannels;
    private final List<Integer> channelIndexes = new ArrayList<>();
    private final List<SyntheticOrderFlow> flows = new ArrayList<>();
    private final AgentRunner runner;

    SimulatedFeed(final Aeron aeron, final EngineConfig config, final long durationNs, final AgentThreads threads)
    {
        final SimulatorSettings sim = config.simulator();
        final FeedSettings feed = config.feed();
        final List<FeedSimulatorAgent.Channel> channels = new ArrayList<>();
        feedChannels = feed.channels();
        final int sessionId = FeedPublisher.newSessionId(); // one per start of the feed: receivers see a new stream
        for (int k = 0; k < feed.channels(); k++)
        {
            final List<InstrumentSpec> instruments = new ArrayList<>();
            for (final InstrumentSpec spec : sim.instruments())
            {
                if (spec.channel() == k)
                {
                    instruments.add(spec);
                }
            }
            if (instruments.isEmpty())
            {
                continue;
            }
            final ExclusivePublication lineA = publication(aeron, feed.channel(), feed.streamId() + k);
            final ExclusivePublication lineB = feed.hasLineB() ?
                publication(aeron, feed.channelB(), feed.streamIdB() + k) : null;
            final FeedPublisher incremental = new FeedPublisher(lineA, lineB, k + 1, 0, sessionId,
                config.feedAgent().idle().newIdleStrategy(),
                new FeedLossModel(sim.seed() + k, sim.lossA(), sim.lossB(), sim.lossBoth()));
            FeedPublisher snapshots = null;
            if (feed.hasSnapshots())
            {
                snapshots = new FeedPublisher(
                    publication(aeron, feed.snapshotChannel(), feed.snapshotStreamId() + k), null, k + 1,
                    PacketHeaderDescriptor.FLAG_SNAPSHOT, sessionId, config.feedAgent().idle().newIdleStrategy(), null)
                    .skipWhenNotConnected(true);
                publishers.add(snapshots);
            }
            publishers.add(incremental);
            channelIndexes.add(k);
            final SyntheticOrderFlow flow = new SyntheticOrderFlow(instruments, sim.seed() + 31L * k);
            flows.add(flow);
            channels.add(new FeedSimulatorAgent.Channel(incremental, snapshots, flow));
        }
        if (channels.isEmpty())
        {
            throw new UsageException("no instruments to publish: every instrument.<SYM>.channel is outside " +
                "0.." + (feed.channels() - 1));
        }
        agent = new FeedSimulatorAgent(
            channels.toArray(new FeedSimulatorAgent.Channel[0]),
            sim.ratePerSecond(),
            sim.messagesPerPacket(),
            durationNs,
            sim.snapshotIntervalNs(),
            sim.malformed(),
            sim.seed(),
            SystemNanoClock.INSTANCE);
        runner = threads.start(agent, config.feedAgent());
    }

    private ExclusivePublication publication(final Aeron aeron, final String channel, final int streamId)
    {
        final ExclusivePublication publication = aeron.addExclusivePublication(channel, streamId);
        publications.add(publication);
        return publication;
    }

    boolean isDone()
    {
        return agent.isDone();
    }

    boolean started()
    {
        return agent.started();
    }

    String failure()
    {
        return agent.failure();
    }

    /**
     * After {@link #close()}: exact; before: approximate (plain fields read from another thread).
     *
     * @return incremental messages published (snapshot streams excluded).
     */
    long messagesPublished()
    {
        long total = 0;
        for (final FeedPublisher p : publishers)
        {
            if (p.isIncremental())
            {
                total += p.messagesPublished();
            }
        }
        return total;
    }

    long packetsPublished()
    {
        long total = 0;
        for (final FeedPublisher p : publishers)
        {
            if (p.isIncremental())
            {
                total += p.packetsPublished();
            }
        }
        return total;
    }

    long backPressureRetries()
    {
        long total = 0;
        for (final FeedPublisher p : publishers)
        {
            total += p.backPressureRetries();
        }
        return total;
    }

    /**
     * After {@link #close()}.
     *
     * @return per feed channel index, the last incremental sequence published (0 for channels without
     * instruments).
     */
    long[] lastSequences()
    {
        final long[] bySimulator = agent.lastSequences();
        final long[] byChannel = new long[feedChannels];
        for (int i = 0; i < bySimulator.length; i++)
        {
            byChannel[channelIndexes.get(i)] = bySimulator[i];
        }
        return byChannel;
    }

    /**
     * After {@link #close()}: the feed's own view of an instrument's book, which a correct engine must match.
     *
     * @param instrumentId instrument.
     * @return its book as published, or null when this feed does not publish it.
     */
    OrderBook mirror(final int instrumentId)
    {
        for (final SyntheticOrderFlow flow : flows)
        {
            for (int i = 0; i < flow.instrumentCount(); i++)
            {
                if (flow.instrument(i).id() == instrumentId)
                {
                    return flow.mirror(i);
                }
            }
        }
        return null;
    }

    /**
     * @return a line of what loss and corruption injection did, or null when none was configured.
     */
    String injections()
    {
        long droppedA = 0;
        long droppedB = 0;
        long corrupt = 0;
        for (final FeedPublisher p : publishers)
        {
            droppedA += p.droppedA();
            droppedB += p.droppedB();
            corrupt += p.corruptCopies();
        }
        if (droppedA + droppedB + corrupt == 0)
        {
            return null;
        }
        return String.format("injected: %,d packets left off line A, %,d off line B, %,d corrupt copies",
            droppedA, droppedB, corrupt);
    }

    /**
     * Stops the feed, lets the driver send what the publications still hold (bounded, see {@link PublicationDrain}),
     * then closes them.
     *
     * @param aeron     the feed's Aeron client.
     * @param timeoutNs most time to wait for the drain.
     * @return what the drain saw.
     */
    PublicationDrain.Result drainAndClose(final Aeron aeron, final long timeoutNs)
    {
        CloseHelper.quietClose(runner);
        final PublicationDrain.Result result = PublicationDrain.drain(aeron, publications, timeoutNs, DRAIN_QUIET_NS);
        publications.forEach(CloseHelper::quietClose);
        return result;
    }

    public void close()
    {
        CloseHelper.quietClose(runner);
        publications.forEach(CloseHelper::quietClose);
    }
}
