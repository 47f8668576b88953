package io.ticklane.gateway;

/**
 * Record types the gateway writes into the journal: every packet exactly as received (packet header + SBE
 * messages), tagged with where it came from; the frame timestamp is the receive time. The journal stores them
 * opaquely; replay runs them through the same {@link FeedChannel} logic in journal order.
 */
public final class JournalRecordTypes
{
    /** A packet received on incremental line A. */
    public static final int FEED_PACKET = 1;
    /** A packet received on incremental line B. */
    public static final int FEED_PACKET_B = 2;
    /** A packet received on the snapshot stream. */
    public static final int SNAPSHOT_PACKET = 3;

    private JournalRecordTypes()
    {
    }

    /**
     * @param line 0 (A) or 1 (B).
     * @return the record type for a packet from that line.
     */
    public static int forLine(final int line)
    {
        return line == 0 ? FEED_PACKET : FEED_PACKET_B;
    }
}
