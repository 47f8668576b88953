package io.ticklane.book;

/**
 * Book sides as small ints, so that hot paths index arrays with them and never touch an enum.
 */
public final class Side
{
    public static final int BID = 0;
    public static final int ASK = 1;

    private Side()
    {
    }

    /**
     * @param side {@link #BID} or {@link #ASK}.
     * @return the other side.
     */
    public static int opposite(final int side)
    {
        return side ^ 1;
    }

    /**
     * @param side a side.
     * @return "bid" or "ask".
     */
    public static String name(final int side)
    {
        return side == BID ? "bid" : "ask";
    }

    /**
     * @param side a value to check.
     * @return true for BID or ASK.
     */
    public static boolean isValid(final int side)
    {
        return side == BID || side == ASK;
    }
}
