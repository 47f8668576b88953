package io.ticklane.backtest;

import org.agrona.collections.Long2LongHashMap;

/**
 * The exchange simulator's memory of the replayed market's resting orders on one order-by-order instrument: side,
 * price, quantity and priority stamp by order id. Events carry only the id for executions and deletes; exact FIFO
 * needs the price and quantity before the event and whether the order joined its level before or after ours (the
 * stamp: one counter shared with our orders, taken when an order joins the back of a level). Slots are pooled and
 * the arrays grow by doubling: no allocation in steady state. Single thread.
 */
final class MarketOrderIndex
{
    private static final long MISSING = -1;

    private final Long2LongHashMap slots = new Long2LongHashMap(1 << 12, 0.55f, MISSING);
    private long[] prices = new long[1 << 12];
    private long[] quantities = new long[1 << 12];
    private long[] stamps = new long[1 << 12];
    private int[] sides = new int[1 << 12];
    private int[] free = new int[1 << 12];
    private int freeCount;
    private int used;

    /**
     * @param orderId an order id.
     * @return its slot, or -1 when unknown.
     */
    int find(final long orderId)
    {
        return (int)slots.get(orderId);
    }

    int put(final long orderId, final int side, final long price, final long quantity, final long stamp)
    {
        int slot = (int)slots.get(orderId);
        if (slot < 0)
        {
            slot = freeCount > 0 ? free[--freeCount] : grow();
            slots.put(orderId, slot);
        }
        sides[slot] = side;
        prices[slot] = price;
        quantities[slot] = quantity;
        stamps[slot] = stamp;
        return slot;
    }

    /**
     * An order joining the book: one hash operation (a known id takes the new slot and frees its old one).
     *
     * @return the order's slot.
     */
    int add(final long orderId, final int side, final long price, final long quantity, final long stamp)
    {
        final int slot = freeCount > 0 ? free[--freeCount] : grow();
        sides[slot] = side;
        prices[slot] = price;
        quantities[slot] = quantity;
        stamps[slot] = stamp;
        final long old = slots.put(orderId, slot);
        if (old >= 0)
        {
            free[freeCount++] = (int)old;
        }
        return slot;
    }

    /**
     * Removes an order with one hash operation; its slot's side, price, quantity and stamp stay readable until the
     * next {@link #add} or {@link #put}.
     *
     * @param orderId an order id.
     * @return its slot, or -1 when unknown.
     */
    int take(final long orderId)
    {
        final long slot = slots.remove(orderId);
        if (slot >= 0)
        {
            free[freeCount++] = (int)slot;
        }
        return (int)slot;
    }

    private int grow()
    {
        if (used == prices.length)
        {
            final int n = prices.length * 2;
            prices = java.util.Arrays.copyOf(prices, n);
            quantities = java.util.Arrays.copyOf(quantities, n);
            stamps = java.util.Arrays.copyOf(stamps, n);
            sides = java.util.Arrays.copyOf(sides, n);
            free = java.util.Arrays.copyOf(free, n);
        }
        return used++;
    }

    void remove(final long orderId)
    {
        final long slot = slots.remove(orderId);
        if (slot >= 0)
        {
            free[freeCount++] = (int)slot;
        }
    }

    void clear()
    {
        slots.clear();
        freeCount = 0;
        used = 0;
    }

    int side(final int slot)
    {
        return sides[slot];
    }

    long price(final int slot)
    {
        return prices[slot];
    }

    long quantity(final int slot)
    {
        return quantities[slot];
    }

    long stamp(final int slot)
    {
        return stamps[slot];
    }

    void quantity(final int slot, final long quantity)
    {
        quantities[slot] = quantity;
    }

    int size()
    {
        return slots.size();
    }
}
