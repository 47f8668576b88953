package io.ticklane.book;

/**
 * Layout of the seqlock-protected snapshot a book publishes for readers on other threads: its state, its best bid and
 * offer, and its best {@code depth} levels per side, native byte order, in a 128-byte aligned buffer of its own. The
 * first cache line holds the version and the BBO (a copy of rank 0 of each side), so a BBO read touches one line;
 * each side's ranks are contiguous so that a level appearing or disappearing shifts them with one move.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Version (int64): odd while the writer changes the snapshot   |  0
 *  +---------------------------------------------------------------+
 *  |   State (int32, {@link BookState})                             |  8
 *  +---------------------------------------------------------------+
 *  |   Depth: most levels per side (int32)                          | 12
 *  +---------------------------------------------------------------+
 *  |   Bid Levels published (int32)                                 | 16
 *  +---------------------------------------------------------------+
 *  |   Ask Levels published (int32)                                 | 20
 *  +---------------------------------------------------------------+
 *  |   Best Bid Price (int64)                                       | 24
 *  |   Best Bid Quantity (int64)                                    | 32
 *  |   Best Ask Price (int64)                                       | 40
 *  |   Best Ask Quantity (int64)                                    | 48
 *  |   Best Bid Orders (int32)        |  Best Ask Orders (int32)    | 56
 *  +---------------------------------------------------------------+
 *  |   Bid ranks 0 .. depth-1, RANK_LENGTH bytes each:              | 64
 *  |     Price (int64) +0, Quantity (int64) +8, Orders (int64) +16  |
 *  +---------------------------------------------------------------+
 *  |   Ask ranks 0 .. depth-1, same layout                          | 64 + depth * RANK_LENGTH
 *  +---------------------------------------------------------------+
 * </pre>
 * Protocol (a seqlock): the single writer stores an odd version, fences stores, writes the fields with plain
 * stores, then stores the next even version with release semantics. A reader loads the version with acquire,
 * retries while it is odd, reads the fields, fences loads, and accepts what it read only if the version is
 * unchanged. Each event is published as one bracket, so a reader sees the book only as it stood between events.
 */
public final class BookSnapshotDescriptor
{
    public static final int VERSION_OFFSET = 0;
    public static final int STATE_OFFSET = 8;
    public static final int DEPTH_OFFSET = 12;
    public static final int BID_LEVELS_OFFSET = 16;
    public static final int ASK_LEVELS_OFFSET = 20;
    public static final int BEST_BID_PRICE_OFFSET = 24;
    public static final int BEST_BID_QUANTITY_OFFSET = 32;
    public static final int BEST_ASK_PRICE_OFFSET = 40;
    public static final int BEST_ASK_QUANTITY_OFFSET = 48;
    public static final int BEST_BID_ORDERS_OFFSET = 56;
    public static final int BEST_ASK_ORDERS_OFFSET = 60;
    public static final int RANKS_OFFSET = 64;
    public static final int RANK_LENGTH = 24;
    public static final int PRICE = 0;
    public static final int QUANTITY = 8;
    public static final int ORDERS = 16;
    /** Most levels per side a snapshot may hold. */
    public static final int MAX_DEPTH = 1024;

    private BookSnapshotDescriptor()
    {
    }

    /**
     * @param depth levels per side.
     * @return buffer length, a multiple of 128 so that nothing else shares its last cache lines.
     */
    public static int length(final int depth)
    {
        final int raw = RANKS_OFFSET + 2 * depth * RANK_LENGTH;
        return (raw + 127) & ~127;
    }

    /**
     * @param depth levels per side.
     * @param side  side.
     * @param rank  level rank, 0 = best.
     * @return offset of the rank's record.
     */
    public static int rankOffset(final int depth, final int side, final int rank)
    {
        return RANKS_OFFSET + (side * depth + rank) * RANK_LENGTH;
    }

    /**
     * @param side side.
     * @return offset of the side's published level count.
     */
    public static int levelsOffset(final int side)
    {
        return side == Side.BID ? BID_LEVELS_OFFSET : ASK_LEVELS_OFFSET;
    }

    /**
     * @param side side.
     * @return offset of the side's best price in the first cache line.
     */
    public static int bestPriceOffset(final int side)
    {
        return side == Side.BID ? BEST_BID_PRICE_OFFSET : BEST_ASK_PRICE_OFFSET;
    }

    /**
     * @param side side.
     * @return offset of the side's best quantity in the first cache line.
     */
    public static int bestQuantityOffset(final int side)
    {
        return side == Side.BID ? BEST_BID_QUANTITY_OFFSET : BEST_ASK_QUANTITY_OFFSET;
    }

    /**
     * @param side side.
     * @return offset of the side's best order count in the first cache line.
     */
    public static int bestOrdersOffset(final int side)
    {
        return side == Side.BID ? BEST_BID_ORDERS_OFFSET : BEST_ASK_ORDERS_OFFSET;
    }
}
