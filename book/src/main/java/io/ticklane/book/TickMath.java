package io.ticklane.book;

/**
 * Converts prices to tick counts without a division on the hot path: a price is on tick exactly when
 * {@code (price >> k) * inverse(odd)} (mod 2^64) is no larger than {@code (2^64 - 1) / odd}, where
 * {@code tick = odd * 2^k} and {@code inverse(odd)} is its multiplicative inverse mod 2^64; the product is then
 * the quotient. A multiply and a compare instead of a 64-bit divide (tens of cycles). Immutable, any thread.
 */
final class TickMath
{
    /** Returned for a price that is not a positive multiple of the tick. */
    static final long OFF_TICK = Long.MIN_VALUE;

    private final long tickSize;
    private final int shift;
    private final long lowMask;
    private final long inverse;
    private final long maxQuotient;

    /**
     * @param tickSize price increment, &gt; 0.
     */
    TickMath(final long tickSize)
    {
        if (tickSize <= 0)
        {
            throw new IllegalArgumentException("tick size " + tickSize + "; allowed: > 0");
        }
        this.tickSize = tickSize;
        shift = Long.numberOfTrailingZeros(tickSize);
        lowMask = (1L << shift) - 1;
        final long odd = tickSize >>> shift;
        long x = odd; // Newton iteration: each step doubles the correct low bits (3 -> 6 -> 12 -> 24 -> 48 -> 96)
        for (int i = 0; i < 5; i++)
        {
            x *= 2 - odd * x;
        }
        inverse = x;
        maxQuotient = Long.divideUnsigned(-1L, odd);
    }

    /**
     * @param price fixed-point price.
     * @return {@code price / tickSize}, or {@link #OFF_TICK} when the price is not a positive multiple of the tick.
     */
    long toTicks(final long price)
    {
        if (price <= 0 || (price & lowMask) != 0)
        {
            return OFF_TICK;
        }
        final long quotient = (price >>> shift) * inverse;
        return Long.compareUnsigned(quotient, maxQuotient) <= 0 ? quotient : OFF_TICK;
    }

    /**
     * @param ticks tick count.
     * @return the price.
     */
    long toPrice(final long ticks)
    {
        return ticks * tickSize;
    }

    long tickSize()
    {
        return tickSize;
    }
}
