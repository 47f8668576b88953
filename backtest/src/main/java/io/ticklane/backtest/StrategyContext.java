package io.ticklane.backtest;

import io.ticklane.book.BookView;

/**
 * What a strategy can do and read. Requests travel to the simulated exchange with the order-entry latency; what the
 * strategy reads (orders, position) is what the exchange's responses have told it so far. Single thread: call it
 * only from strategy callbacks. No method allocates.
 */
public interface StrategyContext
{
    /**
     * @return local time now, ns (the data's clock plus the feed latency).
     */
    long nowNs();

    /**
     * @param instrumentId an instrument.
     * @return its book as the strategy sees it, or null when not yet defined.
     */
    BookView book(int instrumentId);

    /**
     * @param symbol a symbol.
     * @return the instrument id with that symbol, or -1 when none is defined yet (allocates nothing; linear).
     */
    int instrumentId(String symbol);

    /**
     * Sends a limit order.
     *
     * @param instrumentId instrument.
     * @param side         {@link io.ticklane.book.Side#BID} to buy, {@link io.ticklane.book.Side#ASK} to sell.
     * @param price        limit price in the instrument's fixed-point units.
     * @param quantity     &gt; 0.
     * @param timeInForce  a {@link TimeInForce}.
     * @return the order's id.
     */
    long submit(int instrumentId, int side, long price, long quantity, int timeInForce);

    /**
     * Sends a market order (IOC unless FOK is asked for).
     *
     * @param instrumentId instrument.
     * @param side         side.
     * @param quantity     &gt; 0.
     * @param timeInForce  {@link TimeInForce#IOC} or {@link TimeInForce#FOK}.
     * @return the order's id.
     */
    long submitMarket(int instrumentId, int side, long quantity, int timeInForce);

    /**
     * Asks to cancel an order; it may lose the race with a fill.
     *
     * @param orderId an order.
     * @return false when the order is unknown or known to be done already (nothing sent).
     */
    boolean cancel(long orderId);

    /**
     * Asks to change an order's price and/or open quantity. A price change or a larger quantity loses queue
     * priority; a smaller quantity at the same price keeps it.
     *
     * @param orderId      an order.
     * @param price        new limit price.
     * @param leavesQuantity new open quantity, &gt; 0.
     * @return false when the order is unknown or known to be done already (nothing sent).
     */
    boolean modify(long orderId, long price, long leavesQuantity);

    /**
     * @param orderId an order.
     * @return the order as the strategy knows it, or null when unknown or done and forgotten.
     */
    OrderView order(long orderId);

    /**
     * @param instrumentId instrument.
     * @return open orders of the instrument as the strategy knows them.
     */
    int openOrders(int instrumentId);

    /**
     * @param instrumentId instrument.
     * @return position (bought minus sold) from the fills received so far.
     */
    long position(int instrumentId);

    /**
     * @param instrumentId instrument.
     * @return realized PnL in currency from the fills received so far.
     */
    double realizedPnl(int instrumentId);

    /**
     * @param instrumentId instrument.
     * @return fees paid (negative: rebates earned) from the fills received so far.
     */
    double fees(int instrumentId);

    /**
     * Sets a timer.
     *
     * @param atNs  local time to fire at (a time already past fires at once, after the current callback).
     * @param token passed back to {@link Strategy#onTimer}.
     */
    void schedule(long atNs, long token);

    /**
     * @return the run's parameters.
     */
    StrategyParameters parameters();
}
