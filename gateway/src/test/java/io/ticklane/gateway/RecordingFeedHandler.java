package io.ticklane.gateway;

import io.ticklane.gateway.sbe.AddOrderDecoder;
import io.ticklane.gateway.sbe.BookClearDecoder;
import io.ticklane.gateway.sbe.DeleteOrderDecoder;
import io.ticklane.gateway.sbe.ExecuteOrderDecoder;
import io.ticklane.gateway.sbe.HeartbeatDecoder;
import io.ticklane.gateway.sbe.InstrumentDefinitionDecoder;
import io.ticklane.gateway.sbe.ModifyOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotBeginDecoder;
import io.ticklane.gateway.sbe.SnapshotEndDecoder;
import io.ticklane.gateway.sbe.SnapshotOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotOrdersDecoder;
import io.ticklane.gateway.sbe.TradeDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Test handler that renders every message as text, so decoded content can be compared with what was encoded.
 */
class RecordingFeedHandler implements FeedHandler
{
    final List<String> messages = new ArrayList<>();

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
    {
        messages.add("def " + m.transactTimeNs() + " " + m.instrumentId() + " " + m.symbol().trim() + " " +
            m.tickSize() + " " + m.priceExponent() + " " + m.referencePrice() + " " + m.bandTicks());
    }

    public void onAddOrder(final AddOrderDecoder m)
    {
        messages.add("add " + m.transactTimeNs() + " " + m.instrumentId() + " " + m.orderId() + " " + m.sideRaw() +
            " " + m.price() + " " + m.quantity());
    }

    public void onModifyOrder(final ModifyOrderDecoder m)
    {
        messages.add("mod " + m.transactTimeNs() + " " + m.instrumentId() + " " + m.orderId() + " " + m.price() +
            " " + m.quantity());
    }

    public void onDeleteOrder(final DeleteOrderDecoder m)
    {
        messages.add("del " + m.transactTimeNs() + " " + m.instrumentId() + " " + m.orderId());
    }

    public void onExecuteOrder(final ExecuteOrderDecoder m)
    {
        messages.add("exe " + m.transactTimeNs() + " " + m.instrumentId() + " " + m.orderId() + " " +
            m.executedQuantity() + " " + m.tradeId());
    }

    public void onTrade(final TradeDecoder m)
    {
        messages.add("trd " + m.transactTimeNs() + " " + m.instrumentId() + " " + m.tradeId() + " " + m.price() +
            " " + m.quantity() + " " + m.aggressorSideRaw());
    }

    public void onBookClear(final BookClearDecoder m)
    {
        messages.add("clr " + m.transactTimeNs() + " " + m.instrumentId());
    }

    public void onSnapshotBegin(final SnapshotBeginDecoder m)
    {
        messages.add("sb " + m.transactTimeNs() + " " + m.instrumentId() + " " + m.lastSequence() + " " +
            m.orderCount());
    }

    public void onSnapshotOrder(final SnapshotOrderDecoder m)
    {
        messages.add("so " + m.instrumentId() + " " + m.orderId() + " " + m.sideRaw() + " " + m.price() + " " +
            m.quantity());
    }

    public void onSnapshotOrders(final SnapshotOrdersDecoder m)
    {
        final StringBuilder sb = new StringBuilder("sos " + m.instrumentId());
        for (final SnapshotOrdersDecoder.OrdersDecoder o : m.orders())
        {
            sb.append(' ').append(o.orderId()).append('/').append(o.sideRaw()).append('/').append(o.price())
                .append('/').append(o.quantity());
        }
        messages.add(sb.toString());
    }

    public void onSnapshotEnd(final SnapshotEndDecoder m)
    {
        messages.add("se " + m.instrumentId() + " " + m.lastSequence());
    }

    public void onHeartbeat(final HeartbeatDecoder m)
    {
        messages.add("hb " + m.transactTimeNs());
    }
}
