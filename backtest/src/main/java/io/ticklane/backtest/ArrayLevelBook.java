package io.ticklane.backtest;

import io.ticklane.book.BookResult;
import io.ticklane.book.BookState;
import io.ticklane.book.BookStateHash;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import io.ticklane.book.LevelBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import io.ticklane.book.TradingStatus;

/**
 * A plain depth-limited market-by-price book for the backtest's price-level instruments (MBP-1, MBP-10), with
 * {@link LevelAction} semantics on the outright book; implied levels are accepted and ignored (our orders rest in the
 * outright book). The engine has no {@link LevelBook} of its own yet: when it has one, the backtest's factory should
 * use it instead and this class go. Readers on other threads are not served (a backtest has none), so
 * {@link #publish()} does nothing.
 * <p>
 * Single thread (the backtest's).
 */
final class ArrayLevelBook implements LevelBook
{
    private final InstrumentDefinition definition = new InstrumentDefinition();
    private final String symbol;
    private final int depth;
    private final long[][] prices;
    private final long[][] quantities;
    private final int[][] counts;
    private final int[] known = new int[2];
    private int state = BookState.LIVE;

    ArrayLevelBook(final InstrumentDefinition definition)
    {
        this.definition.copyFrom(definition);
        this.symbol = definition.symbol();
        this.depth = Math.max(1, definition.depth());
        this.prices = new long[2][depth];
        this.quantities = new long[2][depth];
        this.counts = new int[2][depth];
    }

    public int apply(final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        if (!Side.isValid(side) || level < 1 || action < 0 || action >= LevelAction.COUNT)
        {
            return BookResult.INVALID_SIDE;
        }
        if (book != LevelAction.OUTRIGHT)
        {
            return BookResult.OK;
        }
        final long[] p = prices[side];
        final long[] q = quantities[side];
        final int[] c = counts[side];
        final int n = known[side];
        final int i = level - 1;
        switch (action)
        {
            case LevelAction.NEW:
                if (i > n || i >= depth)
                {
                    return BookResult.INVALID_PRICE;
                }
                final int moved = Math.min(n, depth - 1) - i;
                System.arraycopy(p, i, p, i + 1, moved);
                System.arraycopy(q, i, q, i + 1, moved);
                System.arraycopy(c, i, c, i + 1, moved);
                p[i] = price;
                q[i] = quantity;
                c[i] = orderCount;
                known[side] = Math.min(depth, n + 1);
                return BookResult.OK;
            case LevelAction.CHANGE:
            case LevelAction.OVERLAY:
                if (i >= n)
                {
                    return BookResult.UNKNOWN_ORDER;
                }
                p[i] = action == LevelAction.OVERLAY ? price : p[i];
                q[i] = quantity;
                c[i] = orderCount;
                return BookResult.OK;
            case LevelAction.DELETE:
                if (i >= n)
                {
                    return BookResult.UNKNOWN_ORDER;
                }
                System.arraycopy(p, i + 1, p, i, n - i - 1);
                System.arraycopy(q, i + 1, q, i, n - i - 1);
                System.arraycopy(c, i + 1, c, i, n - i - 1);
                known[side] = n - 1;
                return BookResult.OK;
            case LevelAction.DELETE_THRU:
                known[side] = 0;
                return BookResult.OK;
            default:
                final int k = Math.min(level, n); // DELETE_FROM
                System.arraycopy(p, k, p, 0, n - k);
                System.arraycopy(q, k, q, 0, n - k);
                System.arraycopy(c, k, c, 0, n - k);
                known[side] = n - k;
                return BookResult.OK;
        }
    }

    public void clear()
    {
        known[0] = 0;
        known[1] = 0;
    }

    public void publish()
    {
    }

    public void stale(final boolean stale)
    {
        state = stale ? BookState.STALE : BookState.LIVE;
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
        return state;
    }

    public int tradingStatus()
    {
        return TradingStatus.UNKNOWN; // the instrument keeps it
    }

    public boolean hasOrders()
    {
        return false;
    }

    public long bestPrice(final int side)
    {
        return known[side] > 0 ? prices[side][0] : OrderBook.NULL_PRICE;
    }

    public long bestQuantity(final int side)
    {
        return known[side] > 0 ? quantities[side][0] : 0;
    }

    public int levels(
        final int side, final int maxLevels, final long[] prices, final long[] quantities, final int[] orderCounts)
    {
        final int n = Math.min(maxLevels, known[side]);
        System.arraycopy(this.prices[side], 0, prices, 0, n);
        System.arraycopy(this.quantities[side], 0, quantities, 0, n);
        System.arraycopy(this.counts[side], 0, orderCounts, 0, n);
        return n;
    }

    public int ordersAt(
        final int side, final long price, final long[] orderIds, final long[] quantities, final int maxOrders)
    {
        return 0;
    }

    public int orderCount()
    {
        return known[0] + known[1];
    }

    public long stateHash()
    {
        long hash = BookStateHash.SEED;
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            hash = BookStateHash.mix(hash, side);
            for (int i = 0; i < known[side]; i++)
            {
                hash = BookStateHash.mix(hash, prices[side][i]);
                hash = BookStateHash.mix(hash, quantities[side][i]);
                hash = BookStateHash.mix(hash, counts[side][i]);
            }
        }
        return hash;
    }
}
