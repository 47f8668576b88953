package io.ticklane.book;

import org.agrona.DirectBuffer;

import static io.ticklane.book.BookEventDescriptor.*;

/**
 * Decodes one ring message ({@link BookEventDescriptor}) and hands it to a {@link BookEventHandler}: the inverse of
 * {@link BookEventRingWriter}. The switch is over {@link BookEventType}, so a new type fails to compile here until
 * it is decoded.
 * <p>
 * Threading: the ring's consumer thread (a book agent). Allocation-free: definitions are decoded into one reused
 * {@link InstrumentDefinition}.
 */
public final class BookEventRingReader
{
    private final InstrumentDefinition definition = new InstrumentDefinition();
    private final byte[] symbol = new byte[SYMBOL_LENGTH];

    /**
     * @param type    the ring message's type, from {@link BookEventType#of}.
     * @param buffer  the ring's buffer.
     * @param index   start of the payload.
     * @param handler receives the event.
     */
    public void dispatch(
        final BookEventType type, final DirectBuffer buffer, final int index, final BookEventHandler handler)
    {
        final int id = buffer.getInt(index + INSTRUMENT_ID_OFFSET);
        final int ignored = switch (type)
        {
            case ADD -> handler.onAdd(id, orderId(buffer, index), side(buffer, index), price(buffer, index),
                quantity(buffer, index));
            case MODIFY -> handler.onModify(id, orderId(buffer, index), price(buffer, index), quantity(buffer, index));
            case DELETE -> handler.onDelete(id, orderId(buffer, index));
            case EXECUTE -> handler.onExecute(id, orderId(buffer, index), quantity(buffer, index));
            case TRADE -> handler.onTrade(id, price(buffer, index), quantity(buffer, index), side(buffer, index));
            case CLEAR -> handler.onClear(id);
            case DEFINE -> handler.onDefinition(definition(buffer, index, id));
            case SNAPSHOT_BEGIN -> handler.onSnapshotBegin(id, buffer.getLong(index + SEQUENCE_OFFSET),
                buffer.getLong(index + COUNT_OFFSET));
            case SNAPSHOT_ORDER -> handler.onSnapshotOrder(id, orderId(buffer, index), side(buffer, index),
                price(buffer, index), quantity(buffer, index));
            case SNAPSHOT_END -> handler.onSnapshotEnd(id, buffer.getLong(index + SEQUENCE_OFFSET));
            case LEVEL -> handler.onLevel(id, buffer.getByte(index + BOOKS_OFFSET), side(buffer, index),
                buffer.getByte(index + ACTION_OFFSET), buffer.getInt(index + LEVEL_OFFSET), price(buffer, index),
                quantity(buffer, index), buffer.getInt(index + ORDER_COUNT_OFFSET));
            case TRADING_STATUS -> handler.onTradingStatus(id, buffer.getInt(index + STATUS_OFFSET));
            case STALE ->
            {
                handler.onStale(id);
                yield BookEventHandler.DELIVERED;
            }
            case LIVE ->
            {
                handler.onLive(id);
                yield BookEventHandler.DELIVERED;
            }
            case END_OF_EVENT ->
            {
                handler.onEndOfEvent();
                yield BookEventHandler.DELIVERED;
            }
        };
    }

    private InstrumentDefinition definition(final DirectBuffer buffer, final int index, final int instrumentId)
    {
        buffer.getBytes(index + SYMBOL_OFFSET, symbol);
        return definition.reset()
            .instrumentId(instrumentId)
            .symbol(symbol, SYMBOL_LENGTH)
            .tickSize(buffer.getLong(index + TICK_SIZE_OFFSET))
            .priceExponent(buffer.getByte(index + PRICE_EXPONENT_OFFSET))
            .referencePrice(buffer.getLong(index + REFERENCE_PRICE_OFFSET))
            .bandTicks((int)buffer.getLong(index + BAND_TICKS_OFFSET))
            .books(buffer.getByte(index + BOOKS_OFFSET))
            .depth(buffer.getInt(index + DEPTH_OFFSET), buffer.getInt(index + IMPLIED_DEPTH_OFFSET));
    }

    private static long orderId(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + ORDER_ID_OFFSET);
    }

    private static int side(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index + SIDE_OFFSET);
    }

    private static long price(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + PRICE_OFFSET);
    }

    private static long quantity(final DirectBuffer buffer, final int index)
    {
        return buffer.getLong(index + QUANTITY_OFFSET);
    }
}
