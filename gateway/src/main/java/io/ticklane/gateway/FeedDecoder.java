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
import io.ticklane.gateway.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * Validates a whole packet, then dispatches its messages to a {@link FeedHandler}. Validation happens before any
 * dispatch, so a packet with one bad message changes no book: it is rejected whole with a reason code.
 * <p>
 * Checks: header length, message count against the bytes present, each message header within bounds, schema id,
 * version, template id, block length, enum values, and no trailing bytes. Messages of a newer schema version may
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
    /** Number of result codes. */
    public static final int RESULT_COUNT = 9;

    private static final String[] RESULT_NAMES = {
        "ok", "too-short", "truncated-message", "bad-schema-id", "bad-version", "bad-block-length",
        "unknown-template", "bad-enum", "trailing-bytes"};

    private static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    private static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    private static final int SIDE_OFFSET_ADD = AddOrderDecoder.sideEncodingOffset();
    private static final int SIDE_OFFSET_SNAPSHOT = SnapshotOrderDecoder.sideEncodingOffset();
    private static final int AGGRESSOR_OFFSET_TRADE = TradeDecoder.aggressorSideEncodingOffset();

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
    private int skippedMessages;
    private int dispatchedMessages;

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
            if (version < 1)
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
            else if (!enumsValid(buffer, header.templateId(), bodyOffset))
            {
                return BAD_ENUM;
            }
            position = bodyOffset + blockLength;
        }
        return position == end ? OK : TRAILING_BYTES;
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
            default: return -1;
        }
    }

    private static boolean enumsValid(final DirectBuffer buffer, final int templateId, final int bodyOffset)
    {
        switch (templateId)
        {
            case AddOrderDecoder.TEMPLATE_ID:
                return (buffer.getByte(bodyOffset + SIDE_OFFSET_ADD) & 0xFF) <= 1;
            case SnapshotOrderDecoder.TEMPLATE_ID:
                return (buffer.getByte(bodyOffset + SIDE_OFFSET_SNAPSHOT) & 0xFF) <= 1;
            case TradeDecoder.TEMPLATE_ID:
                return (buffer.getByte(bodyOffset + AGGRESSOR_OFFSET_TRADE) & 0xFF) <= 2;
            default:
                return true;
        }
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
        for (int i = 0; i < count; i++)
        {
            header.wrap(buffer, position);
            final int blockLength = header.blockLength();
            final int version = header.version();
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
                default:
                    skippedMessages++; // newer schema's template: skipped by its block length
                    position = body + blockLength;
                    continue;
            }
            dispatchedMessages++;
            position = body + blockLength;
        }
    }

    /**
     * @return messages of unknown (newer) templates skipped so far.
     */
    public int skippedMessages()
    {
        return skippedMessages;
    }

    /**
     * @return messages dispatched so far.
     */
    public int dispatchedMessages()
    {
        return dispatchedMessages;
    }
}
