package io.ticklane.gateway;

import io.ticklane.gateway.sbe.AddOrderDecoder;
import io.ticklane.gateway.sbe.BookClearDecoder;
import io.ticklane.gateway.sbe.DeleteOrderDecoder;
import io.ticklane.gateway.sbe.ExecuteOrderDecoder;
import io.ticklane.gateway.sbe.HeartbeatDecoder;
import io.ticklane.gateway.sbe.InstrumentDefinitionDecoder;
import io.ticklane.gateway.sbe.MessageHeaderDecoder;
import io.ticklane.gateway.sbe.ModifyOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotBeginDecoder;
import io.ticklane.gateway.sbe.SnapshotEndDecoder;
import io.ticklane.gateway.sbe.SnapshotOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotOrdersDecoder;
import io.ticklane.gateway.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Validates a whole packet, then dispatches its messages to a {@link FeedHandler}. Validation happens before any
 * dispatch, so a packet with one bad message changes no book: it is rejected whole with a reason code.
 * <p>
 * Checks: header length, message count against the bytes present, each message header within bounds, schema id,
 * version, template id, block length, group dimensions against the bytes left, enum values, instrument
 * definitions (positive tick, reference on tick, band and exponent in range, printable symbol), prices on their
 * instrument's tick (known from earlier definitions or one earlier in the same packet), and no trailing bytes. Messages of a newer schema version may
 * carry longer blocks (extra fields are ignored) and unknown templates (skipped, counted).
 * <p>
 * Reuses its flyweights: one instance per decoding thread, zero allocation.
 */
public final class FeedDecoder
{
    public static final int OK = 0;
    public static final int TOO_SHORT = 1;
    public static final int TRUNCATED_MESSAGE = 2;
    public static final int BAD_SCHEMA_ID = 3;
    public static final int BAD_VERSION = 4;
    public static final int BAD_BLOCK_LENGTH = 5;
    public static final int UNKNOWN_TEMPLATE = 6;
    public static final int BAD_ENUM = 7;
    public static final int TRAILING_BYTES = 8;
    public static final int BAD_GROUP = 9;
    public static final int OFF_TICK = 10;
    public static final int BAD_DEFINITION = 11;
    /** Number of result codes. */
    public static final int RESULT_COUNT = 12;

    private static final String[] RESULT_NAMES = {
        "ok", "too-short", "truncated-message", "bad-schema-id", "bad-version", "bad-block-length",
        "unknown-template", "bad-enum", "trailing-bytes", "bad-group", "off-tick", "bad-definition"};

    /** Largest ladder half-width a definition may ask for. */
    public static final int MAX_BAND_TICKS = 1 << 22;
    private static final int MAX_DEFINITIONS_PER_PACKET = 64;

    /**
     * Tick sizes of known instruments, for the price-on-tick check.
     */
    @FunctionalInterface
    public interface TickSizes
    {
        /**
         * @param instrumentId instrument.
         * @return its tick size, or 0 when unknown (the check is then skipped).
         */
        long tickSize(int instrumentId);
    }

    private static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    private static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    /** Version 2 brought the 32-byte packet header (publisher session id); version 1 packets cannot be read. */
    private static final int SCHEMA_VERSION_WITH_SESSION = 2;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final AddOrderDecoder addOrder = new AddOrderDecoder();
    private final ModifyOrderDecoder modifyOrder = new ModifyOrderDecoder();
    private final DeleteOrderDecoder deleteOrder = new DeleteOrderDecoder();
    private final ExecuteOrderDecoder executeOrder = new ExecuteOrderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookClearDecoder bookClear = new BookClearDecoder();
    private final SnapshotBeginDecoder snapshotBegin = new SnapshotBeginDecoder();
    private final SnapshotOrderDecoder snapshotOrder = new SnapshotOrderDecoder();
    private final SnapshotEndDecoder snapshotEnd = new SnapshotEndDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final SnapshotOrdersDecoder snapshotOrders = new SnapshotOrdersDecoder();
    private final int[] packetDefinitionIds = new int[MAX_DEFINITIONS_PER_PACKET];
    private final long[] packetDefinitionTicks = new long[MAX_DEFINITIONS_PER_PACKET];
    private final TickSizes tickSizes;
    private int packetDefinitions;
    private int skippedMessages;
    private int lastPacketEvents;

