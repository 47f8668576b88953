package io.ticklane.backtest;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.BookState;
import io.ticklane.book.BookStateHash;
import io.ticklane.book.BookView;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.LevelAction;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.book.TradingStatus;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * STAND-IN, to be deleted when the lead's {@code io.ticklane.book.BookEventApplier} lands on main: applies
 * normalized events to the engine's {@link LadderOrderBook} (order-by-order instruments) or to a plain depth-limited
 * level array (price-level instruments), and reports to a {@link Listener} what the real applier's
 * {@code BookListener} will report (trades, then each changed book once at the end of a venue event). It exposes
 * each book as a {@link BookView}; {@link BookView#ordersAt} returns 0 here, since {@code LadderOrderBook} does not
 * publish its queues outside its package (the real {@code InstrumentBook} will).
 * <p>
 * Single thread (the backtest's). Allocation-free per event once instruments are defined.
 */
final class StandInApplier implements BookEventHandler
{
    /** What the real applier's listener will say. */
    interface Listener
    {
        void onBookTrade(int instrumentId, long price, long quantity, int aggressorSide);

        void onBookChanged(BookView book);
    }

    /** One instrument's book, seen through {@link BookView}. */
    final class Book implements BookView, BookListener
    {
        final InstrumentDefinition definition = new InstrumentDefinition();
        final String symbol;
        final LadderOrderBook orders;
        final long[][] levelPrices;
        final long[][] levelQuantities;
        final int[][] levelCounts;
        final int[] levelsKnown = new int[2];
        final int depth;
        int tradingStatus = TradingStatus.UNKNOWN;
        int state = BookState.LIVE;
        boolean dirty;

        Book(final InstrumentDefinition d)
        {
            definition.copyFrom(d);
            symbol = d.symbol();
            if (d.books() == InstrumentDefinition.BOOK_LEVELS && (d.books() & InstrumentDefinition.BOOK_ORDERS) == 0)
            {
                orders = null;
                depth = Math.max(1, d.depth());
                levelPrices = new long[2][depth];
                levelQuantities = new long[2][depth];
                levelCounts = new int[2][depth];
            }
            else
            {
                orders = new LadderOrderBook(d.instrumentId(), d.tickSize(), d.referencePrice(),
                    Math.max(0, d.bandTicks()), pool, options).listener(this);
                depth = 0;
                levelPrices = null;
                levelQuantities = null;
                levelCounts = null;
            }
        }

        public void onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
        {
            listener.onBookTrade(instrumentId, price, quantity, aggressorSide);
        }

        public int instrumentId()
        {
            return definition.instrumentId();
        }

        public String symbol()
        {
            return symbol;
        }

        public int priceExponent()
        {
            return definition.priceExponent();
        }

        public long tickSize()
        {
            return definition.tickSize();
        }

        public int state()
        {
            return null != orders ? orders.state() : state;
        }

        public int tradingStatus()
        {
            return tradingStatus;
        }

        public boolean hasOrders()
        {
            return null != orders;
        }

        public long bestPrice(final int side)
        {
            if (null != orders)
            {
                return orders.bestPrice(side);
            }
            return levelsKnown[side] > 0 ? levelPrices[side][0] : OrderBook.NULL_PRICE;
        }

        public long bestQuantity(final int side)
        {
            if (null != orders)
            {
                return orders.levels(side, 1, scratchPrice, scratchQuantity, scratchCount) == 1 ? scratchQuantity[0] : 0;
            }
            return levelsKnown[side] > 0 ? levelQuantities[side][0] : 0;
        }

        public int levels(
            final int side, final int maxLevels, final long[] prices, final long[] quantities, final int[] orderCounts)
        {
            if (null != orders)
            {
                return orders.levels(side, maxLevels, prices, quantities, orderCounts);
            }
            final int n = Math.min(maxLevels, levelsKnown[side]);
            System.arraycopy(levelPrices[side], 0, prices, 0, n);
            System.arraycopy(levelQuantities[side], 0, quantities, 0, n);
            System.arraycopy(levelCounts[side], 0, orderCounts, 0, n);
            return n;
        }

        public int ordersAt(
            final int side, final long price, final long[] orderIds, final long[] quantities, final int maxOrders)
        {
            return 0;
        }

        public int orderCount()
        {
            return null != orders ? orders.orderCount() : levelsKnown[0] + levelsKnown[1];
        }

        public long stateHash()
        {
            if (null != orders)
            {
                return orders.stateHash();
            }
            long hash = BookStateHash.SEED;
            for (int side = Side.BID; side <= Side.ASK; side++)
            {
                hash = BookStateHash.mix(hash, side);
                for (int i = 0; i < levelsKnown[side]; i++)
                {
                    hash = BookStateHash.mix(hash, levelPrices[side][i]);
                    hash = BookStateHash.mix(hash, levelQuantities[side][i]);
                    hash = BookStateHash.mix(hash, levelCounts[side][i]);
                }
            }
            return hash;
        }

        void level(final int side, final int action, final int level, final long price, final long quantity,
            final int count)
        {
            final long[] p = levelPrices[side];
            final long[] q = levelQuantities[side];
            final int[] c = levelCounts[side];
            final int n = levelsKnown[side];
            final int i = level - 1;
            switch (action)
            {
                case LevelAction.NEW:
                    if (i <= n && i < depth)
                    {
                        final int moved = Math.min(n, depth - 1) - i;
                        System.arraycopy(p, i, p, i + 1, Math.max(0, moved));
                        System.arraycopy(q, i, q, i + 1, Math.max(0, moved));
                        System.arraycopy(c, i, c, i + 1, Math.max(0, moved));
                        p[i] = price;
                        q[i] = quantity;
                        c[i] = count;
                        levelsKnown[side] = Math.min(depth, n + 1);
                    }
                    break;
                case LevelAction.CHANGE:
                    if (i < n)
                    {
                        q[i] = quantity;
                        c[i] = count;
                    }
                    break;
                case LevelAction.OVERLAY:
                    if (i < n)
                    {
                        p[i] = price;
                        q[i] = quantity;
                        c[i] = count;
                    }
                    break;
                case LevelAction.DELETE:
                    if (i < n)
                    {
                        System.arraycopy(p, i + 1, p, i, n - i - 1);
                        System.arraycopy(q, i + 1, q, i, n - i - 1);
                        System.arraycopy(c, i + 1, c, i, n - i - 1);
                        levelsKnown[side] = n - 1;
                    }
                    break;
                case LevelAction.DELETE_THRU:
                    levelsKnown[side] = 0;
                    break;
                case LevelAction.DELETE_FROM:
                    final int k = Math.min(level, n);
                    System.arraycopy(p, k, p, 0, n - k);
                    System.arraycopy(q, k, q, 0, n - k);
                    System.arraycopy(c, k, c, 0, n - k);
                    levelsKnown[side] = n - k;
                    break;
                default:
                    break;
            }
        }

        void clear()
        {
            if (null != orders)
            {
                orders.clear();
            }
            else
            {
                levelsKnown[0] = 0;
                levelsKnown[1] = 0;
            }
        }
    }

    private final OrderPool pool;
    private final BookOptions options = BookOptions.DEFAULT;
    private final Int2ObjectHashMap<Book> books = new Int2ObjectHashMap<>();
    private final List<Book> bookList = new ArrayList<>();
    private final Book[] dirty = new Book[1024];
    private final long[] scratchPrice = new long[1];
    private final long[] scratchQuantity = new long[1];
    private final int[] scratchCount = new int[1];
    private Listener listener;
    private int dirtyCount;
    private long refused;

    /**
     * @param poolCapacity order slots shared by the order-by-order books.
     * @param listener     hears trades and changed books.
     */
    StandInApplier(final int poolCapacity, final Listener listener)
    {
        this.pool = new OrderPool(poolCapacity);
        this.listener = listener;
    }

    /**
     * @param instrumentId an instrument.
     * @return its book, or null when not defined.
     */
    Book book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * @return every defined book, in order of definition.
     */
    List<Book> books()
    {
        return bookList;
    }

    /**
     * @return events the books refused (unknown order, duplicate, ...).
     */
    long refused()
    {
        return refused;
    }

    private Book touch(final int instrumentId)
    {
        final Book b = books.get(instrumentId);
        if (null != b && !b.dirty)
        {
            b.dirty = true;
            if (dirtyCount < dirty.length)
            {
                dirty[dirtyCount++] = b;
            }
        }
        return b;
    }

    private int result(final int bookResult)
    {
        if (bookResult != 0)
        {
            refused++;
        }
        return DELIVERED;
    }

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
    }

    public int onDefinition(final InstrumentDefinition definition)
    {
        final Book existing = books.get(definition.instrumentId());
        if (null != existing && existing.definition.sameAs(definition))
        {
            return DELIVERED;
        }
        final Book b = new Book(definition);
        books.put(definition.instrumentId(), b);
        if (null != existing)
        {
            existing.clear();
            bookList.remove(existing);
        }
        bookList.add(b);
        touch(definition.instrumentId());
        return DELIVERED;
    }

    public int onAdd(final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        final Book b = touch(instrumentId);
        return null == b || null == b.orders ? result(1) : result(b.orders.add(orderId, side, price, quantity));
    }

    public int onModify(final int instrumentId, final long orderId, final long price, final long quantity)
    {
        final Book b = touch(instrumentId);
        return null == b || null == b.orders ? result(1) : result(b.orders.modify(orderId, price, quantity));
    }

    public int onDelete(final int instrumentId, final long orderId)
    {
        final Book b = touch(instrumentId);
        return null == b || null == b.orders ? result(1) : result(b.orders.delete(orderId));
    }

    public int onExecute(final int instrumentId, final long orderId, final long quantity)
    {
        final Book b = touch(instrumentId);
        return null == b || null == b.orders ? result(1) : result(b.orders.execute(orderId, quantity));
    }

    public int onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
        if (null != touch(instrumentId))
        {
            listener.onBookTrade(instrumentId, price, quantity, aggressorSide);
        }
        return DELIVERED;
    }

    public int onClear(final int instrumentId)
    {
        final Book b = touch(instrumentId);
        if (null != b)
        {
            b.clear();
        }
        return DELIVERED;
    }

    public int onSnapshotBegin(final int instrumentId, final long lastSequence, final long count)
    {
        return onClear(instrumentId);
    }

    public int onSnapshotOrder(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        return onAdd(instrumentId, orderId, side, price, quantity);
    }

    public int onSnapshotEnd(final int instrumentId, final long lastSequence)
    {
        return DELIVERED;
    }

    public int onLevel(
        final int instrumentId, final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        final Book b = touch(instrumentId);
        if (null == b || null != b.orders || book != LevelAction.OUTRIGHT || !Side.isValid(side) || level < 1)
        {
            return result(null == b ? 1 : 0);
        }
        b.level(side, action, level, price, quantity, orderCount);
        return DELIVERED;
    }

    public int onTradingStatus(final int instrumentId, final int status)
    {
        final Book b = touch(instrumentId);
        if (null != b)
        {
            b.tradingStatus = status;
        }
        return DELIVERED;
    }

    public void onStale(final int instrumentId)
    {
        final Book b = touch(instrumentId);
        if (null != b)
        {
            b.state = BookState.STALE;
            if (null != b.orders)
            {
                b.orders.markStale();
            }
        }
    }

    public void onLive(final int instrumentId)
    {
        final Book b = touch(instrumentId);
        if (null != b)
        {
            b.state = BookState.LIVE;
            if (null != b.orders)
            {
                b.orders.markLive();
            }
        }
    }

    public void onEndOfEvent()
    {
        final int n = dirtyCount;
        dirtyCount = 0;
        for (int i = 0; i < n; i++)
        {
            final Book b = dirty[i];
            b.dirty = false;
            listener.onBookChanged(b);
        }
    }
}
