package io.ticklane.gateway.importer;

import io.ticklane.config.InstrumentSpec;

/**
 * Collects one instrument's prices during an importer's first pass and derives its definition: the tick is the
 * greatest common divisor of the order prices (capped), the ladder is centred on the middle of the range and wide
 * enough to hold all of it (the book's overflow keeps anything beyond exact anyway).
 */
final class InstrumentRange
{
    private static final long MAX_TICK = 1_000_000;
    private static final int BAND_MARGIN = 64;
    private static final int MAX_BAND = 1 << 16;

    final int instrumentId;
    final String symbol;
    private long minPrice = Long.MAX_VALUE;
    private long maxPrice = Long.MIN_VALUE;
    private long tick;

    InstrumentRange(final int instrumentId, final String symbol)
    {
        this.instrumentId = instrumentId;
        this.symbol = symbol;
    }

    /**
     * @param price a resting order's price (positive).
     */
    void price(final long price)
    {
        if (price <= 0)
        {
            return;
        }
        minPrice = Math.min(minPrice, price);
        maxPrice = Math.max(maxPrice, price);
        tick = gcd(tick, price);
    }

    private static long gcd(final long a, final long b)
    {
        long x = a;
        long y = b;
        while (y != 0)
        {
            final long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }

    /**
     * @param exponent decimal exponent of the prices.
     * @param defaultTick tick to use when no order price was seen.
     * @return the definition.
     */
    InstrumentSpec definition(final int exponent, final long defaultTick)
    {
        long t = tick == 0 ? defaultTick : tick;
        while (t > MAX_TICK && t % 10 == 0)
        {
            t /= 10;
        }
        if (minPrice > maxPrice)
        {
            return new InstrumentSpec(symbol, instrumentId, t, exponent, t * 1_000, 4096, 0, 0);
        }
        final long reference = Math.max(t, ((minPrice + maxPrice) / 2) / t * t);
        final long halfRange = Math.max(reference - minPrice, maxPrice - reference) / t;
        final int band = (int)Math.min(MAX_BAND, halfRange + BAND_MARGIN);
        return new InstrumentSpec(symbol, instrumentId, t, exponent, reference, band, 0, 0);
    }
}
