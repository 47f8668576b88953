package io.ticklane.latency;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Wraps an agent and times each of its {@code doWork()} calls into a {@link DutyCycleStallTracker}: two clock reads
 * per duty cycle (not per event), nothing allocated. Lifecycle calls and the role name pass straight through.
 * Runs on the wrapped agent's thread.
 */
public final class DutyCycleTrackingAgent implements Agent
{
    private final Agent delegate;
    private final DutyCycleStallTracker tracker;
    private final NanoClock clock;

    /**
     * @param delegate the agent doing the work.
     * @param tracker  where cycle times go.
     * @param clock    clock for the cycle times.
     */
    public DutyCycleTrackingAgent(final Agent delegate, final DutyCycleStallTracker tracker, final NanoClock clock)
    {
        this.delegate = delegate;
        this.tracker = tracker;
        this.clock = clock;
    }

    public void onStart()
    {
        delegate.onStart();
    }

    public int doWork() throws Exception
    {
        final long startNs = clock.nanoTime();
        try
        {
            return delegate.doWork();
        }
        finally
        {
            tracker.onCycle(clock.nanoTime() - startNs); // a cycle that throws still counts
        }
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
