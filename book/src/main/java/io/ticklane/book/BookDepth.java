package io.ticklane.book;

/**
 * A reader's copy of a book's best levels per side, filled by {@link BookSnapshotReader#read(BookDepth)}. Mutable
 * and reused; owned by one reader thread. Holds at most {@link #capacity()} levels per side.
 */
public final class BookDepth
{
    final long[][] prices;
    final long[][] quantities;
    final int[][] orders;
    final int[] levels = new int[2];
    int state;
    long version;

    /**
     * @param capacity most levels per side to copy.
     */
    public BookDepth(final int capacity)
    {
        if (capacity < 1 || capacity > BookSnapshotDescriptor.MAX_DEPTH)
        {
            throw new IllegalArgumentException("depth capacity " + capacity + "; allowed: 1.." +
                BookSnapshotDescriptor.MAX_DEPTH);
        }
        prices = new long[2][capacity];
        quantities = new long[2][capacity];
        orders = new int[2][capacity];
    }

    /**
     * @return most levels per side this holder copies.
     */
    public int capacity()
    {
        return prices[0].length;
    }

    /**
     * @param side side.
     * @return levels copied for the side.
     */
    public int levels(final int side)
    {
        return levels[side];
    }

    /**
     * @param side side.
     * @param rank 0 = best.
     * @return the level's price.
     */
    public long price(final int side, final int rank)
    {
        return prices[side][rank];
    }

    /**
     * @param side side.
     * @param rank 0 = best.
     * @return the level's aggregate quantity.
     */
    public long quantity(final int side, final int rank)
    {
        return quantities[side][rank];
    }

    /**
     * @param side side.
     * @param rank 0 = best.
     * @return the level's order count.
     */
    public int orders(final int side, final int rank)
    {
        return orders[side][rank];
    }

    /**
     * @return the book's {@link BookState} at the time of the copy.
     */
    public int state()
    {
        return state;
    }

    /**
     * @return the snapshot version the copy was taken at.
     */
    public long version()
    {
        return version;
    }
}
