package io.ticklane.book;

import org.agrona.collections.Long2LongHashMap;

/**
 * The fast book: per side, a pre-allocated array of price levels indexed by {@code (price - base) / tick}; per
 * level, aggregate quantity, order count and an intrusive FIFO of pooled orders (slot indices into
 * {@link OrderPool}). Order ids map to slots through a primitive open-addressing map. No allocation per event.
 * <p>
 * Band policy of this version: prices outside {@code reference +/- bandTicks} are rejected with
 * {@link BookResult#INVALID_PRICE} and counted by the caller.
 * <p>
 * Single writer: all methods on the book-agent thread.
 */
public final class LadderOrderBook implements OrderBook
{
    private static final int EMPTY = -1;

    private final int instrumentId;
    private final long tickSize;
    private final long basePrice;
    private final int levelCount;
    private final OrderPool pool;
    private final Long2LongHashMap slotByOrderId;
    private final long[][] levelQuantity = new long[2][];
    private final int[][] levelOrders = new int[2][];
    private final int[][] levelHead = new int[2][];
    private final int[][] levelTail = new int[2][];
    private final int[] best = {EMPTY, EMPTY};
    private int orders;

    /**
     * Allocates the ladder (instrument definition time, not steady state).
     *
     * @param instrumentId   instrument.
     * @param tickSize       price increment.
     * @param referencePrice ladder centre, on tick.
     * @param bandTicks      levels each side of the centre.
     * @param pool           order slots shared with other books of this agent.
     */
    public LadderOrderBook(
        final int instrumentId, final long tickSize, final long referencePrice, final int bandTicks, final OrderPool pool)
    {
        this.instrumentId = instrumentId;
        this.tickSize = tickSize;
        this.basePrice = referencePrice - bandTicks * tickSize;
        this.levelCount = 2 * bandTicks + 1;
        this.pool = pool;
        this.slotByOrderId = new Long2LongHashMap(1024, 0.6f, OrderPool.NULL_SLOT);
        for (int s = 0; s < 2; s++)
        {
            levelQuantity[s] = new long[levelCount];
            levelOrders[s] = new int[levelCount];
            levelHead[s] = new int[levelCount];
            levelTail[s] = new int[levelCount];
            java.util.Arrays.fill(levelHead[s], OrderPool.NULL_SLOT);
            java.util.Arrays.fill(levelTail[s], OrderPool.NULL_SLOT);
        }
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    private int levelIndex(final long price)
    {
        if (price <= 0 || price % tickSize != 0)
        {
            return EMPTY;
        }
        final long index = (price - basePrice) / tickSize;
        return index >= 0 && index < levelCount ? (int)index : EMPTY;
    }

    public int add(final long orderId, final int side, final long price, final long quantity)
    {
        if (!Side.isValid(side))
        {
            return BookResult.INVALID_SIDE;
        }
        if (quantity <= 0)
        {
            return BookResult.INVALID_QUANTITY;
        }
        final int level = levelIndex(price);
        if (level == EMPTY)
        {
            return BookResult.INVALID_PRICE;
        }
        if (slotByOrderId.get(orderId) != OrderPool.NULL_SLOT)
        {
            return BookResult.DUPLICATE_ORDER;
        }
        final int slot = pool.allocate();
        if (slot == OrderPool.NULL_SLOT)
        {
            return BookResult.POOL_EXHAUSTED;
        }
        pool.orderId[slot] = orderId;
        pool.side[slot] = (byte)side;
        pool.price[slot] = price;
        pool.quantity[slot] = quantity;
        slotByOrderId.put(orderId, slot);
        link(side, level, slot, quantity);
        orders++;
        return BookResult.OK;
    }

    public int modify(final long orderId, final long price, final long quantity)
    {
        final int slot = (int)slotByOrderId.get(orderId);
        if (slot == OrderPool.NULL_SLOT)
        {
            return BookResult.UNKNOWN_ORDER;
        }
        if (quantity <= 0)
        {
            return BookResult.INVALID_QUANTITY;
        }
        final int newLevel = levelIndex(price);
        if (newLevel == EMPTY)
        {
            return BookResult.INVALID_PRICE;
        }
        final int side = pool.side[slot];
        final int oldLevel = levelIndex(pool.price[slot]);
        final long oldQuantity = pool.quantity[slot];
        if (newLevel == oldLevel && quantity <= oldQuantity)
        {
            pool.quantity[slot] = quantity;
            levelQuantity[side][oldLevel] -= oldQuantity - quantity;
            return BookResult.OK;
        }
        unlink(side, oldLevel, slot, oldQuantity);
        pool.price[slot] = price;
        pool.quantity[slot] = quantity;
        link(side, newLevel, slot, quantity);
        return BookResult.OK;
    }

    public int delete(final long orderId)
    {
        final int slot = (int)slotByOrderId.remove(orderId);
        if (slot == OrderPool.NULL_SLOT)
        {
            return BookResult.UNKNOWN_ORDER;
        }
        unlink(pool.side[slot], levelIndex(pool.price[slot]), slot, pool.quantity[slot]);
        pool.free(slot);
        orders--;
        return BookResult.OK;
    }

    public int execute(final long orderId, final long quantity)
    {
        final int slot = (int)slotByOrderId.get(orderId);
        if (slot == OrderPool.NULL_SLOT)
        {
            return BookResult.UNKNOWN_ORDER;
        }
        if (quantity <= 0)
        {
            return BookResult.INVALID_QUANTITY;
        }
        final long remaining = pool.quantity[slot];
        if (quantity > remaining)
        {
            return BookResult.EXECUTION_TOO_LARGE;
        }
        if (quantity == remaining)
        {
            return delete(orderId);
        }
        pool.quantity[slot] = remaining - quantity;
        levelQuantity[pool.side[slot]][levelIndex(pool.price[slot])] -= quantity;
        return BookResult.OK;
    }

    private void link(final int side, final int level, final int slot, final long quantity)
    {
        final int tail = levelTail[side][level];
        pool.prev[slot] = tail;
        pool.next[slot] = OrderPool.NULL_SLOT;
        if (tail == OrderPool.NULL_SLOT)
        {
            levelHead[side][level] = slot;
        }
        else
        {
            pool.next[tail] = slot;
        }
        levelTail[side][level] = slot;
        levelQuantity[side][level] += quantity;
        levelOrders[side][level]++;
        final int b = best[side];
        if (b == EMPTY || (side == Side.BID ? level > b : level < b))
        {
            best[side] = level;
        }
    }

    private void unlink(final int side, final int level, final int slot, final long quantity)
    {
        final int prev = pool.prev[slot];
        final int next = pool.next[slot];
        if (prev == OrderPool.NULL_SLOT)
        {
            levelHead[side][level] = next;
        }
        else
        {
            pool.next[prev] = next;
        }
        if (next == OrderPool.NULL_SLOT)
        {
            levelTail[side][level] = prev;
        }
        else
        {
            pool.prev[next] = prev;
        }
        levelQuantity[side][level] -= quantity;
        if (--levelOrders[side][level] == 0 && best[side] == level)
        {
            best[side] = nextNonEmpty(side, level);
        }
    }

    private int nextNonEmpty(final int side, final int from)
    {
        final int[] counts = levelOrders[side];
        if (side == Side.BID)
        {
            for (int i = from - 1; i >= 0; i--)
            {
                if (counts[i] != 0)
                {
                    return i;
                }
            }
        }
        else
        {
            for (int i = from + 1; i < levelCount; i++)
            {
                if (counts[i] != 0)
                {
                    return i;
                }
            }
        }
        return EMPTY;
    }

    public void clear()
    {
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            int level = best[side];
            while (level != EMPTY)
            {
                int slot = levelHead[side][level];
                while (slot != OrderPool.NULL_SLOT)
                {
                    final int next = pool.next[slot];
                    pool.free(slot);
                    slot = next;
                }
                levelHead[side][level] = OrderPool.NULL_SLOT;
                levelTail[side][level] = OrderPool.NULL_SLOT;
                levelQuantity[side][level] = 0;
                levelOrders[side][level] = 0;
                level = nextNonEmpty(side, level);
            }
            best[side] = EMPTY;
        }
        slotByOrderId.clear();
        orders = 0;
    }

