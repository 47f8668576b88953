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
     * @return a new depth-limited book with every level unknown, or null when it cannot be built (a refused
     *         definition).
     */
    default DepthBook newLevelBook(final InstrumentDefinition definition)
    {
        final int depth = definition.depth();
        final int implied = definition.impliedDepth();
        if (depth < 1 || depth > LevelBook.MAX_DEPTH || implied < 0 || implied > LevelBook.MAX_DEPTH)
        {
            return null;
        }
        return new DepthBook(definition);
    }

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
        };
    }

    /**
     * The obviously-correct order books, for oracles and tests (depth books are the live {@link DepthBook}, whose own
     * reference, {@link ReferenceDepthBook}, is compared with it in the book's property tests).
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
        };
    }
}
