package io.ticklane.stream;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.stream.sbe.ClearDecoder;
import io.ticklane.stream.sbe.DefinitionDecoder;
import io.ticklane.stream.sbe.InstrumentStateDecoder;
import io.ticklane.stream.sbe.LevelUpdateDecoder;
import io.ticklane.stream.sbe.MessageHeaderDecoder;
import io.ticklane.stream.sbe.OrderAddDecoder;
import io.ticklane.stream.sbe.OrderDeleteDecoder;
import io.ticklane.stream.sbe.OrderExecuteDecoder;
import io.ticklane.stream.sbe.OrderModifyDecoder;
import io.ticklane.stream.sbe.TradeDecoder;
import io.ticklane.stream.sbe.TradingStatusDecoder;
import io.ticklane.stream.sbe.VenueSnapshotBeginDecoder;
import io.ticklane.stream.sbe.VenueSnapshotEndDecoder;
import io.ticklane.stream.sbe.VenueSnapshotOrderDecoder;
import org.agrona.DirectBuffer;

/**
 * Reads the messages of a stream packet one at a time ({@link #wrap}) and hands an incremental to a
 * {@link BookEventHandler} as the one book event it encodes ({@link #dispatch}): the inverse of
 * {@link StreamPublisher}. Snapshot and request messages are left to the caller (their decoders are public).
 * <p>
 * Threading: single thread (the client's). Allocation-free.
 */
