package io.ticklane.backtest;

import java.util.Arrays;

/**
 * A first-in first-out queue of timed items about our orders (requests on their way to the exchange, responses on
 * their way to the strategy), in parallel arrays that grow by doubling: no allocation in steady state. Times are
 * non-decreasing because one session carries the items in order (an item never overtakes the one before it).
 * Single thread.
 */
final class PendingQueue
{
    private long[] times = new long[64];
    private int[] kinds = new int[64];
    private SimOrder[] orders = new SimOrder[64];
    private long[] as = new long[64];
    private long[] bs = new long[64];
    private int[] cs = new int[64];
    private int head;
    private int size;
    private long lastTime = Long.MIN_VALUE;

    /**
     * @param timeNs when the item is due (raised to the previous item's time if earlier: no overtaking).
     * @return the time it was queued for.
     */
    long add(final long timeNs, final int kind, final SimOrder order, final long a, final long b, final int c)
    {
        if (size == times.length)
        {
            grow();
        }
        final long t = Math.max(timeNs, lastTime);
        lastTime = t;
        final int i = (head + size) & (times.length - 1);
        times[i] = t;
        kinds[i] = kind;
        orders[i] = order;
        as[i] = a;
        bs[i] = b;
        cs[i] = c;
        size++;
        return t;
    }

    private void grow()
    {
        final int n = times.length;
        final long[] t = new long[n * 2];
        final int[] k = new int[n * 2];
        final SimOrder[] o = new SimOrder[n * 2];
        final long[] a = new long[n * 2];
        final long[] b = new long[n * 2];
        final int[] c = new int[n * 2];
        for (int j = 0; j < size; j++)
        {
            final int i = (head + j) & (n - 1);
            t[j] = times[i];
            k[j] = kinds[i];
            o[j] = orders[i];
            a[j] = as[i];
            b[j] = bs[i];
            c[j] = cs[i];
        }
        times = t;
        kinds = k;
        orders = o;
        as = a;
        bs = b;
        cs = c;
        head = 0;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    long headTime()
    {
        return size == 0 ? Long.MAX_VALUE : times[head];
    }

    int headKind()
    {
        return kinds[head];
    }

    SimOrder headOrder()
    {
        return orders[head];
    }

    long headA()
    {
        return as[head];
    }

    long headB()
    {
        return bs[head];
    }

    int headC()
    {
        return cs[head];
    }

    void pop()
    {
        orders[head] = null;
        head = (head + 1) & (times.length - 1);
        size--;
    }

    int size()
    {
        return size;
    }

    /**
     * Empties the queue (the run ended), calling nothing.
     */
    void clear()
    {
        Arrays.fill(orders, null);
        head = 0;
        size = 0;
    }
}
