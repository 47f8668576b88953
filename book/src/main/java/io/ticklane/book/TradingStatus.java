package io.ticklane.book;

/**
 * The venue's trading state of an instrument, as readers see it beside the book (a halted book is a valid book that
 * cannot be traded). Venues map their own states onto these.
 */
public final class TradingStatus
{
    /** Not reported yet. */
    public static final int UNKNOWN = 0;
    /** Orders accepted, no matching yet (pre-open, auction call). */
    public static final int PRE_OPEN = 1;
    /** Continuous trading. */
    public static final int OPEN = 2;
    /** Trading halted or paused. */
    public static final int HALTED = 3;
    /** Closed for the session. */
    public static final int CLOSED = 4;
    /** Number of states. */
    public static final int COUNT = 5;

    private static final String[] NAMES = {"unknown", "pre-open", "open", "halted", "closed"};

    private TradingStatus()
    {
    }

    /**
     * @param status a status code.
     * @return its name.
     */
    public static String name(final int status)
    {
        return status >= 0 && status < COUNT ? NAMES[status] : "status-" + status;
    }
}
