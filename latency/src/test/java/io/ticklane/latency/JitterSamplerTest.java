package io.ticklane.latency;

import io.ticklane.affinity.ThreadPinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JitterSamplerTest
{
    @Test
    @Timeout(30)
    void samplesClockGapsForTheRequestedTime() throws Exception
    {
        final long durationNs = 50_000_000L;
        final JitterSampler.Sample sample = JitterSampler.sample(0, durationNs, ThreadPinner.noOp());

        assertEquals(0, sample.cpu());
        assertFalse(sample.pinned(), "the no-op pinner pins nothing, and the sample says so");
        assertTrue(sample.durationNs() >= durationNs, "spun for " + sample.durationNs());
        assertTrue(sample.gaps().getTotalCount() > 1_000, "many clock reads: " + sample.gaps().getTotalCount());
        assertTrue(sample.gaps().getValueAtPercentile(50) < JitterSampler.INTERRUPTION_NS,
            "a typical gap is one clock read, not an interruption");
        assertTrue(sample.interruptedNs() <= sample.durationNs());
        assertTrue(sample.lostFraction() >= 0 && sample.lostFraction() <= 1);
        assertTrue(sample.interruptions() <= sample.gaps().getTotalCount());
        assertEquals(sample.interruptions() > 0, sample.gaps().getMaxValue() >= JitterSampler.INTERRUPTION_NS);
    }
}
