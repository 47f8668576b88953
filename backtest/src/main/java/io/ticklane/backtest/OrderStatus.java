package io.ticklane.backtest;

/**
 * Where an order of ours stands, and why it ended. One set of codes for the exchange's view and the strategy's.
 */
public final class OrderStatus
{
    /** Sent by the strategy, not yet at the exchange (local view) or not yet acknowledged. */
    public static final int PENDING = 0;
    /** Resting at the exchange. */
    public static final int OPEN = 1;
    /** Partly filled and resting. */
    public static final int PARTIALLY_FILLED = 2;
    /** Fully filled. */
    public static final int FILLED = 3;
    /** Cancelled (by request, or the unfilled rest of an IOC / FOK / market order, or by a book reset). */
    public static final int CANCELLED = 4;
    /** Refused by the exchange. */
    public static final int REJECTED = 5;

    // reasons (cancels and rejects)
    public static final int REASON_NONE = 0;
    public static final int REASON_REQUESTED = 1;
    public static final int REASON_IOC_REMAINDER = 2;
    public static final int REASON_FOK_UNFILLABLE = 3;
    public static final int REASON_POST_ONLY_WOULD_TAKE = 4;
    public static final int REASON_NO_LIQUIDITY = 5;
    public static final int REASON_UNKNOWN_INSTRUMENT = 6;
    public static final int REASON_INVALID_PRICE = 7;
    public static final int REASON_INVALID_QUANTITY = 8;
    public static final int REASON_TOO_LATE = 9;
    public static final int REASON_BOOK_RESET = 10;
    public static final int REASON_UNKNOWN_ORDER = 11;
    public static final int REASON_MARKET_CLOSED = 12;

    private static final String[] STATUS = {"pending", "open", "partially-filled", "filled", "cancelled", "rejected"};
    private static final String[] REASONS = {"", "requested", "ioc-remainder", "fok-unfillable",
        "post-only-would-take", "no-liquidity", "unknown-instrument", "invalid-price", "invalid-quantity",
        "too-late", "book-reset", "unknown-order", "market-closed"};

    private OrderStatus()
    {
    }

    /**
     * @param status a status.
     * @return its name.
     */
    public static String name(final int status)
    {
        return status >= 0 && status < STATUS.length ? STATUS[status] : "status-" + status;
    }

    /**
     * @param reason a reason.
     * @return its name ("" for none).
     */
    public static String reason(final int reason)
    {
        return reason >= 0 && reason < REASONS.length ? REASONS[reason] : "reason-" + reason;
    }

    /**
     * @param status a status.
     * @return true when the order can change no more.
     */
    public static boolean isDone(final int status)
    {
        return status == FILLED || status == CANCELLED || status == REJECTED;
    }
}
