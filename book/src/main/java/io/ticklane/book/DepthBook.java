package io.ticklane.book;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.ticklane.book.DepthSnapshotDescriptor.*;

/**
 * The live depth-limited market-by-price book of one instrument ({@link LevelBook}: CME MDPriceLevel semantics,
 * outright and implied books apart, known / empty / unknown slots). Each side of each book is a contiguous run of
 * slots in flat primitive arrays, so a New or Delete is one {@code System.arraycopy} per array; nothing allocates
 * per update.
 * <p>
 * A new book starts with every slot unknown: nothing has been determined until a snapshot (which starts with
 * {@link #clear()}) or the incrementals determine it. A book reset or channel reset is {@link #clear()}.
 * <p>
 * Readers on other threads use {@link #reader()}: a seqlock snapshot ({@link DepthSnapshotDescriptor}) that this
 * book rewrites only when {@link #publish()} is called, which the applier does at the end of a venue event; so
 * readers never see a book halfway through an event.
 * <p>
 * Threading: every method except {@link #reader()} on the single writer thread (the book agent, a replay loop);
 * the {@link BookView} methods read the live book, so they too belong to that thread.
 */
public final class DepthBook implements LevelBook, BookView
{
    private static final byte UNKNOWN_SLOT = (byte)UNKNOWN;
    private static final byte EMPTY_SLOT = (byte)EMPTY;
    private static final byte KNOWN_SLOT = (byte)KNOWN;

    private final int instrumentId;
    private final String symbol;
    private final long tickSize;
    private final int priceExponent;
    private final int[] depths;
    private final int[] sideStart = new int[4];
    private final byte[] states;
    private final long[] prices;
    private final long[] quantities;
    private final int[] orders;
    private final UnsafeBuffer snapshot;
    private final DepthSnapshotReader reader;
    private int state = BookState.LIVE;
    private int tradingStatus = TradingStatus.UNKNOWN;
    private boolean dirty;
    private long version;

    /**
     * @param definition the instrument: id, symbol, tick, exponent, {@link InstrumentDefinition#depth()} and
     *                   {@link InstrumentDefinition#impliedDepth()}.
     */
    public DepthBook(final InstrumentDefinition definition)
    {
        this(definition.instrumentId(), definition.symbol(), definition.tickSize(), definition.priceExponent(),
            definition.depth(), definition.impliedDepth());
    }

