package io.ticklane.book;

/**
 * A read-only view of one instrument's book, the same wherever the book lives: in the engine (to a
 * {@link BookListener} on the book agent's thread), rebuilt by the client library in another process, or replayed
 * in a backtest. A strategy written against it runs unchanged in all three.
 * <p>
 * Threading: the view reads the live book, so it is valid on the thread that applies the book's events (inside a
 * listener callback, a backtest strategy callback, a client's poll loop). Readers on other threads use the book's
 * seqlock snapshot ({@link BookSnapshotReader}) instead. No method allocates, except {@link #symbol()}, which returns
 * a string made once per definition.
 */
public interface BookView
{
    /**
     * @return the instrument's id on its venue.
     */
    int instrumentId();

    /**
     * @return display symbol.
     */
    String symbol();

    /**
     * @return decimal exponent of prices: real price = price * 10^exponent.
     */
    int priceExponent();

    /**
     * @return minimum price increment, in price units.
     */
    long tickSize();

    /**
     * @return {@link BookState#LIVE}, or {@link BookState#STALE} while the book may be missing events.
     */
    int state();

    /**
     * @return the venue's {@link TradingStatus}.
     */
    int tradingStatus();

    /**
     * @return true when the book is order-by-order, so {@link #ordersAt} gives queues.
     */
    boolean hasOrders();

    /**
     * @param side {@link Side#BID} or {@link Side#ASK}.
     * @return best price, or {@link OrderBook#NULL_PRICE} when the side is empty or unknown.
     */
    long bestPrice(int side);

    /**
     * @param side a side.
     * @return quantity at the best price, 0 when none.
     */
    long bestQuantity(int side);

    /**
     * Copies the best {@code maxLevels} known levels of a side, best first.
     *
     * @param side        a side.
     * @param maxLevels   most levels to copy.
     * @param prices      receives prices.
     * @param quantities  receives aggregate quantities.
     * @param orderCounts receives order counts (0 where the venue does not say).
     * @return levels copied.
     */
    int levels(int side, int maxLevels, long[] prices, long[] quantities, int[] orderCounts);

    /**
     * Copies the resting orders at one price in queue order (front first). Order-by-order books only.
     *
     * @param side       a side.
     * @param price      the level's price.
     * @param orderIds   receives order ids.
     * @param quantities receives remaining quantities.
     * @param maxOrders  most orders to copy.
     * @return orders copied; 0 when the level is empty or the book has no orders.
     */
    int ordersAt(int side, long price, long[] orderIds, long[] quantities, int maxOrders);

    /**
     * @return resting orders (order-by-order books), or known levels (price-level books).
     */
    int orderCount();

    /**
     * @return hash of the complete visible state; equal books have equal hashes wherever they live.
     */
    long stateHash();
}
