package io.ticklane.book;

/**
 * The normalized event types of {@link BookEventHandler}, as ring message type ids ({@link BookEventDescriptor}).
 * Code that dispatches on the type uses a switch expression over this enum, so adding a type fails to compile
 * wherever it is not handled.
 */
public enum BookEventType
{
    ADD(1),
    MODIFY(2),
    DELETE(3),
    EXECUTE(4),
    TRADE(5),
    CLEAR(6),
    DEFINE(7),
    SNAPSHOT_BEGIN(8),
    SNAPSHOT_ORDER(9),
    SNAPSHOT_END(10),
    STALE(11),
    LIVE(12),
    LEVEL(13),
    TRADING_STATUS(14),
    END_OF_EVENT(15);

    private static final BookEventType[] BY_ID = new BookEventType[16];

    static
    {
        for (final BookEventType type : values())
        {
            BY_ID[type.id] = type;
        }
    }

    private final int id;

    BookEventType(final int id)
    {
        this.id = id;
    }

    /**
     * @return the ring message type id.
     */
    public int id()
    {
        return id;
    }

    /**
     * @param id a ring message type id.
     * @return its type, or null for an id that is not one.
     */
    public static BookEventType of(final int id)
    {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
