package io.ticklane.book;

/**
 * Normalized book events ({@link BookEventHandler}) as they travel from gateway agents to a book agent through its
 * {@code ManyToOneRingBuffer}: the ring's message type id is the event type ({@link BookEventType}), the payload is
 * this fixed layout (little-endian, native to the ring's buffer).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Instrument Id (int32)                       |  0
 *  +---------------+---------------+---------------+---------------+
 *  |  Side (int8)  | Exponent/Act. | Books/Book    |   Reserved    |  4
 *  +---------------+---------------+---------------+---------------+
 *  |  Order Id (int64); DEFINE: band ticks; LEVEL: level (int32) +  |  8
 *  |  order count (int32); STATUS: status; SNAPSHOT_*: count        |
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
 *  |       DEFINE only: Symbol (24 x US-ASCII, space padded)        | 64
 *  +---------------------------------------------------------------+
 *  |       DEFINE only: Depth (int32), Implied Depth (int32)        | 88
 *  +---------------------------------------------------------------+
 * </pre>
 * Byte 5 is the price exponent in DEFINE and the {@link LevelAction} in LEVEL; byte 6 the
 * {@link InstrumentDefinition#books()} in DEFINE and the outright/implied book in LEVEL. END_OF_EVENT carries the
 * sequence only and is {@link #END_OF_EVENT_LENGTH} bytes; DEFINE is {@link #DEFINE_LENGTH}; every other event is
 * {@link #EVENT_LENGTH}.
 */
public final class BookEventDescriptor
{
    public static final int INSTRUMENT_ID_OFFSET = 0;
    public static final int SIDE_OFFSET = 4;
    public static final int PRICE_EXPONENT_OFFSET = 5;
    public static final int ACTION_OFFSET = 5;
    public static final int BOOKS_OFFSET = 6;
    public static final int ORDER_ID_OFFSET = 8;
    public static final int BAND_TICKS_OFFSET = ORDER_ID_OFFSET;
    public static final int LEVEL_OFFSET = ORDER_ID_OFFSET;
    public static final int ORDER_COUNT_OFFSET = ORDER_ID_OFFSET + 4;
    public static final int STATUS_OFFSET = ORDER_ID_OFFSET;
    public static final int COUNT_OFFSET = ORDER_ID_OFFSET;
    public static final int PRICE_OFFSET = 16;
    public static final int REFERENCE_PRICE_OFFSET = PRICE_OFFSET;
    public static final int QUANTITY_OFFSET = 24;
    public static final int TICK_SIZE_OFFSET = QUANTITY_OFFSET;
    public static final int SEQUENCE_OFFSET = 32;
    public static final int SEND_TIME_OFFSET = 40;
    public static final int RECEIVE_TIME_OFFSET = 48;
    public static final int DECODED_TIME_OFFSET = 56;
    public static final int SYMBOL_OFFSET = 64;
    public static final int SYMBOL_LENGTH = InstrumentDefinition.MAX_SYMBOL_LENGTH;
    public static final int DEPTH_OFFSET = SYMBOL_OFFSET + SYMBOL_LENGTH;
    public static final int IMPLIED_DEPTH_OFFSET = DEPTH_OFFSET + 4;

    public static final int EVENT_LENGTH = 64;
    public static final int DEFINE_LENGTH = IMPLIED_DEPTH_OFFSET + 4;
    public static final int END_OF_EVENT_LENGTH = 8;
    /** END_OF_EVENT's one field. */
    public static final int END_SEQUENCE_OFFSET = 0;

    private BookEventDescriptor()
    {
    }
}
