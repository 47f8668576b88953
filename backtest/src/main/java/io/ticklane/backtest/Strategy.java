package io.ticklane.backtest;

import io.ticklane.book.BookView;

/**
 * A trading strategy: callbacks on the backtest's single thread, in local-time order (what the strategy would have
 * seen, when it would have seen it). The same class could run live against the engine's books, since it reads them
 * only through {@link BookView}. Every method has an empty default. Callbacks must not keep the views they are given.
 * <p>
 * A strategy class has a public constructor taking no argument or one {@link StrategyParameters}.
 */
public interface Strategy
{
    /**
     * The run starts (before any market data the strategy may act on).
     *
     * @param context the strategy's handle on the simulated exchange, valid for the whole run.
     */
    default void onStart(final StrategyContext context)
    {
    }

    /**
     * An instrument's book changed: called once per changed book at the end of each venue event.
     *
     * @param book read-only view of the book (BBO, depth, and on order-by-order data the queue at a level).
     */
    default void onBook(final BookView book)
    {
    }

    /**
     * A trade in the market (an execution of a resting order, or a trade the feed reported), before the
     * {@link #onBook} of the same venue event.
     *
     * @param instrumentId  instrument.
     * @param price         trade price.
     * @param quantity      traded quantity.
     * @param aggressorSide side that crossed the spread, or anything else when unknown.
     */
    default void onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
    }

    /**
     * The exchange accepted an order that rests on the book.
     *
     * @param order the order.
     */
    default void onAccepted(final OrderView order)
    {
    }

    /**
     * The exchange applied a modify.
     *
     * @param order the order, with its new price and quantity.
     */
    default void onModified(final OrderView order)
    {
    }

    /**
     * The order was filled, partly or fully.
     *
     * @param order    the order, after the fill.
     * @param price    fill price.
     * @param quantity filled quantity.
     * @param maker    true when the order was resting (maker), false when it took liquidity.
     */
    default void onFill(final OrderView order, final long price, final long quantity, final boolean maker)
    {
    }

    /**
     * The order was cancelled (by request, or the unfilled rest of an IOC / FOK / market order, or a book reset).
     *
     * @param order  the order.
     * @param reason an {@link OrderStatus} reason.
     */
    default void onCancelled(final OrderView order, final int reason)
    {
    }

    /**
     * The exchange refused a new order, a cancel or a modify (a refused cancel or modify leaves the order as it was).
     *
     * @param order  the order.
     * @param reason an {@link OrderStatus} reason.
     */
    default void onRejected(final OrderView order, final int reason)
    {
    }

    /**
     * A timer set with {@link StrategyContext#schedule} fired.
     *
     * @param token the caller's token.
     * @param nowNs local time.
     */
    default void onTimer(final long token, final long nowNs)
    {
    }

    /**
     * The data ended (or the run reached {@code --to}).
     *
     * @param context the context, for final reads.
     */
    default void onEnd(final StrategyContext context)
    {
    }
}