    public long bestPrice(final int side)
    {
        final int level = best[side];
        return level == EMPTY ? NULL_PRICE : basePrice + level * tickSize;
    }

    public int levels(
        final int side, final int maxLevels, final long[] prices, final long[] quantities, final int[] orderCounts)
    {
        int n = 0;
        int level = best[side];
        while (level != EMPTY && n < maxLevels)
        {
            prices[n] = basePrice + level * tickSize;
            quantities[n] = levelQuantity[side][level];
            orderCounts[n] = levelOrders[side][level];
            n++;
            level = nextNonEmpty(side, level);
        }
        return n;
    }

    public int orderCount()
    {
        return orders;
    }

    public long stateHash()
    {
        long hash = BookStateHash.SEED;
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            hash = BookStateHash.mix(hash, side);
            int level = best[side];
            while (level != EMPTY)
            {
                hash = BookStateHash.mix(hash, basePrice + level * tickSize);
                hash = BookStateHash.mix(hash, levelQuantity[side][level]);
                hash = BookStateHash.mix(hash, levelOrders[side][level]);
                for (int slot = levelHead[side][level]; slot != OrderPool.NULL_SLOT; slot = pool.next[slot])
                {
                    hash = BookStateHash.mix(hash, pool.orderId[slot]);
                    hash = BookStateHash.mix(hash, pool.quantity[slot]);
                }
                level = nextNonEmpty(side, level);
            }
        }
        return hash;
    }
}
