package io.ticklane.gateway;

/**
 * Record types the gateway writes into the journal. The journal stores them opaquely; replay and
 * {@code engine journal dump} use them to know how to decode a frame.
 */
public final class JournalRecordTypes
{
    /** A feed packet exactly as received (packet header + SBE messages); frame timestamp is the receive time. */
    public static final int FEED_PACKET = 1;

    private JournalRecordTypes()
    {
    }
}
