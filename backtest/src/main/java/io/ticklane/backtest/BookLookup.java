package io.ticklane.backtest;

import io.ticklane.book.BookView;

/**
 * Finds an instrument's book (the exchange's or the strategy's copy).
 */
@FunctionalInterface
interface BookLookup
{
    /**
     * @param instrumentId an instrument.
     * @return its book, or null when not defined.
     */
    BookView book(int instrumentId);
}
