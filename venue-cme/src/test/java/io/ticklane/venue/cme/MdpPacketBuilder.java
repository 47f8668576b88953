package io.ticklane.venue.cme;

import io.ticklane.venue.cme.sbe.AdminHeartbeat12Encoder;
import io.ticklane.venue.cme.sbe.AggressorSide;
import io.ticklane.venue.cme.sbe.ChannelReset4Encoder;
import io.ticklane.venue.cme.sbe.MDEntryType;
import io.ticklane.venue.cme.sbe.MDEntryTypeBook;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook32Encoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook46Encoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook47Encoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary48Encoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshVolume37Encoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture54Encoder;
import io.ticklane.venue.cme.sbe.MDUpdateAction;
import io.ticklane.venue.cme.sbe.MessageHeaderEncoder;
import io.ticklane.venue.cme.sbe.OrderUpdateAction;
import io.ticklane.venue.cme.sbe.SecurityStatus30Encoder;
import io.ticklane.venue.cme.sbe.SecurityTradingStatus;
import io.ticklane.venue.cme.sbe.SecurityUpdateAction;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh52Encoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook53Encoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.ticklane.venue.cme.MdpPacketDescriptor.BYTE_ORDER;

/**
 * Test-only MDP 3.0 encoder over the generated codecs: builds one packet (MsgSeqNum, SendingTime, then messages
 * each with its MsgSize) at a time. Prices are the wire's: 9 decimals for version-9 templates, 7 for template 32.
 */
final class MdpPacketBuilder
{
    static final short EOE = 0x80;

    /** A price-level entry of 32 or 46. */
    static final class Level
    {
        final int securityId;
        final long rptSeq;
        final char type;
        final int action;
        final int level;
        final long price;
        final int size;
        final int orders;

        Level(final int securityId, final long rptSeq, final char type, final int action, final int level,
            final long price, final int size, final int orders)
        {
            this.securityId = securityId;
            this.rptSeq = rptSeq;
            this.type = type;
            this.action = action;
            this.level = level;
            this.price = price;
            this.size = size;
            this.orders = orders;
        }

        public String toString()
        {
            return securityId + "#" + rptSeq + " " + type + " " + action + " L" + level + " " + size + "@" + price;
        }
    }

    /** An order entry: of 47 (security, price, side own), or of 46's order group (reference to a level entry). */
    static final class Order
    {
        final int securityId;
        final long orderId;
        final long priority;
        final long price;
        final int quantity;
        final char side;
        final int action;
        final int reference;

