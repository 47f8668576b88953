package io.ticklane.backtest;

/**
 * Strategy timers: a binary min-heap on (time, sequence) in parallel arrays, so timers set for the same time fire in
 * the order they were set. Grows by doubling; no allocation in steady state. Single thread.
 */
final class TimerQueue
{
    private long[] times = new long[64];
    private long[] sequences = new long[64];
    private long[] tokens = new long[64];
    private int size;
    private long nextSequence;

    void add(final long timeNs, final long token)
    {
        if (size == times.length)
        {
            times = java.util.Arrays.copyOf(times, size * 2);
            sequences = java.util.Arrays.copyOf(sequences, size * 2);
            tokens = java.util.Arrays.copyOf(tokens, size * 2);
        }
        int i = size++;
        final long sequence = nextSequence++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!less(timeNs, sequence, times[parent], sequences[parent]))
            {
                break;
            }
            move(parent, i);
            i = parent;
        }
        times[i] = timeNs;
        sequences[i] = sequence;
        tokens[i] = token;
    }

    long headTime()
    {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    long headToken()
    {
        return tokens[0];
    }

    void pop()
    {
        final int last = --size;
        if (last == 0)
        {
            return;
        }
        final long t = times[last];
        final long s = sequences[last];
        final long k = tokens[last];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= last)
            {
                break;
            }
            if (child + 1 < last && less(times[child + 1], sequences[child + 1], times[child], sequences[child]))
            {
                child++;
            }
            if (!less(times[child], sequences[child], t, s))
            {
                break;
            }
            move(child, i);
            i = child;
        }
        times[i] = t;
        sequences[i] = s;
        tokens[i] = k;
    }

    int size()
    {
        return size;
    }

    private void move(final int from, final int to)
    {
        times[to] = times[from];
        sequences[to] = sequences[from];
        tokens[to] = tokens[from];
    }

    private static boolean less(final long t1, final long s1, final long t2, final long s2)
    {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
