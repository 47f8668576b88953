package io.ticklane.gateway;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;

/**
 * Delivers every normalized event to two sinks (e.g. the fast books and the reference model) and counts the book
 * events, so a test can tell whether a packet changed anything.
 */
final class TeeSink implements BookEventHandler
{
    private final BookEventHandler a;
    private final BookEventHandler b;
    long events;

    TeeSink(final BookEventHandler a, final BookEventHandler b)
    {
        this.a = a;
        this.b = b;
    }

    private int both(final int resultA, final int resultB)
    {
        events++;
        return resultA == DELIVERED && resultB == DELIVERED ? DELIVERED : BACK_PRESSURED;
    }

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        a.onPacket(sequence, sendTimeNs, receiveTimeNs);
        b.onPacket(sequence, sendTimeNs, receiveTimeNs);
    }

    public int onDefinition(final InstrumentDefinition d)
    {
        return both(a.onDefinition(d), b.onDefinition(d));
    }

    public int onAdd(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        return both(a.onAdd(id, orderId, side, price, quantity), b.onAdd(id, orderId, side, price, quantity));
    }

    public int onModify(final int id, final long orderId, final long price, final long quantity)
    {
        return both(a.onModify(id, orderId, price, quantity), b.onModify(id, orderId, price, quantity));
    }

    public int onDelete(final int id, final long orderId)
    {
        return both(a.onDelete(id, orderId), b.onDelete(id, orderId));
    }

    public int onExecute(final int id, final long orderId, final long quantity)
    {
        return both(a.onExecute(id, orderId, quantity), b.onExecute(id, orderId, quantity));
    }

    public int onTrade(final int id, final long price, final long quantity, final int aggressorSide)
    {
        return both(a.onTrade(id, price, quantity, aggressorSide), b.onTrade(id, price, quantity, aggressorSide));
    }

    public int onClear(final int id)
    {
        return both(a.onClear(id), b.onClear(id));
    }

    public int onSnapshotBegin(final int id, final long lastSequence, final long count)
    {
        return both(a.onSnapshotBegin(id, lastSequence, count), b.onSnapshotBegin(id, lastSequence, count));
    }

    public int onSnapshotOrder(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        return both(a.onSnapshotOrder(id, orderId, side, price, quantity),
            b.onSnapshotOrder(id, orderId, side, price, quantity));
    }

    public int onSnapshotEnd(final int id, final long lastSequence)
    {
        return both(a.onSnapshotEnd(id, lastSequence), b.onSnapshotEnd(id, lastSequence));
    }

    public int onLevel(
        final int id, final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        return both(a.onLevel(id, book, side, action, level, price, quantity, orderCount),
            b.onLevel(id, book, side, action, level, price, quantity, orderCount));
    }

    public int onTradingStatus(final int id, final int status)
    {
        return both(a.onTradingStatus(id, status), b.onTradingStatus(id, status));
    }

    public void onStale(final int id)
    {
        events++;
        a.onStale(id);
        b.onStale(id);
    }

    public void onLive(final int id)
    {
        events++;
        a.onLive(id);
        b.onLive(id);
    }

    public void onEndOfEvent()
    {
        a.onEndOfEvent();
        b.onEndOfEvent();
    }
}
