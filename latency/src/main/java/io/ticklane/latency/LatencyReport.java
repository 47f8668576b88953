package io.ticklane.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole-run (or time-window) histogram of every tag in a {@code .hlog} file, read with HdrHistogram's own
 * {@link HistogramLogReader}, so a window here selects exactly the intervals that
 * {@code HistogramLogProcessor -start S -end E} selects. Immutable once read; any thread.
 */
public final class LatencyReport
{
    /** Tag shown for intervals written without one. */
    public static final String UNTAGGED = "(untagged)";

    private final Path path;
    private final Map<String, Histogram> byTag;
    private final int intervals;
    private final double startTimeSec;
    private final double firstIntervalSec;
    private final double lastIntervalEndSec;
    private final String truncation;

    private LatencyReport(
        final Path path,
        final Map<String, Histogram> byTag,
        final int intervals,
        final double startTimeSec,
        final double firstIntervalSec,
        final double lastIntervalEndSec,
        final String truncation)
    {
        this.path = path;
        this.byTag = byTag;
        this.intervals = intervals;
        this.startTimeSec = startTimeSec;
        this.firstIntervalSec = firstIntervalSec;
        this.lastIntervalEndSec = lastIntervalEndSec;
        this.truncation = truncation;
    }

    /**
     * @param path     the {@code .hlog} file.
     * @param startSec window start in seconds since the log's start time (0 for the beginning).
     * @param endSec   window end in seconds since the log's start time ({@link Double#MAX_VALUE} for the end).
     * @return the merged histogram per tag, stages in pipeline order first, other tags after them by name.
     * @throws IllegalArgumentException when the file is missing, or is not a histogram log (its first line says so,
     *                                  or it holds neither a start time nor an interval).
     */
    public static LatencyReport read(final Path path, final double startSec, final double endSec)
    {
        if (!Files.exists(path))
        {
            throw new IllegalArgumentException("no histogram log at " + path + " (see latency.hlog.path)");
        }
        try
        {
            final String problem = HistogramLogTail.formatProblem(path);
            if (null != problem)
            {
                throw new IllegalArgumentException(problem);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read histogram log " + path + ": " + ex.getMessage(), ex);
        }
        final Map<String, Histogram> merged = new TreeMap<>();
        final HistogramLogReader reader;
        try
        {
            reader = new HistogramLogReader(path.toFile());
        }
        catch (final FileNotFoundException ex)
        {
            throw new IllegalArgumentException("cannot open histogram log " + path + ": " + ex.getMessage(), ex);
        }
        final EndToEndCopy copies = new EndToEndCopy();
        final Set<Long> intervalStarts = new HashSet<>();
        double first = Double.NaN;
        double lastEnd = Double.NaN;
        String truncation = null;
        try
        {
            while (reader.hasNext())
            {
                final EncodableHistogram next = reader.nextIntervalHistogram(startSec, endSec);
                if (null == next)
                {
                    break;
                }
                if (!(next instanceof Histogram))
                {
                    continue; // DoubleHistogram: not written by ticklane
                }
                final Histogram h = (Histogram)next;
                if (copies.isCopy(h))
                {
                    continue; // the end-to-end stage once more, for HdrHistogram's tools
                }
                final String tag = null == h.getTag() ? UNTAGGED : h.getTag();
                merged.computeIfAbsent(tag, t -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h);
                intervalStarts.add(h.getStartTimeStamp());
                first = Double.isNaN(first) ? h.getStartTimeStamp() / 1000.0 : first;
                lastEnd = Math.max(Double.isNaN(lastEnd) ? 0 : lastEnd, h.getEndTimeStamp() / 1000.0);
            }
        }
        catch (final RuntimeException ex)
        {
            // a log still being written may end in a partial line: report what was read before it
            truncation = "stopped at an unreadable line after " + intervalStarts.size() + " intervals (" + ex + ")";
        }
        if (intervalStarts.isEmpty() && reader.getStartTimeSec() == 0)
        {
            throw new IllegalArgumentException(path + " is not a histogram log: no StartTime header and no " +
                "intervals" + (null == truncation ? "" : "; " + truncation));
        }
        return new LatencyReport(path, order(merged), intervalStarts.size(), reader.getStartTimeSec(), first, lastEnd,
            truncation);
    }

    private static Map<String, Histogram> order(final Map<String, Histogram> byName)
    {
        final Map<String, Histogram> ordered = new LinkedHashMap<>();
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram h = byName.remove(stage.tag());
            if (null != h)
            {
                ordered.put(stage.tag(), h);
            }
        }
        ordered.putAll(byName);
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * @return merged histogram per tag, in display order.
     */
    public Map<String, Histogram> byTag()
    {
        return byTag;
    }

    /**
     * @return tags found in the window, in display order.
     */
    public List<String> tags()
    {
        return new ArrayList<>(byTag.keySet());
    }

    /**
     * @return intervals read in the window: log periods, each holding one histogram per stage.
     */
    public int intervals()
    {
        return intervals;
    }

    /**
     * @return the log's start time, epoch seconds (0 when the log has no StartTime header).
     */
    public double startTimeSec()
    {
        return startTimeSec;
    }

    /**
     * @return start of the first interval read, epoch seconds; NaN when none.
     */
    public double firstIntervalSec()
    {
        return firstIntervalSec;
    }

    /**
     * @return end of the last interval read, epoch seconds; NaN when none.
     */
    public double lastIntervalEndSec()
    {
        return lastIntervalEndSec;
    }

    /**
     * @return why reading stopped before the end of the file, or null when it read to the end.
     */
    public String truncation()
    {
        return truncation;
    }

    /**
     * @return the file read.
     */
    public Path path()
    {
        return path;
    }
}
