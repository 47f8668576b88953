package io.ticklane.config;

/**
 * Latency recording, agent duty-cycle tracking and the counters file. Immutable.
 *
 * @param hlogPath           HdrHistogram interval log written by the log agent ({@code latency.hlog.path}).
 * @param intervalNs         interval between histogram log entries ({@code latency.interval}).
 * @param highestTrackableNs values above this are clamped and counted ({@code latency.max}).
 * @param countersPath       memory-mapped counters file read by {@code engine stat} ({@code counters.path}).
 * @param stallThresholdNs   an agent duty cycle longer than this counts as a stall ({@code agent.stall.threshold}).
 */
public record LatencySettings(
    String hlogPath, long intervalNs, long highestTrackableNs, String countersPath, long stallThresholdNs)
{
    static LatencySettings from(final ConfigSource source)
    {
        final String user = System.getProperty("user.name", "default");
        return new LatencySettings(
            source.getPath("latency.hlog.path", "data/latency.hlog", ConfigSource.PathKind.FILE),
            source.getDurationNs("latency.interval", 1_000_000_000L, 10_000_000L, 3_600_000_000_000L),
            source.getDurationNs("latency.max", 10_000_000_000L, 1_000_000L, 3_600_000_000_000L),
            source.getPath("counters.path", "/dev/shm/ticklane-" + user + ".counters", ConfigSource.PathKind.FILE),
            source.getDurationNs("agent.stall.threshold", 1_000_000L, 1_000L, 60_000_000_000L));
    }
}
