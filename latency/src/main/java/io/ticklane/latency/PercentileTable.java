package io.ticklane.latency;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;

/**
 * Formats percentile tables of ns histograms, one row per named histogram: as text in microseconds (count, mean,
 * p50, p90, p99, p99.9, p99.99, max) and as CSV in nanoseconds. Any thread; the histograms must not change while
 * being formatted.
 */
public final class PercentileTable
{
    /** Percentiles shown in every table. */
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};
    private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private PercentileTable()
    {
    }

    /**
     * @param rows name to histogram of ns values, in display order.
     * @return the table text, ending with a newline; empty histograms show dashes.
     */
    public static String format(final Map<String, Histogram> rows)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-18s %12s %10s", "stage (us)", "count", "mean"));
        for (final String name : PERCENTILE_NAMES)
        {
            sb.append(String.format(Locale.ROOT, " %10s", name));
        }
        sb.append(String.format(Locale.ROOT, " %10s%n", "max"));
        for (final Map.Entry<String, Histogram> row : rows.entrySet())
        {
            final Histogram h = row.getValue();
            sb.append(String.format(Locale.ROOT, "%-18s %12d", row.getKey(), h.getTotalCount()));
            if (h.getTotalCount() == 0)
            {
                for (int i = 0; i < PERCENTILES.length + 2; i++)
                {
                    sb.append(String.format(Locale.ROOT, " %10s", "-"));
                }
                sb.append(System.lineSeparator());
                continue;
            }
            sb.append(String.format(Locale.ROOT, " %10.2f", h.getMean() / 1000.0));
            for (final double p : PERCENTILES)
            {
                sb.append(String.format(Locale.ROOT, " %10.2f", h.getValueAtPercentile(p) / 1000.0));
            }
            sb.append(String.format(Locale.ROOT, " %10.2f%n", h.getMaxValue() / 1000.0));
        }
        return sb.toString();
    }

    /**
     * @param rows name to histogram of ns values, in display order.
     * @return CSV with a header line, values in ns ({@code stage,count,mean_ns,p50_ns,...,max_ns}); empty
     * histograms have empty value cells.
     */
    public static String csv(final Map<String, Histogram> rows)
    {
        final StringBuilder sb = new StringBuilder("stage,count,mean_ns");
        for (final String name : PERCENTILE_NAMES)
        {
            sb.append(',').append(name.replace('.', '_')).append("_ns");
        }
        sb.append(",max_ns\n");
        for (final Map.Entry<String, Histogram> row : rows.entrySet())
        {
            final Histogram h = row.getValue();
            sb.append(csvField(row.getKey())).append(',').append(h.getTotalCount());
            final boolean empty = h.getTotalCount() == 0;
            sb.append(',').append(empty ? "" : String.format(Locale.ROOT, "%.1f", h.getMean()));
            for (final double p : PERCENTILES)
            {
                sb.append(',').append(empty ? "" : Long.toString(h.getValueAtPercentile(p)));
            }
            sb.append(',').append(empty ? "" : Long.toString(h.getMaxValue())).append('\n');
        }
        return sb.toString();
    }

    private static String csvField(final String text)
    {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0)
        {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
