package io.ticklane.engine;

import io.ticklane.latency.LatencyReport;
import io.ticklane.latency.PercentileTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * {@code engine latency}: a percentile table per stage from a {@code .hlog} file, for the whole run or a window,
 * optionally as CSV. Reads the file with HdrHistogram's own log reader, so a window selects the same intervals as
 * {@code HistogramLogProcessor -start/-end}.
 */
final class LatencyCommand implements SpecifiedCommand
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
        .withZone(ZoneId.systemDefault());

    private static final CommandSpec SPEC = CommandSpec.builder("latency",
        "print per-stage latency percentiles from a .hlog file (whole run or a window, CSV export)")
        .description(
            "Reads an HdrHistogram interval log written by the engine and prints, per stage, the count, mean,",
            "p50, p90, p99, p99.9, p99.99 and max in microseconds. The file may still be growing: what was written",
            "so far is read. HdrHistogram's own tools read the same file: without -tag they see the end-to-end",
            "stage (publish-applied), e.g. java -cp HdrHistogram.jar org.HdrHistogram.HistogramLogProcessor -i FILE;",
            "-tag TAG selects another stage.")
        .positional("FILE.hlog", "the histogram log (default: latency.hlog.path)")
        .option("start", "S", "window start, seconds since the log started (default 0)")
        .option("end", "S", "window end, seconds since the log started (default: end of the log)")
        .option("csv", "FILE", "also write the table as CSV (values in ns) to FILE; '-' prints only CSV to stdout")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        final double startSec = seconds(line, "start", 0);
        final double endSec = seconds(line, "end", Double.MAX_VALUE);
        if (endSec <= startSec)
        {
            throw new UsageException("option '--end' (" + line.get("end", "") + ") must be after '--start' (" +
                line.get("start", "0") + ")");
        }
        final Path hlog = line.positional().isEmpty() ?
            Path.of(line.config(Map.of()).latency().hlogPath()) : Path.of(line.positional().get(0));
        final LatencyReport report;
        try
        {
            report = LatencyReport.read(hlog, startSec, endSec);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        final String csvTarget = line.get("csv", null);
        if ("-".equals(csvTarget))
        {
            out.print(PercentileTable.csv(report.byTag()));
            return 0;
        }
        out.print(header(report, line.has("start") || line.has("end") ? window(startSec, endSec) : "whole run"));
        if (report.byTag().isEmpty())
        {
            out.println("no intervals in this window");
        }
        else
        {
            out.print(PercentileTable.format(report.byTag()));
        }
        if (null != report.truncation())
        {
            err.println("engine latency: " + report.truncation());
        }
        if (null != csvTarget)
        {
            final Path csv = Path.of(csvTarget);
            try
            {
                Files.writeString(csv, PercentileTable.csv(report.byTag()), StandardCharsets.US_ASCII);
            }
            catch (final IOException ex)
            {
                err.println("engine latency: cannot write CSV to " + csv + ": " + ex);
                return 1;
            }
            out.println("csv written to " + csv);
        }
        return 0;
    }

    private static String header(final LatencyReport report, final String window)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(report.path()).append(": ").append(window);
        if (report.intervals() > 0)
        {
            final double first = report.firstIntervalSec();
            final double last = report.lastIntervalEndSec();
            sb.append(String.format(Locale.ROOT, ", %d intervals from %s to %s (%.1f s, log start %s)",
                report.intervals(), TIME.format(Instant.ofEpochMilli((long)(first * 1000))),
                TIME.format(Instant.ofEpochMilli((long)(last * 1000))), last - first,
                TIME.format(Instant.ofEpochMilli((long)(report.startTimeSec() * 1000)))));
        }
        return sb.append('\n').toString();
    }

    private static String window(final double startSec, final double endSec)
    {
        return String.format(Locale.ROOT, "window %.1f s to %s", startSec,
            endSec == Double.MAX_VALUE ? "end" : String.format(Locale.ROOT, "%.1f s", endSec));
    }

    private static double seconds(final CommandLine line, final String name, final double defaultValue)
    {
        final String text = line.get(name, null);
        if (null == text)
        {
            return defaultValue;
        }
        try
        {
            final double value = Double.parseDouble(text);
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value))
            {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("option '--" + name + "' has value '" + text +
                "'; allowed: seconds since the log started, a number >= 0 (e.g. 12.5)");
        }
    }
}
