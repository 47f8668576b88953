package io.ticklane.gateway;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;

/**
 * Books for gateway tests: the one applier over fast ladder books or over the reference model.
 */
final class TestBooks
{
    private TestBooks()
    {
    }

    static BookEventApplier ladder(final int poolCapacity)
    {
        return new BookEventApplier(
            BookFactory.ladder(new OrderPool(poolCapacity), BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
    }

    static BookEventApplier reference()
    {
        return new BookEventApplier(BookFactory.reference(), BookListener.NONE);
    }

    static OrderBook book(final BookEventApplier books, final int instrumentId)
    {
        final InstrumentBook instrument = books.book(instrumentId);
        return null == instrument ? null : instrument.book();
    }

    static boolean isStale(final BookEventApplier books, final int instrumentId)
    {
        final InstrumentBook instrument = books.book(instrumentId);
        return null != instrument && instrument.isStale();
    }
}
