package io.ticklane.config;

/**
 * The ops console's web server ({@code engine console}). Immutable.
 *
 * @param bindAddress address to listen on ({@code console.bind}); loopback unless configured otherwise.
 * @param port        TCP port ({@code console.port}); 0 picks a free one.
 * @param windowNs    the sliding window the live latency plot covers ({@code console.window}).
 */
public record ConsoleSettings(String bindAddress, int port, long windowNs)
{
    /** The default: only this host can reach the console. */
    public static final String LOOPBACK = "127.0.0.1";

    static ConsoleSettings from(final ConfigSource source)
    {
        final String bind = source.getString("console.bind", LOOPBACK);
        if (bind.isBlank() || !bind.matches("[0-9A-Za-z.:\\-\\[\\]]+"))
        {
            throw ConfigException.invalid("console.bind", bind, "an IP address or host name, e.g. 127.0.0.1");
        }
        return new ConsoleSettings(
            bind,
            source.getInt("console.port", 8470, 0, 65535),
            source.getDurationNs("console.window", 10_000_000_000L, 1_000_000_000L, 3_600_000_000_000L));
    }
}
