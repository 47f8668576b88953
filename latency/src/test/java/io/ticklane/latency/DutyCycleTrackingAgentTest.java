package io.ticklane.latency;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DutyCycleTrackingAgentTest
{
    private final CountersManager counters = new CountersManager(
        new UnsafeBuffer(ByteBuffer.allocateDirect(8 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(1024)));
    private final AtomicCounter max = counters.newCounter("agent x max duty cycle ns",
        CounterTypes.AGENT_MAX_DUTY_CYCLE_NS);
    private final AtomicCounter stalls = counters.newCounter("agent x stalls", CounterTypes.AGENT_STALLS);
    private final CachedNanoClock clock = new CachedNanoClock();

    @Test
    void tracksTheLongestCycleAndCountsStallsOverTheThreshold() throws Exception
    {
        final long[] cycleNs = {500, 2_000, 1_000_001, 40, 5_000_000, 999_999, 1_000_000};
        final int[] index = {0};
        final Agent work = new Agent()
        {
            public int doWork()
            {
                clock.advance(cycleNs[index[0]++]); // the work "takes" this long on the tracked clock
                return 1;
            }

            public String roleName()
            {
                return "work";
            }
        };
        final DutyCycleTrackingAgent agent = new DutyCycleTrackingAgent(
            work, new DutyCycleStallTracker(max, stalls, 1_000_000), clock);
        for (int i = 0; i < cycleNs.length; i++)
        {
            assertEquals(1, agent.doWork());
        }
        assertEquals(5_000_000, max.get());
        assertEquals(2, stalls.get(), "only cycles strictly longer than 1 ms");
        assertEquals("work", agent.roleName());
    }

    @Test
    void aCycleThatThrowsIsStillTimed()
    {
        final Agent failing = new Agent()
        {
            public int doWork()
            {
                clock.advance(3_000_000);
                throw new IllegalStateException("boom");
            }

            public String roleName()
            {
                return "failing";
            }
        };
        final DutyCycleTrackingAgent agent = new DutyCycleTrackingAgent(
            failing, new DutyCycleStallTracker(max, stalls, 1_000_000), clock);
        assertThrows(IllegalStateException.class, agent::doWork);
        assertEquals(3_000_000, max.get());
        assertEquals(1, stalls.get());
    }
}
