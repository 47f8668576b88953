package io.ticklane.gateway;

import org.agrona.collections.Int2ObjectHashMap;

/**
 * Per-channel packet sequence checking. For each packet it answers whether it is the next one, a duplicate (or
 * late arrival of something already skipped over), or whether packets were missed before it.
 * <p>
 * Single thread (the gateway agent). Allocates only when a channel is first seen.
 */
public final class SequenceTracker
{
    /** The packet is the next expected one. */
    public static final int IN_ORDER = 0;
    /** The packet's sequence was already seen or passed: drop it. */
    public static final int DUPLICATE = 1;
    /** Packets were missed before this one; {@link #lastGapSize()} says how many. */
    public static final int GAP = 2;

    private static final class Channel
    {
        long expected = 1;
        long gaps;
        long missed;
        long duplicates;
    }

    private final Int2ObjectHashMap<Channel> channels = new Int2ObjectHashMap<>();
    private long lastGapSize;

    /**
     * @param channelId channel.
     * @param sequence  packet sequence (first is 1).
     * @return {@link #IN_ORDER}, {@link #DUPLICATE} or {@link #GAP}.
     */
    public int onPacket(final int channelId, final long sequence)
    {
        Channel channel = channels.get(channelId);
        if (null == channel)
        {
            channel = new Channel();
            channels.put(channelId, channel);
        }
        if (sequence == channel.expected)
        {
            channel.expected = sequence + 1;
            return IN_ORDER;
        }
        if (sequence < channel.expected)
        {
            channel.duplicates++;
            return DUPLICATE;
        }
        lastGapSize = sequence - channel.expected;
        channel.gaps++;
        channel.missed += lastGapSize;
        channel.expected = sequence + 1;
        return GAP;
    }

    /**
     * @return packets missed before the last {@link #GAP}.
     */
    public long lastGapSize()
    {
        return lastGapSize;
    }

    /**
     * @param channelId channel.
     * @return next expected sequence (1 when unseen).
     */
    public long expected(final int channelId)
    {
        final Channel channel = channels.get(channelId);
        return null == channel ? 1 : channel.expected;
    }
}
