package io.ticklane.gateway;

/**
 * Record types the gateway writes into the journal: every packet exactly as received (packet header + SBE
 * messages), tagged with where it came from; the frame timestamp is the receive time. The journal stores them
 * opaquely; replay runs them through the same {@link FeedChannel} logic in journal order.
 * <p>
 * A record type is {@code channelId << 8 | kind}: the kind below, and the id of the feed channel whose gateway
 * received it (which is not necessarily the id written inside a corrupt packet), so replay routes every frame to
 * the channel that saw it live.
 */
public final class JournalRecordTypes
{
    /** A packet received on incremental line A. */
    public static final int FEED_PACKET = 1;
    /** A packet received on incremental line B. */
    public static final int FEED_PACKET_B = 2;
    /** A packet received on the snapshot stream. */
    public static final int SNAPSHOT_PACKET = 3;
    /**
     * The channel's gap timer fired and declared a gap: payload is the channel id (int32, little-endian), the
     * timestamp the timer's time. Timers depend on when the gateway ran, so replay applies them exactly here
     * instead of re-deriving them, which keeps replay identical to the live run.
     */
    public static final int GAP_TIMER = 4;
    /** Length of a {@link #GAP_TIMER} payload. */
    public static final int GAP_TIMER_LENGTH = 4;

    private static final int KIND_MASK = 0xFF;
    private static final int CHANNEL_SHIFT = 8;

    private JournalRecordTypes()
    {
    }

    /**
     * @param line 0 (A) or 1 (B).
     * @return the kind for a packet from that line.
     */
    public static int forLine(final int line)
    {
        return line == 0 ? FEED_PACKET : FEED_PACKET_B;
    }

    /**
     * @param kind      {@link #FEED_PACKET}, {@link #FEED_PACKET_B}, {@link #SNAPSHOT_PACKET} or {@link #GAP_TIMER}.
     * @param channelId the receiving gateway's feed channel id (1..2^23-1).
     * @return the record type.
     */
    public static int recordType(final int kind, final int channelId)
    {
        return channelId << CHANNEL_SHIFT | kind;
    }

    /**
     * @param recordType a record type.
     * @return its kind.
     */
    public static int kind(final int recordType)
    {
        return recordType & KIND_MASK;
    }

    /**
     * @param recordType a record type.
     * @return the feed channel id of the gateway that wrote it.
     */
    public static int channelId(final int recordType)
    {
        return recordType >>> CHANNEL_SHIFT;
    }
}
