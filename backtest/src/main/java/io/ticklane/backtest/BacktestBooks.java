package io.ticklane.backtest;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.DepthBook;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderPool;

/**
 * One copy of the replayed books, built by the engine's one {@link BookEventApplier} and the engine's book classes:
 * {@link LadderOrderBook}s for order-by-order instruments (sharing one pool) and {@link DepthBook}s for price-level
 * ones. The backtest keeps one copy for the exchange and, when the strategy sees the market later (feed latency), a
 * second for the strategy. Single thread.
 */
final class BacktestBooks
{
    private BacktestBooks()
    {
    }

    /**
     * @param poolCapacity order slots for the order-by-order books.
     * @param listener     hears every change (trades, and each changed book at the end of a venue event).
     * @return the applier.
     */
    static BookEventApplier applier(final int poolCapacity, final BookListener listener)
    {
        return new BookEventApplier(
            BookFactory.ladder(new OrderPool(poolCapacity), BookOptions.DEFAULT, listener), listener);
    }
}
