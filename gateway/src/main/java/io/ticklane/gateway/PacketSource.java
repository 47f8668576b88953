package io.ticklane.gateway;

/**
 * Where a packet of a venue channel came from: which feed of the channel and which of its two lines. Every ingress
 * tags the packets it delivers with one; the journal keeps it with each packet, and the channel's protocol session
 * treats packets by it (incrementals are arbitrated across A and B, snapshots and definitions recover).
 */
public final class PacketSource
{
    /** Incremental feed, line A. */
    public static final int INCREMENTAL_A = 0;
    /** Incremental feed, line B. */
    public static final int INCREMENTAL_B = 1;
    /** Snapshot (recovery) feed, line A. */
    public static final int SNAPSHOT_A = 2;
    /** Snapshot feed, line B. */
    public static final int SNAPSHOT_B = 3;
    /** Instrument definition feed, line A. */
    public static final int DEFINITION_A = 4;
    /** Instrument definition feed, line B. */
    public static final int DEFINITION_B = 5;
    /** Number of sources. */
    public static final int COUNT = 6;

    private static final String[] NAMES = {
        "incremental-a", "incremental-b", "snapshot-a", "snapshot-b", "definition-a", "definition-b"};

    private PacketSource()
    {
    }

    /**
     * @param source a source.
     * @return 0 for line A, 1 for line B.
     */
    public static int line(final int source)
    {
        return source & 1;
    }

    /**
     * @param source a source.
     * @return true for the incremental feed (either line).
     */
    public static boolean isIncremental(final int source)
    {
        return source == INCREMENTAL_A || source == INCREMENTAL_B;
    }

    /**
     * @param source a source.
     * @return true for the snapshot feed (either line).
     */
    public static boolean isSnapshot(final int source)
    {
        return source == SNAPSHOT_A || source == SNAPSHOT_B;
    }

    /**
     * @param source a source.
     * @return true for the definition feed (either line).
     */
    public static boolean isDefinition(final int source)
    {
        return source == DEFINITION_A || source == DEFINITION_B;
    }

    /**
     * @param source a source.
     * @return its name, e.g. {@code incremental-a}.
     */
    public static String name(final int source)
    {
        return source >= 0 && source < COUNT ? NAMES[source] : "source-" + source;
    }
}
