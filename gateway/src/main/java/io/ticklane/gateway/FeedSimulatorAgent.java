package io.ticklane.gateway;

import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;

import java.util.SplittableRandom;

/**
 * Publishes a synthetic order flow on one or more feed channels at a fixed total rate for a fixed duration, plus
 * per-instrument snapshots on each channel's snapshot stream. Packets are scheduled on an intended-send-time
 * timeline and stamped with that intended time, so a publisher or receiver that falls behind shows up as latency
 * instead of being hidden (no coordinated omission).
 * <p>
 * Waits for connected subscribers, sends every instrument's definition (and again each second, for late joiners),
 * then streams, round-robin over the channels. Every {@code snapshotIntervalNs} it publishes a snapshot round
 * (each instrument: definition and snapshot begin, packed orders in queue order, snapshot end, all carrying the
 * last incremental sequence they reflect), and one final round after the last packet so that any book left stale
 * by a late gap can recover. Optionally sends corrupt copies of packets (validation drills). Ends its runner by
 * throwing {@link AgentTerminationException}.
 */
public final class FeedSimulatorAgent extends PublishingAgent
{
    private static final long DEFINITIONS_INTERVAL_NS = 1_000_000_000L;
    private static final int MAX_PACKETS_PER_DUTY_CYCLE = 64;

    /**
     * One feed channel's publishers and flow.
     *
     * @param incremental incremental lines A (and B).
     * @param snapshots   snapshot stream, or null.
     * @param flow        the order flow of the channel's instruments.
     */
    public record Channel(FeedPublisher incremental, FeedPublisher snapshots, SyntheticOrderFlow flow)
    {
    }

    private final Channel[] channels;
    private final NanoClock clock;
    private final double packetIntervalNs;
    private final int batch;
    private final long durationNs;
    private final long snapshotIntervalNs;
    private final double malformedProbability;
    private final SplittableRandom random;
    private final SnapshotWriter snapshotWriter = new SnapshotWriter();
    private long startNs;
    private long packetsScheduled;
    private long nextDefinitionsNs;
    private long nextSnapshotNs;
    private long snapshotRounds;
    private boolean streaming;

    /**
     * @param channels             the feed channels.
     * @param ratePerSecond        messages per second over all channels.
     * @param batch                messages per packet.
     * @param durationNs           how long to stream once connected.
     * @param snapshotIntervalNs   time between snapshot rounds.
     * @param malformedProbability probability a corrupt copy precedes a packet on line A.
     * @param seed                 seed for the corrupt-copy draws.
     * @param clock                schedule and send-time clock.
     */
    public FeedSimulatorAgent(
        final Channel[] channels,
        final long ratePerSecond,
        final int batch,
        final long durationNs,
        final long snapshotIntervalNs,
        final double malformedProbability,
        final long seed,
        final NanoClock clock)
    {
        this.channels = channels;
        this.clock = clock;
        this.batch = batch;
        this.durationNs = durationNs;
        this.snapshotIntervalNs = snapshotIntervalNs;
        this.malformedProbability = malformedProbability;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.packetIntervalNs = batch * 1e9 / ratePerSecond;
    }

    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (!streaming)
        {
            for (final Channel channel : channels)
            {
                if (!channel.incremental().isConnected())
                {
                    return 0;
                }
            }
            streaming = true;
            markStarted();
            startNs = nowNs;
            nextDefinitionsNs = nowNs;
            nextSnapshotNs = nowNs + snapshotIntervalNs;
        }
        if (nowNs - startNs >= durationNs)
        {
            for (final Channel channel : channels)
            {
                sendHeartbeats(channel.incremental(), nowNs); // reveals a loss of the last packets
            }
            snapshotRound(nowNs); // lets any instrument left stale by a late gap recover
            finish("feed finished");
        }
        int work = 0;
        if (nowNs >= nextDefinitionsNs)
        {
            for (final Channel channel : channels)
            {
                channel.flow().definitions(channel.incremental().begin(nowNs), nowNs);
                send(channel.incremental(), nowNs);
            }
            nextDefinitionsNs += DEFINITIONS_INTERVAL_NS;
            work++;
        }
        long intendedNs = startNs + (long)(packetsScheduled * packetIntervalNs);
        while (intendedNs <= nowNs && work < MAX_PACKETS_PER_DUTY_CYCLE)
        {
            final Channel channel = channels[(int)(packetsScheduled % channels.length)];
            final PacketEncoder encoder = channel.incremental().begin(intendedNs);
            channel.flow().next(encoder, batch, intendedNs);
            if (malformedProbability > 0 && random.nextDouble() < malformedProbability)
            {
                channel.incremental().publishCorruptCopy(random.nextInt(), nowNs + PUBLISH_TIMEOUT_NS);
            }
            send(channel.incremental(), nowNs);
            packetsScheduled++;
            work++;
            intendedNs = startNs + (long)(packetsScheduled * packetIntervalNs);
        }
        if (nowNs >= nextSnapshotNs)
        {
            snapshotRound(nowNs);
            nextSnapshotNs = nowNs + snapshotIntervalNs;
            work++;
        }
        return work;
    }

    private void snapshotRound(final long nowNs)
    {
        for (final Channel channel : channels)
        {
            final FeedPublisher publisher = channel.snapshots();
            if (null == publisher)
            {
                continue;
            }
            final long lastSequence = channel.incremental().nextSequence() - 1;
            final SnapshotWriter.PacketSink sink = new SnapshotWriter.PacketSink()
            {
                public PacketEncoder begin(final long sendNs)
                {
                    return publisher.begin(sendNs);
                }

                public void send()
                {
                    FeedSimulatorAgent.this.send(publisher, nowNs);
                }
            };
            for (int i = 0; i < channel.flow().instrumentCount(); i++)
            {
                snapshotWriter.write(channel.flow(), i, lastSequence, nowNs, sink);
            }
        }
        snapshotRounds++;
    }





    /**
     * After the agent stopped.
     *
     * @return per channel, the last incremental sequence published.
     */
    public long[] lastSequences()
    {
        final long[] sequences = new long[channels.length];
        for (int i = 0; i < channels.length; i++)
        {
            sequences[i] = channels[i].incremental().nextSequence() - 1;
        }
        return sequences;
    }

    /**
     * @return snapshot rounds published (agent thread, or after it stopped).
     */
    public long snapshotRounds()
    {
        return snapshotRounds;
    }

    public String roleName()
    {
        return "feed-simulator";
    }
}
