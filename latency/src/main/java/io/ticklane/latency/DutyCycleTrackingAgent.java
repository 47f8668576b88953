package io.ticklane.latency;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Wraps an agent and times its duty cycles into a {@link DutyCycleStallTracker} with one clock read per cycle: a
 * cycle's length is the time from its start to the next cycle's start. That includes the idle strategy's wait, so
 * a cycle is only measured when that wait was nothing: after a cycle that did work (every Agrona idle strategy
 * returns at once then), or always when the idle strategy spins. A cycle that throws is measured too (the runner
 * goes straight to the next one). Nothing is allocated; lifecycle calls and the role name pass straight through.
 * Runs on the wrapped agent's thread.
 */
public final class DutyCycleTrackingAgent implements Agent
{
    private final Agent delegate;
    private final DutyCycleStallTracker tracker;
    private final NanoClock clock;
    private final boolean idleSpins;
    private long cycleStartNs;
    private boolean measureNext;

    /**
     * @param delegate  the agent doing the work.
     * @param tracker   where cycle times go.
     * @param clock     clock for the cycle times.
     * @param idleSpins true when the agent's idle strategy never parks (busy-spin, noop, yield).
     */
    public DutyCycleTrackingAgent(
        final Agent delegate, final DutyCycleStallTracker tracker, final NanoClock clock, final boolean idleSpins)
    {
        this.delegate = delegate;
        this.tracker = tracker;
        this.clock = clock;
        this.idleSpins = idleSpins;
    }

    public void onStart()
    {
        delegate.onStart();
    }

    public int doWork() throws Exception
    {
        final long nowNs = clock.nanoTime();
        if (measureNext)
        {
            tracker.onCycle(nowNs - cycleStartNs);
        }
        cycleStartNs = nowNs;
        measureNext = true; // if doWork throws, the runner does not idle: the gap to the next start is this cycle
        final int workCount = delegate.doWork();
        measureNext = idleSpins || workCount > 0;
        return workCount;
    }

    public void onClose()
    {
        delegate.onClose();
    }

    public String roleName()
    {
        return delegate.roleName();
    }

    /**
     * @return the wrapped agent.
     */
    public Agent delegate()
    {
        return delegate;
    }
}
