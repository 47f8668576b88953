package io.ticklane.config;

/**
 * Where the market-data feed arrives.
 *
 * @param channel  Aeron channel of the incremental feed (UDP multicast, unicast or IPC).
 * @param streamId Aeron stream id on that channel.
 */
public record FeedSettings(String channel, int streamId)
{
    /** Default: UDP multicast on loopback, which works on a single host without a network. */
    public static final String DEFAULT_CHANNEL = "aeron:udp?endpoint=224.0.1.1:40456|interface=127.0.0.1";

    static FeedSettings from(final ConfigSource source)
    {
        final String channel = source.getString("feed.channel", DEFAULT_CHANNEL);
        if (!channel.startsWith("aeron:udp") && !channel.startsWith("aeron:ipc"))
        {
            throw ConfigException.invalid("feed.channel", channel, "an Aeron channel URI starting aeron:udp or aeron:ipc");
        }
        return new FeedSettings(channel, source.getInt("feed.stream", 1001, 1, Integer.MAX_VALUE));
    }
}
