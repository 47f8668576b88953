package io.ticklane.backtest;

import io.ticklane.latency.LatencyReport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One latency, constant or sampled from an HdrHistogram interval log ({@code .hlog}, e.g. the engine's own stage
 * latencies): each sample draws a recorded value with the probability of its count, from a seeded generator, so a
 * run is repeatable. Single thread; {@link #sampleNs()} allocates nothing.
 */
public final class LatencyModel
{
    private final long constantNs;
    private final long[] values;
    private final long[] cumulative;
    private final SplittableRandom random;
    private final String description;

    private LatencyModel(final long constantNs, final long[] values, final long[] cumulative, final long seed,
        final String description)
    {
        this.constantNs = constantNs;
        this.values = values;
        this.cumulative = cumulative;
        this.random = null == values ? null : new SplittableRandom(seed);
        this.description = description;
    }

    /**
     * @param ns a constant latency.
     * @return the model.
     */
    public static LatencyModel constant(final long ns)
    {
        if (ns < 0)
        {
            throw new IllegalArgumentException("latency " + ns + "ns; allowed: >= 0");
        }
        return new LatencyModel(ns, null, null, 0, formatNs(ns));
    }

    /**
     * @param hlog a histogram log.
     * @param tag  the tag to sample (e.g. {@code publish-applied}), or null for every tag merged.
     * @param seed generator seed.
     * @return the model.
     * @throws IllegalArgumentException naming the file or tag when it cannot be used.
     */
    public static LatencyModel histogram(final Path hlog, final String tag, final long seed)
    {
        final LatencyReport report = LatencyReport.read(hlog, 0, Double.MAX_VALUE);
        final Histogram merged;
        if (null == tag)
        {
            merged = new Histogram(3);
            report.byTag().values().forEach(merged::add);
        }
        else
        {
            merged = report.byTag().get(tag);
            if (null == merged)
            {
                throw new IllegalArgumentException(hlog + ": no tag '" + tag + "'; tags: " + report.tags());
            }
        }
        if (merged.getTotalCount() == 0)
        {
            throw new IllegalArgumentException(hlog + ": no values recorded" + (null == tag ? "" : " for " + tag));
        }
        final List<long[]> points = new ArrayList<>();
        long total = 0;
        for (final HistogramIterationValue v : merged.recordedValues())
        {
            total += v.getCountAtValueIteratedTo();
            points.add(new long[]{merged.highestEquivalentValue(v.getValueIteratedTo()), total});
        }
        final long[] values = new long[points.size()];
        final long[] cumulative = new long[points.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = points.get(i)[0];
            cumulative[i] = points.get(i)[1];
        }
        return new LatencyModel(0, values, cumulative, seed, "hlog:" + hlog.getFileName() +
            (null == tag ? "" : "#" + tag) + String.format(Locale.ROOT, " (p50 %s, %d values)",
            formatNs(merged.getValueAtPercentile(50)), merged.getTotalCount()));
    }

    /**
     * @return the next latency, ns.
     */
    public long sampleNs()
    {
        if (null == values)
        {
            return constantNs;
        }
        final long u = random.nextLong(cumulative[cumulative.length - 1]);
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return values[lo];
    }

    /**
     * @return true when every sample is 0.
     */
    public boolean isZero()
    {
        return null == values && constantNs == 0;
    }

    public String describe()
    {
        return description;
    }

    /**
     * @param text {@code 50us}, {@code 1.5ms}, {@code 200ns}, {@code 2s}, or a bare number of ns.
     * @param what the option, for messages.
     * @return ns.
     * @throws IllegalArgumentException naming the value and the allowed forms.
     */
    public static long parseDurationNs(final String text, final String what)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        final String[] units = {"ns", "us", "ms", "s"};
        final long[] scale = {1, 1_000, 1_000_000, 1_000_000_000};
        try
        {
            for (int i = 0; i < units.length; i++)
            {
                if (t.endsWith(units[i]) && !(units[i].equals("s") && (t.endsWith("ns") || t.endsWith("us") ||
                    t.endsWith("ms"))))
                {
                    final double v = Double.parseDouble(t.substring(0, t.length() - units[i].length()));
                    if (v >= 0)
                    {
                        return Math.round(v * scale[i]);
                    }
                }
            }
            final long v = Long.parseLong(t);
            if (v >= 0)
            {
                return v;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // fall through to the message
        }
        throw new IllegalArgumentException(what + " '" + text + "': expected a duration >= 0 such as 0, 250ns, " +
            "50us, 1.5ms");
    }

    static String formatNs(final long ns)
    {
        if (ns % 1_000_000 == 0 && ns != 0)
        {
            return ns / 1_000_000 + "ms";
        }
        if (ns % 1_000 == 0 && ns != 0)
        {
            return ns / 1_000 + "us";
        }
        return ns + "ns";
    }
}
