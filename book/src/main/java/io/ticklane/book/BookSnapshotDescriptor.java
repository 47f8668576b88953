package io.ticklane.book;

/**
 * Layout of the seqlock-protected snapshot a book publishes for readers on other threads: its state and its best
 * {@code depth} levels per side, native byte order, in a 128-byte aligned buffer of its own. Rank 0 (the BBO) shares
 * the first cache line with the version, so a BBO read touches one line.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Version (int64): odd while the writer changes the snapshot   |  0
 *  +---------------------------------------------------------------+
 *  |   State (int32, {@link BookState})                             |  8
 *  +---------------------------------------------------------------+
 *  |   Bid Levels published (int32)                                 | 12
 *  +---------------------------------------------------------------+
 *  |   Ask Levels published (int32)                                 | 16
 *  +---------------------------------------------------------------+
 *  |   Depth: most levels per side (int32)                          | 20
 *  +---------------------------------------------------------------+
 *  |   Rank 0 .. depth-1, RANK_LENGTH bytes each, from RANKS_OFFSET:  | 24
 *  |     Bid Price (int64)        +0                                 |
 *  |     Bid Quantity (int64)     +8                                 |
 *  |     Ask Price (int64)        +16                                |
 *  |     Ask Quantity (int64)     +24                                |
 *  |     Bid Orders (int32)       +32                                |
 *  |     Ask Orders (int32)       +36                                |
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
    public static final int BID_LEVELS_OFFSET = 12;
    public static final int ASK_LEVELS_OFFSET = 16;
    public static final int DEPTH_OFFSET = 20;
    public static final int RANKS_OFFSET = 24;
    public static final int RANK_LENGTH = 40;
    public static final int BID_PRICE = 0;
    public static final int BID_QUANTITY = 8;
    public static final int ASK_PRICE = 16;
    public static final int ASK_QUANTITY = 24;
    public static final int BID_ORDERS = 32;
    public static final int ASK_ORDERS = 36;
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
        final int raw = RANKS_OFFSET + depth * RANK_LENGTH;
        return (raw + 127) & ~127;
    }

    /**
     * @param rank level rank, 0 = best.
     * @param side side.
     * @return offset of the rank's price field for the side.
     */
    public static int priceOffset(final int rank, final int side)
    {
        return RANKS_OFFSET + rank * RANK_LENGTH + (side == Side.BID ? BID_PRICE : ASK_PRICE);
    }

    /**
     * @param rank level rank.
     * @param side side.
     * @return offset of the rank's quantity field for the side.
     */
    public static int quantityOffset(final int rank, final int side)
    {
        return RANKS_OFFSET + rank * RANK_LENGTH + (side == Side.BID ? BID_QUANTITY : ASK_QUANTITY);
    }

    /**
     * @param rank level rank.
     * @param side side.
     * @return offset of the rank's order-count field for the side.
     */
    public static int ordersOffset(final int rank, final int side)
    {
        return RANKS_OFFSET + rank * RANK_LENGTH + (side == Side.BID ? BID_ORDERS : ASK_ORDERS);
    }

    /**
     * @param side side.
     * @return offset of the side's published level count.
     */
    public static int levelsOffset(final int side)
    {
        return side == Side.BID ? BID_LEVELS_OFFSET : ASK_LEVELS_OFFSET;
    }
}
