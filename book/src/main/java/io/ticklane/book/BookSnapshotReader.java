package io.ticklane.book;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.ticklane.book.BookSnapshotDescriptor.*;

/**
 * Lock-free consistent reads of a book's published snapshot ({@link BookSnapshotDescriptor}) from any thread, any
 * number of readers at once; readers never write, so they never slow the book writer down. A read retries while
 * the writer is inside an event, so it returns a state the book actually had between two events: never torn,
 * never a crossed top the feed did not produce. Stateless apart from the buffer: share one instance freely.
 */
public final class BookSnapshotReader
{
    private final UnsafeBuffer buffer;
    private final int depth;

    BookSnapshotReader(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
        this.depth = buffer.getInt(DEPTH_OFFSET);
    }

    /**
     * @return most levels per side the book publishes.
     */
    public int depth()
    {
        return depth;
    }

    /**
     * @return the current version (even between events); any thread.
     */
    public long version()
    {
        return buffer.getLongAcquire(VERSION_OFFSET);
    }

    /**
     * One attempt at a consistent copy of the best bid and offer.
     *
     * @param out receives the copy; untouched when the attempt fails.
     * @return true when {@code out} now holds a consistent copy.
     */
    public boolean tryRead(final TopOfBook out)
    {
        final UnsafeBuffer buffer = this.buffer;
        final long version = buffer.getLongAcquire(VERSION_OFFSET);
        if ((version & 1) != 0)
        {
            return false;
        }
        final int state = buffer.getInt(STATE_OFFSET);
        final int bidLevels = buffer.getInt(BID_LEVELS_OFFSET);
        final int askLevels = buffer.getInt(ASK_LEVELS_OFFSET);
        final long bidPrice = buffer.getLong(BEST_BID_PRICE_OFFSET);
        final long bidQuantity = buffer.getLong(BEST_BID_QUANTITY_OFFSET);
        final long askPrice = buffer.getLong(BEST_ASK_PRICE_OFFSET);
        final long askQuantity = buffer.getLong(BEST_ASK_QUANTITY_OFFSET);
        final int bidOrders = buffer.getInt(BEST_BID_ORDERS_OFFSET);
        final int askOrders = buffer.getInt(BEST_ASK_ORDERS_OFFSET);
        VarHandle.loadLoadFence(); // the field loads complete before the version is checked again
        if (buffer.getLong(VERSION_OFFSET) != version)
        {
            return false;
        }
        final boolean bid = bidLevels > 0;
        final boolean ask = askLevels > 0;
        out.bidPrice = bid ? bidPrice : OrderBook.NULL_PRICE;
        out.bidQuantity = bid ? bidQuantity : 0;
        out.bidOrders = bid ? bidOrders : 0;
        out.askPrice = ask ? askPrice : OrderBook.NULL_PRICE;
        out.askQuantity = ask ? askQuantity : 0;
        out.askOrders = ask ? askOrders : 0;
        out.state = state;
        out.version = version;
        return true;
    }

    /**
     * Copies the best bid and offer, retrying until the copy is consistent.
     *
     * @param out receives the copy.
     * @return attempts that failed before the one that succeeded.
     */
    public int read(final TopOfBook out)
    {
        int retries = 0;
        while (!tryRead(out))
        {
            retries++;
            Thread.onSpinWait();
        }
        return retries;
    }

    /**
     * One attempt at a consistent copy of the best {@code min(out.capacity(), depth())} levels per side.
     *
     * @param out receives the copy; may be partly overwritten when the attempt fails.
     * @return true when {@code out} now holds a consistent copy.
     */
    public boolean tryRead(final BookDepth out)
    {
        final UnsafeBuffer buffer = this.buffer;
        final long version = buffer.getLongAcquire(VERSION_OFFSET);
        if ((version & 1) != 0)
        {
            return false;
        }
        final int limit = Math.min(out.capacity(), depth);
        final int state = buffer.getInt(STATE_OFFSET);
        final int bids = Math.min(limit, Math.max(0, buffer.getInt(BID_LEVELS_OFFSET)));
        final int asks = Math.min(limit, Math.max(0, buffer.getInt(ASK_LEVELS_OFFSET)));
        copySide(Side.BID, bids, out);
        copySide(Side.ASK, asks, out);
        VarHandle.loadLoadFence(); // the field loads complete before the version is checked again
        if (buffer.getLong(VERSION_OFFSET) != version)
        {
            return false;
        }
        out.levels[Side.BID] = bids;
        out.levels[Side.ASK] = asks;
        out.state = state;
        out.version = version;
        return true;
    }

    private void copySide(final int side, final int levels, final BookDepth out)
    {
        final long[] prices = out.prices[side];
        final long[] quantities = out.quantities[side];
        final int[] orders = out.orders[side];
        for (int r = 0, offset = rankOffset(depth, side, 0); r < levels; r++, offset += RANK_LENGTH)
        {
            prices[r] = buffer.getLong(offset + PRICE);
            quantities[r] = buffer.getLong(offset + QUANTITY);
            orders[r] = (int)buffer.getLong(offset + ORDERS);
        }
    }

    /**
     * Copies the best levels, retrying until the copy is consistent.
     *
     * @param out receives the copy.
     * @return attempts that failed before the one that succeeded.
     */
    public int read(final BookDepth out)
    {
        int retries = 0;
        while (!tryRead(out))
        {
            retries++;
            Thread.onSpinWait();
        }
        return retries;
    }
}
