package io.ticklane.backtest;

import java.nio.file.Path;

/**
 * The {@code --latency} option: order-entry, response and feed latency.
 * <pre>
 *   --latency entry=50us,response=50us,feed=recorded
 *   --latency entry=hlog:latency.hlog#publish-applied,response=hlog:latency.hlog,feed=100us,seed=7
 * </pre>
 * Each of entry and response is a duration or {@code hlog:FILE[#TAG]} (sampled from the histogram log, every tag
 * merged when none is named); feed is {@code recorded} (each event's receive time) or a duration. Unset: 0.
 *
 * @param entry        strategy to exchange.
 * @param response     exchange to strategy.
 * @param feed         constant feed latency (when not recorded).
 * @param recordedFeed true to use the recorded receive times.
 */
public record LatencySettings(LatencyModel entry, LatencyModel response, LatencyModel feed, boolean recordedFeed)
{
    /** No latency anywhere. */
    public static final LatencySettings NONE =
        new LatencySettings(LatencyModel.constant(0), LatencyModel.constant(0), LatencyModel.constant(0), false);

    /**
     * @param text the option's value.
     * @return the settings.
     * @throws IllegalArgumentException naming the item and what is allowed.
     */
    public static LatencySettings parse(final String text)
    {
        String entry = "0";
        String response = "0";
        String feed = "0";
        long seed = 1;
        for (final String raw : text.split(","))
        {
            final String item = raw.trim();
            if (item.isEmpty())
            {
                continue;
            }
            final int eq = item.indexOf('=');
            if (eq < 0)
            {
                throw new IllegalArgumentException("--latency " + item +
                    ": expected entry=..., response=..., feed=... or seed=N");
            }
            final String key = item.substring(0, eq).trim();
            final String value = item.substring(eq + 1).trim();
            switch (key)
            {
                case "entry" -> entry = value;
                case "response" -> response = value;
                case "feed" -> feed = value;
                case "seed" -> seed = LatencyModel.parseDurationNs(value, "--latency seed");
                default -> throw new IllegalArgumentException("--latency " + item +
                    ": allowed keys entry, response, feed, seed");
            }
        }
        final boolean recorded = feed.equals("recorded");
        return new LatencySettings(model(entry, "entry", seed), model(response, "response", seed + 1),
            recorded ? LatencyModel.constant(0) : LatencyModel.constant(LatencyModel.parseDurationNs(feed,
            "--latency feed")), recorded);
    }

    private static LatencyModel model(final String value, final String key, final long seed)
    {
        if (value.startsWith("hlog:"))
        {
            final String spec = value.substring(5);
            final int hash = spec.indexOf('#');
            return LatencyModel.histogram(Path.of(hash < 0 ? spec : spec.substring(0, hash)),
                hash < 0 ? null : spec.substring(hash + 1), seed);
        }
        return LatencyModel.constant(LatencyModel.parseDurationNs(value, "--latency " + key));
    }
}
