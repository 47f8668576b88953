package io.ticklane.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Records one stage's latencies from exactly one writer thread without allocating; a reader thread (the log agent)
 * takes interval histograms without blocking the writer.
 * <p>
 * Recording never throws on the hot path. A value above the highest trackable value is clamped to it and counted
 * in {@link #clampedHighCount()}; a negative value (the sender's clock ahead of ours, or a stamp from another host)
 * is clamped to zero and counted in {@link #clampedNegativeCount()}. Both counts are written by the writer thread
 * with release stores and may be read from any thread.
 */
public final class StageRecorder
{
    private final LatencyStage stage;
    private final long highestTrackableNs;
    private final SingleWriterRecorder recorder;
    private final AtomicLong clampedHigh = new AtomicLong();
    private final AtomicLong clampedNegative = new AtomicLong();

    /**
     * @param stage              which stage.
     * @param highestTrackableNs largest value kept exactly (to 3 significant digits); at least 2.
     */
    public StageRecorder(final LatencyStage stage, final long highestTrackableNs)
    {
        this.stage = stage;
        this.highestTrackableNs = highestTrackableNs;
        this.recorder = new SingleWriterRecorder(1, highestTrackableNs, 3);
    }

    /**
     * Writer thread only. Allocation-free.
     *
     * @param valueNs latency in ns; any long is accepted.
     */
    public void record(final long valueNs)
    {
        long value = valueNs;
        if (value > highestTrackableNs)
        {
            value = highestTrackableNs;
            clampedHigh.lazySet(clampedHigh.get() + 1); // single writer: a release store is enough
        }
        else if (value < 0)
        {
            value = 0;
            clampedNegative.lazySet(clampedNegative.get() + 1);
        }
        recorder.recordValue(value);
    }

    /**
     * Reader thread only: swaps the active histogram and returns what was recorded since the last call.
     *
     * @param recycle histogram returned by the previous call, or null.
     * @return the interval histogram, tagged with the stage.
     */
    public Histogram intervalHistogram(final Histogram recycle)
    {
        final Histogram interval = recorder.getIntervalHistogram(recycle);
        interval.setTag(stage.tag());
        return interval;
    }

    /**
     * Any thread.
     *
     * @return how many values were outside 0..highestTrackable and clamped, both directions.
     */
    public long clampedCount()
    {
        return clampedHigh.get() + clampedNegative.get();
    }

    /**
     * Any thread.
     *
     * @return how many values were above the highest trackable value.
     */
    public long clampedHighCount()
    {
        return clampedHigh.get();
    }

    /**
     * Any thread.
     *
     * @return how many values were negative.
     */
    public long clampedNegativeCount()
    {
        return clampedNegative.get();
    }

    /**
     * @return the stage.
     */
    public LatencyStage stage()
    {
        return stage;
    }

    /**
     * @return the highest trackable value in ns.
     */
    public long highestTrackableNs()
    {
        return highestTrackableNs;
    }
}
