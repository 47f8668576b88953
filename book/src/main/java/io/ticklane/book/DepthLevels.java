package io.ticklane.book;

/**
 * A reader's copy of a {@link DepthBook}'s published snapshot: per book (outright, implied) and side, the known
 * levels from the best down and whether the side is fully known; plus state and trading status. Filled by
 * {@link DepthSnapshotReader}; reusable, allocation-free after construction.
 * <p>
 * Threading: owned by one reader thread.
 */
public final class DepthLevels
{
    final long[][] prices;
    final long[][] quantities;
    final long[][] orders;
    final int[] levels = new int[4];
    int knownSides;
    int state;
    int tradingStatus;
    long version;

    /**
     * @param capacity most levels per side copied (levels past it are left out).
     */
    public DepthLevels(final int capacity)
    {
        prices = new long[4][capacity];
        quantities = new long[4][capacity];
        orders = new long[4][capacity];
    }

    public int capacity()
    {
        return prices[0].length;
    }

    /**
     * @param book {@link LevelAction#OUTRIGHT} or {@link LevelAction#IMPLIED}.
     * @param side a side.
     * @return known levels copied for the side.
     */
    public int levels(final int book, final int side)
    {
        return levels[book * 2 + side];
    }

    public long price(final int book, final int side, final int rank)
    {
        return prices[book * 2 + side][rank];
    }

    public long quantity(final int book, final int side, final int rank)
    {
        return quantities[book * 2 + side][rank];
    }

    public int orders(final int book, final int side, final int rank)
    {
        return (int)orders[book * 2 + side][rank];
    }

    /**
     * @param book a book.
     * @param side a side.
     * @return true when the side had no unknown slot.
     */
    public boolean isKnown(final int book, final int side)
    {
        return (knownSides & (1 << (book * 2 + side))) != 0;
    }

    public int state()
    {
        return state;
    }

    public int tradingStatus()
    {
        return tradingStatus;
    }

    public long version()
    {
        return version;
    }
}
