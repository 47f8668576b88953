package io.ticklane.latency;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;

/**
 * Formats a percentile table (p50, p90, p99, p99.9, max) in microseconds, one row per named histogram.
 */
public final class PercentileTable
{
    /** Percentiles shown in every table. */
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};

    private PercentileTable()
    {
    }

    /**
     * @param rows name to histogram of ns values, in display order.
     * @return the table text, ending with a newline.
     */
    public static String format(final Map<String, Histogram> rows)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-18s %12s %10s %10s %10s %10s %10s%n",
            "stage (us)", "count", "p50", "p90", "p99", "p99.9", "max"));
        for (final Map.Entry<String, Histogram> row : rows.entrySet())
        {
            final Histogram h = row.getValue();
            sb.append(String.format(Locale.ROOT, "%-18s %12d", row.getKey(), h.getTotalCount()));
            for (final double p : PERCENTILES)
            {
                sb.append(String.format(Locale.ROOT, " %10.2f", h.getValueAtPercentile(p) / 1000.0));
            }
            sb.append(String.format(Locale.ROOT, " %10.2f%n", h.getMaxValue() / 1000.0));
        }
        return sb.toString();
    }
}
