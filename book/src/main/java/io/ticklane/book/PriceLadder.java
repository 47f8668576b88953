package io.ticklane.book;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import static io.ticklane.book.LadderLevelDescriptor.*;

/**
 * The pre-allocated price levels of one book, both sides: a window of {@link #levelCount()} consecutive ticks
 * starting at {@link #baseTick()}, one {@link LadderLevelDescriptor} slot per tick and side, and per side a bitmap
 * of non-empty levels so that the next best level is found a word (64 levels) at a time with
 * {@link Long#numberOfLeadingZeros} / {@link Long#numberOfTrailingZeros}.
 * <p>
 * Threads: the owning book's writer thread does everything except {@link #quantityAt} and {@link #ordersAt}, which
 * any thread may call: a level's quantity and count form one word stored with release semantics and read with
 * acquire, and a re-centring of the window is bracketed by a layout version (odd while moving) so that a reader
 * never reads a level at the wrong price. A consistent view of several levels is what {@link BookSnapshotReader}
 * gives.
 */
public final class PriceLadder
{
    /** Returned by the bitmap searches when there is no such level. */
    static final int NONE = -1;

    private static final VarHandle LAYOUT_VERSION;
    private static final VarHandle BASE_TICK;
    private static final VarHandle LEVEL = MethodHandles.arrayElementVarHandle(long[].class);

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAYOUT_VERSION = lookup.findVarHandle(PriceLadder.class, "layoutVersion", long.class);
            BASE_TICK = lookup.findVarHandle(PriceLadder.class, "baseTick", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long[][] levels = new long[2][];
    private final int[][] heads = new int[2][];
    private final int[][] tails = new int[2][];
    private final long[][] bits = new long[2][];
    private final int strideLongs;
    private final int levelCount;
    private final int words;
    private final int stride;
    /** Odd while the window moves; written by the writer with release, read by readers with acquire. */
    @SuppressWarnings("unused")
    private volatile long layoutVersion;
    /** Tick of level 0; changes only inside a layout-version bracket. */
    private long baseTick;

    /**
     * Allocates both sides (instrument definition time, not steady state).
     *
     * @param baseTick   tick of level 0.
     * @param levelCount levels per side, &gt;= 1.
     * @param stride     bytes per level, see {@link LadderLevelDescriptor#isValidStride(int)}.
     */
    PriceLadder(final long baseTick, final int levelCount, final int stride)
    {
        if (!isValidStride(stride))
        {
            throw new IllegalArgumentException("ladder stride " + stride + "; allowed: 32, 64, 128");
        }
        if (levelCount < 1 || (long)levelCount * stride > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("ladder levels " + levelCount + "; allowed: 1.." +
                Integer.MAX_VALUE / stride);
        }
        this.baseTick = baseTick;
        this.levelCount = levelCount;
        this.stride = stride;
        this.strideLongs = stride / Long.BYTES;
        this.words = (levelCount + 63) >>> 6;
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            levels[side] = new long[levelCount * strideLongs];
            heads[side] = new int[levelCount];
            tails[side] = new int[levelCount];
            bits[side] = new long[words];
            java.util.Arrays.fill(heads[side], OrderPool.NULL_SLOT);
            java.util.Arrays.fill(tails[side], OrderPool.NULL_SLOT);
        }
    }

    /**
     * @return levels per side.
     */
    public int levelCount()
    {
        return levelCount;
    }

    /**
     * @return bytes per level slot.
     */
    public int stride()
    {
        return stride;
    }

    /**
     * @return tick of level 0 (writer thread; readers use {@link #quantityAt}).
     */
    public long baseTick()
    {
        return baseTick;
    }

    /**
     * @return bytes of level slots and bitmaps, both sides.
     */
    public long footprintBytes()
    {
        return 2L * levelCount * (stride + 2 * Integer.BYTES) + 2L * words * Long.BYTES;
    }

    /**
     * @param ticks a price in ticks.
     * @return its level index, or {@link #NONE} when outside the window.
     */
    int indexOf(final long ticks)
    {
        final long index = ticks - baseTick;
        return index >= 0 && index < levelCount ? (int)index : NONE;
    }

    // ------------------------------------------------------------------ writer: level fields

    long word(final int side, final int index)
    {
        return levels[side][index * strideLongs];
    }

    long quantity(final int side, final int index)
    {
        return LadderLevelDescriptor.quantity(levels[side][index * strideLongs]);
    }

    int orders(final int side, final int index)
    {
        return LadderLevelDescriptor.orders(levels[side][index * strideLongs]);
    }

    int head(final int side, final int index)
    {
        return heads[side][index];
    }

    int tail(final int side, final int index)
    {
        return tails[side][index];
    }

    void head(final int side, final int index, final int slot)
    {
        heads[side][index] = slot;
    }

    void tail(final int side, final int index, final int slot)
    {
        tails[side][index] = slot;
    }

