package io.ticklane.book;

/**
 * Outcome of a book operation. Anything but {@link #OK} leaves the book unchanged and is counted by the book and
 * its caller. {@link #POOL_EXHAUSTED}, {@link #OVERFLOW_FULL} and {@link #LEVEL_LIMIT} refuse a valid event for
 * want of room, so the book no longer matches its feed: it also marks itself {@link BookState#STALE}.
 */
public final class BookResult
{
    public static final int OK = 0;
    public static final int UNKNOWN_ORDER = 1;
    public static final int DUPLICATE_ORDER = 2;
    public static final int INVALID_QUANTITY = 3;
    public static final int EXECUTION_TOO_LARGE = 4;
    public static final int POOL_EXHAUSTED = 5;
    public static final int INVALID_PRICE = 6;
    public static final int INVALID_SIDE = 7;
    /** A price outside the ladder's window needed a new overflow level and the overflow was full. */
    public static final int OVERFLOW_FULL = 8;
    /**
     * A level would hold more than {@link LadderLevelDescriptor#MAX_LEVEL_QUANTITY} or
     * {@link LadderLevelDescriptor#MAX_LEVEL_ORDERS}.
     */
    public static final int LEVEL_LIMIT = 9;
    /** Number of result codes, for arrays of per-result counters. */
    public static final int COUNT = 10;

    private static final String[] NAMES = {
        "ok", "unknown-order", "duplicate-order", "invalid-quantity", "execution-too-large", "pool-exhausted",
        "invalid-price", "invalid-side", "overflow-full", "level-limit"};

    private BookResult()
    {
    }

    /**
     * @param result a result code.
     * @return its name.
     */
    public static String name(final int result)
    {
        return result >= 0 && result < COUNT ? NAMES[result] : "result-" + result;
    }
}
