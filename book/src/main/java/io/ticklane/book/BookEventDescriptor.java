package io.ticklane.book;

/**
 * Normalized book events as they travel from gateway agents to a book agent through its
 * {@code ManyToOneRingBuffer}: the ring's message type id is the event type, the payload is this fixed layout
 * (little-endian, native to the ring's buffer).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Instrument Id (int32)                       |  0
 *  +---------------+-----------------------------------------------+
 *  |  Side (int8)  |  Price Exponent (int8, DEFINE)  |  Reserved    |  4
 *  +---------------+-----------------------------------------------+
 *  |       Order Id (int64); DEFINE: band ticks                     |  8
 *  +---------------------------------------------------------------+
 *  |       Price (int64); DEFINE: reference price                   | 16
 *  +---------------------------------------------------------------+
 *  |       Quantity (int64); DEFINE: tick size                      | 24
 *  +---------------------------------------------------------------+
 *  |       Feed Sequence (int64); SNAPSHOT_*: last sequence         | 32
 *  +---------------------------------------------------------------+
 *  |       Publisher Send Time, ns (int64)                          | 40
 *  +---------------------------------------------------------------+
 *  |       Gateway Receive Time, ns (int64)                         | 48
 *  +---------------------------------------------------------------+
 *  |       Gateway Decoded Time, ns (int64)                         | 56
 *  +---------------------------------------------------------------+
 *  |       Symbol (16 x US-ASCII, DEFINE only)                      | 64
 *  +---------------------------------------------------------------+
 * </pre>
 * Events other than DEFINE are {@link #EVENT_LENGTH} bytes; DEFINE is {@link #DEFINE_LENGTH}.
 * <p>
 * What the book agent does with each type: ADD, MODIFY, DELETE, EXECUTE apply to the book; TRADE reaches the book's
 * listener only; CLEAR and SNAPSHOT_BEGIN empty the book; SNAPSHOT_ORDER adds; SNAPSHOT_END changes nothing; STALE
 * and LIVE set the book's {@link BookState} (ignored for an instrument not yet defined).
 */
public final class BookEventDescriptor
{
    public static final int ADD = 1;
    public static final int MODIFY = 2;
    public static final int DELETE = 3;
    public static final int EXECUTE = 4;
    public static final int TRADE = 5;
    public static final int CLEAR = 6;
    public static final int DEFINE = 7;
    public static final int SNAPSHOT_BEGIN = 8;
    public static final int SNAPSHOT_ORDER = 9;
    public static final int SNAPSHOT_END = 10;
    /** The instrument's book no longer reflects the feed (gap, back pressure) until it is rebuilt. */
    public static final int STALE = 11;
    /** The instrument's book was rebuilt from a snapshot and caught up. */
    public static final int LIVE = 12;

    public static final int INSTRUMENT_ID_OFFSET = 0;
    public static final int SIDE_OFFSET = 4;
    public static final int PRICE_EXPONENT_OFFSET = 5;
    public static final int ORDER_ID_OFFSET = 8;
    public static final int BAND_TICKS_OFFSET = ORDER_ID_OFFSET;
    public static final int PRICE_OFFSET = 16;
    public static final int REFERENCE_PRICE_OFFSET = PRICE_OFFSET;
    public static final int QUANTITY_OFFSET = 24;
    public static final int TICK_SIZE_OFFSET = QUANTITY_OFFSET;
    public static final int SEQUENCE_OFFSET = 32;
    public static final int SEND_TIME_OFFSET = 40;
    public static final int RECEIVE_TIME_OFFSET = 48;
    public static final int DECODED_TIME_OFFSET = 56;
    public static final int SYMBOL_OFFSET = 64;
    public static final int SYMBOL_LENGTH = 16;

    public static final int EVENT_LENGTH = 64;
    public static final int DEFINE_LENGTH = SYMBOL_OFFSET + SYMBOL_LENGTH;

    private BookEventDescriptor()
    {
    }
}
