package io.ticklane.book;

/**
 * Makes the books of a newly defined instrument, for the {@link BookEventApplier}: the fast books live, reference
 * models in tests and oracles. Called on the book-writer thread at definition time (not the steady state).
 */
public interface BookFactory
{
    /**
     * @param definition the instrument (valid during the call).
     * @return a new empty order-by-order book, or null when it cannot be built (counted as a refused definition).
     */
    OrderBook newOrderBook(InstrumentDefinition definition);

    /**
     * @param definition the instrument (valid during the call).
     * @return a new empty depth-limited book, or null when this factory cannot make one (a refused definition).
     */
    LevelBook newLevelBook(InstrumentDefinition definition);

    /**
     * Fast books for an agent: {@link LadderOrderBook}s drawing on one pool.
     *
     * @param pool     order slots shared by the agent's books.
     * @param options  snapshot depth, overflow, stride, re-centring.
     * @param listener hears every book change.
     * @return the factory.
     */
    static BookFactory ladder(final OrderPool pool, final BookOptions options, final BookListener listener)
    {
        return new BookFactory()
        {
            public OrderBook newOrderBook(final InstrumentDefinition d)
            {
                if (d.tickSize() <= 0 || pool.books() >= OrderPool.MAX_BOOKS)
                {
                    return null;
                }
                return new LadderOrderBook(d.instrumentId(), d.tickSize(), d.referencePrice(), d.bandTicks(), pool,
                    options).listener(listener);
            }

            public LevelBook newLevelBook(final InstrumentDefinition d)
            {
                return null;
            }
        };
    }

    /**
     * The obviously-correct books, for oracles and tests.
     *
     * @return the factory.
     */
    static BookFactory reference()
    {
        return new BookFactory()
        {
            public OrderBook newOrderBook(final InstrumentDefinition d)
            {
                return d.tickSize() > 0 ? new ReferenceOrderBook(d.instrumentId(), d.tickSize()) : null;
            }

            public LevelBook newLevelBook(final InstrumentDefinition d)
            {
                return null;
            }
        };
    }
}
