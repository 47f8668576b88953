package io.ticklane.latency;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Tracks how long an agent's duty cycles take: the longest one seen, and how many took longer than a threshold
 * (a stall: the agent was descheduled, hit a page fault or GC safepoint, or did too much work in one call). Like
 * Aeron's tracker it is fed start-to-start cycle times; {@link DutyCycleTrackingAgent} leaves out the cycles whose
 * length would include a parking idle strategy's wait, so a sleeping agent does not read as stalled.
 * <p>
 * One instance per agent, used only by that agent's thread; the counters are written with release stores for
 * readers in other processes, and the maximum is only written when it grows.
 */
public final class DutyCycleStallTracker
{
    private final AtomicCounter maxCycleNs;
    private final AtomicCounter stalls;
    private final long thresholdNs;
    private long maxNs;

    /**
     * @param maxCycleNs  longest cycle, ns ({@link CounterTypes#AGENT_MAX_DUTY_CYCLE_NS}).
     * @param stalls      cycles over the threshold ({@link CounterTypes#AGENT_STALLS}).
     * @param thresholdNs a cycle longer than this is a stall.
     */
    public DutyCycleStallTracker(final AtomicCounter maxCycleNs, final AtomicCounter stalls, final long thresholdNs)
    {
        this.maxCycleNs = maxCycleNs;
        this.stalls = stalls;
        this.thresholdNs = thresholdNs;
    }

    /**
     * Agent thread only. Allocation-free.
     *
     * @param cycleNs how long one duty cycle took.
     */
    public void onCycle(final long cycleNs)
    {
        if (cycleNs > maxNs)
        {
            maxNs = cycleNs;
            maxCycleNs.setRelease(cycleNs);
        }
        if (cycleNs > thresholdNs)
        {
            stalls.incrementRelease();
        }
    }

    /**
     * @return the stall threshold in ns.
     */
    public long thresholdNs()
    {
        return thresholdNs;
    }
}
