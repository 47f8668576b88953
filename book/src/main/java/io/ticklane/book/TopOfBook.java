package io.ticklane.book;

/**
 * A reader's copy of a book's best bid and offer, filled by {@link BookSnapshotReader#read(TopOfBook)}. Mutable and
 * reused; owned by one reader thread.
 */
public final class TopOfBook
{
    long bidPrice = OrderBook.NULL_PRICE;
    long bidQuantity;
    int bidOrders;
    long askPrice = OrderBook.NULL_PRICE;
    long askQuantity;
    int askOrders;
    int state;
    long version;

    /**
     * @return best bid, or {@link OrderBook#NULL_PRICE} when there is none.
     */
    public long bidPrice()
    {
        return bidPrice;
    }

    /**
     * @return quantity at the best bid, 0 when none.
     */
    public long bidQuantity()
    {
        return bidQuantity;
    }

    /**
     * @return orders at the best bid, 0 when none.
     */
    public int bidOrders()
    {
        return bidOrders;
    }

    /**
     * @return best ask, or {@link OrderBook#NULL_PRICE} when there is none.
     */
    public long askPrice()
    {
        return askPrice;
    }

    /**
     * @return quantity at the best ask, 0 when none.
     */
    public long askQuantity()
    {
        return askQuantity;
    }

    /**
     * @return orders at the best ask, 0 when none.
     */
    public int askOrders()
    {
        return askOrders;
    }

    /**
     * @return the book's {@link BookState} at the time of the copy.
     */
    public int state()
    {
        return state;
    }

    /**
     * @return the snapshot version the copy was taken at (even; grows with every published event).
     */
    public long version()
    {
        return version;
    }

    /**
     * @return true when both sides are present and bid &gt;= ask.
     */
    public boolean isCrossed()
    {
        return bidPrice != OrderBook.NULL_PRICE && askPrice != OrderBook.NULL_PRICE && bidPrice >= askPrice;
    }

    public String toString()
    {
        return "TopOfBook{bid=" + bidQuantity + "@" + bidPrice + "(" + bidOrders + "), ask=" + askQuantity + "@" +
            askPrice + "(" + askOrders + "), state=" + BookState.name(state) + ", version=" + version + "}";
    }
}
