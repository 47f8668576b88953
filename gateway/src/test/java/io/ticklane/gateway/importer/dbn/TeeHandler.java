package io.ticklane.gateway.importer.dbn;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;

/**
 * Test helper: hands every event to two handlers.
 */
final class TeeHandler implements BookEventHandler
{
    private final BookEventHandler a;
    private final BookEventHandler b;

    TeeHandler(final BookEventHandler a, final BookEventHandler b)
    {
        this.a = a;
        this.b = b;
    }

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        a.onPacket(sequence, sendTimeNs, receiveTimeNs);
        b.onPacket(sequence, sendTimeNs, receiveTimeNs);
    }

    public int onDefinition(final InstrumentDefinition definition)
    {
        a.onDefinition(definition);
        return b.onDefinition(definition);
    }

    public int onAdd(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        a.onAdd(id, orderId, side, price, quantity);
        return b.onAdd(id, orderId, side, price, quantity);
    }

    public int onModify(final int id, final long orderId, final long price, final long quantity)
    {
        a.onModify(id, orderId, price, quantity);
        return b.onModify(id, orderId, price, quantity);
    }

    public int onDelete(final int id, final long orderId)
    {
        a.onDelete(id, orderId);
        return b.onDelete(id, orderId);
    }

    public int onExecute(final int id, final long orderId, final long quantity)
    {
        a.onExecute(id, orderId, quantity);
        return b.onExecute(id, orderId, quantity);
    }

    public int onTrade(final int id, final long price, final long quantity, final int aggressorSide)
    {
        a.onTrade(id, price, quantity, aggressorSide);
        return b.onTrade(id, price, quantity, aggressorSide);
    }

    public int onClear(final int id)
    {
        a.onClear(id);
        return b.onClear(id);
    }

    public int onSnapshotBegin(final int id, final long lastSequence, final long count)
    {
        a.onSnapshotBegin(id, lastSequence, count);
        return b.onSnapshotBegin(id, lastSequence, count);
    }

    public int onSnapshotOrder(final int id, final long orderId, final int side, final long price, final long qty)
    {
        a.onSnapshotOrder(id, orderId, side, price, qty);
        return b.onSnapshotOrder(id, orderId, side, price, qty);
    }

    public int onSnapshotEnd(final int id, final long lastSequence)
    {
        a.onSnapshotEnd(id, lastSequence);
        return b.onSnapshotEnd(id, lastSequence);
    }

    public int onLevel(final int id, final int book, final int side, final int action, final int level,
        final long price, final long quantity, final int orderCount)
    {
        a.onLevel(id, book, side, action, level, price, quantity, orderCount);
        return b.onLevel(id, book, side, action, level, price, quantity, orderCount);
    }

    public int onTradingStatus(final int id, final int status)
    {
        a.onTradingStatus(id, status);
        return b.onTradingStatus(id, status);
    }

    public void onStale(final int id)
    {
        a.onStale(id);
        b.onStale(id);
    }

    public void onLive(final int id)
    {
        a.onLive(id);
        b.onLive(id);
    }

    public void onEndOfEvent()
    {
        a.onEndOfEvent();
        b.onEndOfEvent();
    }
}
