package io.ticklane.backtest;

/**
 * Time in force of an order, as small ints.
 * <ul>
 * <li>{@link #GTC}: rests until filled or cancelled; a marketable one takes what it can first.</li>
 * <li>{@link #GTX}: post-only; refused if it would take liquidity on arrival.</li>
 * <li>{@link #IOC}: takes what it can on arrival, the rest is cancelled.</li>
 * <li>{@link #FOK}: fills in full on arrival or not at all.</li>
 * </ul>
 */
public final class TimeInForce
{
    public static final int GTC = 0;
    public static final int GTX = 1;
    public static final int IOC = 2;
    public static final int FOK = 3;

    private static final String[] NAMES = {"GTC", "GTX", "IOC", "FOK"};

    private TimeInForce()
    {
    }

    /**
     * @param tif a time in force.
     * @return its name.
     */
    public static String name(final int tif)
    {
        return tif >= 0 && tif < NAMES.length ? NAMES[tif] : "tif-" + tif;
    }

    /**
     * @param text GTC, GTX, IOC or FOK (case-insensitive).
     * @return the code, or -1.
     */
    public static int parse(final String text)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            if (NAMES[i].equalsIgnoreCase(text.trim()))
            {
                return i;
            }
        }
        return -1;
    }
}
