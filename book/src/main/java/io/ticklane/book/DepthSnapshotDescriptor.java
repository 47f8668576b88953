package io.ticklane.book;

/**
 * Layout of the seqlock-protected snapshot a {@link DepthBook} publishes for readers on other threads: state, trading
 * status, and for each of the outright and implied books and each side the known levels from the best down
 * (never a level the feed did not determine), plus whether the side is fully known. Native byte order, in a
 * 128-byte aligned buffer of its own.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Version (int64): odd while the writer changes the snapshot   |  0
 *  +---------------------------------------------------------------+
 *  |   State (int32, {@link BookState})                             |  8
 *  |   Trading Status (int32, {@link TradingStatus})                | 12
 *  |   Outright Depth (int32)                                       | 16
 *  |   Implied Depth (int32)                                        | 20
 *  |   Known Sides (int32): bit (book * 2 + side) set when the side | 24
 *  |     has no unknown slot                                        |
 *  |   Reserved (int32)                                             | 28
 *  |   Known Levels (int32) x 4, index book * 2 + side: levels      | 32
 *  |     published, from the best down to the first unknown/empty   |
 *  |   Reserved to 64                                               | 48
 *  +---------------------------------------------------------------+
 *  |   Outright bid levels 0 .. depth-1, LEVEL_LENGTH bytes each:   | 64
 *  |     Price (int64) +0, Quantity (int64) +8, Orders (int64) +16  |
 *  |   Outright ask levels, then implied bid, then implied ask      |
 *  +---------------------------------------------------------------+
 * </pre>
 * Protocol (a seqlock, as in {@link BookSnapshotDescriptor}): the single writer stores an odd version, fences stores,
 * writes the fields with plain stores, then stores the next even version with release semantics. A reader loads the
 * version with acquire, retries while it is odd, reads the fields, fences loads, and accepts what it read only if
 * the version is unchanged. The writer publishes only when told that a venue event is complete, so a reader sees
 * the book only as it stood between venue events.
 */
public final class DepthSnapshotDescriptor
{
    public static final int VERSION_OFFSET = 0;
    public static final int STATE_OFFSET = 8;
    public static final int TRADING_STATUS_OFFSET = 12;
    public static final int OUTRIGHT_DEPTH_OFFSET = 16;
    public static final int IMPLIED_DEPTH_OFFSET = 20;
    public static final int KNOWN_SIDES_OFFSET = 24;
    public static final int KNOWN_LEVELS_OFFSET = 32;
    public static final int LEVELS_OFFSET = 64;
    public static final int LEVEL_LENGTH = 24;
    public static final int PRICE = 0;
    public static final int QUANTITY = 8;
    public static final int ORDERS = 16;

    private DepthSnapshotDescriptor()
    {
    }

    /**
     * @param depth        outright levels per side.
     * @param impliedDepth implied levels per side.
     * @return buffer length, a multiple of 128 so that nothing else shares its last cache lines.
     */
    public static int length(final int depth, final int impliedDepth)
    {
        final int raw = LEVELS_OFFSET + 2 * (depth + impliedDepth) * LEVEL_LENGTH;
        return (raw + 127) & ~127;
    }

    /**
     * @param book {@link LevelAction#OUTRIGHT} or {@link LevelAction#IMPLIED}.
     * @param side a side.
     * @return offset of the side's published level count.
     */
    public static int knownLevelsOffset(final int book, final int side)
    {
        return KNOWN_LEVELS_OFFSET + (book * 2 + side) * 4;
    }

    /**
     * @param depth        outright levels per side.
     * @param impliedDepth implied levels per side.
     * @param book         a book.
     * @param side         a side.
     * @param rank         level rank, 0 = best.
     * @return offset of the level's record.
     */
    public static int levelOffset(
        final int depth, final int impliedDepth, final int book, final int side, final int rank)
    {
        final int sideStart = book == LevelAction.OUTRIGHT ? side * depth : 2 * depth + side * impliedDepth;
        return LEVELS_OFFSET + (sideStart + rank) * LEVEL_LENGTH;
    }
}
