package io.ticklane.stream;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;

import java.util.ArrayList;
import java.util.List;

/** Records every book event as a line (the end of an event and the packet context excepted). */
final class RecordingHandler implements BookEventHandler
{
    final List<String> events = new ArrayList<>();

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
    }

    public int onDefinition(final InstrumentDefinition d)
    {
        events.add("def " + d.instrumentId() + " " + d.symbol() + " " + d.tickSize() + " " + d.priceExponent() + " " +
            d.referencePrice() + " " + d.bandTicks() + " " + d.books() + " " + d.depth() + " " + d.impliedDepth());
        return DELIVERED;
    }

    public int onAdd(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        events.add("add " + id + " " + orderId + " " + side + " " + price + " " + quantity);
        return DELIVERED;
    }

    public int onModify(final int id, final long orderId, final long price, final long quantity)
    {
        events.add("modify " + id + " " + orderId + " " + price + " " + quantity);
        return DELIVERED;
    }

    public int onDelete(final int id, final long orderId)
    {
        events.add("delete " + id + " " + orderId);
        return DELIVERED;
    }

    public int onExecute(final int id, final long orderId, final long quantity)
    {
        events.add("execute " + id + " " + orderId + " " + quantity);
        return DELIVERED;
    }

    public int onTrade(final int id, final long price, final long quantity, final int aggressorSide)
    {
        events.add("trade " + id + " " + price + " " + quantity + " " + aggressorSide);
        return DELIVERED;
    }

    public int onClear(final int id)
    {
        events.add("clear " + id);
        return DELIVERED;
    }

    public int onSnapshotBegin(final int id, final long lastSequence, final long count)
    {
        events.add("venue-snapshot-begin " + id + " " + lastSequence + " " + count);
        return DELIVERED;
    }

    public int onSnapshotOrder(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        events.add("venue-snapshot-order " + id + " " + orderId + " " + side + " " + price + " " + quantity);
        return DELIVERED;
    }

    public int onSnapshotEnd(final int id, final long lastSequence)
    {
        events.add("venue-snapshot-end " + id + " " + lastSequence);
        return DELIVERED;
    }

    public int onLevel(final int id, final int book, final int side, final int action, final int level,
        final long price, final long quantity, final int orderCount)
    {
        events.add("level " + id + " " + book + " " + side + " " + action + " " + level + " " + price + " " +
            quantity + " " + orderCount);
        return DELIVERED;
    }

    public int onTradingStatus(final int id, final int status)
    {
        events.add("status " + id + " " + status);
        return DELIVERED;
    }

    public void onStale(final int id)
    {
        events.add("stale " + id);
    }

    public void onLive(final int id)
    {
        events.add("live " + id);
    }

    public void onEndOfEvent()
    {
    }
}
