package io.ticklane.backtest;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.LevelBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;

/**
 * One copy of the replayed books, built by the engine's one {@link BookEventApplier}: {@link LadderOrderBook}s for
 * order-by-order instruments (sharing one pool) and {@link ArrayLevelBook}s for price-level ones. The backtest keeps
 * one copy for the exchange and, when the strategy sees the market later (feed latency), a second for the strategy.
 * Single thread.
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
        final OrderPool pool = new OrderPool(poolCapacity);
        final BookFactory factory = new BookFactory()
        {
            public OrderBook newOrderBook(final InstrumentDefinition d)
            {
                if (d.tickSize() <= 0 || pool.books() >= OrderPool.MAX_BOOKS)
                {
                    return null;
                }
                return new LadderOrderBook(d.instrumentId(), d.tickSize(), d.referencePrice(), d.bandTicks(), pool,
                    BookOptions.DEFAULT).listener(listener);
            }

            public LevelBook newLevelBook(final InstrumentDefinition d)
            {
                return new ArrayLevelBook(d);
            }
        };
        return new BookEventApplier(factory, listener);
    }
}
