package io.ticklane.config;

/**
 * One instrument as configured: the simulator publishes these, and the engine uses {@code bookAgent} to shard
 * when it receives the instrument's definition. Immutable.
 *
 * @param symbol         up to 16 ASCII characters.
 * @param id             instrument id on the feed, &gt;= 1.
 * @param tickSize       minimum price increment in price units, &gt;= 1.
 * @param priceExponent  decimal exponent of prices (e.g. -4: price 1850000 is 185.0000).
 * @param referencePrice centre of the pre-allocated ladder, in price units, a multiple of tickSize.
 * @param bandTicks      ladder levels pre-allocated on each side of the reference.
 * @param bookAgent      index of the book agent that owns this instrument's book.
 * @param channel        index of the feed channel (partition) that carries it.
 */
public record InstrumentSpec(
    String symbol, int id, long tickSize, int priceExponent, long referencePrice, int bandTicks, int bookAgent,
    int channel)
{
}
