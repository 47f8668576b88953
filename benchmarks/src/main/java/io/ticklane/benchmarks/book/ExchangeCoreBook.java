package io.ticklane.benchmarks.book;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import io.ticklane.book.Side;

/**
 * exchange-core's fastest order book ({@link OrderBookDirectImpl}: adaptive radix trees of price buckets and of
 * orders, pooled objects) driven with the operations that match a feed book's: an add is a GTC limit order that
 * does not cross, a delete is a cancel, a partial cancel is a reduce, and an execution of the front order of the
 * best level is an IOC order on the other side at that level's price (which fills that same order first, by time
 * priority). It is a matching engine's book, so it also produces trade/reduce events (allocated per event with its
 * non-pooled events helper, as in its own performance tests); they are dropped after each command. One thread.
 */
public final class ExchangeCoreBook
{
    private static final long UID = 1;
    private static final long IOC_ORDER_ID = Long.MAX_VALUE;

    private final IOrderBook book;
    private final OrderCommand command = new OrderCommand();

    public ExchangeCoreBook()
    {
        final CoreSymbolSpecification spec = CoreSymbolSpecification.builder()
            .symbolId(1)
            .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
            .baseCurrency(1)
            .quoteCurrency(2)
            .baseScaleK(1)
            .quoteScaleK(1)
            .takerFee(0)
            .makerFee(0)
            .build();
        book = new OrderBookDirectImpl(spec, ObjectsPool.createDefaultTestPool(),
            OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER, LoggingConfiguration.DEFAULT);
    }

    private static OrderAction action(final int side)
    {
        return side == Side.BID ? OrderAction.BID : OrderAction.ASK;
    }

    private void place(final OrderType type, final long orderId, final int side, final long price, final long size)
    {
        final OrderCommand c = command;
        c.command = OrderCommandType.PLACE_ORDER;
        c.orderType = type;
        c.orderId = orderId;
        c.uid = UID;
        c.price = price;
        c.reserveBidPrice = price;
        c.size = size;
        c.action = action(side);
        c.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
        c.matcherEvent = null;
        book.newOrder(c);
        c.matcherEvent = null;
    }

    /**
     * Applies event {@code i} of the tape.
     *
     * @param tape tape.
     * @param i    event index.
     * @return 0 on success, 1 when exchange-core refused it.
     */
    public int apply(final BookEventTape tape, final int i)
    {
        final OrderCommand c = command;
        final long[] events = tape.events;
        final int base = i * BookEventTape.EVENT_LONGS;
        final long header = events[base + BookEventTape.HEADER];
        final long orderId = events[base + BookEventTape.ORDER_ID];
        final int side = (int)(header >> 8) & 0xFF;
        switch ((int)header & 0xFF)
        {
            case BookEventTape.ADD:
                place(OrderType.GTC, orderId, side, events[base + BookEventTape.PRICE],
                    events[base + BookEventTape.QUANTITY]);
                return 0;
            case BookEventTape.DELETE:
            {
                c.command = OrderCommandType.CANCEL_ORDER;
                c.orderId = orderId;
                c.uid = UID;
                final CommandResultCode result = book.cancelOrder(c);
                c.matcherEvent = null;
                return result == CommandResultCode.SUCCESS ? 0 : 1;
            }
            case BookEventTape.REDUCE:
            {
                c.command = OrderCommandType.REDUCE_ORDER;
                c.orderId = orderId;
                c.uid = UID;
                c.size = header >>> 16;
                final CommandResultCode result = book.reduceOrder(c);
                c.matcherEvent = null;
                return result == CommandResultCode.SUCCESS ? 0 : 1;
            }
            default:
                place(OrderType.IOC, IOC_ORDER_ID, Side.opposite(side), events[base + BookEventTape.PRICE],
                    events[base + BookEventTape.QUANTITY]);
                return 0;
        }
    }

    /**
     * @return resting orders, both sides.
     */
    public int orderCount()
    {
        return book.getOrdersNum(OrderAction.BID) + book.getOrdersNum(OrderAction.ASK);
    }

    /**
     * @return total resting volume, both sides (to check the replay against the tape).
     */
    public long volume()
    {
        return book.getTotalOrdersVolume(OrderAction.BID) + book.getTotalOrdersVolume(OrderAction.ASK);
    }
}
