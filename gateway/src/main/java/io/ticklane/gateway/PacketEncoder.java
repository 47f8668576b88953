package io.ticklane.gateway;

import io.ticklane.gateway.sbe.AddOrderEncoder;
import io.ticklane.gateway.sbe.AggressorSide;
import io.ticklane.gateway.sbe.BookClearEncoder;
import io.ticklane.gateway.sbe.DeleteOrderEncoder;
import io.ticklane.gateway.sbe.ExecuteOrderEncoder;
import io.ticklane.gateway.sbe.HeartbeatEncoder;
import io.ticklane.gateway.sbe.InstrumentDefinitionEncoder;
import io.ticklane.gateway.sbe.MessageHeaderEncoder;
import io.ticklane.gateway.sbe.ModifyOrderEncoder;
import io.ticklane.gateway.sbe.Side;
import io.ticklane.gateway.sbe.SnapshotBeginEncoder;
import io.ticklane.gateway.sbe.SnapshotEndEncoder;
import io.ticklane.gateway.sbe.SnapshotOrderEncoder;
import io.ticklane.gateway.sbe.SnapshotOrdersEncoder;
import io.ticklane.gateway.sbe.TradeEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Builds one feed packet at a time into a buffer: {@link #begin}, then one call per message, then {@link #length()}
 * bytes are ready to publish. Used by the simulator, the file importers and tests. Reuses its flyweights; one
 * instance per thread.
 */
public final class PacketEncoder
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final ModifyOrderEncoder modifyOrder = new ModifyOrderEncoder();
    private final DeleteOrderEncoder deleteOrder = new DeleteOrderEncoder();
    private final ExecuteOrderEncoder executeOrder = new ExecuteOrderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BookClearEncoder bookClear = new BookClearEncoder();
    private final SnapshotBeginEncoder snapshotBegin = new SnapshotBeginEncoder();
    private final SnapshotOrderEncoder snapshotOrder = new SnapshotOrderEncoder();
    private final SnapshotEndEncoder snapshotEnd = new SnapshotEndEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final SnapshotOrdersEncoder snapshotOrders = new SnapshotOrdersEncoder();
    private MutableDirectBuffer buffer;
    private int offset;
    private int position;
    private int messageCount;
    private int heartbeats;

    /**
     * @param buffer        destination; must have room for the packet.
     * @param offset        packet start.
     * @param channelId     channel.
     * @param flags         packet flags.
     * @param sequence      packet sequence.
     * @param sendingTimeNs send time (may be rewritten with {@link #sendingTimeNs(long)} just before publishing).
     * @param sessionId     the publisher's session id, not 0.
     * @return this.
     */
    public PacketEncoder begin(
        final MutableDirectBuffer buffer,
        final int offset,
        final int channelId,
        final int flags,
        final long sequence,
        final long sendingTimeNs,
        final int sessionId)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.position = offset + PacketHeaderDescriptor.HEADER_LENGTH;
        this.messageCount = 0;
        this.heartbeats = 0;
        PacketHeaderDescriptor.write(buffer, offset, channelId, 0, flags, sequence, sendingTimeNs, sessionId);
        return this;
    }

    /**
     * @param sendingTimeNs send time to stamp into the header.
     */
    public void sendingTimeNs(final long sendingTimeNs)
    {
        PacketHeaderDescriptor.sendingTimeNs(buffer, offset, sendingTimeNs);
    }

    /**
     * @return bytes of the packet so far.
     */
    public int length()
    {
        return position - offset;
    }

    /**
     * @return messages in the packet so far.
     */
    public int messageCount()
    {
        return messageCount;
    }

    /**
     * @return messages in the packet so far that are book events (all but heartbeats).
     */
    public int eventCount()
    {
        return messageCount - heartbeats;
    }

    private void next(final int encodedLength)
    {
        position += MessageHeaderEncoder.ENCODED_LENGTH + encodedLength;
        PacketHeaderDescriptor.messageCount(buffer, offset, ++messageCount);
    }

    public void instrumentDefinition(
        final long transactTimeNs,
        final int instrumentId,
        final CharSequence symbol,
        final long tickSize,
        final int priceExponent,
        final long referencePrice,
        final int bandTicks)
    {
        definition.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .tickSize(tickSize)
            .referencePrice(referencePrice)
            .instrumentId(instrumentId)
            .bandTicks(bandTicks)
            .priceExponent((byte)priceExponent)
            .symbol(symbol.toString());
        next(definition.encodedLength());
    }

    public void addOrder(
        final long transactTimeNs, final int instrumentId, final long orderId, final int side, final long price,
        final long quantity)
    {
        addOrder.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .instrumentId(instrumentId)
            .side(side == 0 ? Side.BUY : Side.SELL);
        next(addOrder.encodedLength());
    }

    public void modifyOrder(
        final long transactTimeNs, final int instrumentId, final long orderId, final long price, final long quantity)
    {
        modifyOrder.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .instrumentId(instrumentId);
        next(modifyOrder.encodedLength());
    }

    public void deleteOrder(final long transactTimeNs, final int instrumentId, final long orderId)
    {
        deleteOrder.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .orderId(orderId)
            .instrumentId(instrumentId);
        next(deleteOrder.encodedLength());
    }

    public void executeOrder(
        final long transactTimeNs, final int instrumentId, final long orderId, final long quantity, final long tradeId)
    {
        executeOrder.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .orderId(orderId)
            .executedQuantity(quantity)
            .tradeId(tradeId)
            .instrumentId(instrumentId);
        next(executeOrder.encodedLength());
    }

    /**
     * @param aggressorSide 0 buy, 1 sell, 2 none.
     */
    public void trade(
        final long transactTimeNs, final int instrumentId, final long tradeId, final long price, final long quantity,
        final int aggressorSide)
    {
        trade.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .tradeId(tradeId)
            .price(price)
            .quantity(quantity)
            .instrumentId(instrumentId)
            .aggressorSide(aggressorSide == 0 ? AggressorSide.BUY : aggressorSide == 1 ? AggressorSide.SELL :
                AggressorSide.NONE);
        next(trade.encodedLength());
    }

    public void bookClear(final long transactTimeNs, final int instrumentId)
    {
        bookClear.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .instrumentId(instrumentId);
        next(bookClear.encodedLength());
    }

    public void snapshotBegin(
        final long transactTimeNs, final int instrumentId, final long lastSequence, final int orderCount)
    {
        snapshotBegin.wrapAndApplyHeader(buffer, position, header)
            .transactTimeNs(transactTimeNs)
            .lastSequence(lastSequence)
            .instrumentId(instrumentId)
            .orderCount(orderCount);
        next(snapshotBegin.encodedLength());
    }

    public void snapshotOrder(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        snapshotOrder.wrapAndApplyHeader(buffer, position, header)
            .orderId(orderId)
            .price(price)
            .quantity(quantity)
            .instrumentId(instrumentId)
            .side(side == 0 ? Side.BUY : Side.SELL);
        next(snapshotOrder.encodedLength());
    }

    /**
     * Packs {@code count} orders, from index {@code from} of the arrays, into one SnapshotOrders message.
     *
     * @param instrumentId instrument.
     * @param orderIds     order ids.
     * @param sides        sides (0 buy, 1 sell).
     * @param prices       prices.
     * @param quantities   quantities.
     * @param from         first index.
     * @param count        orders to pack (at most 65535).
     */
    public void snapshotOrders(
        final int instrumentId,
        final long[] orderIds,
        final byte[] sides,
        final long[] prices,
        final long[] quantities,
        final int from,
        final int count)
    {
        final SnapshotOrdersEncoder.OrdersEncoder group = snapshotOrders.wrapAndApplyHeader(buffer, position, header)
            .instrumentId(instrumentId)
            .ordersCount(count);
        for (int i = from; i < from + count; i++)
        {
            group.next()
                .orderId(orderIds[i])
                .price(prices[i])
                .quantity(quantities[i])
                .side(sides[i] == 0 ? Side.BUY : Side.SELL);
        }
        next(snapshotOrders.encodedLength());
    }

    public void snapshotEnd(final int instrumentId, final long lastSequence)
    {
        snapshotEnd.wrapAndApplyHeader(buffer, position, header)
            .lastSequence(lastSequence)
            .instrumentId(instrumentId);
        next(snapshotEnd.encodedLength());
    }

    public void heartbeat(final long transactTimeNs)
    {
        heartbeat.wrapAndApplyHeader(buffer, position, header).transactTimeNs(transactTimeNs);
        heartbeats++;
        next(heartbeat.encodedLength());
    }
}
