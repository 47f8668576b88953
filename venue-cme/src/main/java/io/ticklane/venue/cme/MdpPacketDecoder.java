package io.ticklane.venue.cme;

import io.ticklane.venue.cme.sbe.ChannelReset4Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook32Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook46Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshDailyStatistics33Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshDailyStatistics49Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshLimitsBanding34Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshLimitsBanding50Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook43Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook47Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshSessionStatistics35Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshSessionStatistics51Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary42Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary48Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshVolume37Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture27Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture54Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption41Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption55Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread29Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread56Decoder;
import io.ticklane.venue.cme.sbe.SecurityStatus30Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh38Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh52Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook44Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook53Decoder;
import org.agrona.DirectBuffer;

import static io.ticklane.venue.cme.MdpPacketDescriptor.*;

/**
 * Validates a whole MDP 3.0 packet ({@link MdpPacketDescriptor}) before any of it is dispatched, then hands its
 * messages in order to an {@link MdpMessageHandler} through the generated decoders, so a packet with one bad
 * message changes nothing. Checks: the packet header; every MsgSize against the bytes left; the schema id; the
 * version (at least the template's first version; newer versions are accepted, their longer blocks and extra
 * trailing groups skipped); every root block and group entry long enough for the fields its version has
 * ({@link MdpSchemaLayout}); every group inside its message; and the values the venue's session interprets (update
 * actions, entry types, price levels, order references, aggressor sides, snapshot chunks). Messages of templates the
 * schema does not know are skipped by their MsgSize and counted.
 * <p>
 * Counts per template and per refusal reason. Single thread; allocation-free.
 */
public final class MdpPacketDecoder
{
    public static final int OK = 0;
    public static final int SHORT_PACKET = 1;
    public static final int MESSAGE_SIZE = 2;
    public static final int TRAILING_BYTES = 3;
    public static final int SCHEMA_ID = 4;
    public static final int VERSION = 5;
    public static final int BLOCK_LENGTH = 6;
    public static final int GROUP_HEADER = 7;
    public static final int GROUP_LENGTH = 8;
    public static final int BAD_VALUE = 9;
    /** Number of results. */
    public static final int RESULT_COUNT = 10;

    private static final String[] RESULT_NAMES = {
        "ok", "short-packet", "message-size", "trailing-bytes", "schema-id", "version", "block-length",
        "group-header", "group-length", "bad-value"};
    private static final int SCHEMA_ID_VALUE = 1;

    private final MdpSchemaLayout layout = MdpSchemaLayout.instance();
    private final long[] messagesByTemplate = new long[MdpSchemaLayout.MAX_TEMPLATE_ID];
    private final long[] refusedByReason = new long[RESULT_COUNT];
    private long packets;
    private long unknownTemplates;
    private long newerVersions;

