package io.ticklane.book;

/**
 * Refusals specific to a market-by-price {@link LevelBook}, beyond the {@link BookResult} codes it shares with the
 * order books ({@link BookResult#OK}, {@link BookResult#INVALID_SIDE}, {@link BookResult#INVALID_QUANTITY},
 * {@link BookResult#INVALID_PRICE}). Like every refusal they leave the book unchanged. The values start at 100 so
 * that they never collide with {@link BookResult} codes added later.
 * <p>
 * Two of them mean the book no longer matches its feed, since a correct feed applied to a correct book never
 * produces them: {@link #EMPTY_LEVEL} and {@link #PRICE_MISMATCH}. A session that sees one marks the instrument
 * stale and recovers it.
 */
public final class LevelResult
{
    /** A level index outside 1..depth (DeleteFrom: below 1). */
    public static final int INVALID_LEVEL = 100;
    /** Not a {@link LevelAction} code. */
    public static final int INVALID_ACTION = 101;
    /** Not {@link LevelAction#OUTRIGHT} or {@link LevelAction#IMPLIED}, or a book of depth 0. */
    public static final int INVALID_BOOK = 102;
    /** Change or Delete of a level the book knows to be empty. */
    public static final int EMPTY_LEVEL = 103;
    /** Change of a known level with a price other than the level's (a Change never moves a level's price). */
    public static final int PRICE_MISMATCH = 104;

    private static final String[] NAMES = {
        "invalid-level", "invalid-action", "invalid-book", "empty-level", "price-mismatch"};

    private LevelResult()
    {
    }

    /**
     * @param result a {@link BookResult} or {@link LevelResult} code.
     * @return its name.
     */
    public static String name(final int result)
    {
        return result >= INVALID_LEVEL && result <= PRICE_MISMATCH ? NAMES[result - INVALID_LEVEL] :
            BookResult.name(result);
    }

    /**
     * The checks every {@link LevelBook#apply} makes before it touches a level, in one place for the book and its
     * reference model: the book, side, action and level index exist, and a setting action carries a price and
     * non-negative quantity and order count. Stateless, allocation-free.
     *
     * @param depths     the book's depth per {@link LevelAction#OUTRIGHT} / {@link LevelAction#IMPLIED} (0: none).
     * @param book       book of the action.
     * @param side       side.
     * @param action     a {@link LevelAction} code.
     * @param level      1-based level.
     * @param price      price (setting actions).
     * @param quantity   quantity (setting actions).
     * @param orderCount order count (setting actions).
     * @return {@link BookResult#OK}, or the refusal.
     */
    public static int check(
        final int[] depths, final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        if (book != LevelAction.OUTRIGHT && book != LevelAction.IMPLIED || depths[book] == 0)
        {
            return INVALID_BOOK;
        }
        if (!Side.isValid(side))
        {
            return BookResult.INVALID_SIDE;
        }
        if (action < 0 || action >= LevelAction.COUNT)
        {
            return INVALID_ACTION;
        }
        final boolean indexed = action != LevelAction.DELETE_THRU && action != LevelAction.DELETE_FROM;
        if (indexed && (level < 1 || level > depths[book]) || action == LevelAction.DELETE_FROM && level < 1)
        {
            return INVALID_LEVEL;
        }
        final boolean sets = action == LevelAction.NEW || action == LevelAction.CHANGE || action == LevelAction.OVERLAY;
        if (sets && price == OrderBook.NULL_PRICE)
        {
            return BookResult.INVALID_PRICE;
        }
        if (sets && (quantity < 0 || orderCount < 0))
        {
            return BookResult.INVALID_QUANTITY;
        }
        return BookResult.OK;
    }

    /**
     * @param result a result of {@link LevelBook#apply}.
     * @return true when the refusal shows that the book no longer matches its feed.
     */
    public static boolean meansBookDiverged(final int result)
    {
        return result == EMPTY_LEVEL || result == PRICE_MISMATCH;
    }
}
