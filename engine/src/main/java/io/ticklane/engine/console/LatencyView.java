package io.ticklane.engine.console;

import io.ticklane.latency.HistogramLogTail;
import io.ticklane.latency.LatencyReport;
import io.ticklane.latency.LatencyStage;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the engine's {@code .hlog} file and keeps, per tag, the interval histograms of the last window (by log
 * time, so a finished run keeps showing its last window) and the whole run. Serves both as JSON percentile
 * distributions: points {@code [percentile, value ns]} as HdrHistogram's percentile iteration produces them (five
 * steps per halving of the distance to 100%), which the page plots on a {@code 1/(1-percentile)} axis. Used by the
 * console's request threads, one at a time (under the server's view lock).
 */
final class LatencyView
{
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private final HistogramLogTail tail;
    private final long windowMs;
    private final Map<String, Deque<Histogram>> recent = new LinkedHashMap<>();
    private final Map<String, Histogram> totals = new LinkedHashMap<>();
    private long latestEndMs;
    private String problem;

    LatencyView(final Path hlog, final long windowNs)
    {
        tail = new HistogramLogTail(hlog);
        windowMs = Math.max(1, windowNs / 1_000_000L);
        for (final LatencyStage stage : LatencyStage.values()) // pipeline order, even before data arrives
        {
            recent.put(stage.tag(), new ArrayDeque<>());
            totals.put(stage.tag(), new Histogram(3));
        }
    }

    private void poll()
    {
        final HistogramLogTail.Result result;
        try
        {
            result = tail.poll();
            problem = tail.problem();
        }
        catch (final IOException ex)
        {
            problem = "cannot read " + tail.path() + ": " + ex.getMessage();
            return;
        }
        if (result.reset())
        {
            recent.values().forEach(Deque::clear);
            totals.values().forEach(Histogram::reset);
            latestEndMs = 0;
        }
        for (final Histogram interval : result.intervals())
        {
            final String tag = null == interval.getTag() ? LatencyReport.UNTAGGED : interval.getTag();
            recent.computeIfAbsent(tag, t -> new ArrayDeque<>()).addLast(interval);
            totals.computeIfAbsent(tag, t -> new Histogram(3)).add(interval);
            latestEndMs = Math.max(latestEndMs, interval.getEndTimeStamp());
        }
        for (final Deque<Histogram> intervals : recent.values())
        {
            while (!intervals.isEmpty() && intervals.peekFirst().getEndTimeStamp() <= latestEndMs - windowMs)
            {
                intervals.removeFirst();
            }
        }
    }

    String json()
    {
        poll();
        final Json json = new Json().beginObject()
            .field("path", tail.path().toString())
            .field("problem", problem)
            .field("startMs", tail.startTimeMs())
            .field("latestMs", latestEndMs)
            .field("windowMs", windowMs)
            .name("stages").beginArray();
        for (final Map.Entry<String, Deque<Histogram>> entry : recent.entrySet())
        {
            final Histogram window = new Histogram(3);
            entry.getValue().forEach(window::add);
            json.beginObject().field("tag", entry.getKey());
            distribution(json.name("window"), window);
            distribution(json.name("run"), totals.get(entry.getKey()));
            json.endObject();
        }
        return json.endArray().endObject().toString();
    }

    private static void distribution(final Json json, final Histogram h)
    {
        json.beginObject().field("count", h.getTotalCount());
        if (h.getTotalCount() > 0)
        {
            json.field("mean", h.getMean())
                .field("p50", h.getValueAtPercentile(50))
                .field("p90", h.getValueAtPercentile(90))
                .field("p99", h.getValueAtPercentile(99))
                .field("p999", h.getValueAtPercentile(99.9))
                .field("p9999", h.getValueAtPercentile(99.99))
                .field("max", h.getMaxValue());
        }
        json.name("points").beginArray();
        for (final double[] point : points(h))
        {
            json.beginArray().value(point[0]).value((long)point[1]).endArray();
        }
        json.endArray().endObject();
    }

    static List<double[]> points(final Histogram h)
    {
        final List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() == 0)
        {
            return points;
        }
        for (final HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE))
        {
            points.add(new double[]{v.getPercentileLevelIteratedTo(), v.getValueIteratedTo()});
            if (v.getPercentileLevelIteratedTo() >= 100.0)
            {
                break;
            }
        }
        return points;
    }
}
