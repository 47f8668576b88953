package io.ticklane.backtest;

/**
 * A read-only view of one of our orders as the strategy knows it: updated when the exchange's responses reach the
 * strategy (after the response latency), not when the exchange acts. Valid during a callback; do not keep it.
 */
public interface OrderView
{
    /**
     * @return the order's id: its 1-based index in submission order.
     */
    long id();

    int instrumentId();

    /**
     * @return {@link io.ticklane.book.Side#BID} (buy) or {@link io.ticklane.book.Side#ASK} (sell).
     */
    int side();

    /**
     * @return limit price (fixed-point, the instrument's units), or {@link #MARKET} for a market order.
     */
    long price();

    /**
     * @return quantity asked for (after the last acknowledged modify, filled quantity included).
     */
    long quantity();

    /**
     * @return quantity still open.
     */
    long leavesQuantity();

    /**
     * @return quantity filled so far.
     */
    long filledQuantity();

    /**
     * @return a {@link TimeInForce}.
     */
    int timeInForce();

    /**
     * @return an {@link OrderStatus}.
     */
    int status();

    /** Price of a market order. */
    long MARKET = Long.MIN_VALUE;
}
