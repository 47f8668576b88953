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
     * @param result a result of {@link LevelBook#apply}.
     * @return true when the refusal shows that the book no longer matches its feed.
     */
    public static boolean meansBookDiverged(final int result)
    {
        return result == EMPTY_LEVEL || result == PRICE_MISMATCH;
    }
}
