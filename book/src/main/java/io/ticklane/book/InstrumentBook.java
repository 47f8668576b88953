package io.ticklane.book;

/**
 * An instrument's definition together with its book. Created by the book agent when the instrument is defined;
 * immutable apart from the book, which only the book agent's thread mutates. {@link #reader()} may be handed to
 * any thread.
 */
public final class InstrumentBook
{
    private final int instrumentId;
    private final String symbol;
    private final long tickSize;
    private final int priceExponent;
    private final long referencePrice;
    private final int bandTicks;
    private final OrderBook book;
    private final BookSnapshotReader reader;
    /** Mirrors the book's state for readers on any thread: written by the book thread (volatile). */
    private volatile boolean stale;

    /**
     * @param instrumentId   instrument.
     * @param symbol         display symbol.
     * @param tickSize       price increment.
     * @param priceExponent  decimal exponent of prices.
     * @param referencePrice ladder centre.
     * @param bandTicks      ladder half-width.
     * @param book           the book.
     */
    public InstrumentBook(
        final int instrumentId,
        final String symbol,
        final long tickSize,
        final int priceExponent,
        final long referencePrice,
        final int bandTicks,
        final OrderBook book)
    {
        this.instrumentId = instrumentId;
        this.symbol = symbol;
        this.tickSize = tickSize;
        this.priceExponent = priceExponent;
        this.referencePrice = referencePrice;
        this.bandTicks = bandTicks;
        this.book = book;
        this.reader = book instanceof LadderOrderBook ? ((LadderOrderBook)book).reader() : null;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public String symbol()
    {
        return symbol;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public long referencePrice()
    {
        return referencePrice;
    }

    public int bandTicks()
    {
        return bandTicks;
    }

    public OrderBook book()
    {
        return book;
    }

    /**
     * Any thread: a stale book does not reflect the feed and must not be traded on. Snapshot readers also see the
     * state in every copy ({@link TopOfBook#state()}).
     *
     * @return true while the book is stale.
     */
    public boolean isStale()
    {
        return stale;
    }

    /**
     * Book-writer thread only: marks the book stale or live (its snapshot and listener see it too).
     *
     * @param stale new state.
     */
    public void stale(final boolean stale)
    {
        if (stale)
        {
            book.markStale();
        }
        else
        {
            book.markLive();
        }
        syncState();
    }

    /**
     * Book-writer thread only: copies the book's own state (which it may change itself, e.g. when its pool is
     * exhausted) to the field any thread reads.
     */
    public void syncState()
    {
        final boolean nowStale = book.state() == BookState.STALE;
        if (nowStale != stale)
        {
            stale = nowStale;
        }
    }

    /**
     * @return the lock-free snapshot reader of the book (any thread), or null for a book that publishes none.
     */
    public BookSnapshotReader reader()
    {
        return reader;
    }

    /**
     * @param tickSize       price increment.
     * @param priceExponent  decimal exponent.
     * @param referencePrice ladder centre.
     * @param bandTicks      ladder half-width.
     * @return true when a repeated definition describes the same ladder.
     */
    public boolean sameDefinition(
        final long tickSize, final int priceExponent, final long referencePrice, final int bandTicks)
    {
        return this.tickSize == tickSize && this.priceExponent == priceExponent &&
            this.referencePrice == referencePrice && this.bandTicks == bandTicks;
    }

    /**
     * @param price fixed-point price.
     * @return decimal text, e.g. 1850100 with exponent -4 gives "185.0100".
     */
    public String formatPrice(final long price)
    {
        return new java.math.BigDecimal(java.math.BigInteger.valueOf(price), -priceExponent).toPlainString();
    }
}
