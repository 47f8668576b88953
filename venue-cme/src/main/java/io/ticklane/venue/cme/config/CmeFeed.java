package io.ticklane.venue.cme.config;

import io.ticklane.gateway.PacketSource;

/**
 * The feeds of a CME MDP 3.0 channel, as CME's {@code config.xml} names them ({@code <type feed-type="...">}), and
 * the {@link PacketSource} each one's packets carry into a session.
 */
public final class CmeFeed
{
    /** Incremental (feed-type I): the real-time feed, lines A and B arbitrated. */
    public static final int INCREMENTAL = 0;
    /** Market Recovery (feed-type S): the market-by-price snapshot loop. */
    public static final int SNAPSHOT = 1;
    /** Market Recovery MBO (feed-type SMBO): the market-by-order snapshot loop. */
    public static final int SNAPSHOT_MBO = 2;
    /** Instrument Replay (feed-type N): the instrument definition loop. */
    public static final int DEFINITION = 3;
    /** Number of feeds. */
    public static final int COUNT = 4;

    private static final String[] CODES = {"I", "S", "SMBO", "N"};
    private static final String[] NAMES = {"incremental", "snapshot", "snapshot-mbo", "definition"};

    private CmeFeed()
    {
    }

    /**
     * @param code a feed-type code of CME's config.xml.
     * @return the feed, or -1 when the code is not one of {@link #codes()}.
     */
    public static int fromCode(final String code)
    {
        for (int i = 0; i < COUNT; i++)
        {
            if (CODES[i].equals(code))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the codes, for error messages.
     */
    public static String codes()
    {
        return String.join(", ", CODES);
    }

    /**
     * @param feed a feed.
     * @return its name.
     */
    public static String name(final int feed)
    {
        return feed >= 0 && feed < COUNT ? NAMES[feed] : "feed-" + feed;
    }

    /**
     * The packet source of a feed's line. The MBO snapshot loop shares the snapshot sources (the session tells the
     * two loops apart by template: 38/52 by price, 44/53 by order).
     *
     * @param feed a feed.
     * @param line 0 (A) or 1 (B).
     * @return a {@link PacketSource}.
     */
    public static int packetSource(final int feed, final int line)
    {
        switch (feed)
        {
            case INCREMENTAL:
                return line == 0 ? PacketSource.INCREMENTAL_A : PacketSource.INCREMENTAL_B;
            case SNAPSHOT:
            case SNAPSHOT_MBO:
                return line == 0 ? PacketSource.SNAPSHOT_A : PacketSource.SNAPSHOT_B;
            default:
                return line == 0 ? PacketSource.DEFINITION_A : PacketSource.DEFINITION_B;
        }
    }
}
