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
     * @return rank at which a level at {@code t} is or would be inserted, 0..published; {@code depth} when it lies
     * beyond a full published depth (the common case for events deep in the book, answered with one compare).
     */
    private int rankOf(final int side, final long t)
    {
        final long[] prices = ticks[side];
        final int n = published[side];
        // Count the published levels better than t without a data-dependent branch per level: on a real feed
        // the rank of the next event is unpredictable, and a mispredicted loop exit costs more than the compares.
        int r = 0;
        if (side == Side.BID)
        {
            if (n == depth && t < prices[n - 1])
            {
                return depth;
            }
            for (int i = 0; i < n; i++)
            {
                r += (int)((t - prices[i]) >>> 63);
            }
        }
        else
        {
            if (n == depth && t > prices[n - 1])
            {
                return depth;
            }
            for (int i = 0; i < n; i++)
            {
                r += (int)((prices[i] - t) >>> 63);
            }
        }
        return r;
    }

    private void write(final int side, final int rank, final long t, final long quantity, final int orders)
    {
        ticks[side][rank] = t;
        final int offset = rankOffset(depth, side, rank);
        final long price = t * tickSize;
        buffer.putLong(offset + PRICE, price);
        buffer.putLong(offset + QUANTITY, quantity);
        buffer.putLong(offset + ORDERS, orders);
        if (rank == 0)
        {
            best(side, price, quantity, orders);
        }
    }

    private void best(final int side, final long price, final long quantity, final int orders)
    {
        buffer.putLong(bestPriceOffset(side), price);
        buffer.putLong(bestQuantityOffset(side), quantity);
        buffer.putInt(bestOrdersOffset(side), orders);
        topChanged = true;
    }

    private void bestFromRankZero(final int side)
    {
        final int offset = rankOffset(depth, side, 0);
        best(side, buffer.getLong(offset + PRICE), buffer.getLong(offset + QUANTITY),
            (int)buffer.getLong(offset + ORDERS));
    }

    /**
     * Moves ranks {@code from .. from+count-1} of a side by {@code by} (+1 or -1), in the buffer and locally.
     */
    private void shift(final int side, final int from, final int count, final int by)
    {
        if (count > 0)
        {
            System.arraycopy(ticks[side], from, ticks[side], from + by, count);
            buffer.putBytes(rankOffset(depth, side, from + by), buffer, rankOffset(depth, side, from),
                count * RANK_LENGTH);
        }
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
            final int offset = rankOffset(depth, side, r);
            buffer.putLong(offset + QUANTITY, quantity);
            buffer.putLong(offset + ORDERS, orders);
            if (r == 0)
            {
                buffer.putLong(bestQuantityOffset(side), quantity);
                buffer.putInt(bestOrdersOffset(side), orders);
                topChanged = true;
            }
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
        shift(side, r, Math.min(n, depth - 1) - r, 1);
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
        shift(side, r + 1, n - 1 - r, -1);
        if (n == depth)
        {
            final long next = n == 1 ? source.best(side) : source.nextWorse(side, ticks[side][n - 2]);
            if (next != LadderOrderBook.NO_TICKS)
            {
                write(side, n - 1, next, source.levelQuantity(side, next), source.levelOrders(side, next));
                if (r == 0 && n > 1)
                {
                    bestFromRankZero(side);
                }
                return;
            }
        }
        published(side, n - 1);
        if (r == 0)
        {
            if (n > 1)
            {
                bestFromRankZero(side);
            }
            else
            {
                topChanged = true;
            }
        }
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
        return published[side] > 0 ? buffer.getLong(bestQuantityOffset(side)) : 0;
    }

    long bestPrice(final int side)
    {
        return published[side] > 0 ? ticks[side][0] * tickSize : OrderBook.NULL_PRICE;
    }
}