    private final ChannelReset4Decoder channelReset = new ChannelReset4Decoder();
    private final MDInstrumentDefinitionFuture27Decoder future27 = new MDInstrumentDefinitionFuture27Decoder();
    private final MDInstrumentDefinitionSpread29Decoder spread29 = new MDInstrumentDefinitionSpread29Decoder();
    private final MDInstrumentDefinitionOption41Decoder option41 = new MDInstrumentDefinitionOption41Decoder();
    private final MDInstrumentDefinitionFuture54Decoder future54 = new MDInstrumentDefinitionFuture54Decoder();
    private final MDInstrumentDefinitionOption55Decoder option55 = new MDInstrumentDefinitionOption55Decoder();
    private final MDInstrumentDefinitionSpread56Decoder spread56 = new MDInstrumentDefinitionSpread56Decoder();
    private final SecurityStatus30Decoder status30 = new SecurityStatus30Decoder();
    private final MDIncrementalRefreshBook32Decoder book32 = new MDIncrementalRefreshBook32Decoder();
    private final MDIncrementalRefreshBook46Decoder book46 = new MDIncrementalRefreshBook46Decoder();
    private final MDIncrementalRefreshOrderBook43Decoder orders43 = new MDIncrementalRefreshOrderBook43Decoder();
    private final MDIncrementalRefreshOrderBook47Decoder orders47 = new MDIncrementalRefreshOrderBook47Decoder();
    private final MDIncrementalRefreshTradeSummary42Decoder trade42 = new MDIncrementalRefreshTradeSummary42Decoder();
    private final MDIncrementalRefreshTradeSummary48Decoder trade48 = new MDIncrementalRefreshTradeSummary48Decoder();
    private final MDIncrementalRefreshVolume37Decoder volume37 = new MDIncrementalRefreshVolume37Decoder();
    private final MDIncrementalRefreshDailyStatistics33Decoder daily33 =
        new MDIncrementalRefreshDailyStatistics33Decoder();
    private final MDIncrementalRefreshDailyStatistics49Decoder daily49 =
        new MDIncrementalRefreshDailyStatistics49Decoder();
    private final MDIncrementalRefreshLimitsBanding34Decoder limits34 = new MDIncrementalRefreshLimitsBanding34Decoder();
    private final MDIncrementalRefreshLimitsBanding50Decoder limits50 = new MDIncrementalRefreshLimitsBanding50Decoder();
    private final MDIncrementalRefreshSessionStatistics35Decoder session35 =
        new MDIncrementalRefreshSessionStatistics35Decoder();
    private final MDIncrementalRefreshSessionStatistics51Decoder session51 =
        new MDIncrementalRefreshSessionStatistics51Decoder();
    private final SnapshotFullRefresh38Decoder snapshot38 = new SnapshotFullRefresh38Decoder();
    private final SnapshotFullRefresh52Decoder snapshot52 = new SnapshotFullRefresh52Decoder();
    private final SnapshotFullRefreshOrderBook44Decoder orderSnapshot44 = new SnapshotFullRefreshOrderBook44Decoder();
    private final SnapshotFullRefreshOrderBook53Decoder orderSnapshot53 = new SnapshotFullRefreshOrderBook53Decoder();

    /**
     * Validates the packet and, when it is valid, dispatches its messages.
     *
     * @param buffer  packet bytes.
     * @param offset  packet start.
     * @param length  packet length.
     * @param handler receives the messages.
     * @return {@link #OK}, or the reason the packet was refused (nothing dispatched).
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final MdpMessageHandler handler)
    {
        final int result = check(buffer, offset, length);
        if (result == OK)
        {
            dispatchValidated(buffer, offset, length, handler);
        }
        return result;
    }

    /**
     * Validates a packet and counts it, without dispatching: the first half of {@link #decode}, for a caller that
     * dispatches later (after sequencing) with {@link #dispatchValidated}.
     *
     * @param buffer packet bytes.
     * @param offset packet start.
     * @param length packet length.
     * @return {@link #OK}, or the reason the packet is refused (counted).
     */
    public int check(final DirectBuffer buffer, final int offset, final int length)
    {
        packets++;
        final int result = validate(buffer, offset, length);
        if (result != OK)
        {
            refusedByReason[result]++;
        }
        return result;
    }

    /**
     * Dispatches the messages of a packet that {@link #validate} accepted (and that has not changed since); the
     * second half of {@link #decode}. Counts messages per template.
     *
     * @param buffer  packet bytes.
     * @param offset  packet start.
     * @param length  packet length.
     * @param handler receives the messages.
     */
    public void dispatchValidated(
        final DirectBuffer buffer, final int offset, final int length, final MdpMessageHandler handler)
    {
        final int end = offset + length;
        int position = offset + HEADER_LENGTH;
        while (position < end)
        {
            final int size = buffer.getShort(position, BYTE_ORDER) & 0xFFFF;
            final int blockLength = buffer.getShort(position + 2, BYTE_ORDER) & 0xFFFF;
            final int templateId = buffer.getShort(position + 4, BYTE_ORDER) & 0xFFFF;
            final int version = buffer.getShort(position + 8, BYTE_ORDER) & 0xFFFF;
            if (layout.isKnown(templateId))
            {
                messagesByTemplate[templateId]++;
                newerVersions += version > layout.schemaVersion() ? 1 : 0;
                dispatch(buffer, position + MESSAGE_PREFIX_LENGTH, blockLength, templateId, version, handler);
            }
            else
            {
                unknownTemplates++;
            }
            position += size;
        }
    }

