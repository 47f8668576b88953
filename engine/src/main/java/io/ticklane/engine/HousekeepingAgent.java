package io.ticklane.engine;

import io.ticklane.latency.CountersFile;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Off the hot path, every {@link #PERIOD_NS}: stamps the counters file's heartbeat (so {@code engine stat} can tell
 * a live engine from a dead one), samples each ring's depth and publishes each stage's latency clamp count. Runs
 * composed with the histogram log agent on a sleeping thread; it is the only writer of the counters it is given.
 */
final class HousekeepingAgent implements Agent
{
    static final long PERIOD_NS = 100_000_000L;
    private static final LatencyStage[] STAGES = LatencyStage.values();

    private final CountersFile counters;
    private final RingBuffer[] rings;
    private final AtomicCounter[] ringDepth;
    private final StageRegistry stages;
    private final AtomicCounter[] clampedByStage;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private long nextNs;

    /**
     * @param counters       file whose heartbeat is stamped.
     * @param rings          the book agents' rings.
     * @param ringDepth      one depth counter per ring.
     * @param stages         latency recorders.
     * @param clampedByStage one counter per {@link LatencyStage}, by ordinal.
     * @param nanoClock      schedule clock.
     * @param epochClock     heartbeat clock.
     */
    HousekeepingAgent(
        final CountersFile counters,
        final RingBuffer[] rings,
        final AtomicCounter[] ringDepth,
        final StageRegistry stages,
        final AtomicCounter[] clampedByStage,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        this.counters = counters;
        this.rings = rings;
        this.ringDepth = ringDepth;
        this.stages = stages;
        this.clampedByStage = clampedByStage;
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
        for (final LatencyStage stage : STAGES)
        {
            clampedByStage[stage.ordinal()].setRelease(stages.clampedCount(stage));
        }
        return 1;
    }

    public String roleName()
    {
        return "housekeeping";
    }
}
