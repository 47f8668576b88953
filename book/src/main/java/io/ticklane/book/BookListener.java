package io.ticklane.book;

/**
 * Callbacks on the book-writer thread after each event has been applied and published (so the book, queried from
 * inside a callback, already shows the event's outcome). Order within one event: trade, then each level that
 * changed. {@code clear()} reports each removed level (quantity 0). At the end of each venue event, for each book
 * the event changed: the top of book if rank 0 of either side changed, then {@link #onBook} with the whole book as
 * readers now see it. Implementations must not block or allocate; every method has an empty default so a listener
 * implements only what it needs.
 */
public interface BookListener
{
    /** Hears nothing; the default listener of a book. */
    BookListener NONE = new BookListener()
    {
    };

    /**
     * The best level of either side changed in price, quantity or order count.
     *
     * @param instrumentId instrument.
     * @param bidPrice     best bid, or {@link OrderBook#NULL_PRICE}.
     * @param bidQuantity  quantity at the best bid, 0 when none.
     * @param askPrice     best ask, or {@link OrderBook#NULL_PRICE}.
     * @param askQuantity  quantity at the best ask, 0 when none.
     */
    default void onTopOfBook(
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
    }

    /**
     * A level was created, changed or removed (quantity 0 and orderCount 0 when removed).
     *
     * @param instrumentId instrument.
     * @param side         {@link Side#BID} or {@link Side#ASK}.
     * @param price        the level's price.
     * @param quantity     its new aggregate quantity.
     * @param orderCount   its new order count.
     */
    default void onLevel(
        final int instrumentId, final int side, final long price, final long quantity, final int orderCount)
    {
    }

    /**
     * An execution of a resting order, or a trade reported by the feed without a resting order (hidden).
     *
     * @param instrumentId  instrument.
     * @param price         trade price.
     * @param quantity      traded quantity.
     * @param aggressorSide side that crossed the spread: the opposite of the resting order's side for an
     *                      execution; as the feed reports it for a trade (anything but BID/ASK means unknown).
     */
    default void onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
    }

    /**
     * The book became {@link BookState#STALE} or {@link BookState#LIVE} again.
     *
     * @param instrumentId instrument.
     * @param state        the new {@link BookState}.
     */
    default void onStateChanged(final int instrumentId, final int state)
    {
    }

    /**
     * The venue's trading state of the instrument changed.
     *
     * @param instrumentId instrument.
     * @param status       a {@link TradingStatus}.
     */
    default void onTradingStatus(final int instrumentId, final int status)
    {
    }

    /**
     * A venue event that changed this book is complete: the book, as readers on other threads now see it too.
     * The view is valid during the call (and on this thread until the next event).
     *
     * @param book the instrument's book.
     */
    default void onBook(final BookView book)
    {
    }
}
