package io.ticklane.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageRecorderTest
{
    private static final long HIGHEST_NS = 1_000_000L;

    @Test
    void recordsInRangeValuesWithoutClamping()
    {
        final StageRecorder recorder = new StageRecorder(LatencyStage.RECEIVE_TO_DECODED, HIGHEST_NS);
        recorder.record(0);
        recorder.record(1);
        recorder.record(1_234);
        recorder.record(HIGHEST_NS);

        final Histogram h = recorder.intervalHistogram(null);
        assertEquals(4, h.getTotalCount());
        assertEquals(0, recorder.clampedCount());
        assertEquals("receive-decoded", h.getTag());
        assertEquals(1, h.getCountAtValue(1_234));
    }

    @Test
    void clampsValuesAboveHighestTrackableAndCountsThem()
    {
        final StageRecorder recorder = new StageRecorder(LatencyStage.END_TO_END, HIGHEST_NS);
        recorder.record(HIGHEST_NS + 1);
        recorder.record(Long.MAX_VALUE);
        recorder.record(500);

        final Histogram h = recorder.intervalHistogram(null);
        assertEquals(3, h.getTotalCount());
        assertEquals(2, recorder.clampedHighCount());
        assertEquals(0, recorder.clampedNegativeCount());
        assertEquals(2, h.getCountAtValue(HIGHEST_NS), "clamped values land on the highest trackable value");
        assertTrue(h.valuesAreEquivalent(h.getMaxValue(), HIGHEST_NS));
    }

    @Test
    void clampsNegativeValuesToZeroAndCountsThem()
    {
        final StageRecorder recorder = new StageRecorder(LatencyStage.PUBLISH_TO_RECEIVE, HIGHEST_NS);
        recorder.record(-1);
        recorder.record(Long.MIN_VALUE);
        recorder.record(-HIGHEST_NS * 10);

        final Histogram h = recorder.intervalHistogram(null);
        assertEquals(3, h.getTotalCount());
        assertEquals(3, h.getCountAtValue(0));
        assertEquals(3, recorder.clampedNegativeCount());
        assertEquals(0, recorder.clampedHighCount());
        assertEquals(3, recorder.clampedCount());
    }

    @Test
    void intervalHistogramsDoNotOverlap()
    {
        final StageRecorder recorder = new StageRecorder(LatencyStage.DECODED_TO_APPLIED, HIGHEST_NS);
        recorder.record(10);
        final Histogram first = recorder.intervalHistogram(null);
        recorder.record(20);
        recorder.record(30);
        final Histogram second = recorder.intervalHistogram(first);

        assertEquals(2, second.getTotalCount());
        assertEquals(0, second.getCountAtValue(10));
    }

    @Test
    void registrySumsClampsPerStage()
    {
        final StageRegistry registry = new StageRegistry(HIGHEST_NS);
        final StageRecorder a = registry.newRecorder(LatencyStage.END_TO_END);
        final StageRecorder b = registry.newRecorder(LatencyStage.END_TO_END);
        final StageRecorder c = registry.newRecorder(LatencyStage.RECEIVE_TO_JOURNAL);
        a.record(-5);
        b.record(HIGHEST_NS * 2);
        c.record(-1);

        assertEquals(2, registry.clampedCount(LatencyStage.END_TO_END));
        assertEquals(1, registry.clampedCount(LatencyStage.RECEIVE_TO_JOURNAL));
        assertEquals(0, registry.clampedCount(LatencyStage.PUBLISH_TO_RECEIVE));
        assertEquals(3, registry.clampedCount());
    }

    @Test
    void recordingAllocatesNothingInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final StageRecorder recorder = new StageRecorder(LatencyStage.END_TO_END, HIGHEST_NS);
        final long[] values = {-7, 0, 15, 999, 123_456, HIGHEST_NS, HIGHEST_NS + 1, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int i = 0; i < 200_000; i++) // warm up: let the JIT compile record()
        {
            recorder.record(values[i % values.length]);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++)
        {
            recorder.record(values[i % values.length]);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 1_024, "record() allocated " + allocated + " bytes over 1M calls");
        assertEquals(1_200_000, recorder.intervalHistogram(null).getTotalCount());
    }
}
