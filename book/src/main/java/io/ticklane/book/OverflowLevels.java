package io.ticklane.book;

import java.util.Arrays;

/**
 * Price levels of one side that lie outside the ladder's window: a pre-allocated array sorted by price (ascending
 * ticks), with the same fields as a ladder level. Operations cost a binary search plus an array shift, which is
 * acceptable because such levels are far from the touch (or the window is about to be re-centred on them).
 * Book-writer thread only.
 */
final class OverflowLevels
{
    private final long[] ticks;
    private final long[] quantity;
    private final int[] orders;
    private final int[] head;
    private final int[] tail;
    private int size;

    /**
     * @param capacity most levels held.
     */
    OverflowLevels(final int capacity)
    {
        ticks = new long[capacity];
        quantity = new long[capacity];
        orders = new int[capacity];
        head = new int[capacity];
        tail = new int[capacity];
    }

    int size()
    {
        return size;
    }

    int capacity()
    {
        return ticks.length;
    }

    long footprintBytes()
    {
        return (long)ticks.length * (8 + 8 + 4 + 4 + 4);
    }

    /**
     * @param priceTicks price.
     * @return its position (&gt;= 0), or {@code ~insertionPoint}.
     */
    int find(final long priceTicks)
    {
        return Arrays.binarySearch(ticks, 0, size, priceTicks);
    }

    /**
     * @param insertionPoint from {@code ~find(...)}.
     * @param priceTicks     the new level's price.
     * @return the new level's position, or -1 when full.
     */
    int insert(final int insertionPoint, final long priceTicks)
    {
        if (size == ticks.length)
        {
            return -1;
        }
        final int moved = size - insertionPoint;
        System.arraycopy(ticks, insertionPoint, ticks, insertionPoint + 1, moved);
        System.arraycopy(quantity, insertionPoint, quantity, insertionPoint + 1, moved);
        System.arraycopy(orders, insertionPoint, orders, insertionPoint + 1, moved);
        System.arraycopy(head, insertionPoint, head, insertionPoint + 1, moved);
        System.arraycopy(tail, insertionPoint, tail, insertionPoint + 1, moved);
        ticks[insertionPoint] = priceTicks;
        quantity[insertionPoint] = 0;
        orders[insertionPoint] = 0;
        head[insertionPoint] = OrderPool.NULL_SLOT;
        tail[insertionPoint] = OrderPool.NULL_SLOT;
        size++;
        return insertionPoint;
    }

    void remove(final int position)
    {
        final int moved = size - position - 1;
        System.arraycopy(ticks, position + 1, ticks, position, moved);
        System.arraycopy(quantity, position + 1, quantity, position, moved);
        System.arraycopy(orders, position + 1, orders, position, moved);
        System.arraycopy(head, position + 1, head, position, moved);
        System.arraycopy(tail, position + 1, tail, position, moved);
        size--;
    }

    void clear()
    {
        size = 0;
    }

    long ticks(final int position)
    {
        return ticks[position];
    }

    long quantity(final int position)
    {
        return quantity[position];
    }

    void quantity(final int position, final long value)
    {
        quantity[position] = value;
    }

    int orders(final int position)
    {
        return orders[position];
    }

    void orders(final int position, final int value)
    {
        orders[position] = value;
    }

    int head(final int position)
    {
        return head[position];
    }

    void head(final int position, final int slot)
    {
        head[position] = slot;
    }

    int tail(final int position)
    {
        return tail[position];
    }

    void tail(final int position, final int slot)
    {
        tail[position] = slot;
    }

    /**
     * @param priceTicks exclusive bound.
     * @return position of the highest level below it, or -1.
     */
    int highestBelow(final long priceTicks)
    {
        final int i = find(priceTicks);
        final int insertion = i >= 0 ? i : ~i;
        return insertion - 1;
    }

    /**
     * @param priceTicks exclusive bound.
     * @return position of the lowest level above it, or -1.
     */
    int lowestAbove(final long priceTicks)
    {
        final int i = find(priceTicks);
        final int candidate = i >= 0 ? i + 1 : ~i;
        return candidate < size ? candidate : -1;
    }
}
