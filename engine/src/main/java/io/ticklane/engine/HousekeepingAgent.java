package io.ticklane.engine;

import io.ticklane.latency.CountersFile;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Off the hot path, every {@link #PERIOD_NS}: stamps the counters file's heartbeat (so {@code engine stat} can tell
 * a live engine from a dead one), samples each ring's depth and publishes the latency clamp count. Runs composed
 * with the histogram log agent on a sleeping thread.
 */
final class HousekeepingAgent implements Agent
{
    static final long PERIOD_NS = 100_000_000L;

    private final CountersFile counters;
    private final RingBuffer[] rings;
    private final AtomicCounter[] ringDepth;
    private final StageRegistry stages;
    private final AtomicCounter clamped;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private long nextNs;

    HousekeepingAgent(
        final CountersFile counters,
        final RingBuffer[] rings,
        final AtomicCounter[] ringDepth,
        final StageRegistry stages,
        final AtomicCounter clamped,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        this.counters = counters;
        this.rings = rings;
        this.ringDepth = ringDepth;
        this.stages = stages;
        this.clamped = clamped;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    public int doWork()
    {
        final long nowNs = nanoClock.nanoTime();
        if (nowNs < nextNs)
        {
            return 0;
        }
        nextNs = nowNs + PERIOD_NS;
        counters.heartbeat(epochClock.time());
        for (int i = 0; i < rings.length; i++)
        {
            ringDepth[i].setRelease(rings[i].size());
        }
        clamped.setRelease(stages.clampedCount());
        return 1;
    }

    public String roleName()
    {
        return "housekeeping";
    }
}
