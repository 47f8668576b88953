package io.ticklane.config;

/**
 * Where the market-data feed arrives and how the gateway treats it.
 * <p>
 * The feed is split into {@code channels} partitions (feed channel k carries the instruments whose
 * {@code instrument.<SYM>.channel} is k); each has its own gateway agent and Aeron streams: line A on
 * {@code channel}/{@code streamId + k}, optional line B on {@code channelB}/{@code streamIdB + k}, and the snapshot
 * stream on {@code snapshotChannel}/{@code snapshotStreamId + k}.
 *
 * @param channel             Aeron channel of incremental line A (UDP multicast, unicast or IPC).
 * @param streamId            Aeron stream id of line A for feed channel 0.
 * @param channelB            Aeron channel of line B, or empty for a single line.
 * @param streamIdB           Aeron stream id of line B for feed channel 0.
 * @param snapshotChannel     Aeron channel of the snapshot stream, or empty to disable recovery.
 * @param snapshotStreamId    Aeron stream id of the snapshot stream for feed channel 0.
 * @param channels            number of feed channels (partitions), each with its own gateway agent.
 * @param arbitrationWindow   packets held out of order while waiting for a missing one (power of two).
 * @param gapTimeoutNs        how long a hole may wait for the other line before it is declared a gap.
 * @param recoveryBufferBytes packets kept while instruments are stale, waiting for their snapshot (power of two).
 * @param maxSequenceJump     largest sequence jump one packet may make; larger ones need a confirming run.
 */
public record FeedSettings(
    String channel,
    int streamId,
    String channelB,
    int streamIdB,
    String snapshotChannel,
    int snapshotStreamId,
    int channels,
    int arbitrationWindow,
    long gapTimeoutNs,
    int recoveryBufferBytes,
    long maxSequenceJump)
{
    /** Default line A: UDP multicast on loopback, which works on a single host without a network. */
    public static final String DEFAULT_CHANNEL = "aeron:udp?endpoint=224.0.1.1:40456|interface=127.0.0.1";
    /** Default snapshot stream: the same group, its own port. */
    public static final String DEFAULT_SNAPSHOT_CHANNEL = "aeron:udp?endpoint=224.0.1.1:40457|interface=127.0.0.1";

    static FeedSettings from(final ConfigSource source)
    {
        return new FeedSettings(
            channel(source, "feed.channel", DEFAULT_CHANNEL, false),
            source.getInt("feed.stream", 1001, 1, Integer.MAX_VALUE - 64),
            channel(source, "feed.b.channel", "", true),
            source.getInt("feed.b.stream", 2001, 1, Integer.MAX_VALUE - 64),
            channel(source, "feed.snapshot.channel", DEFAULT_SNAPSHOT_CHANNEL, true),
            source.getInt("feed.snapshot.stream", 3001, 1, Integer.MAX_VALUE - 64),
            source.getInt("feed.channels", 1, 1, 16),
            (int)source.getSizeBytes("feed.arbitration.window", 256, 16, 65536, true),
            source.getDurationNs("feed.gap.timeout", 10_000_000L, 0, 60_000_000_000L),
            (int)source.getSizeBytes("feed.recovery.buffer", 64L << 20, 64L << 10, 1L << 30, true),
            source.getLong("feed.max.sequence.jump", 1L << 20, 1024, 1L << 40));
    }

    private static String channel(
        final ConfigSource source, final String key, final String defaultValue, final boolean mayBeEmpty)
    {
        final String channel = source.getString(key, defaultValue);
        if (mayBeEmpty && channel.isEmpty())
        {
            return channel;
        }
        if (!channel.startsWith("aeron:udp") && !channel.startsWith("aeron:ipc"))
        {
            throw ConfigException.invalid(key, channel, "an Aeron channel URI starting aeron:udp or aeron:ipc" +
                (mayBeEmpty ? ", or empty to disable" : ""));
        }
        return channel;
    }

    /**
     * @return true when line B is configured.
     */
    public boolean hasLineB()
    {
        return !channelB.isEmpty();
    }

    /**
     * @return true when the snapshot stream (and so gap recovery) is configured.
     */
    public boolean hasSnapshots()
    {
        return !snapshotChannel.isEmpty();
    }
}
