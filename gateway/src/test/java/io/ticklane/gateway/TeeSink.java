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

/**
 * Delivers everything a channel emits to two sinks (e.g. the fast book and the reference model) and counts the
 * events, so a test can tell whether a packet changed anything.
 */
final class TeeSink implements ChannelEventSink
{
    private final ChannelEventSink a;
    private final ChannelEventSink b;
    long events;

    TeeSink(final ChannelEventSink a, final ChannelEventSink b)
    {
        this.a = a;
        this.b = b;
    }

    public void beginPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        a.beginPacket(sequence, sendTimeNs, receiveTimeNs);
        b.beginPacket(sequence, sendTimeNs, receiveTimeNs);
    }

    public void onInstrumentStale(final int instrumentId)
    {
        events++;
        a.onInstrumentStale(instrumentId);
        b.onInstrumentStale(instrumentId);
    }

    public void onInstrumentLive(final int instrumentId)
    {
        events++;
        a.onInstrumentLive(instrumentId);
        b.onInstrumentLive(instrumentId);
    }

    public int takeDroppedInstrument()
    {
        return NONE;
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
    {
        events++;
        a.onInstrumentDefinition(m);
        b.onInstrumentDefinition(m);
    }

    public void onAddOrder(final AddOrderDecoder m)
    {
        events++;
        a.onAddOrder(m);
        b.onAddOrder(m);
    }

    public void onModifyOrder(final ModifyOrderDecoder m)
    {
        events++;
        a.onModifyOrder(m);
        b.onModifyOrder(m);
    }

    public void onDeleteOrder(final DeleteOrderDecoder m)
    {
        events++;
        a.onDeleteOrder(m);
        b.onDeleteOrder(m);
    }

    public void onExecuteOrder(final ExecuteOrderDecoder m)
    {
        events++;
        a.onExecuteOrder(m);
        b.onExecuteOrder(m);
    }

    public void onTrade(final TradeDecoder m)
    {
        events++;
        a.onTrade(m);
        b.onTrade(m);
    }

    public void onBookClear(final BookClearDecoder m)
    {
        events++;
        a.onBookClear(m);
        b.onBookClear(m);
    }

    public void onSnapshotBegin(final SnapshotBeginDecoder m)
    {
        events++;
        a.onSnapshotBegin(m);
        b.onSnapshotBegin(m);
    }

    public void onSnapshotOrder(final SnapshotOrderDecoder m)
    {
        events++;
        a.onSnapshotOrder(m);
        b.onSnapshotOrder(m);
    }

    public void onSnapshotOrders(final SnapshotOrdersDecoder m)
    {
        events++;
        a.onSnapshotOrders(m);
        m.sbeRewind(); // the group is iterated once per sink
        b.onSnapshotOrders(m);
    }

    public void onSnapshotEnd(final SnapshotEndDecoder m)
    {
        events++;
        a.onSnapshotEnd(m);
        b.onSnapshotEnd(m);
    }

    public void onHeartbeat(final HeartbeatDecoder m)
    {
        a.onHeartbeat(m);
        b.onHeartbeat(m);
    }
}
