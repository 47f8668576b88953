package io.ticklane.gateway.importer.dbn;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.config.InstrumentSpec;

/**
 * One instrument of a DBN file as the book sees it, derived by {@link DbnInstruments}. Prices of the file (1e-9
 * units) are divided by {@code priceDivisor} so that the book works in the largest unit that keeps every price
 * exact (ES at a 0.25 tick: divisor 10^7, exponent -2, tick 25). Immutable.
 *
 * @param instrumentId   Databento instrument id.
 * @param symbol         raw symbol from a definition record or the metadata's mappings, else {@code ID<n>}.
 * @param tickSize       tick in the scaled units.
 * @param priceExponent  decimal exponent of the scaled prices.
 * @param priceDivisor   1e-9 price units per scaled unit (a power of ten).
 * @param referencePrice ladder centre, scaled, on tick.
 * @param bandTicks      ladder half-width.
 * @param books          {@link InstrumentDefinition#BOOK_ORDERS} for MBO, {@link InstrumentDefinition#BOOK_LEVELS}
 *                       for MBP.
 * @param depth          levels per side of a market-by-price book (1 or 10), 0 for MBO.
 */
public record DbnInstrument(
    int instrumentId, String symbol, long tickSize, int priceExponent, long priceDivisor, long referencePrice,
    int bandTicks, int books, int depth)
{
    /**
     * @param into a reusable definition.
     * @return {@code into}, filled.
     */
    public InstrumentDefinition fill(final InstrumentDefinition into)
    {
        return into.reset().instrumentId(instrumentId).symbol(symbol).tickSize(tickSize).priceExponent(priceExponent)
            .referencePrice(referencePrice).bandTicks(bandTicks).books(books).depth(depth, 0);
    }

    /**
     * @return the own feed's view of the instrument (channel 0, book agent 0).
     */
    public InstrumentSpec spec()
    {
        return new InstrumentSpec(symbol, instrumentId, tickSize, priceExponent, referencePrice, bandTicks, 0, 0);
    }

    /**
     * @param dbnPrice a price in 1e-9 units.
     * @return the scaled price.
     */
    public long scale(final long dbnPrice)
    {
        return dbnPrice / priceDivisor;
    }
}