    /**
     * A book with every level unknown.
     *
     * @param instrumentId  the venue's instrument id.
     * @param symbol        display symbol.
     * @param tickSize      minimum price increment in price units (for display; prices are not checked against it).
     * @param priceExponent decimal exponent of prices.
     * @param depth         outright levels per side, 1..{@link #MAX_DEPTH}.
     * @param impliedDepth  implied levels per side, 0..{@link #MAX_DEPTH}.
     */
    public DepthBook(
        final int instrumentId,
        final String symbol,
        final long tickSize,
        final int priceExponent,
        final int depth,
        final int impliedDepth)
    {
        if (depth < 1 || depth > MAX_DEPTH || impliedDepth < 0 || impliedDepth > MAX_DEPTH)
        {
            throw new IllegalArgumentException("depth " + depth + ", implied depth " + impliedDepth +
                "; allowed: 1.." + MAX_DEPTH + " and 0.." + MAX_DEPTH);
        }
        this.instrumentId = instrumentId;
        this.symbol = symbol;
        this.tickSize = tickSize;
        this.priceExponent = priceExponent;
        this.depths = new int[]{depth, impliedDepth};
        for (int book = 0; book < 2; book++)
        {
            for (int side = 0; side < 2; side++)
            {
                sideStart[book * 2 + side] = book * 2 * depth + side * depths[book];
            }
        }
        final int slots = 2 * (depth + impliedDepth);
        states = new byte[slots];
        prices = new long[slots];
        quantities = new long[slots];
        orders = new int[slots];
        java.util.Arrays.fill(prices, OrderBook.NULL_PRICE);
        snapshot = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length(depth, impliedDepth), 128));
        snapshot.putInt(OUTRIGHT_DEPTH_OFFSET, depth);
        snapshot.putInt(IMPLIED_DEPTH_OFFSET, impliedDepth);
        snapshot.putLongRelease(VERSION_OFFSET, 0);
        reader = new DepthSnapshotReader(snapshot);
        dirty = true;
    }

    public int apply(
        final int book, final int side, final int action, final int level, final long price, final long quantity,
        final int orderCount)
    {
        final int refused = LevelResult.check(depths, book, side, action, level, price, quantity, orderCount);
        if (refused != BookResult.OK)
        {
            return refused;
        }
        final int depth = depths[book];
        final int start = sideStart[book * 2 + side];
        final int at = start + level - 1;
        final int last = start + depth - 1;
        switch (action)
        {
            case LevelAction.NEW:
                shift(at, at + 1, last - at);
                set(at, price, quantity, orderCount);
                break;
            case LevelAction.CHANGE:
                if (states[at] == EMPTY)
                {
                    return LevelResult.EMPTY_LEVEL;
                }
                if (states[at] == KNOWN && prices[at] != price)
                {
                    return LevelResult.PRICE_MISMATCH;
                }
                set(at, price, quantity, orderCount);
                break;
            case LevelAction.DELETE:
                if (states[at] == EMPTY)
                {
                    return LevelResult.EMPTY_LEVEL;
                }
                removeTop(at, last, 1);
                break;
            case LevelAction.DELETE_THRU:
                vacate(start, last, EMPTY_SLOT);
                break;
            case LevelAction.DELETE_FROM:
                removeTop(start, last, Math.min(level, depth));
                break;
            case LevelAction.FORGET:
                vacate(at, at, UNKNOWN_SLOT);
                break;
            default: // OVERLAY
                set(at, price, quantity, orderCount);
                break;
        }
        dirty = true;
        return BookResult.OK;
    }

    private void shift(final int from, final int to, final int count)
    {
        if (count > 0)
        {
            System.arraycopy(states, from, states, to, count);
            System.arraycopy(prices, from, prices, to, count);
            System.arraycopy(quantities, from, quantities, to, count);
            System.arraycopy(orders, from, orders, to, count);
        }
    }

    private void set(final int at, final long price, final long quantity, final int orderCount)
    {
        states[at] = KNOWN_SLOT;
        prices[at] = price;
        quantities[at] = quantity;
        orders[at] = orderCount;
    }

    /**
     * Removes {@code n} slots starting at {@code at}; the slots below move up and the {@code n} vacated at the
     * bottom become empty when the bottom was known empty, else unknown.
     */
    private void removeTop(final int at, final int last, final int n)
    {
        final byte vacated = states[last] == EMPTY ? EMPTY_SLOT : UNKNOWN_SLOT;
        shift(at + n, at, last - at + 1 - n);
        vacate(last - n + 1, last, vacated);
    }

    private void vacate(final int from, final int to, final byte slotState)
    {
        for (int i = from; i <= to; i++)
        {
            states[i] = slotState;
            prices[i] = OrderBook.NULL_PRICE;
            quantities[i] = 0;
            orders[i] = 0;
        }
    }

    public void clear()
    {
        vacate(0, states.length - 1, EMPTY_SLOT);
        dirty = true;
    }

    public void forget()
    {
        vacate(0, states.length - 1, UNKNOWN_SLOT);
        dirty = true;
    }

    /**
     * @param state {@link BookState#LIVE} or {@link BookState#STALE}; readers see it at the next {@link #publish()}.
     */
    public void state(final int state)
    {
        if (this.state != state)
        {
            this.state = state;
            dirty = true;
        }
    }

    /**
     * @param status a {@link TradingStatus}; readers see it at the next {@link #publish()}.
     */
    public void tradingStatus(final int status)
    {
        if (tradingStatus != status)
        {
            tradingStatus = status;
            dirty = true;
        }
    }

    /**
     * Makes everything changed since the last call visible to {@link #reader()} readers, as one seqlock bracket.
     * The applier calls it at the end of a venue event.
     *
     * @return true when something had changed.
     */
    public boolean publish()
    {
        if (!dirty)
        {
            return false;
        }
        dirty = false;
        final UnsafeBuffer buffer = snapshot;
        buffer.putLongOpaque(VERSION_OFFSET, ++version);
        VarHandle.storeStoreFence(); // the odd version is visible before any field it guards changes
        buffer.putInt(STATE_OFFSET, state);
        buffer.putInt(TRADING_STATUS_OFFSET, tradingStatus);
        int knownSides = 0;
        for (int book = 0; book < 2; book++)
        {
            for (int side = 0; side < 2; side++)
            {
                if (depths[book] > 0 && isKnown(book, side))
                {
                    knownSides |= 1 << (book * 2 + side);
                }
                final int start = sideStart[book * 2 + side];
                int n = 0;
                while (n < depths[book] && states[start + n] == KNOWN)
                {
                    final int offset = levelOffset(depths[0], depths[1], book, side, n);
                    buffer.putLong(offset + PRICE, prices[start + n]);
                    buffer.putLong(offset + QUANTITY, quantities[start + n]);
                    buffer.putLong(offset + ORDERS, orders[start + n]);
                    n++;
                }
                buffer.putInt(knownLevelsOffset(book, side), n);
            }
        }
        buffer.putInt(KNOWN_SIDES_OFFSET, knownSides);
        buffer.putLongRelease(VERSION_OFFSET, ++version); // pairs with the reader's acquire load of the version
        return true;
    }

    /**
     * @return a reader of the published snapshot, for any thread (stateless apart from the buffer; share it).
     */
    public DepthSnapshotReader reader()
    {
        return reader;
    }

    public int depth(final int book)
    {
        return book == LevelAction.OUTRIGHT || book == LevelAction.IMPLIED ? depths[book] : 0;
    }

    public int levels(
        final int book, final int side, final int maxLevels, final long[] prices, final long[] quantities,
        final int[] orderCounts)
    {
        final int start = sideStart[book * 2 + side];
        final int limit = Math.min(maxLevels, depths[book]);
        int n = 0;
        while (n < limit && states[start + n] == KNOWN)
        {
            prices[n] = this.prices[start + n];
            quantities[n] = this.quantities[start + n];
            orderCounts[n] = orders[start + n];
            n++;
        }
        return n;
    }

    public boolean isKnown(final int book, final int side)
    {
        final int start = sideStart[book * 2 + side];
        for (int i = start, end = start + depths[book]; i < end; i++)
        {
            if (states[i] == UNKNOWN)
            {
                return false;
            }
        }
        return true;
    }

    public int levelState(final int book, final int side, final int level)
    {
        return states[sideStart[book * 2 + side] + level - 1];
    }

    public long levelPrice(final int book, final int side, final int level)
    {
        return prices[sideStart[book * 2 + side] + level - 1];
    }

    public long levelQuantity(final int book, final int side, final int level)
    {
        return quantities[sideStart[book * 2 + side] + level - 1];
    }

    public int levelOrders(final int book, final int side, final int level)
    {
        return orders[sideStart[book * 2 + side] + level - 1];
    }

    public long stateHash()
    {
        long hash = BookStateHash.SEED;
        for (int i = 0; i < states.length; i++)
        {
            hash = BookStateHash.mix(hash, states[i]);
            if (states[i] == KNOWN)
            {
                hash = BookStateHash.mix(hash, prices[i]);
                hash = BookStateHash.mix(hash, quantities[i]);
                hash = BookStateHash.mix(hash, orders[i]);
            }
        }
        return hash;
    }

    // BookView: the outright book, as readers of any book type see it.

    public int instrumentId()
    {
        return instrumentId;
    }

    public String symbol()
    {
        return symbol;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public int state()
    {
        return state;
    }

    public int tradingStatus()
    {
        return tradingStatus;
    }

    public boolean hasOrders()
    {
        return false;
    }

    public long bestPrice(final int side)
    {
        final int at = sideStart[side];
        return states[at] == KNOWN ? prices[at] : OrderBook.NULL_PRICE;
    }

    public long bestQuantity(final int side)
    {
        final int at = sideStart[side];
        return states[at] == KNOWN ? quantities[at] : 0;
    }

    public int levels(
        final int side, final int maxLevels, final long[] prices, final long[] quantities, final int[] orderCounts)
    {
        return levels(LevelAction.OUTRIGHT, side, maxLevels, prices, quantities, orderCounts);
    }

    public int ordersAt(
        final int side, final long price, final long[] orderIds, final long[] quantities, final int maxOrders)
    {
        return 0;
    }

    /**
     * @return known levels of both books and both sides.
     */
    public int orderCount()
    {
        int n = 0;
        for (final byte s : states)
        {
            n += s == KNOWN ? 1 : 0;
        }
        return n;
    }
}