    /**
     * A release store, so that a reader that sees the new word also sees everything written before it.
     */
    void quantityAndOrders(final int side, final int index, final long quantity, final int orders)
    {
        LEVEL.setRelease(levels[side], index * strideLongs, pack(quantity, orders));
    }

    // ------------------------------------------------------------------ writer: bitmap

    void markNonEmpty(final int side, final int index)
    {
        bits[side][index >>> 6] |= 1L << index;
    }

    void markEmpty(final int side, final int index)
    {
        bits[side][index >>> 6] &= ~(1L << index);
    }

    /**
     * @param side  side.
     * @param below exclusive upper bound, 0..levelCount.
     * @return the highest non-empty index below it, or {@link #NONE}.
     */
    int highestBelow(final int side, final int below)
    {
        if (below <= 0)
        {
            return NONE;
        }
        final long[] words = bits[side];
        final int last = below - 1;
        int w = last >>> 6;
        long word = words[w] & (-1L >>> (63 - (last & 63)));
        while (word == 0)
        {
            if (--w < 0)
            {
                return NONE;
            }
            word = words[w];
        }
        return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
    }

    /**
     * @param side  side.
     * @param above exclusive lower bound, -1..levelCount-1.
     * @return the lowest non-empty index above it, or {@link #NONE}.
     */
    int lowestAbove(final int side, final int above)
    {
        final int first = above + 1;
        if (first >= levelCount)
        {
            return NONE;
        }
        final long[] words = bits[side];
        int w = first >>> 6;
        long word = words[w] & (-1L << (first & 63));
        while (word == 0)
        {
            if (++w == this.words)
            {
                return NONE;
            }
            word = words[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }

    // ------------------------------------------------------------------ writer: moving the window

    /**
     * Opens the bracket in which the window moves: readers retry until {@link #endMove(long)}.
     */
    void beginMove()
    {
        LAYOUT_VERSION.setOpaque(this, (long)LAYOUT_VERSION.getOpaque(this) + 1);
        VarHandle.storeStoreFence();
    }

    /**
     * Closes the bracket with the new base tick.
     *
     * @param newBaseTick tick of level 0 from now on.
     */
    void endMove(final long newBaseTick)
    {
        BASE_TICK.setOpaque(this, newBaseTick);
        LAYOUT_VERSION.setRelease(this, (long)LAYOUT_VERSION.getOpaque(this) + 1);
    }

    /**
     * Moves a level's fields to another index of the same side (both inside a move bracket); the source becomes
     * empty.
     */
    void moveLevel(final int side, final int from, final int to)
    {
        quantityAndOrders(side, to, quantity(side, from), orders(side, from));
        head(side, to, head(side, from));
        tail(side, to, tail(side, from));
        markNonEmpty(side, to);
        clearLevel(side, from);
    }

    void clearLevel(final int side, final int index)
    {
        quantityAndOrders(side, index, 0, 0);
        head(side, index, OrderPool.NULL_SLOT);
        tail(side, index, OrderPool.NULL_SLOT);
        markEmpty(side, index);
    }

    // ------------------------------------------------------------------ readers: any thread

    /**
     * Any thread.
     *
     * @param side  side.
     * @param price fixed-point price.
     * @param tick  the book's tick size.
     * @return the level's aggregate quantity (0 when empty), or -1 when the price is outside the window.
     */
    public long quantityAt(final int side, final long price, final long tick)
    {
        while (true)
        {
            final long version = (long)LAYOUT_VERSION.getAcquire(this);
            if ((version & 1) == 0)
            {
                final long index = price / tick - (long)BASE_TICK.getOpaque(this);
                long quantity = -1;
                if (index >= 0 && index < levelCount && price % tick == 0)
                {
                    final long word = (long)LEVEL.getAcquire(levels[side & 1], (int)index * strideLongs);
                    quantity = LadderLevelDescriptor.quantity(word);
                }
                VarHandle.loadLoadFence();
                if ((long)LAYOUT_VERSION.getOpaque(this) == version)
                {
                    return quantity;
                }
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Any thread.
     *
     * @param side  side.
     * @param price fixed-point price.
     * @param tick  the book's tick size.
     * @return the level's order count (0 when empty), or -1 when the price is outside the window.
     */
    public int ordersAt(final int side, final long price, final long tick)
    {
        while (true)
        {
            final long version = (long)LAYOUT_VERSION.getAcquire(this);
            if ((version & 1) == 0)
            {
                final long index = price / tick - (long)BASE_TICK.getOpaque(this);
                int orders = -1;
                if (index >= 0 && index < levelCount && price % tick == 0)
                {
                    final long word = (long)LEVEL.getAcquire(levels[side & 1], (int)index * strideLongs);
                    orders = LadderLevelDescriptor.orders(word);
                }
                VarHandle.loadLoadFence();
                if ((long)LAYOUT_VERSION.getOpaque(this) == version)
                {
                    return orders;
                }
            }
            Thread.onSpinWait();
        }
    }
}
