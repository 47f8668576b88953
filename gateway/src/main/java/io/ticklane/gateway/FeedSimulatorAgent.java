package io.ticklane.gateway;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NanoClock;

/**
 * Publishes a {@link SyntheticOrderFlow} at a fixed rate for a fixed duration. Packets are scheduled on an
 * intended-send-time timeline and stamped with that intended time, so a publisher or receiver that falls behind
 * shows up as latency instead of being hidden (no coordinated omission).
 * <p>
 * Waits for a connected subscriber, sends every instrument's definition (and again each second, for late
 * joiners), then streams. Ends its runner by throwing {@link AgentTerminationException} when done.
 */
public final class FeedSimulatorAgent implements Agent
{
    private static final long DEFINITIONS_INTERVAL_NS = 1_000_000_000L;
    private static final long PUBLISH_TIMEOUT_NS = 5_000_000_000L;
    private static final int MAX_PACKETS_PER_DUTY_CYCLE = 64;

    private final FeedPublisher publisher;
    private final SyntheticOrderFlow flow;
    private final NanoClock clock;
    private final double packetIntervalNs;
    private final int batch;
    private final long durationNs;
    private long startNs;
    private long packetsScheduled;
    private long nextDefinitionsNs;
    private volatile boolean started;
    private volatile boolean done;
    private volatile String failure;

    /**
     * @param publisher     where packets go.
     * @param flow          what is published.
     * @param ratePerSecond messages per second.
     * @param batch         messages per packet.
     * @param durationNs    how long to stream once connected.
     * @param clock         schedule and send-time clock.
     */
    public FeedSimulatorAgent(
        final FeedPublisher publisher,
        final SyntheticOrderFlow flow,
        final long ratePerSecond,
        final int batch,
        final long durationNs,
        final NanoClock clock)
    {
        this.publisher = publisher;
        this.flow = flow;
        this.clock = clock;
        this.batch = batch;
        this.durationNs = durationNs;
        this.packetIntervalNs = batch * 1e9 / ratePerSecond;
    }

    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (!started)
        {
            if (!publisher.isConnected())
            {
                return 0;
            }
            started = true;
            startNs = nowNs;
            nextDefinitionsNs = nowNs;
        }
        if (nowNs - startNs >= durationNs)
        {
            done = true;
            throw new AgentTerminationException("feed finished");
        }
        int work = 0;
        if (nowNs >= nextDefinitionsNs)
        {
            flow.definitions(publisher.begin(nowNs), nowNs);
            send(nowNs);
            nextDefinitionsNs += DEFINITIONS_INTERVAL_NS;
            work++;
        }
        long intendedNs = startNs + (long)(packetsScheduled * packetIntervalNs);
        while (intendedNs <= nowNs && work < MAX_PACKETS_PER_DUTY_CYCLE)
        {
            final PacketEncoder encoder = publisher.begin(intendedNs);
            flow.next(encoder, batch, intendedNs);
            send(nowNs);
            packetsScheduled++;
            work++;
            intendedNs = startNs + (long)(packetsScheduled * packetIntervalNs);
        }
        return work;
    }

    private void send(final long nowNs)
    {
        if (!publisher.publish(nowNs + PUBLISH_TIMEOUT_NS))
        {
            failure = "publication closed or back-pressured for more than " + PUBLISH_TIMEOUT_NS / 1_000_000 + " ms";
            done = true;
            throw new AgentTerminationException(failure);
        }
    }

    /**
     * @return true once the duration has elapsed or publishing failed.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * @return why publishing stopped early, or null.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * @return whether a subscriber connected and streaming began.
     */
    public boolean started()
    {
        return started;
    }

    public String roleName()
    {
        return "feed-simulator";
    }
}
