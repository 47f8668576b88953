package io.ticklane.gateway;

import io.ticklane.book.BookResult;
import io.ticklane.book.OrderBook;
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
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Applies feed messages directly to books on the calling thread, without rings or agents: the sink of a
 * {@link FeedChannel} when replaying a journal into books, the way a file feed is checked against the reference
 * model, and the test oracle's input path.
 * Books are created by a {@link BookFactory} when their instrument is defined; a repeated identical definition
 * keeps the book. Messages for undefined instruments and book rejections are counted.
 */
public final class BookFeedHandler implements ChannelEventSink
{
    /**
     * Makes the book for a newly defined instrument.
     */
    @FunctionalInterface
    public interface BookFactory
    {
        /**
         * @param instrumentId   instrument.
         * @param tickSize       price increment.
         * @param referencePrice ladder centre.
         * @param bandTicks      ladder half-width.
         * @return a new empty book.
         */
        OrderBook newBook(int instrumentId, long tickSize, long referencePrice, int bandTicks);
    }

    private static final class Entry
    {
        final OrderBook book;
        final long tickSize;
        final long referencePrice;
        final int bandTicks;

        Entry(final OrderBook book, final long tickSize, final long referencePrice, final int bandTicks)
        {
            this.book = book;
            this.tickSize = tickSize;
            this.referencePrice = referencePrice;
            this.bandTicks = bandTicks;
        }
    }

    private final BookFactory factory;
    private final Int2ObjectHashMap<Entry> books = new Int2ObjectHashMap<>();
    private final long[] rejects = new long[BookResult.COUNT];
    private final org.agrona.collections.IntHashSet stale = new org.agrona.collections.IntHashSet();
    private long applied;
    private long undefined;

    /**
     * @param factory makes books on definition.
     */
    public BookFeedHandler(final BookFactory factory)
    {
        this.factory = factory;
    }

    /**
     * @param instrumentId instrument.
     * @return its book, or null when not defined.
     */
    public OrderBook book(final int instrumentId)
    {
        final Entry entry = books.get(instrumentId);
        return null == entry ? null : entry.book;
    }

    /**
     * @return events applied.
     */
    public long applied()
    {
        return applied;
    }

    /**
     * @return events rejected by a book, all reasons.
     */
    public long rejected()
    {
        long total = 0;
        for (final long r : rejects)
        {
            total += r;
        }
        return total;
    }

    /**
     * @return events for instruments never defined.
     */
    public long undefined()
    {
        return undefined;
    }

    private OrderBook bookFor(final int instrumentId)
    {
        final Entry entry = books.get(instrumentId);
        if (null == entry)
        {
            undefined++;
            return null;
        }
        return entry.book;
    }

    private void count(final int result)
    {
        if (result == BookResult.OK)
        {
            applied++;
        }
        else
        {
            rejects[result]++;
        }
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
    {
        final Entry existing = books.get(m.instrumentId());
        if (null == existing || existing.tickSize != m.tickSize() || existing.referencePrice != m.referencePrice() ||
            existing.bandTicks != m.bandTicks())
        {
            books.put(m.instrumentId(), new Entry(
                factory.newBook(m.instrumentId(), m.tickSize(), m.referencePrice(), m.bandTicks()),
                m.tickSize(), m.referencePrice(), m.bandTicks()));
        }
        applied++;
    }

    public void onAddOrder(final AddOrderDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        if (null != book)
        {
            count(book.add(m.orderId(), m.sideRaw(), m.price(), m.quantity()));
        }
    }

    public void onModifyOrder(final ModifyOrderDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        if (null != book)
        {
            count(book.modify(m.orderId(), m.price(), m.quantity()));
        }
    }

    public void onDeleteOrder(final DeleteOrderDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        if (null != book)
        {
            count(book.delete(m.orderId()));
        }
    }

    public void onExecuteOrder(final ExecuteOrderDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        if (null != book)
        {
            count(book.execute(m.orderId(), m.executedQuantity()));
        }
    }

    public void onTrade(final TradeDecoder m)
    {
        if (null != bookFor(m.instrumentId()))
        {
            applied++;
        }
    }

    public void onBookClear(final BookClearDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        if (null != book)
        {
            book.clear();
            applied++;
        }
    }

    public void onSnapshotBegin(final SnapshotBeginDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        if (null != book)
        {
            book.clear();
            applied++;
        }
    }

    public void onSnapshotOrder(final SnapshotOrderDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        if (null != book)
        {
            count(book.add(m.orderId(), m.sideRaw(), m.price(), m.quantity()));
        }
    }

    public void onSnapshotOrders(final SnapshotOrdersDecoder m)
    {
        final OrderBook book = bookFor(m.instrumentId());
        for (final SnapshotOrdersDecoder.OrdersDecoder order : m.orders())
        {
            if (null != book)
            {
                count(book.add(order.orderId(), order.sideRaw(), order.price(), order.quantity()));
            }
        }
    }

    public void onSnapshotEnd(final SnapshotEndDecoder m)
    {
        if (null != bookFor(m.instrumentId()))
        {
            applied++;
        }
    }

    public void onHeartbeat(final HeartbeatDecoder m)
    {
    }

    public void beginPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
    }

    public void onInstrumentStale(final int instrumentId)
    {
        stale.add(instrumentId);
    }

    public void onInstrumentLive(final int instrumentId)
    {
        stale.remove(instrumentId);
    }

    public int takeDroppedInstrument()
    {
        return NONE;
    }

    /**
     * @param instrumentId instrument.
     * @return true while the channel reports it stale.
     */
    public boolean isStale(final int instrumentId)
    {
        return stale.contains(instrumentId);
    }
}
