package io.ticklane.book;

/**
 * An instrument's definition with its books: an order-by-order book, a depth-limited market-by-price book, or both
 * (a venue that sends both), as the definition asks. Created by the {@link BookEventApplier} when the instrument is
 * defined; only the applier's thread mutates the books. As a {@link BookView} it shows the market-by-price book when
 * there is one (the venue's own depth, implied levels apart) and the order book's queues.
 * <p>
 * Threading: book-writer thread, except {@link #isStale()}, {@link #tradingStatus()} (volatile) and
 * {@link #reader()} (the seqlock snapshot, for any thread).
 */
public final class InstrumentBook implements BookView
{
    private final InstrumentDefinition definition = new InstrumentDefinition();
    private final String symbol;
    private final OrderBook book;
    private final DepthBook levels;
    private final BookSnapshotReader reader;
    private final long[] scratchPrice = new long[1];
    private final long[] scratchQuantity = new long[1];
    private final int[] scratchCount = new int[1];
    /** Mirrors the books' state for readers on any thread: written by the book thread (volatile). */
    private volatile boolean stale;
    /** The venue's trading state, for readers on any thread: written by the book thread (volatile). */
    private volatile int tradingStatus = TradingStatus.UNKNOWN;
    boolean touched;

    /**
     * @param definition the instrument (copied).
     * @param book       its order-by-order book, or null.
     * @param levels     its market-by-price book, or null.
     */
    public InstrumentBook(final InstrumentDefinition definition, final OrderBook book, final DepthBook levels)
    {
        if (null == book && null == levels)
        {
            throw new IllegalArgumentException("an instrument needs a book");
        }
        this.definition.copyFrom(definition);
        this.symbol = definition.symbol();
        this.book = book;
        this.levels = levels;
        this.reader = book instanceof LadderOrderBook ? ((LadderOrderBook)book).reader() : null;
    }

    public int instrumentId()
    {
        return definition.instrumentId();
    }

    public String symbol()
    {
        return symbol;
    }

    public long tickSize()
    {
        return definition.tickSize();
    }

    public int priceExponent()
    {
        return definition.priceExponent();
    }

    /**
     * @return the definition the books were built for (do not modify).
     */
    public InstrumentDefinition definition()
    {
        return definition;
    }

    /**
     * @return the order-by-order book, or null for a price-level instrument.
     */
    public OrderBook book()
    {
        return book;
    }

    /**
     * @return the market-by-price book, or null for an order-by-order instrument.
     */
    public DepthBook levelBook()
    {
        return levels;
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

    public int state()
    {
        return stale ? BookState.STALE : BookState.LIVE;
    }

    public int tradingStatus()
    {
        return tradingStatus;
    }

    /**
     * Book-writer thread only.
     *
     * @param status a {@link TradingStatus}.
     */
    void tradingStatus(final int status)
    {
        tradingStatus = status;
        if (null != levels)
        {
            levels.tradingStatus(status);
        }
    }

    /**
     * Book-writer thread only: marks the books stale or live (their snapshots and listener see it too).
     *
     * @param stale new state.
     */
    public void stale(final boolean stale)
    {
        if (null != book)
        {
            if (stale)
            {
                book.markStale();
            }
            else
            {
                book.markLive();
            }
        }
        if (null != levels)
        {
            levels.state(stale ? BookState.STALE : BookState.LIVE);
        }
        syncState();
    }

    /**
     * Book-writer thread only: copies the order book's own state (which it may change itself, e.g. when its pool is
     * exhausted) to the field any thread reads.
     */
    public void syncState()
    {
        final boolean nowStale = (null != book && book.state() == BookState.STALE) ||
            (null != levels && levels.state() == BookState.STALE);
        if (nowStale != stale)
        {
            stale = nowStale;
        }
    }

    /**
     * Book-writer thread: holds publication to readers until {@link #publish()} (one venue event).
     */
    void holdPublication()
    {
        if (book instanceof LadderOrderBook)
        {
            ((LadderOrderBook)book).holdPublication();
        }
    }

    /**
     * Book-writer thread: publishes what changed since {@link #holdPublication()}.
     */
    void publish()
    {
        if (book instanceof LadderOrderBook)
        {
            ((LadderOrderBook)book).publish();
        }
        if (null != levels)
        {
            levels.publish();
        }
    }

    /**
     * @return the lock-free snapshot reader of the order book (any thread), or null for a book that publishes none.
     */
    public BookSnapshotReader reader()
    {
        return reader;
    }

    public boolean hasOrders()
    {
        return null != book;
    }

    public long bestPrice(final int side)
    {
        return null != levels ? levels.bestPrice(side) : book.bestPrice(side);
    }

    public long bestQuantity(final int side)
    {
        if (null != levels)
        {
            return levels.bestQuantity(side);
        }
        return book.levels(side, 1, scratchPrice, scratchQuantity, scratchCount) == 1 ? scratchQuantity[0] : 0;
    }

    public int levels(
        final int side, final int maxLevels, final long[] prices, final long[] quantities, final int[] orderCounts)
    {
        return null != levels ? levels.levels(side, maxLevels, prices, quantities, orderCounts) :
            book.levels(side, maxLevels, prices, quantities, orderCounts);
    }

    public int ordersAt(
        final int side, final long price, final long[] orderIds, final long[] quantities, final int maxOrders)
    {
        return null == book ? 0 : book.ordersAt(side, price, orderIds, quantities, maxOrders);
    }

    public int orderCount()
    {
        return null != book ? book.orderCount() : levels.orderCount();
    }

    public long stateHash()
    {
        if (null == levels)
        {
            return book.stateHash();
        }
        return null == book ? levels.stateHash() : BookStateHash.mix(levels.stateHash(), book.stateHash());
    }

    /**
     * @param price fixed-point price.
     * @return decimal text, e.g. 1850100 with exponent -4 gives "185.0100".
     */
    public String formatPrice(final long price)
    {
        return new java.math.BigDecimal(java.math.BigInteger.valueOf(price), -priceExponent()).toPlainString();
    }
}
