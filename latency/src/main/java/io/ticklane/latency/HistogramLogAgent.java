package io.ticklane.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every interval, swaps each stage recorder's histogram and writes one tagged interval histogram per stage to a
 * {@code .hlog} file in HdrHistogram's log format (readable by {@code HistogramLogProcessor}), then the end-to-end
 * stage ({@code publish-applied}) once more, untagged: HdrHistogram's tools run without {@code -tag} read only
 * untagged entries. Our readers ({@link LatencyReport}, {@link HistogramLogTail}) leave that copy out. Also
 * accumulates a whole-run histogram per stage for the closing summary.
 * <p>
 * Runs on its own (sleeping) agent thread; it is the only reader of the recorders. Not on any hot path, so the
 * log writer's per-interval allocation is acceptable here.
 */
public final class HistogramLogAgent implements Agent
{
    private final StageRegistry registry;
    private final long intervalNs;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final Path path;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final Map<LatencyStage, Histogram> totals = new EnumMap<>(LatencyStage.class);
    private final Map<LatencyStage, Histogram> merged = new EnumMap<>(LatencyStage.class);
    private final Map<StageRecorder, Histogram> recycled = new IdentityHashMap<>();
    private long intervalStartMs;
    private long nextIntervalNs;

    /**
     * @param registry   recorders to read.
     * @param path       {@code .hlog} file to create (parent directories are created).
     * @param intervalNs interval between log entries.
     * @param nanoClock  clock for the interval schedule.
     * @param epochClock wall clock for the log's timestamps.
     */
    public HistogramLogAgent(
        final StageRegistry registry,
        final Path path,
        final long intervalNs,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        this.registry = registry;
        this.intervalNs = intervalNs;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        this.path = path;
        try
        {
            final Path parent = path.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            out = new PrintStream(path.toFile(), "US-ASCII");
        }
        catch (final FileNotFoundException | java.io.UnsupportedEncodingException ex)
        {
            throw new UncheckedIOException(new java.io.IOException("cannot create histogram log " + path, ex));
        }
        catch (final java.io.IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        for (final LatencyStage stage : LatencyStage.values())
        {
            totals.put(stage, new Histogram(registry.highestTrackableNs(), 3));
            merged.put(stage, new Histogram(registry.highestTrackableNs(), 3));
        }
        writer = new HistogramLogWriter(out);
        final long nowMs = epochClock.time();
        writer.outputComment("ticklane stage latencies in ns; tags: " + tags() + "; the untagged entry of each " +
            "interval repeats " + LatencyStage.END_TO_END.tag());
        writer.outputLogFormatVersion();
        writer.outputStartTime(nowMs);
        writer.outputBaseTime(nowMs);
        writer.setBaseTime(nowMs);
        writer.outputLegend();
        intervalStartMs = nowMs;
        nextIntervalNs = nanoClock.nanoTime() + intervalNs;
    }

    private static String tags()
    {
        final StringBuilder sb = new StringBuilder();
        for (final LatencyStage stage : LatencyStage.values())
        {
            sb.append(sb.length() == 0 ? "" : ",").append(stage.tag());
        }
        return sb.toString();
    }

    public int doWork()
    {
        final long nowNs = nanoClock.nanoTime();
        if (nowNs < nextIntervalNs)
        {
            return 0;
        }
        writeInterval();
        nextIntervalNs = nowNs + intervalNs;
        return 1;
    }

    private void writeInterval()
    {
        final long endMs = Math.max(intervalStartMs + 1, epochClock.time());
        final List<StageRecorder> recorders = registry.recorders();
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram interval = merged.get(stage);
            interval.reset();
            for (final StageRecorder recorder : recorders)
            {
                if (recorder.stage() == stage)
                {
                    final Histogram h = recorder.intervalHistogram(recycled.get(recorder));
                    recycled.put(recorder, h);
                    interval.add(h);
                }
            }
            interval.setStartTimeStamp(intervalStartMs);
            interval.setEndTimeStamp(endMs);
            interval.setTag(stage.tag());
            totals.get(stage).add(interval);
            writer.outputIntervalHistogram(interval);
        }
        final Histogram endToEnd = merged.get(LatencyStage.END_TO_END);
        endToEnd.setTag(null);
        writer.outputIntervalHistogram(endToEnd); // right after the tagged entry: EndToEndCopy relies on it
        intervalStartMs = endMs;
        out.flush();
    }

    /**
     * Writes the last partial interval and closes the file. Called on the agent thread by the runner on close, or
     * by the owner after the agent thread has stopped.
     */
    public void onClose()
    {
        writeInterval();
        out.close();
    }

    /**
     * Safe to read after {@link #onClose()}.
     *
     * @param stage the stage.
     * @return everything recorded for the stage over the run.
     */
    public Histogram total(final LatencyStage stage)
    {
        return totals.get(stage);
    }

    /**
     * @return the log file.
     */
    public Path path()
    {
        return path;
    }

    public String roleName()
    {
        return "histogram-log";
    }
}
