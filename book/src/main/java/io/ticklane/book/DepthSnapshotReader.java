package io.ticklane.book;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.ticklane.book.DepthSnapshotDescriptor.*;

/**
 * Lock-free consistent reads of a {@link DepthBook}'s published snapshot ({@link DepthSnapshotDescriptor}) from any
 * thread, any number of readers at once; readers never write. A read retries while the writer is publishing, so it
 * returns the book as it stood at the end of a venue event, never torn. Stateless apart from the buffer.
 */
public final class DepthSnapshotReader
{
    private final UnsafeBuffer buffer;
    private final int depth;
    private final int impliedDepth;

    DepthSnapshotReader(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
        this.depth = buffer.getInt(OUTRIGHT_DEPTH_OFFSET);
        this.impliedDepth = buffer.getInt(IMPLIED_DEPTH_OFFSET);
    }

    /**
     * @return the current version (even between publications); any thread.
     */
    public long version()
    {
        return buffer.getLongAcquire(VERSION_OFFSET);
    }

    /**
     * One attempt at a consistent copy of the outright best bid and offer (known levels only).
     *
     * @param out receives the copy; untouched when the attempt fails.
     * @return true when {@code out} holds a consistent copy.
     */
    public boolean tryRead(final TopOfBook out)
    {
        final long version = buffer.getLongAcquire(VERSION_OFFSET);
        if ((version & 1) != 0)
        {
            return false;
        }
        final int state = buffer.getInt(STATE_OFFSET);
        final boolean bid = buffer.getInt(knownLevelsOffset(LevelAction.OUTRIGHT, Side.BID)) > 0;
        final boolean ask = buffer.getInt(knownLevelsOffset(LevelAction.OUTRIGHT, Side.ASK)) > 0;
        final int bidOffset = levelOffset(depth, impliedDepth, LevelAction.OUTRIGHT, Side.BID, 0);
        final int askOffset = levelOffset(depth, impliedDepth, LevelAction.OUTRIGHT, Side.ASK, 0);
        final long bidPrice = buffer.getLong(bidOffset + PRICE);
        final long bidQuantity = buffer.getLong(bidOffset + QUANTITY);
        final long bidOrders = buffer.getLong(bidOffset + ORDERS);
        final long askPrice = buffer.getLong(askOffset + PRICE);
        final long askQuantity = buffer.getLong(askOffset + QUANTITY);
        final long askOrders = buffer.getLong(askOffset + ORDERS);
        VarHandle.loadLoadFence(); // the field loads complete before the version is checked again
        if (buffer.getLong(VERSION_OFFSET) != version)
        {
            return false;
        }
        out.bidPrice = bid ? bidPrice : OrderBook.NULL_PRICE;
        out.bidQuantity = bid ? bidQuantity : 0;
        out.bidOrders = bid ? (int)bidOrders : 0;
        out.askPrice = ask ? askPrice : OrderBook.NULL_PRICE;
        out.askQuantity = ask ? askQuantity : 0;
        out.askOrders = ask ? (int)askOrders : 0;
        out.state = state;
        out.version = version;
        return true;
    }

    /**
     * One attempt at a consistent copy of every published level (up to {@code out.capacity()} per side).
     *
     * @param out receives the copy; may be partly overwritten when the attempt fails.
     * @return true when {@code out} holds a consistent copy.
     */
    public boolean tryRead(final DepthLevels out)
    {
        final long version = buffer.getLongAcquire(VERSION_OFFSET);
        if ((version & 1) != 0)
        {
            return false;
        }
        final int state = buffer.getInt(STATE_OFFSET);
        final int tradingStatus = buffer.getInt(TRADING_STATUS_OFFSET);
        final int knownSides = buffer.getInt(KNOWN_SIDES_OFFSET);
        int l0 = 0;
        int l1 = 0;
        int l2 = 0;
        int l3 = 0;
        for (int book = 0; book < 2; book++)
        {
            final int bookDepth = book == LevelAction.OUTRIGHT ? depth : impliedDepth;
            for (int side = 0; side < 2; side++)
            {
                final int i = book * 2 + side;
                final int n = Math.min(out.capacity(), Math.min(bookDepth,
                    Math.max(0, buffer.getInt(knownLevelsOffset(book, side)))));
                for (int r = 0; r < n; r++)
                {
                    final int offset = levelOffset(depth, impliedDepth, book, side, r);
                    out.prices[i][r] = buffer.getLong(offset + PRICE);
                    out.quantities[i][r] = buffer.getLong(offset + QUANTITY);
                    out.orders[i][r] = buffer.getLong(offset + ORDERS);
                }
                if (i == 0)
                {
                    l0 = n;
                }
                else if (i == 1)
                {
                    l1 = n;
                }
                else if (i == 2)
                {
                    l2 = n;
                }
                else
                {
                    l3 = n;
                }
            }
        }
        VarHandle.loadLoadFence(); // the field loads complete before the version is checked again
        if (buffer.getLong(VERSION_OFFSET) != version)
        {
            return false;
        }
        out.levels[0] = l0;
        out.levels[1] = l1;
        out.levels[2] = l2;
        out.levels[3] = l3;
        out.knownSides = knownSides;
        out.state = state;
        out.tradingStatus = tradingStatus;
        out.version = version;
        return true;
    }

    /**
     * Copies every published level, retrying until the copy is consistent.
     *
     * @param out receives the copy.
     * @return attempts that failed before the one that succeeded.
     */
    public int read(final DepthLevels out)
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
