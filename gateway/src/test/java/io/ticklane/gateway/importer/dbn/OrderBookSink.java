package io.ticklane.gateway.importer.dbn;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookResult;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.LevelAction;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test sink: applies normalized events to one {@link LadderOrderBook} per order-by-order instrument, and keeps a
 * plain list of levels per side for market-by-price instruments (enough to check the DBN translator; the engine's
 * applier is the real thing). Counts events by kind and refusals.
 */
final class OrderBookSink implements BookEventHandler
{
    final Map<Integer, LadderOrderBook> books = new HashMap<>();
    final Map<Integer, List<long[]>[]> levels = new HashMap<>();
    final OrderPool pool = new OrderPool(1 << 16);
    long adds;
    long modifies;
    long deletes;
    long executes;
    long trades;
    long tradeQuantity;
    long clears;
    long levelEvents;
    long endsOfEvent;
    long refused;
    long lastSendNs;
    long lastReceiveNs;

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        lastSendNs = sendTimeNs;
        lastReceiveNs = receiveTimeNs;
    }

    @SuppressWarnings("unchecked")
    public int onDefinition(final InstrumentDefinition d)
    {
        if (d.books() == InstrumentDefinition.BOOK_ORDERS)
        {
            books.put(d.instrumentId(), new LadderOrderBook(
                d.instrumentId(), d.tickSize(), d.referencePrice(), d.bandTicks(), pool));
        }
        else
        {
            levels.put(d.instrumentId(), new List[]{new ArrayList<long[]>(), new ArrayList<long[]>()});
        }
        return DELIVERED;
    }

    private void result(final int result)
    {
        if (result != BookResult.OK)
        {
            refused++;
        }
    }

    public int onAdd(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        adds++;
        result(books.get(id).add(orderId, side, price, quantity));
        return DELIVERED;
    }

    public int onModify(final int id, final long orderId, final long price, final long quantity)
    {
        modifies++;
        result(books.get(id).modify(orderId, price, quantity));
        return DELIVERED;
    }

    public int onDelete(final int id, final long orderId)
    {
        deletes++;
        result(books.get(id).delete(orderId));
        return DELIVERED;
    }

    public int onExecute(final int id, final long orderId, final long quantity)
    {
        executes++;
        result(books.get(id).execute(orderId, quantity));
        return DELIVERED;
    }

    public int onTrade(final int id, final long price, final long quantity, final int aggressorSide)
    {
        trades++;
        tradeQuantity += quantity;
        return DELIVERED;
    }

    public int onClear(final int id)
    {
        clears++;
        if (books.containsKey(id))
        {
            books.get(id).clear();
        }
        else
        {
            levels.get(id)[0].clear();
            levels.get(id)[1].clear();
        }
        return DELIVERED;
    }

    public int onSnapshotBegin(final int id, final long lastSequence, final long count)
    {
        return onClear(id);
    }

    public int onSnapshotOrder(final int id, final long orderId, final int side, final long price, final long qty)
    {
        return onAdd(id, orderId, side, price, qty);
    }

    public int onSnapshotEnd(final int id, final long lastSequence)
    {
        return DELIVERED;
    }

    public int onLevel(
        final int id, final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        levelEvents++;
        final List<long[]> list = levels.get(id)[side];
        switch (action)
        {
            case LevelAction.NEW -> list.add(level - 1, new long[]{price, quantity, orderCount});
            case LevelAction.OVERLAY, LevelAction.CHANGE -> list.set(level - 1, new long[]{price, quantity, orderCount});
            case LevelAction.DELETE -> list.remove(level - 1);
            default -> throw new AssertionError("unexpected level action " + action);
        }
        return DELIVERED;
    }

    public int onTradingStatus(final int id, final int status)
    {
        return DELIVERED;
    }

    public void onStale(final int id)
    {
    }

    public void onLive(final int id)
    {
    }

    public void onEndOfEvent()
    {
        endsOfEvent++;
    }

    static String sideName(final int side)
    {
        return Side.name(side);
    }
}
