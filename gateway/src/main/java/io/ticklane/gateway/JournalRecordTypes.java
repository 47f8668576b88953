package io.ticklane.gateway;

/**
 * Record types the gateway writes into the journal: every packet exactly as received, tagged with where it came
 * from (venue, channel, {@link PacketSource}); the frame timestamp is the receive time. The journal stores them
 * opaquely; replay runs them through the same protocol sessions in journal order.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+-------------------------------+---------------+
 *  |     Kind      |      Channel Id (uint16)      |  Venue (uint8)|
 *  +---------------+-------------------------------+---------------+
 * </pre>
 * The channel id is the one of the session whose gateway received the packet (not necessarily the id written
 * inside a corrupt packet), so replay routes every frame to the session that saw it live. Venue 0 is the project's
 * own feed, whose record types are those of earlier versions.
 */
public final class JournalRecordTypes
{
    /** The project's own feed (SBE over Aeron). */
    public static final int VENUE_TICKLANE = 0;
    /** CME Globex MDP 3.0. */
    public static final int VENUE_CME = 1;

    /** A packet received on incremental line A. */
    public static final int FEED_PACKET = 1;
    /** A packet received on incremental line B. */
    public static final int FEED_PACKET_B = 2;
    /** A packet received on the snapshot feed, line A. */
    public static final int SNAPSHOT_PACKET = 3;
    /**
     * The channel's gap timer fired and changed the session's state: payload is the channel id (int32,
     * little-endian), the timestamp the timer's time. Timers depend on when the gateway ran, so replay applies them
     * exactly here instead of re-deriving them, which keeps replay identical to the live run.
     */
    public static final int GAP_TIMER = 4;
    /** A packet received on the snapshot feed, line B. */
    public static final int SNAPSHOT_PACKET_B = 5;
    /** A packet received on the instrument definition feed, line A. */
    public static final int DEFINITION_PACKET = 6;
    /** A packet received on the instrument definition feed, line B. */
    public static final int DEFINITION_PACKET_B = 7;
    /**
     * An engine started writing to this journal: every session and book before it belongs to an earlier run.
     * Payload: {@link EngineStartRecord}. Venue and channel are 0.
     */
    public static final int ENGINE_START = 8;
    /** Length of a {@link #GAP_TIMER} payload. */
    public static final int GAP_TIMER_LENGTH = 4;

    private static final int KIND_MASK = 0xFF;
    private static final int CHANNEL_SHIFT = 8;
    private static final int CHANNEL_MASK = 0xFFFF;
    private static final int VENUE_SHIFT = 24;
    private static final int[] KIND_BY_SOURCE = {
        FEED_PACKET, FEED_PACKET_B, SNAPSHOT_PACKET, SNAPSHOT_PACKET_B, DEFINITION_PACKET, DEFINITION_PACKET_B};
    private static final int[] SOURCE_BY_KIND = {
        -1, PacketSource.INCREMENTAL_A, PacketSource.INCREMENTAL_B, PacketSource.SNAPSHOT_A, -1,
        PacketSource.SNAPSHOT_B, PacketSource.DEFINITION_A, PacketSource.DEFINITION_B, -1};

    private JournalRecordTypes()
    {
    }

    /**
     * @param source a {@link PacketSource}.
     * @return the kind of a packet from it.
     */
    public static int forSource(final int source)
    {
        return KIND_BY_SOURCE[source];
    }

    /**
     * @param kind a kind.
     * @return the {@link PacketSource} of a packet kind, or -1 for kinds that are not packets.
     */
    public static int source(final int kind)
    {
        return kind >= 0 && kind < SOURCE_BY_KIND.length ? SOURCE_BY_KIND[kind] : -1;
    }

    /**
     * @param venue     a venue id, 0..255.
     * @param kind      a kind.
     * @param channelId the receiving session's channel id (0..65535).
     * @return the record type.
     */
    public static int recordType(final int venue, final int kind, final int channelId)
    {
        return venue << VENUE_SHIFT | (channelId & CHANNEL_MASK) << CHANNEL_SHIFT | kind;
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
     * @return the channel id of the session that received it.
     */
    public static int channelId(final int recordType)
    {
        return (recordType >>> CHANNEL_SHIFT) & CHANNEL_MASK;
    }

    /**
     * @param recordType a record type.
     * @return its venue.
     */
    public static int venue(final int recordType)
    {
        return recordType >>> VENUE_SHIFT;
    }

    /**
     * @param venue a venue id.
     * @return its name, e.g. {@code cme}.
     */
    public static String venueName(final int venue)
    {
        return venue == VENUE_TICKLANE ? "ticklane" : venue == VENUE_CME ? "cme" : "venue-" + venue;
    }
}
