package io.ticklane.backtest;

import java.util.Arrays;

/**
 * A growable series of (time, value) points for the report. Not on the per-event path: points are added per
 * interval and per fill. Single thread.
 */
final class Series
{
    long[] times = new long[256];
    double[] values = new double[256];
    int size;

    void add(final long timeNs, final double value)
    {
        if (size == times.length)
        {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = timeNs;
        values[size++] = value;
    }

    double last()
    {
        return size == 0 ? Double.NaN : values[size - 1];
    }
}
