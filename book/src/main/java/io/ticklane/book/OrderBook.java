package io.ticklane.book;

/**
 * An order-by-order book of one instrument. Every method is called by the single book-writer thread (readers on
 * other threads use the book's snapshot reader, where it has one). Every mutator returns a {@link BookResult}; a
 * rejected operation leaves the book exactly as it was.
 * <p>
 * Priority rules (price-time, as on the venues whose feeds this book mirrors):
 * <ul>
 * <li>an add joins the back of its level's queue;</li>
 * <li>a modify that changes the price, or increases the quantity, loses priority: the order moves to the back of
 * the queue at its (new) price;</li>
 * <li>a modify that only reduces the quantity (same price) keeps the order's place; one that changes nothing is a
 * no-op;</li>
 * <li>an execution reduces the resting quantity in place and removes the order when it reaches zero.</li>
 * </ul>
 * Validation order: an add checks side, quantity &gt; 0, price (a positive multiple of the tick), then a duplicate
 * id; modify, delete and execute check the id is known first, then quantity, then price (modify) or the execution
 * being no larger than the remaining quantity (execute).
 */
public interface OrderBook
{
    /** Price returned for an empty side. */
    long NULL_PRICE = Long.MIN_VALUE;

    /**
     * @return the instrument this book is for.
     */
    int instrumentId();

    /**
     * @param orderId  unique among resting orders of this book.
     * @param side     {@link Side#BID} or {@link Side#ASK}.
     * @param price    fixed-point price, on tick.
     * @param quantity &gt; 0.
     * @return a {@link BookResult}.
     */
    int add(long orderId, int side, long price, long quantity);

    /**
     * @param orderId  a resting order.
     * @param price    new price, on tick.
     * @param quantity new remaining quantity, &gt; 0.
     * @return a {@link BookResult}.
     */
    int modify(long orderId, long price, long quantity);

    /**
     * @param orderId a resting order.
     * @return a {@link BookResult}.
     */
    int delete(long orderId);

    /**
     * @param orderId  a resting order.
     * @param quantity executed quantity, 1..remaining.
     * @return a {@link BookResult}.
     */
    int execute(long orderId, long quantity);

    /**
     * Removes every resting order.
     */
    void clear();

    /**
     * @param side a side.
     * @return best price, or {@link #NULL_PRICE} when the side is empty.
     */
    long bestPrice(int side);

    /**
     * Fills the caller's arrays with the best {@code maxLevels} levels of a side, best first. Allocation-free.
     *
     * @param side        a side.
     * @param maxLevels   most levels to copy.
     * @param prices      receives prices.
     * @param quantities  receives aggregate quantities.
     * @param orderCounts receives order counts.
     * @return number of levels copied.
     */
    int levels(int side, int maxLevels, long[] prices, long[] quantities, int[] orderCounts);

    /**
     * Copies the orders resting at one price in queue order, front first. Allocation-free.
     *
     * @param side       a side.
     * @param price      the level's price.
     * @param orderIds   receives order ids.
     * @param quantities receives remaining quantities.
     * @param maxOrders  most orders to copy.
     * @return orders copied (0 when the level is empty).
     */
    int ordersAt(int side, long price, long[] orderIds, long[] quantities, int maxOrders);

    /**
     * @return resting orders.
     */
    int orderCount();

    /**
     * @return {@link BookState#LIVE} or {@link BookState#STALE}.
     */
    int state();

    /**
     * Marks the book as possibly missing events; readers and the listener see it. Idempotent.
     */
    void markStale();

    /**
     * Marks the book as complete again (after a snapshot rebuilt it). Idempotent.
     */
    void markLive();

    /**
     * A hash of the complete visible state: for each side, each level best first (price, quantity, count) and each
     * order in queue order (id, quantity). Two books with equal state have equal hashes, whatever their
     * implementation.
     *
     * @return the hash.
     */
    long stateHash();
}
