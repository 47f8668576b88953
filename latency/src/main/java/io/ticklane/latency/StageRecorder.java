package io.ticklane.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Records one stage's latencies from exactly one writer thread without allocating; a reader thread (the log agent)
 * takes interval histograms without blocking the writer.
 * <p>
 * Values above the highest trackable value are clamped to it and counted, values below zero (clock skew between
 * processes) are clamped to zero and counted: recording never throws on the hot path.
 */
public final class StageRecorder
{
    private final LatencyStage stage;
    private final long highestTrackableNs;
    private final SingleWriterRecorder recorder;
    private final AtomicLong clamped = new AtomicLong();

    /**
     * @param stage              which stage.
     * @param highestTrackableNs largest value kept exactly (to 3 significant digits).
     */
    public StageRecorder(final LatencyStage stage, final long highestTrackableNs)
    {
        this.stage = stage;
        this.highestTrackableNs = highestTrackableNs;
        this.recorder = new SingleWriterRecorder(1, highestTrackableNs, 3);
    }

    /**
     * Writer thread only.
     *
     * @param valueNs latency in ns.
     */
    public void record(final long valueNs)
    {
        long value = valueNs;
        if (value > highestTrackableNs)
        {
            value = highestTrackableNs;
            clamped.lazySet(clamped.get() + 1); // single writer: a release store is enough
        }
        else if (value < 0)
        {
            value = 0;
            clamped.lazySet(clamped.get() + 1);
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
     * @return how many values were outside 0..highestTrackable and clamped.
     */
    public long clampedCount()
    {
        return clamped.get();
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
