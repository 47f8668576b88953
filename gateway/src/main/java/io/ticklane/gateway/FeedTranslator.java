package io.ticklane.gateway;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;
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
 * The own feed's messages as normalized book events: the one place that says which {@link BookEventHandler} call a
 * feed message is. Delivery results come back from the sink with each call; an event the sink could not take
 * ({@link BookEventHandler#BACK_PRESSURED}) is reported to the {@link BackPressure} callback at once, with its
 * instrument, so the session marks it stale.
 * <p>
 * Threading: the decoding thread. Allocation-free (one reused definition).
 */
public final class FeedTranslator implements FeedHandler
{
    /**
     * Hears each event the sink could not take.
     */
    @FunctionalInterface
    public interface BackPressure
    {
        /**
         * @param instrumentId the instrument whose event was lost to its book.
         */
        void onBackPressured(int instrumentId);
    }

    private final InstrumentDefinition definition = new InstrumentDefinition();
    private final byte[] symbol = new byte[InstrumentDefinition.MAX_SYMBOL_LENGTH];
    private final BookEventHandler sink;
    private final BackPressure backPressure;

    /**
     * @param sink         receives the normalized events.
     * @param backPressure hears each event the sink could not take.
     */
    public FeedTranslator(final BookEventHandler sink, final BackPressure backPressure)
    {
        this.sink = sink;
        this.backPressure = backPressure;
    }

    /**
     * @return the sink events go to.
     */
    public BookEventHandler sink()
    {
        return sink;
    }

    private void delivered(final int result, final int instrumentId)
    {
        if (result == BookEventHandler.BACK_PRESSURED)
        {
            backPressure.onBackPressured(instrumentId);
        }
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
    {
        final int length = Math.min(InstrumentDefinitionDecoder.symbolLength(), symbol.length);
        for (int i = 0; i < length; i++)
        {
            symbol[i] = m.symbol(i);
        }
        definition.reset()
            .instrumentId(m.instrumentId())
            .symbol(symbol, length)
            .tickSize(m.tickSize())
            .priceExponent(m.priceExponent())
            .referencePrice(m.referencePrice())
            .bandTicks(m.bandTicks())
            .books(InstrumentDefinition.BOOK_ORDERS);
        delivered(sink.onDefinition(definition), m.instrumentId());
    }

    public void onAddOrder(final AddOrderDecoder m)
    {
        delivered(sink.onAdd(m.instrumentId(), m.orderId(), m.sideRaw(), m.price(), m.quantity()), m.instrumentId());
    }

    public void onModifyOrder(final ModifyOrderDecoder m)
    {
        delivered(sink.onModify(m.instrumentId(), m.orderId(), m.price(), m.quantity()), m.instrumentId());
    }

    public void onDeleteOrder(final DeleteOrderDecoder m)
    {
        delivered(sink.onDelete(m.instrumentId(), m.orderId()), m.instrumentId());
    }

    public void onExecuteOrder(final ExecuteOrderDecoder m)
    {
        delivered(sink.onExecute(m.instrumentId(), m.orderId(), m.executedQuantity()), m.instrumentId());
    }

    public void onTrade(final TradeDecoder m)
    {
        delivered(sink.onTrade(m.instrumentId(), m.price(), m.quantity(), m.aggressorSideRaw()), m.instrumentId());
    }

    public void onBookClear(final BookClearDecoder m)
    {
        delivered(sink.onClear(m.instrumentId()), m.instrumentId());
    }

    public void onSnapshotBegin(final SnapshotBeginDecoder m)
    {
        delivered(sink.onSnapshotBegin(m.instrumentId(), m.lastSequence(), m.orderCount()), m.instrumentId());
    }

    public void onSnapshotOrder(final SnapshotOrderDecoder m)
    {
        delivered(sink.onSnapshotOrder(m.instrumentId(), m.orderId(), m.sideRaw(), m.price(), m.quantity()),
            m.instrumentId());
    }

    public void onSnapshotOrders(final SnapshotOrdersDecoder m)
    {
        final int instrumentId = m.instrumentId();
        for (final SnapshotOrdersDecoder.OrdersDecoder o : m.orders())
        {
            delivered(sink.onSnapshotOrder(instrumentId, o.orderId(), o.sideRaw(), o.price(), o.quantity()),
                instrumentId);
        }
    }

    public void onSnapshotEnd(final SnapshotEndDecoder m)
    {
        delivered(sink.onSnapshotEnd(m.instrumentId(), m.lastSequence()), m.instrumentId());
    }

    public void onHeartbeat(final HeartbeatDecoder m)
    {
    }
}
