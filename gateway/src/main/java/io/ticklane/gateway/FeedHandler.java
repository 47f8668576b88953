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
 * Receives validated messages from {@link FeedDecoder}. Each decoder is a flyweight over the packet, valid only
 * during the call. Called on the decoding thread.
 */
public interface FeedHandler
{
    void onInstrumentDefinition(InstrumentDefinitionDecoder message);

    void onAddOrder(AddOrderDecoder message);

    void onModifyOrder(ModifyOrderDecoder message);

    void onDeleteOrder(DeleteOrderDecoder message);

    void onExecuteOrder(ExecuteOrderDecoder message);

    void onTrade(TradeDecoder message);

    void onBookClear(BookClearDecoder message);

    void onSnapshotBegin(SnapshotBeginDecoder message);

    void onSnapshotOrder(SnapshotOrderDecoder message);

    /**
     * A packed group of snapshot orders; the handler iterates {@code message.orders()} once.
     *
     * @param message the message.
     */
    void onSnapshotOrders(SnapshotOrdersDecoder message);

    void onSnapshotEnd(SnapshotEndDecoder message);

    void onHeartbeat(HeartbeatDecoder message);
}
