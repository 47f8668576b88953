package io.ticklane.config;

/**
 * Latency recording and the counters file.
 *
 * @param hlogPath           HdrHistogram interval log written by the log agent.
 * @param intervalNs         interval between histogram log entries.
 * @param highestTrackableNs values above this are clamped and counted.
 * @param countersPath       memory-mapped counters file read by {@code engine stat}.
 */
public record LatencySettings(String hlogPath, long intervalNs, long highestTrackableNs, String countersPath)
{
    static LatencySettings from(final ConfigSource source)
    {
        final String user = System.getProperty("user.name", "default");
        return new LatencySettings(
            source.getString("latency.hlog.path", "data/latency.hlog"),
            source.getDurationNs("latency.interval", 1_000_000_000L, 10_000_000L, 3_600_000_000_000L),
            source.getDurationNs("latency.max", 10_000_000_000L, 1_000_000L, 3_600_000_000_000L),
            source.getString("counters.path", "/dev/shm/ticklane-" + user + ".counters"));
    }
}