    private void dispatch(
        final DirectBuffer buffer,
        final int at,
        final int blockLength,
        final int templateId,
        final int version,
        final MdpMessageHandler handler)
    {
        switch (templateId)
        {
            case ChannelReset4Decoder.TEMPLATE_ID:
                handler.onChannelReset(channelReset.wrap(buffer, at, blockLength, version));
                break;
            case 12:
                handler.onHeartbeat();
                break;
            case MDInstrumentDefinitionFuture27Decoder.TEMPLATE_ID:
                handler.onDefinitionFuture(future27.wrap(buffer, at, blockLength, version));
                break;
            case MDInstrumentDefinitionSpread29Decoder.TEMPLATE_ID:
                handler.onDefinitionSpread(spread29.wrap(buffer, at, blockLength, version));
                break;
            case SecurityStatus30Decoder.TEMPLATE_ID:
                handler.onSecurityStatus(status30.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshBook32Decoder.TEMPLATE_ID:
                handler.onBook(book32.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshDailyStatistics33Decoder.TEMPLATE_ID:
                handler.onDailyStatistics(daily33.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshLimitsBanding34Decoder.TEMPLATE_ID:
                handler.onLimitsBanding(limits34.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshSessionStatistics35Decoder.TEMPLATE_ID:
                handler.onSessionStatistics(session35.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshVolume37Decoder.TEMPLATE_ID:
                handler.onVolume(volume37.wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefresh38Decoder.TEMPLATE_ID:
                handler.onSnapshot(snapshot38.wrap(buffer, at, blockLength, version));
                break;
            case MDInstrumentDefinitionOption41Decoder.TEMPLATE_ID:
                handler.onDefinitionOption(option41.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshTradeSummary42Decoder.TEMPLATE_ID:
                handler.onTradeSummary(trade42.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshOrderBook43Decoder.TEMPLATE_ID:
                handler.onOrderBook(orders43.wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefreshOrderBook44Decoder.TEMPLATE_ID:
                handler.onOrderSnapshot(orderSnapshot44.wrap(buffer, at, blockLength, version));
                break;
            default:
                dispatchV9(buffer, at, blockLength, templateId, version, handler);
                break;
        }
    }

    private void dispatchV9(
        final DirectBuffer buffer,
        final int at,
        final int blockLength,
        final int templateId,
        final int version,
        final MdpMessageHandler handler)
    {
        switch (templateId)
        {
            case MDIncrementalRefreshBook46Decoder.TEMPLATE_ID:
                handler.onBook(book46.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshOrderBook47Decoder.TEMPLATE_ID:
                handler.onOrderBook(orders47.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshTradeSummary48Decoder.TEMPLATE_ID:
                handler.onTradeSummary(trade48.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshDailyStatistics49Decoder.TEMPLATE_ID:
                handler.onDailyStatistics(daily49.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshLimitsBanding50Decoder.TEMPLATE_ID:
                handler.onLimitsBanding(limits50.wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshSessionStatistics51Decoder.TEMPLATE_ID:
                handler.onSessionStatistics(session51.wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefresh52Decoder.TEMPLATE_ID:
                handler.onSnapshot(snapshot52.wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefreshOrderBook53Decoder.TEMPLATE_ID:
                handler.onOrderSnapshot(orderSnapshot53.wrap(buffer, at, blockLength, version));
                break;
            case MDInstrumentDefinitionFuture54Decoder.TEMPLATE_ID:
                handler.onDefinitionFuture(future54.wrap(buffer, at, blockLength, version));
                break;
            case MDInstrumentDefinitionOption55Decoder.TEMPLATE_ID:
                handler.onDefinitionOption(option55.wrap(buffer, at, blockLength, version));
                break;
            case MDInstrumentDefinitionSpread56Decoder.TEMPLATE_ID:
                handler.onDefinitionSpread(spread56.wrap(buffer, at, blockLength, version));
                break;
            default:
                handler.onOtherMessage(templateId, version);
                break;
        }
    }

    /**
     * Checks a whole packet without dispatching anything.
     *
     * @param buffer packet bytes.
     * @param offset packet start.
     * @param length packet length.
     * @return {@link #OK} or the first reason found.
     */
    public int validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return SHORT_PACKET;
        }
        final int end = offset + length;
        int position = offset + HEADER_LENGTH;
        while (position < end)
        {
            if (end - position < MESSAGE_PREFIX_LENGTH)
            {
                return end - position < MSG_SIZE_LENGTH ? TRAILING_BYTES : MESSAGE_SIZE;
            }
            final int size = buffer.getShort(position, BYTE_ORDER) & 0xFFFF;
            if (size < MESSAGE_PREFIX_LENGTH || size > end - position)
            {
                return MESSAGE_SIZE;
            }
            final int blockLength = buffer.getShort(position + 2, BYTE_ORDER) & 0xFFFF;
            final int templateId = buffer.getShort(position + 4, BYTE_ORDER) & 0xFFFF;
            final int schemaId = buffer.getShort(position + 6, BYTE_ORDER) & 0xFFFF;
            final int version = buffer.getShort(position + 8, BYTE_ORDER) & 0xFFFF;
            if (schemaId != SCHEMA_ID_VALUE)
            {
                return SCHEMA_ID;
            }
            if (layout.isKnown(templateId))
            {
                final int result = validateMessage(buffer, position + MESSAGE_PREFIX_LENGTH, blockLength, templateId,
                    version, position + size);
                if (result != OK)
                {
                    return result;
                }
            }
            position += size;
        }
        return OK;
    }

    private int validateMessage(
        final DirectBuffer buffer,
        final int at,
        final int blockLength,
        final int templateId,
        final int version,
        final int messageEnd)
    {
        if (version < Math.max(1, layout.sinceVersion(templateId)))
        {
            return VERSION;
        }
        if (blockLength < layout.requiredBlockLength(templateId, version) || blockLength > messageEnd - at)
        {
            return BLOCK_LENGTH;
        }
        int limit = at + blockLength;
        for (int group = 0, groups = layout.groupCount(templateId); group < groups; group++)
        {
            if (layout.groupSinceVersion(templateId, group) > version)
            {
                continue; // the version predates the group: absent, and the decoders read it as empty
            }
            final int headerLength = layout.groupHeaderLength(templateId, group);
            if (headerLength > messageEnd - limit)
            {
                return GROUP_HEADER;
            }
            final int entryLength = buffer.getShort(limit, BYTE_ORDER) & 0xFFFF;
            final int count = buffer.getByte(limit + headerLength - 1) & 0xFF;
            if (count > 0 && entryLength < layout.requiredEntryLength(templateId, group, version))
            {
                return GROUP_LENGTH;
            }
            limit += headerLength;
            if ((long)count * entryLength > messageEnd - limit)
            {
                return GROUP_LENGTH;
            }
            limit += count * entryLength;
        }
        return MdpValueChecks.check(this, buffer, at, blockLength, templateId, version);
    }

    MDIncrementalRefreshBook32Decoder book32()
    {
        return book32;
    }

    MDIncrementalRefreshBook46Decoder book46()
    {
        return book46;
    }

    MDIncrementalRefreshOrderBook43Decoder orders43()
    {
        return orders43;
    }

    MDIncrementalRefreshOrderBook47Decoder orders47()
    {
        return orders47;
    }

    MDIncrementalRefreshTradeSummary42Decoder trade42()
    {
        return trade42;
    }

    MDIncrementalRefreshTradeSummary48Decoder trade48()
    {
        return trade48;
    }

    SnapshotFullRefresh38Decoder snapshot38()
    {
        return snapshot38;
    }

    SnapshotFullRefresh52Decoder snapshot52()
    {
        return snapshot52;
    }

    SnapshotFullRefreshOrderBook44Decoder orderSnapshot44()
    {
        return orderSnapshot44;
    }

    SnapshotFullRefreshOrderBook53Decoder orderSnapshot53()
    {
        return orderSnapshot53;
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
     * @return packets seen by {@link #decode}.
     */
    public long packets()
    {
        return packets;
    }

    /**
     * @return packets refused, any reason.
     */
    public long refused()
    {
        long total = 0;
        for (final long n : refusedByReason)
        {
            total += n;
        }
        return total;
    }

    /**
     * @param reason a result code other than {@link #OK}.
     * @return packets refused for it.
     */
    public long refused(final int reason)
    {
        return refusedByReason[reason];
    }

    /**
     * @param templateId a template id.
     * @return messages of it dispatched.
     */
    public long messages(final int templateId)
    {
        return templateId >= 0 && templateId < messagesByTemplate.length ? messagesByTemplate[templateId] : 0;
    }

    /**
     * @return messages of templates the schema does not know, skipped.
     */
    public long unknownTemplates()
    {
        return unknownTemplates;
    }

    /**
     * @return messages of versions newer than the schema's, decoded by the fields the schema knows.
     */
    public long newerVersions()
    {
        return newerVersions;
    }
}