    /**
     * A decoder without price-on-tick checks.
     */
    public FeedDecoder()
    {
        this(id -> 0);
    }

    /**
     * @param tickSizes tick sizes of known instruments.
     */
    public FeedDecoder(final TickSizes tickSizes)
    {
        this.tickSizes = tickSizes;
    }

    /**
     * @param result a result code.
     * @return its name.
     */
    public static String resultName(final int result)
    {
        return result >= 0 && result < RESULT_COUNT ? RESULT_NAMES[result] : "result-" + result;
    }

    /**
     * @param buffer  packet bytes.
     * @param offset  packet start (the packet header).
     * @param length  packet length.
     * @param handler receives messages when the whole packet is valid.
     * @return {@link #OK} or the first problem found (then nothing was dispatched).
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final FeedHandler handler)
    {
        final int result = validate(buffer, offset, length);
        if (result != OK)
        {
            return result;
        }
        dispatch(buffer, offset, length, handler);
        return OK;
    }

    /**
     * @param buffer packet bytes.
     * @param offset packet start.
     * @param length packet length.
     * @return {@link #OK} or the first problem found.
     */
    public int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < PacketHeaderDescriptor.HEADER_LENGTH)
        {
            return TOO_SHORT;
        }
        final int end = offset + length;
        final int count = PacketHeaderDescriptor.messageCount(buffer, offset);
        int position = offset + PacketHeaderDescriptor.HEADER_LENGTH;
        packetDefinitions = 0;
        for (int i = 0; i < count; i++)
        {
            if (position + MessageHeaderDecoder.ENCODED_LENGTH > end)
            {
                return TRUNCATED_MESSAGE;
            }
            header.wrap(buffer, position);
            final int blockLength = header.blockLength();
            final int bodyOffset = position + MessageHeaderDecoder.ENCODED_LENGTH;
            if (bodyOffset + blockLength > end)
            {
                return TRUNCATED_MESSAGE;
            }
            if (header.schemaId() != SCHEMA_ID)
            {
                return BAD_SCHEMA_ID;
            }
            final int version = header.version();
            if (version < SCHEMA_VERSION_WITH_SESSION)
            {
                return BAD_VERSION;
            }
            final int expected = blockLength(header.templateId());
            if (expected < 0)
            {
                if (version <= SCHEMA_VERSION)
                {
                    return UNKNOWN_TEMPLATE;
                }
            }
            else if (version == SCHEMA_VERSION ? blockLength != expected : blockLength < expected)
            {
                return BAD_BLOCK_LENGTH;
            }
            else
            {
                final int fieldsResult = checkFields(buffer, header.templateId(), bodyOffset, blockLength, version);
                if (fieldsResult != OK)
                {
                    return fieldsResult;
                }
            }
            position = bodyOffset + blockLength;
            if (header.templateId() == SnapshotOrdersDecoder.TEMPLATE_ID)
            {
                final int groupEnd = checkGroup(buffer, position, end);
                if (groupEnd < 0)
                {
                    return -groupEnd;
                }
                position = groupEnd;
            }
        }
        return position == end ? OK : TRAILING_BYTES;
    }

    private int checkGroup(final DirectBuffer buffer, final int position, final int end)
    {
        final int groupHeader = SnapshotOrdersDecoder.OrdersDecoder.HEADER_SIZE;
        if (position + groupHeader > end)
        {
            return -TRUNCATED_MESSAGE;
        }
        final int entryLength = buffer.getShort(position, LITTLE_ENDIAN) & 0xFFFF;
        final int entries = buffer.getShort(position + 2, LITTLE_ENDIAN) & 0xFFFF;
        if (entryLength < SnapshotOrdersDecoder.OrdersDecoder.sbeBlockLength())
        {
            return -BAD_GROUP;
        }
        final long groupEnd = (long)position + groupHeader + (long)entries * entryLength;
        if (groupEnd > end)
        {
            return -BAD_GROUP;
        }
        final int instrumentId = buffer.getInt(position - SnapshotOrdersDecoder.BLOCK_LENGTH +
            SnapshotOrdersDecoder.instrumentIdEncodingOffset(), LITTLE_ENDIAN);
        final long tick = tickOf(instrumentId);
        int entry = position + groupHeader;
        for (int i = 0; i < entries; i++)
        {
            if ((buffer.getByte(entry + SnapshotOrdersDecoder.OrdersDecoder.sideEncodingOffset()) & 0xFF) > 1)
            {
                return -BAD_ENUM;
            }
            final long price = buffer.getLong(
                entry + SnapshotOrdersDecoder.OrdersDecoder.priceEncodingOffset(), LITTLE_ENDIAN);
            if (tick > 0 && price % tick != 0)
            {
                return -OFF_TICK;
            }
            entry += entryLength;
        }
        return (int)groupEnd;
    }

    private long tickOf(final int instrumentId)
    {
        for (int i = packetDefinitions - 1; i >= 0; i--)
        {
            if (packetDefinitionIds[i] == instrumentId)
            {
                return packetDefinitionTicks[i];
            }
        }
        return tickSizes.tickSize(instrumentId);
    }

    private static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case InstrumentDefinitionDecoder.TEMPLATE_ID: return InstrumentDefinitionDecoder.BLOCK_LENGTH;
            case AddOrderDecoder.TEMPLATE_ID: return AddOrderDecoder.BLOCK_LENGTH;
            case ModifyOrderDecoder.TEMPLATE_ID: return ModifyOrderDecoder.BLOCK_LENGTH;
            case DeleteOrderDecoder.TEMPLATE_ID: return DeleteOrderDecoder.BLOCK_LENGTH;
            case ExecuteOrderDecoder.TEMPLATE_ID: return ExecuteOrderDecoder.BLOCK_LENGTH;
            case TradeDecoder.TEMPLATE_ID: return TradeDecoder.BLOCK_LENGTH;
            case BookClearDecoder.TEMPLATE_ID: return BookClearDecoder.BLOCK_LENGTH;
            case SnapshotBeginDecoder.TEMPLATE_ID: return SnapshotBeginDecoder.BLOCK_LENGTH;
            case SnapshotOrderDecoder.TEMPLATE_ID: return SnapshotOrderDecoder.BLOCK_LENGTH;
            case SnapshotEndDecoder.TEMPLATE_ID: return SnapshotEndDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case SnapshotOrdersDecoder.TEMPLATE_ID: return SnapshotOrdersDecoder.BLOCK_LENGTH;
            default: return -1;
        }
    }

    private int checkFields(
        final DirectBuffer buffer, final int templateId, final int body, final int blockLength, final int version)
    {
        switch (templateId)
        {
            case AddOrderDecoder.TEMPLATE_ID:
                addOrder.wrap(buffer, body, blockLength, version);
                if (addOrder.sideRaw() > 1)
                {
                    return BAD_ENUM;
                }
                return onTick(addOrder.instrumentId(), addOrder.price());
            case ModifyOrderDecoder.TEMPLATE_ID:
                modifyOrder.wrap(buffer, body, blockLength, version);
                return onTick(modifyOrder.instrumentId(), modifyOrder.price());
            case SnapshotOrderDecoder.TEMPLATE_ID:
                snapshotOrder.wrap(buffer, body, blockLength, version);
                if (snapshotOrder.sideRaw() > 1)
                {
                    return BAD_ENUM;
                }
                return onTick(snapshotOrder.instrumentId(), snapshotOrder.price());
            case TradeDecoder.TEMPLATE_ID:
                trade.wrap(buffer, body, blockLength, version);
                return trade.aggressorSideRaw() > 2 ? BAD_ENUM : OK;
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                return checkDefinition(definition.wrap(buffer, body, blockLength, version));
            default:
                return OK;
        }
    }

    private int onTick(final int instrumentId, final long price)
    {
        final long tick = tickOf(instrumentId);
        return tick > 0 && price % tick != 0 ? OFF_TICK : OK;
    }

    private int checkDefinition(final InstrumentDefinitionDecoder d)
    {
        final long tick = d.tickSize();
        final long reference = d.referencePrice();
        if (tick <= 0 || reference <= 0 || reference % tick != 0 || d.bandTicks() < 1 ||
            d.bandTicks() > MAX_BAND_TICKS || d.priceExponent() < -18 || d.priceExponent() > 18 ||
            d.instrumentId() < 1)
        {
            return BAD_DEFINITION;
        }
        for (int i = 0; i < InstrumentDefinitionDecoder.symbolLength(); i++)
        {
            final byte c = d.symbol(i);
            if (c != 0 && (c < 32 || c > 126))
            {
                return BAD_DEFINITION;
            }
        }
        if (packetDefinitions < MAX_DEFINITIONS_PER_PACKET)
        {
            packetDefinitionIds[packetDefinitions] = d.instrumentId();
            packetDefinitionTicks[packetDefinitions++] = tick;
        }
        return OK;
    }

    /**
     * Dispatches a packet that {@link #validate} has accepted; calling it on an unvalidated packet is unsafe.
     *
     * @param buffer  packet bytes.
     * @param offset  packet start.
     * @param length  packet length.
     * @param handler receives the messages.
     */
    public void dispatch(final DirectBuffer buffer, final int offset, final int length, final FeedHandler handler)
    {
        final int count = PacketHeaderDescriptor.messageCount(buffer, offset);
        int position = offset + PacketHeaderDescriptor.HEADER_LENGTH;
        lastPacketEvents = 0;
        for (int i = 0; i < count; i++)
        {
            header.wrap(buffer, position);
            final int blockLength = header.blockLength();
            final int version = header.version();
            if (header.templateId() != HeartbeatDecoder.TEMPLATE_ID)
            {
                lastPacketEvents++;
            }
            final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case InstrumentDefinitionDecoder.TEMPLATE_ID:
                    handler.onInstrumentDefinition(definition.wrap(buffer, body, blockLength, version));
                    break;
                case AddOrderDecoder.TEMPLATE_ID:
                    handler.onAddOrder(addOrder.wrap(buffer, body, blockLength, version));
                    break;
                case ModifyOrderDecoder.TEMPLATE_ID:
                    handler.onModifyOrder(modifyOrder.wrap(buffer, body, blockLength, version));
                    break;
                case DeleteOrderDecoder.TEMPLATE_ID:
                    handler.onDeleteOrder(deleteOrder.wrap(buffer, body, blockLength, version));
                    break;
                case ExecuteOrderDecoder.TEMPLATE_ID:
                    handler.onExecuteOrder(executeOrder.wrap(buffer, body, blockLength, version));
                    break;
                case TradeDecoder.TEMPLATE_ID:
                    handler.onTrade(trade.wrap(buffer, body, blockLength, version));
                    break;
                case BookClearDecoder.TEMPLATE_ID:
                    handler.onBookClear(bookClear.wrap(buffer, body, blockLength, version));
                    break;
                case SnapshotBeginDecoder.TEMPLATE_ID:
                    handler.onSnapshotBegin(snapshotBegin.wrap(buffer, body, blockLength, version));
                    break;
                case SnapshotOrderDecoder.TEMPLATE_ID:
                    handler.onSnapshotOrder(snapshotOrder.wrap(buffer, body, blockLength, version));
                    break;
                case SnapshotEndDecoder.TEMPLATE_ID:
                    handler.onSnapshotEnd(snapshotEnd.wrap(buffer, body, blockLength, version));
                    break;
                case HeartbeatDecoder.TEMPLATE_ID:
                    handler.onHeartbeat(heartbeat.wrap(buffer, body, blockLength, version));
                    break;
                case SnapshotOrdersDecoder.TEMPLATE_ID:
                    snapshotOrders.wrap(buffer, body, blockLength, version);
                    final int groupEnd = groupEnd(buffer, body + blockLength);
                    handler.onSnapshotOrders(snapshotOrders);
                    position = groupEnd;
                    continue;
                default:
                    skippedMessages++; // newer schema's template: skipped by its block length
                    position = body + blockLength;
                    continue;
            }
            position = body + blockLength;
        }
    }

    private static int groupEnd(final DirectBuffer buffer, final int groupHeader)
    {
        final int entryLength = buffer.getShort(groupHeader, LITTLE_ENDIAN) & 0xFFFF;
        final int entries = buffer.getShort(groupHeader + 2, LITTLE_ENDIAN) & 0xFFFF;
        return groupHeader + SnapshotOrdersDecoder.OrdersDecoder.HEADER_SIZE + entries * entryLength;
    }

    /**
     * @param message a SnapshotOrders message before its group is iterated.
     * @return the number of orders in its group.
     */
    public static int snapshotOrderCount(final SnapshotOrdersDecoder message)
    {
        return message.buffer().getShort(message.limit() + 2, LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @return book events (messages other than heartbeats) in the packet dispatched last.
     */
    public int lastPacketEvents()
    {
        return lastPacketEvents;
    }

    /**
     * @return messages of unknown (newer) templates skipped so far.
     */
    public int skippedMessages()
    {
        return skippedMessages;
    }
}
