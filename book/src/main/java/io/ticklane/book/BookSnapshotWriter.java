package io.ticklane.book;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.ticklane.book.BookSnapshotDescriptor.*;

/**
 * Keeps a book's {@link BookSnapshotDescriptor} snapshot equal to its best {@code depth} levels, incrementally: a
 * change below the published depth costs a scan of the published prices and nothing else; a change inside it
 * rewrites the affected rank, shifting lower ranks only when a level appears or disappears. Every write of one
 * event falls in one seqlock bracket, opened lazily by the first write and closed by {@link #end()}.
 * Book-writer thread only.
 */
final class BookSnapshotWriter
{
    /** What the writer asks of its book when a removal leaves room for a level it has not published. */
    interface LevelSource
    {
        /**
         * @param side  side.
         * @param ticks a price in ticks.
         * @return the next worse non-empty level's price in ticks, or {@link LadderOrderBook#NO_TICKS}.
         */
        long nextWorse(int side, long ticks);

        /**
         * @return the best non-empty level's price in ticks, or {@link LadderOrderBook#NO_TICKS}.
         */
        long best(int side);

        long levelQuantity(int side, long ticks);

        int levelOrders(int side, long ticks);
    }

    private final UnsafeBuffer buffer;
    private final int depth;
    private final long tickSize;
    private final LevelSource source;
    private final long[][] ticks;
    private final int[] published = new int[2];
    private long version;
    private boolean open;
    private boolean topChanged;

    BookSnapshotWriter(final int depth, final long tickSize, final LevelSource source)
    {
        if (depth < 1 || depth > MAX_DEPTH)
        {
            throw new IllegalArgumentException("snapshot depth " + depth + "; allowed: 1.." + MAX_DEPTH);
        }
        this.depth = depth;
        this.tickSize = tickSize;
        this.source = source;
        ticks = new long[2][depth];
        buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length(depth), 128));
        buffer.putInt(DEPTH_OFFSET, depth);
        buffer.putInt(STATE_OFFSET, BookState.LIVE);
        buffer.putLongRelease(VERSION_OFFSET, 0);
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int depth()
    {
        return depth;
    }

    private void open()
    {
        if (!open)
        {
            open = true;
            buffer.putLongOpaque(VERSION_OFFSET, ++version);
            VarHandle.storeStoreFence(); // the odd version is visible before any field it guards changes
        }
    }

    /**
     * Closes the event's bracket, if a write opened one.
     *
     * @return true when rank 0 of either side changed during the event.
     */
    boolean end()
    {
        if (open)
        {
            open = false;
            buffer.putLongRelease(VERSION_OFFSET, ++version);
        }
        final boolean changed = topChanged;
        topChanged = false;
        return changed;
    }

    /**
     * @return the number of brackets closed so far times two (the version readers see when idle).
     */
    long version()
    {
        return version;
    }

    void state(final int state)
    {
        open();
        buffer.putInt(STATE_OFFSET, state);
    }

    /**
     * @return rank at which a level at {@code t} is or would be inserted, 0..published.
     */
    private int rankOf(final int side, final long t)
    {
        final long[] prices = ticks[side];
        final int n = published[side];
        int r = 0;
        if (side == Side.BID)
        {
            while (r < n && prices[r] > t)
            {
                r++;
            }
        }
        else
        {
            while (r < n && prices[r] < t)
            {
                r++;
            }
        }
        return r;
    }

    private void write(final int side, final int rank, final long t, final long quantity, final int orders)
    {
        ticks[side][rank] = t;
        buffer.putLong(priceOffset(rank, side), t * tickSize);
        buffer.putLong(quantityOffset(rank, side), quantity);
        buffer.putInt(ordersOffset(rank, side), orders);
        if (rank == 0)
        {
            topChanged = true;
        }
    }

    private void copy(final int side, final int from, final int to)
    {
        ticks[side][to] = ticks[side][from];
        buffer.putLong(priceOffset(to, side), buffer.getLong(priceOffset(from, side)));
        buffer.putLong(quantityOffset(to, side), buffer.getLong(quantityOffset(from, side)));
        buffer.putInt(ordersOffset(to, side), buffer.getInt(ordersOffset(from, side)));
    }

    private void published(final int side, final int n)
    {
        published[side] = n;
        buffer.putInt(levelsOffset(side), n);
    }

    /**
     * A level that already existed has a new quantity or order count.
     */
    void levelUpdated(final int side, final long t, final long quantity, final int orders)
    {
        final int r = rankOf(side, t);
        if (r < published[side] && ticks[side][r] == t)
        {
            open();
            write(side, r, t, quantity, orders);
        }
    }

    /**
     * A level appeared.
     */
    void levelCreated(final int side, final long t, final long quantity, final int orders)
    {
        final int r = rankOf(side, t);
        if (r >= depth)
        {
            return;
        }
        open();
        final int n = published[side];
        final int last = Math.min(n, depth - 1);
        for (int i = last; i > r; i--)
        {
            copy(side, i - 1, i);
        }
        write(side, r, t, quantity, orders);
        if (n < depth)
        {
            published(side, n + 1);
        }
    }

    /**
     * A level disappeared; call after the book no longer holds it.
     */
    void levelRemoved(final int side, final long t)
    {
        final int n = published[side];
        final int r = rankOf(side, t);
        if (r >= n || ticks[side][r] != t)
        {
            return;
        }
        open();
        for (int i = r; i < n - 1; i++)
        {
            copy(side, i + 1, i);
        }
        if (r == 0)
        {
            topChanged = true;
        }
        if (n == depth)
        {
            final long next = n == 1 ? source.best(side) : source.nextWorse(side, ticks[side][n - 2]);
            if (next != LadderOrderBook.NO_TICKS)
            {
                write(side, n - 1, next, source.levelQuantity(side, next), source.levelOrders(side, next));
                return;
            }
        }
        published(side, n - 1);
    }

    void clear()
    {
        open();
        published(Side.BID, 0);
        published(Side.ASK, 0);
        topChanged = true;
    }

    long bestQuantity(final int side)
    {
        return published[side] > 0 ? buffer.getLong(quantityOffset(0, side)) : 0;
    }

    long bestPrice(final int side)
    {
        return published[side] > 0 ? ticks[side][0] * tickSize : OrderBook.NULL_PRICE;
    }
}
