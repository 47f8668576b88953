package io.ticklane.latency;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Cycle times come from a clock the test controls: each scripted cycle advances it by its "duration" while it runs,
 * and gaps between calls stand for the idle strategy's wait.
 */
class DutyCycleTrackingAgentTest
{
    private static final long THRESHOLD_NS = 1_000_000;

    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(8 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(1024)));
    private final AtomicCounter max = counters.newCounter("agent x max duty cycle ns",
        CounterTypes.AGENT_MAX_DUTY_CYCLE_NS);
    private final AtomicCounter stalls = counters.newCounter("agent x stalls", CounterTypes.AGENT_STALLS);
    private final CachedNanoClock clock = new CachedNanoClock();

    /** Each cycle takes {@code durations[i]} ns and returns {@code work[i]}. */
    private Agent scripted(final long[] durations, final int[] work)
    {
        return new Agent()
        {
            private int index;

            public int doWork()
            {
                clock.advance(durations[index]);
                return work[index++];
            }

            public String roleName()
            {
                return "scripted";
            }
        };
    }

    @Test
    void tracksTheLongestCycleAndCountsStallsOverTheThreshold() throws Exception
    {
        final long[] durations = {500, 2_000, 1_000_001, 40, 5_000_000, 999_999, 1_000_000, 10};
        final int[] work = {1, 1, 1, 1, 1, 1, 1, 1};
        final DutyCycleTrackingAgent agent = new DutyCycleTrackingAgent(
            scripted(durations, work), new DutyCycleStallTracker(max, stalls, THRESHOLD_NS), clock, false);
        for (int i = 0; i < durations.length; i++)
        {
            assertEquals(1, agent.doWork());
        }
        assertEquals(5_000_000, max.get());
        assertEquals(2, stalls.get(), "only cycles strictly longer than 1 ms");
        assertEquals("scripted", agent.roleName());
    }

    @Test
    void aParkingIdleStrategysWaitIsNotACycle() throws Exception
    {
        final long[] durations = {100, 100, 100};
        final int[] work = {0, 0, 1};
        final DutyCycleTrackingAgent agent = new DutyCycleTrackingAgent(
            scripted(durations, work), new DutyCycleStallTracker(max, stalls, THRESHOLD_NS), clock, false);
        agent.doWork();
        clock.advance(5_000_000); // parked 5 ms after an idle poll
        agent.doWork();
        clock.advance(5_000_000);
        agent.doWork();
        assertEquals(0, max.get(), "gaps after idle polls include the park: not measured");
        assertEquals(0, stalls.get());
    }

    @Test
    void aSpinningAgentIsMeasuredEveryCycleAndItsPreemptionIsAStall() throws Exception
    {
        final long[] durations = {100, 100, 100};
        final int[] work = {0, 0, 0};
        final DutyCycleTrackingAgent agent = new DutyCycleTrackingAgent(
            scripted(durations, work), new DutyCycleStallTracker(max, stalls, THRESHOLD_NS), clock, true);
        agent.doWork();
        clock.advance(2_000_000); // a busy-spinning thread descheduled for 2 ms
        agent.doWork();
        agent.doWork();
        assertEquals(2_000_100, max.get());
        assertEquals(1, stalls.get());
    }

    @Test
    void aCycleThatThrowsIsStillTimed() throws Exception
    {
        final boolean[] fail = {true};
        final Agent failing = new Agent()
        {
            public int doWork()
            {
                clock.advance(3_000_000);
                if (fail[0])
                {
                    fail[0] = false;
                    throw new IllegalStateException("boom");
                }
                return 0;
            }

            public String roleName()
            {
                return "failing";
            }
        };
        final DutyCycleTrackingAgent agent = new DutyCycleTrackingAgent(
            failing, new DutyCycleStallTracker(max, stalls, THRESHOLD_NS), clock, false);
        assertThrows(IllegalStateException.class, agent::doWork);
        agent.doWork();
        assertEquals(3_000_000, max.get());
        assertEquals(1, stalls.get());
    }
}
