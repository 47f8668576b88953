package io.ticklane.book;

/**
 * A depth-limited market-by-price book of one instrument with CME MDP 3.0's MDPriceLevel semantics (see
 * {@link LevelAction}): an outright book of {@code depth(OUTRIGHT)} and an implied book of {@code depth(IMPLIED)}
 * levels per side, kept apart. Each level slot is in one of three states:
 * <ul>
 * <li>{@link #KNOWN}: the feed determined its price, quantity and order count;</li>
 * <li>{@link #EMPTY}: the feed determined that there is no level there (after a snapshot with fewer levels, a
 * DeleteThru, a book reset);</li>
 * <li>{@link #UNKNOWN}: the feed never determined it. A new book starts all unknown, and a Delete or DeleteFrom
 * leaves the vacated bottom slots unknown, since the venue then sends the level that moved up into view as a New
 * only if there is one. (When the bottom slot was known empty before, the vacated slots are known empty too.)</li>
 * </ul>
 * Readers are only shown the known levels from the best down to the first slot that is not known
 * ({@link #levels}), so a level the feed never determined is never presented as known; {@link #isKnown} says
 * whether a whole side is determined.
 * <p>
 * Two implementations behind this interface: {@link DepthBook} (fast, the live one) and {@link ReferenceDepthBook}
 * (obviously correct), compared by {@link #stateHash()} after every step in the property tests.
 * <p>
 * Threading: single writer thread; see each implementation for readers.
 */
public interface LevelBook
{
    /** Slot state: never determined by the feed. */
    int UNKNOWN = 0;
    /** Slot state: determined to hold no level. */
    int EMPTY = 1;
    /** Slot state: determined, with price, quantity and order count. */
    int KNOWN = 2;
    /** Deepest book a venue can describe (CME's MDPriceLevel is a uint8). */
    int MAX_DEPTH = 255;

    /**
     * Applies one market-by-price update.
     *
     * @param book       {@link LevelAction#OUTRIGHT} or {@link LevelAction#IMPLIED}.
     * @param side       {@link Side#BID} or {@link Side#ASK}.
     * @param action     a {@link LevelAction} code.
     * @param level      1-based level (DeleteThru: ignored; DeleteFrom: any n &gt;= 1, levels past the depth
     *                   included).
     * @param price      level price (New, Change, Overlay; ignored by the deletes).
     * @param quantity   aggregate quantity, &gt;= 0 (New, Change, Overlay).
     * @param orderCount orders at the level, &gt;= 0, 0 when the venue does not say (New, Change, Overlay).
     * @return {@link BookResult#OK}, or a refusal ({@link BookResult} or {@link LevelResult} code) that left the
     *         book unchanged.
     */
    int apply(int book, int side, int action, int level, long price, long quantity, int orderCount);

    /**
     * Every level of both books known empty (a book reset, a channel reset, the start of a snapshot).
     */
    void clear();

    /**
     * Every level of both books unknown (a book about to be rebuilt from incrementals alone).
     */
    void forget();

    /**
     * @param book {@link LevelAction#OUTRIGHT} or {@link LevelAction#IMPLIED}.
     * @return levels per side of that book (0: the instrument has no such book).
     */
    int depth(int book);

    /**
     * Copies the known levels of a side from the best down to the first slot that is not known.
     *
     * @param book        a book.
     * @param side        a side.
     * @param maxLevels   most levels to copy.
     * @param prices      receives prices.
     * @param quantities  receives quantities.
     * @param orderCounts receives order counts.
     * @return levels copied.
     */
    int levels(int book, int side, int maxLevels, long[] prices, long[] quantities, int[] orderCounts);

    /**
     * @param book a book.
     * @param side a side.
     * @return true when no slot of the side is {@link #UNKNOWN}.
     */
    boolean isKnown(int book, int side);

    /**
     * @param book  a book.
     * @param side  a side.
     * @param level 1..depth.
     * @return {@link #UNKNOWN}, {@link #EMPTY} or {@link #KNOWN}.
     */
    int levelState(int book, int side, int level);

    /**
     * @param book  a book.
     * @param side  a side.
     * @param level 1..depth.
     * @return the level's price when {@link #KNOWN}, else {@link OrderBook#NULL_PRICE}.
     */
    long levelPrice(int book, int side, int level);

    /**
     * @param book  a book.
     * @param side  a side.
     * @param level 1..depth.
     * @return the level's quantity when {@link #KNOWN}, else 0.
     */
    long levelQuantity(int book, int side, int level);

    /**
     * @param book  a book.
     * @param side  a side.
     * @param level 1..depth.
     * @return the level's order count when {@link #KNOWN}, else 0.
     */
    int levelOrders(int book, int side, int level);

    /**
     * @return hash of every slot of both books (state, and price, quantity and count of known slots), folded with
     *         {@link BookStateHash} in the order book, side, level; equal books have equal hashes.
     */
    long stateHash();

    /**
     * @param book a book code.
     * @return "outright" or "implied".
     */
    static String bookName(final int book)
    {
        return book == LevelAction.OUTRIGHT ? "outright" : book == LevelAction.IMPLIED ? "implied" : "book-" + book;
    }

    /**
     * @param state a slot state.
     * @return its name.
     */
    static String stateName(final int state)
    {
        return state == UNKNOWN ? "unknown" : state == EMPTY ? "empty" : state == KNOWN ? "known" : "state-" + state;
    }
}