        Order(final int securityId, final long orderId, final long priority, final long price, final int quantity,
            final char side, final int action, final int reference)
        {
            this.securityId = securityId;
            this.orderId = orderId;
            this.priority = priority;
            this.price = price;
            this.quantity = quantity;
            this.side = side;
            this.action = action;
            this.reference = reference;
        }
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MdpPacketDescriptor.MAX_PACKET_LENGTH));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private int limit;

    MdpPacketBuilder begin(final long msgSeqNum, final long sendingTimeNs)
    {
        buffer.putInt(0, (int)msgSeqNum, BYTE_ORDER);
        buffer.putLong(4, sendingTimeNs, BYTE_ORDER);
        limit = MdpPacketDescriptor.HEADER_LENGTH;
        return this;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return limit;
    }

    byte[] bytes()
    {
        final byte[] bytes = new byte[limit];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private int messageStart()
    {
        return limit + MdpPacketDescriptor.MSG_SIZE_LENGTH;
    }

    private void messageEnd(final int encodedLength)
    {
        final int size = MdpPacketDescriptor.MESSAGE_PREFIX_LENGTH + encodedLength;
        buffer.putShort(limit, (short)size, BYTE_ORDER);
        limit += size;
    }

    MdpPacketBuilder heartbeat()
    {
        final AdminHeartbeat12Encoder m = new AdminHeartbeat12Encoder().wrapAndApplyHeader(buffer, messageStart(), header);
        messageEnd(m.encodedLength());
        return this;
    }

    MdpPacketBuilder channelReset(final short indicator, final int channelId)
    {
        final ChannelReset4Encoder m = new ChannelReset4Encoder().wrapAndApplyHeader(buffer, messageStart(), header);
        m.transactTime(1);
        buffer.putByte(m.offset() + 8, (byte)indicator);
        m.noMDEntriesCount(1).next().applID((short)channelId);
        messageEnd(m.encodedLength());
        return this;
    }

    MdpPacketBuilder book46(final short indicator, final Level[] levels, final Order... orders)
    {
        final MDIncrementalRefreshBook46Encoder m = new MDIncrementalRefreshBook46Encoder()
            .wrapAndApplyHeader(buffer, messageStart(), header);
        m.transactTime(2);
        buffer.putByte(m.offset() + 8, (byte)indicator);
        final MDIncrementalRefreshBook46Encoder.NoMDEntriesEncoder e = m.noMDEntriesCount(levels.length);
        for (final Level l : levels)
        {
            e.next();
            e.mDEntryPx().mantissa(l.price);
            e.mDEntrySize(l.size).securityID(l.securityId).rptSeq(l.rptSeq).numberOfOrders(l.orders)
                .mDPriceLevel((short)l.level).mDUpdateAction(MDUpdateAction.get((short)l.action))
                .mDEntryType(MDEntryTypeBook.get((byte)l.type));
        }
        final MDIncrementalRefreshBook46Encoder.NoOrderIDEntriesEncoder o = m.noOrderIDEntriesCount(orders.length);
        for (final Order order : orders)
        {
            o.next().orderID(order.orderId).mDOrderPriority(order.priority).mDDisplayQty(order.quantity)
                .referenceID((short)order.reference).orderUpdateAction(OrderUpdateAction.get((short)order.action));
        }
        messageEnd(m.encodedLength());
        return this;
    }

    /** Template 32 as version 8 sends it (7-decimal prices), decoded through the v9 schema. */
    MdpPacketBuilder book32(final short indicator, final Level... levels)
    {
        final int start = messageStart();
        final MDIncrementalRefreshBook32Encoder m = new MDIncrementalRefreshBook32Encoder()
            .wrapAndApplyHeader(buffer, start, header);
        m.transactTime(2);
        buffer.putByte(m.offset() + 8, (byte)indicator);
        final MDIncrementalRefreshBook32Encoder.NoMDEntriesEncoder e = m.noMDEntriesCount(levels.length);
        for (final Level l : levels)
        {
            e.next();
            e.mDEntryPx().mantissa(l.price);
            e.mDEntrySize(l.size).securityID(l.securityId).rptSeq(l.rptSeq).numberOfOrders(l.orders)
                .mDPriceLevel((short)l.level).mDUpdateAction(MDUpdateAction.get((short)l.action))
                .mDEntryType(MDEntryTypeBook.get((byte)l.type));
        }
        m.noOrderIDEntriesCount(0);
        header.version(8);
        messageEnd(m.encodedLength());
        return this;
    }

    MdpPacketBuilder orders47(final short indicator, final Order... orders)
    {
        final MDIncrementalRefreshOrderBook47Encoder m = new MDIncrementalRefreshOrderBook47Encoder()
            .wrapAndApplyHeader(buffer, messageStart(), header);
        m.transactTime(3);
        buffer.putByte(m.offset() + 8, (byte)indicator);
        final MDIncrementalRefreshOrderBook47Encoder.NoMDEntriesEncoder e = m.noMDEntriesCount(orders.length);
        for (final Order o : orders)
        {
            e.next().orderID(o.orderId).mDOrderPriority(o.priority);
            e.mDEntryPx().mantissa(o.price);
            e.mDDisplayQty(o.quantity).securityID(o.securityId).mDUpdateAction(MDUpdateAction.get((short)o.action))
                .mDEntryType(MDEntryTypeBook.get((byte)o.side));
        }
        messageEnd(m.encodedLength());
        return this;
    }

    MdpPacketBuilder trade48(
        final short indicator, final int securityId, final long rptSeq, final long price, final int size,
        final int aggressor)
    {
        final MDIncrementalRefreshTradeSummary48Encoder m = new MDIncrementalRefreshTradeSummary48Encoder()
            .wrapAndApplyHeader(buffer, messageStart(), header);
        m.transactTime(4);
        buffer.putByte(m.offset() + 8, (byte)indicator);
        final MDIncrementalRefreshTradeSummary48Encoder.NoMDEntriesEncoder e = m.noMDEntriesCount(1);
        e.next().mDEntryPx().mantissa(price);
        e.mDEntrySize(size).securityID(securityId).rptSeq(rptSeq).numberOfOrders(2)
            .aggressorSide(AggressorSide.get((short)aggressor)).mDUpdateAction(MDUpdateAction.New).mDTradeEntryID(7);
        m.noOrderIDEntriesCount(0);
        messageEnd(m.encodedLength());
        return this;
    }

    MdpPacketBuilder volume37(final short indicator, final int securityId, final long rptSeq, final int volume)
    {
        final MDIncrementalRefreshVolume37Encoder m = new MDIncrementalRefreshVolume37Encoder()
            .wrapAndApplyHeader(buffer, messageStart(), header);
        m.transactTime(5);
        buffer.putByte(m.offset() + 8, (byte)indicator);
        m.noMDEntriesCount(1).next().mDEntrySize(volume).securityID(securityId).rptSeq(rptSeq)
            .mDUpdateAction(MDUpdateAction.New);
        messageEnd(m.encodedLength());
        return this;
    }

    MdpPacketBuilder status30(final short indicator, final int securityId, final String group, final int status)
    {
        final SecurityStatus30Encoder m = new SecurityStatus30Encoder().wrapAndApplyHeader(buffer, messageStart(),
            header);
        m.transactTime(6).securityGroup(group).asset("").securityID(securityId).tradeDate(17000);
        buffer.putByte(m.offset() + 26, (byte)indicator);
        m.securityTradingStatus(SecurityTradingStatus.get((short)status));
        buffer.putByte(m.offset() + 28, (byte)0);
        buffer.putByte(m.offset() + 29, (byte)0);
        messageEnd(m.encodedLength());
        return this;
    }

    MdpPacketBuilder definition54(
        final int securityId, final String symbol, final String group, final long tick9, final int depth,
        final int impliedDepth)
    {
        final MDInstrumentDefinitionFuture54Encoder m = new MDInstrumentDefinitionFuture54Encoder()
            .wrapAndApplyHeader(buffer, messageStart(), header);
        buffer.setMemory(m.offset(), MDInstrumentDefinitionFuture54Encoder.BLOCK_LENGTH, (byte)0);
        buffer.putByte(m.offset(), (byte)EOE);
        m.totNumReports(1).securityUpdateAction(SecurityUpdateAction.Add).lastUpdateTime(1)
            .securityGroup(group).asset(group).symbol(symbol).securityID(securityId);
        m.minPriceIncrement().mantissa(tick9);
        m.displayFactor().mantissa(1_000_000_000L);
        m.noEventsCount(0);
        final MDInstrumentDefinitionFuture54Encoder.NoMDFeedTypesEncoder feeds =
            m.noMDFeedTypesCount(impliedDepth > 0 ? 2 : 1);
        feeds.next().mDFeedType("GBX").marketDepth((byte)depth);
        if (impliedDepth > 0)
        {
            feeds.next().mDFeedType("GBI").marketDepth((byte)impliedDepth);
        }
        m.noInstAttribCount(0);
        m.noLotTypeRulesCount(0);
        messageEnd(m.encodedLength());
        return this;
    }

    /** A market-by-price snapshot; each level: type, level, price, size, orders. */
    MdpPacketBuilder snapshot52(
        final long lastMsgSeqNum, final long rptSeq, final int securityId, final int status, final Level... levels)
    {
        final SnapshotFullRefresh52Encoder m = new SnapshotFullRefresh52Encoder()
            .wrapAndApplyHeader(buffer, messageStart(), header);
        m.lastMsgSeqNumProcessed(lastMsgSeqNum).totNumReports(1).securityID(securityId).rptSeq(rptSeq)
            .transactTime(7).lastUpdateTime(7).tradeDate(17000)
            .mDSecurityTradingStatus(SecurityTradingStatus.get((short)status));
        m.highLimitPrice().mantissa(Long.MAX_VALUE);
        m.lowLimitPrice().mantissa(Long.MAX_VALUE);
        m.maxPriceVariation().mantissa(Long.MAX_VALUE);
        final SnapshotFullRefresh52Encoder.NoMDEntriesEncoder e = m.noMDEntriesCount(levels.length + 1);
        for (final Level l : levels)
        {
            e.next().mDEntryPx().mantissa(l.price);
            e.mDEntrySize(l.size).numberOfOrders(l.orders).mDPriceLevel((byte)l.level)
                .tradingReferenceDate(17000).openCloseSettlFlag(io.ticklane.venue.cme.sbe.OpenCloseSettlFlag.NULL_VAL)
                .mDEntryType(MDEntryType.get((byte)l.type));
        }
        e.next().mDEntryPx().mantissa(123_000_000_000L); // a statistic (settlement price): not book content
        e.mDEntrySize(0).numberOfOrders(0).mDPriceLevel((byte)127).tradingReferenceDate(17000)
            .openCloseSettlFlag(io.ticklane.venue.cme.sbe.OpenCloseSettlFlag.NULL_VAL)
            .mDEntryType(MDEntryType.SettlementPrice);
        messageEnd(m.encodedLength());
        return this;
    }

    /** One chunk of a market-by-order snapshot. */
    MdpPacketBuilder snapshot53(
        final long lastMsgSeqNum, final int securityId, final int chunks, final int chunk, final Order... orders)
    {
        final SnapshotFullRefreshOrderBook53Encoder m = new SnapshotFullRefreshOrderBook53Encoder()
            .wrapAndApplyHeader(buffer, messageStart(), header);
        m.lastMsgSeqNumProcessed(lastMsgSeqNum).totNumReports(1).securityID(securityId).noChunks(chunks)
            .currentChunk(chunk).transactTime(8);
        final SnapshotFullRefreshOrderBook53Encoder.NoMDEntriesEncoder e = m.noMDEntriesCount(orders.length);
        for (final Order o : orders)
        {
            e.next().orderID(o.orderId).mDOrderPriority(o.priority);
            e.mDEntryPx().mantissa(o.price);
            e.mDDisplayQty(o.quantity).mDEntryType(MDEntryTypeBook.get((byte)o.side));
        }
        messageEnd(m.encodedLength());
        return this;
    }

    static Level level(final int securityId, final long rptSeq, final char type, final int action, final int level,
        final long price, final int size, final int orders)
    {
        return new Level(securityId, rptSeq, type, action, level, price, size, orders);
    }

    static Level[] levels(final Level... levels)
    {
        return Arrays.copyOf(levels, levels.length);
    }
}