public final class StreamReader
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final DefinitionDecoder definition = new DefinitionDecoder();
    private final OrderAddDecoder add = new OrderAddDecoder();
    private final OrderModifyDecoder modify = new OrderModifyDecoder();
    private final OrderDeleteDecoder delete = new OrderDeleteDecoder();
    private final OrderExecuteDecoder execute = new OrderExecuteDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final ClearDecoder clear = new ClearDecoder();
    private final LevelUpdateDecoder level = new LevelUpdateDecoder();
    private final TradingStatusDecoder status = new TradingStatusDecoder();
    private final InstrumentStateDecoder state = new InstrumentStateDecoder();
    private final VenueSnapshotBeginDecoder snapshotBegin = new VenueSnapshotBeginDecoder();
    private final VenueSnapshotOrderDecoder snapshotOrder = new VenueSnapshotOrderDecoder();
    private final VenueSnapshotEndDecoder snapshotEnd = new VenueSnapshotEndDecoder();
    private final InstrumentDefinition scratch = new InstrumentDefinition();
    private final byte[] symbol = new byte[InstrumentDefinition.MAX_SYMBOL_LENGTH];
    private DirectBuffer buffer;
    private int offset;
    private int blockLength;
    private int version;

    /**
     * @param buffer packet buffer.
     * @param offset where a message (its SBE header) starts.
     * @param limit  end of the packet.
     * @return the message's length including its header, or -1 when it runs past the limit or is of another schema.
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int limit)
    {
        if (offset + MessageHeaderDecoder.ENCODED_LENGTH > limit)
        {
            return -1;
        }
        header.wrap(buffer, offset);
        blockLength = header.blockLength();
        version = header.version();
        final int length = MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || offset + length > limit)
        {
            return -1;
        }
        this.buffer = buffer;
        this.offset = offset;
        return length;
    }

    /**
     * @return template id of the wrapped message.
     */
    public int templateId()
    {
        return header.templateId();
    }

    /**
     * @return instrument id of the wrapped incremental.
     */
    public int instrumentId()
    {
        return buffer.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH + StreamDescriptor.INSTRUMENT_ID_OFFSET,
            java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return instrument sequence of the wrapped incremental.
     */
    public long instrumentSequence()
    {
        return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH +
            StreamDescriptor.INSTRUMENT_SEQUENCE_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Applies the wrapped incremental to a handler.
     *
     * @param handler receives the one book event.
     * @return false when the message is not an incremental.
     */
    public boolean dispatch(final BookEventHandler handler)
    {
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case DefinitionDecoder.TEMPLATE_ID:
                handler.onDefinition(definition(buffer, offset));
                return true;
            case OrderAddDecoder.TEMPLATE_ID:
                add.wrap(buffer, body, blockLength, version);
                handler.onAdd(add.instrumentId(), add.orderId(), add.side(), add.price(), add.quantity());
                return true;
            case OrderModifyDecoder.TEMPLATE_ID:
                modify.wrap(buffer, body, blockLength, version);
                handler.onModify(modify.instrumentId(), modify.orderId(), modify.price(), modify.quantity());
                return true;
            case OrderDeleteDecoder.TEMPLATE_ID:
                delete.wrap(buffer, body, blockLength, version);
                handler.onDelete(delete.instrumentId(), delete.orderId());
                return true;
            case OrderExecuteDecoder.TEMPLATE_ID:
                execute.wrap(buffer, body, blockLength, version);
                handler.onExecute(execute.instrumentId(), execute.orderId(), execute.quantity());
                return true;
            case TradeDecoder.TEMPLATE_ID:
                trade.wrap(buffer, body, blockLength, version);
                handler.onTrade(trade.instrumentId(), trade.price(), trade.quantity(), trade.aggressorSide());
                return true;
            case ClearDecoder.TEMPLATE_ID:
                clear.wrap(buffer, body, blockLength, version);
                handler.onClear(clear.instrumentId());
                return true;
            case LevelUpdateDecoder.TEMPLATE_ID:
                level.wrap(buffer, body, blockLength, version);
                handler.onLevel(level.instrumentId(), level.book(), level.side(), level.action(), level.level(),
                    level.price(), level.quantity(), level.orderCount());
                return true;
            case TradingStatusDecoder.TEMPLATE_ID:
                status.wrap(buffer, body, blockLength, version);
                handler.onTradingStatus(status.instrumentId(), status.status());
                return true;
            case InstrumentStateDecoder.TEMPLATE_ID:
                state.wrap(buffer, body, blockLength, version);
                if (state.stale() != 0)
                {
                    handler.onStale(state.instrumentId());
                }
                else
                {
                    handler.onLive(state.instrumentId());
                }
                return true;
            case VenueSnapshotBeginDecoder.TEMPLATE_ID:
                snapshotBegin.wrap(buffer, body, blockLength, version);
                handler.onSnapshotBegin(snapshotBegin.instrumentId(), snapshotBegin.lastSequence(),
                    snapshotBegin.count());
                return true;
            case VenueSnapshotOrderDecoder.TEMPLATE_ID:
                snapshotOrder.wrap(buffer, body, blockLength, version);
                handler.onSnapshotOrder(snapshotOrder.instrumentId(), snapshotOrder.orderId(), snapshotOrder.side(),
                    snapshotOrder.price(), snapshotOrder.quantity());
                return true;
            case VenueSnapshotEndDecoder.TEMPLATE_ID:
                snapshotEnd.wrap(buffer, body, blockLength, version);
                handler.onSnapshotEnd(snapshotEnd.instrumentId(), snapshotEnd.lastSequence());
                return true;
            default:
                return false;
        }
    }

    /**
     * @param buffer packet buffer.
     * @param offset where a Definition message (its header) starts.
     * @return the definition, in a reused instance valid until the next call.
     */
    public InstrumentDefinition definition(final DirectBuffer buffer, final int offset)
    {
        definition.wrapAndApplyHeader(buffer, offset, header);
        final int length = Math.min(definition.symbolBytes(), InstrumentDefinition.MAX_SYMBOL_LENGTH);
        definition.getSymbol(symbol, 0);
        return scratch.reset().instrumentId(definition.instrumentId()).symbol(symbol, length)
            .tickSize(definition.tickSize()).priceExponent(definition.priceExponent())
            .referencePrice(definition.referencePrice()).bandTicks(definition.bandTicks()).books(definition.books())
            .depth(definition.depth(), definition.impliedDepth());
    }

    /**
     * @return offset of the wrapped message's block.
     */
    public int bodyOffset()
    {
        return offset + MessageHeaderDecoder.ENCODED_LENGTH;
    }

    /**
     * @return block length of the wrapped message.
     */
    public int blockLength()
    {
        return blockLength;
    }

    /**
     * @return schema version of the wrapped message.
     */
    public int version()
    {
        return version;
    }
}
