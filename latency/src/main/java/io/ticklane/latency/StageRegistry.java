package io.ticklane.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hands out one {@link StageRecorder} per (stage, writer thread): with two book agents there are two recorders for
 * {@link LatencyStage#END_TO_END}, one each, and the log agent merges them per interval. Keeps every recorder
 * single-writer without a multi-writer {@code Recorder}'s extra atomics.
 * <p>
 * Register on the main thread before agents start; afterwards the list is only read.
 */
public final class StageRegistry
{
    private final long highestTrackableNs;
    private final List<StageRecorder> recorders = new ArrayList<>();

    /**
     * @param highestTrackableNs clamp bound for every recorder.
     */
    public StageRegistry(final long highestTrackableNs)
    {
        this.highestTrackableNs = highestTrackableNs;
    }

    /**
     * @param stage the stage the caller's thread will record.
     * @return a new recorder owned by the caller's writer thread.
     */
    public synchronized StageRecorder newRecorder(final LatencyStage stage)
    {
        final StageRecorder recorder = new StageRecorder(stage, highestTrackableNs);
        recorders.add(recorder);
        return recorder;
    }

    /**
     * @return every recorder handed out so far.
     */
    public synchronized List<StageRecorder> recorders()
    {
        return Collections.unmodifiableList(new ArrayList<>(recorders));
    }

    /**
     * @return the clamp bound.
     */
    public long highestTrackableNs()
    {
        return highestTrackableNs;
    }

    /**
     * Any thread.
     *
     * @param stage a stage.
     * @return values clamped by that stage's recorders, both directions.
     */
    public long clampedCount(final LatencyStage stage)
    {
        long total = 0;
        for (final StageRecorder recorder : recorders())
        {
            if (recorder.stage() == stage)
            {
                total += recorder.clampedCount();
            }
        }
        return total;
    }

    /**
     * Any thread.
     *
     * @return total values clamped across all recorders.
     */
    public long clampedCount()
    {
        long total = 0;
        for (final StageRecorder recorder : recorders())
        {
            total += recorder.clampedCount();
        }
        return total;
    }
}
