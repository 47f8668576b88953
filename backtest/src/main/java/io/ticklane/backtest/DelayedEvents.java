package io.ticklane.backtest;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Copies of normalized events on their way to the strategy's books, which see the market later than the exchange
 * does (the feed latency). Events are grouped by venue event; each group carries the local time it is received at,
 * and is replayed whole into a {@link BookEventHandler} when that time comes. Fixed-size records in parallel arrays
 * that grow by doubling; definitions (rare) are copied into a small pool. Single thread.
 */
final class DelayedEvents
{
    private static final int ADD = 1;
    private static final int MODIFY = 2;
    private static final int DELETE = 3;
    private static final int EXECUTE = 4;
    private static final int TRADE = 5;
    private static final int CLEAR = 6;
    private static final int SNAPSHOT_BEGIN = 7;
    private static final int SNAPSHOT_ORDER = 8;
    private static final int SNAPSHOT_END = 9;
    private static final int LEVEL = 10;
    private static final int STATUS = 11;
    private static final int STALE = 12;
    private static final int LIVE = 13;
    private static final int DEFINITION = 14;
    private static final int END = 15;

    private int[] types = new int[1024];
    private int[] instruments = new int[1024];
    private long[] ids = new long[1024];
    private long[] prices = new long[1024];
    private long[] quantities = new long[1024];
    private int[] extras = new int[1024];
    private int head;
    private int size;
    private final ArrayDeque<InstrumentDefinition> definitions = new ArrayDeque<>();
    private long[] groupTimes = new long[256];
    private int groupHead;
    private int groups;

    private void put(final int type, final int instrument, final long id, final long price, final long quantity,
        final int extra)
    {
        if (size == types.length)
        {
            grow();
        }
        final int i = (head + size++) & (types.length - 1);
        types[i] = type;
        instruments[i] = instrument;
        ids[i] = id;
        prices[i] = price;
        quantities[i] = quantity;
        extras[i] = extra;
    }

    private void grow()
    {
        final int n = types.length;
        types = unroll(types, n);
        instruments = unroll(instruments, n);
        ids = unroll(ids, n);
        prices = unroll(prices, n);
        quantities = unroll(quantities, n);
        extras = unroll(extras, n);
        head = 0;
    }

    private int[] unroll(final int[] a, final int n)
    {
        final int[] b = new int[n * 2];
        for (int j = 0; j < size; j++)
        {
            b[j] = a[(head + j) & (n - 1)];
        }
        return b;
    }

    private long[] unroll(final long[] a, final int n)
    {
        final long[] b = new long[n * 2];
        for (int j = 0; j < size; j++)
        {
            b[j] = a[(head + j) & (n - 1)];
        }
        return b;
    }

    void definition(final InstrumentDefinition d)
    {
        definitions.addLast(new InstrumentDefinition().copyFrom(d));
        put(DEFINITION, d.instrumentId(), 0, 0, 0, 0);
    }

    void add(final int instrument, final long orderId, final int side, final long price, final long qty)
    {
        put(ADD, instrument, orderId, price, qty, side);
    }

    void modify(final int instrument, final long orderId, final long price, final long qty)
    {
        put(MODIFY, instrument, orderId, price, qty, 0);
    }

    void delete(final int instrument, final long orderId)
    {
        put(DELETE, instrument, orderId, 0, 0, 0);
    }

    void execute(final int instrument, final long orderId, final long qty)
    {
        put(EXECUTE, instrument, orderId, 0, qty, 0);
    }

    void trade(final int instrument, final long price, final long qty, final int aggressor)
    {
        put(TRADE, instrument, 0, price, qty, aggressor);
    }

    void clear(final int instrument)
    {
        put(CLEAR, instrument, 0, 0, 0, 0);
    }

    void snapshotBegin(final int instrument, final long lastSequence, final long count)
    {
        put(SNAPSHOT_BEGIN, instrument, lastSequence, 0, count, 0);
    }

    void snapshotOrder(final int instrument, final long orderId, final int side, final long price, final long qty)
    {
        put(SNAPSHOT_ORDER, instrument, orderId, price, qty, side);
    }

    void snapshotEnd(final int instrument, final long lastSequence)
    {
        put(SNAPSHOT_END, instrument, lastSequence, 0, 0, 0);
    }

    void level(final int instrument, final int book, final int side, final int action, final int level,
        final long price, final long qty, final int count)
    {
        // book (1 bit), side (1 bit), action (4 bits), level (26 bits) in one int; count in the id field
        put(LEVEL, instrument, count, price, qty, book | side << 1 | action << 2 | level << 6);
    }

    void status(final int instrument, final int status)
    {
        put(STATUS, instrument, 0, 0, 0, status);
    }

    void stale(final int instrument)
    {
        put(STALE, instrument, 0, 0, 0, 0);
    }

    void live(final int instrument)
    {
        put(LIVE, instrument, 0, 0, 0, 0);
    }

    /**
     * Closes the current venue event.
     *
     * @param localTimeNs when the strategy receives it.
     */
    void end(final long localTimeNs)
    {
        put(END, 0, 0, 0, 0, 0);
        if (groups == groupTimes.length)
        {
            final long[] t = new long[groups * 2];
            for (int j = 0; j < groups; j++)
            {
                t[j] = groupTimes[(groupHead + j) & (groupTimes.length - 1)];
            }
            groupTimes = t;
            groupHead = 0;
        }
        groupTimes[(groupHead + groups++) & (groupTimes.length - 1)] = localTimeNs;
    }

    /**
     * @return local time of the oldest complete venue event, or Long.MAX_VALUE when none.
     */
    long headTime()
    {
        return groups == 0 ? Long.MAX_VALUE : groupTimes[groupHead];
    }

    /**
     * Replays the oldest venue event into the handler, its end included.
     */
    void replayHead(final BookEventHandler handler)
    {
        groupHead = (groupHead + 1) & (groupTimes.length - 1);
        groups--;
        while (size > 0)
        {
            final int i = head;
            head = (head + 1) & (types.length - 1);
            size--;
            final int instrument = instruments[i];
            switch (types[i])
            {
                case ADD -> handler.onAdd(instrument, ids[i], extras[i], prices[i], quantities[i]);
                case MODIFY -> handler.onModify(instrument, ids[i], prices[i], quantities[i]);
                case DELETE -> handler.onDelete(instrument, ids[i]);
                case EXECUTE -> handler.onExecute(instrument, ids[i], quantities[i]);
                case TRADE -> handler.onTrade(instrument, prices[i], quantities[i], extras[i]);
                case CLEAR -> handler.onClear(instrument);
                case SNAPSHOT_BEGIN -> handler.onSnapshotBegin(instrument, ids[i], quantities[i]);
                case SNAPSHOT_ORDER -> handler.onSnapshotOrder(instrument, ids[i], extras[i], prices[i], quantities[i]);
                case SNAPSHOT_END -> handler.onSnapshotEnd(instrument, ids[i]);
                case LEVEL -> handler.onLevel(instrument, extras[i] & 1, (extras[i] >>> 1) & 1,
                    (extras[i] >>> 2) & 0xF, extras[i] >>> 6, prices[i], quantities[i], (int)ids[i]);
                case STATUS -> handler.onTradingStatus(instrument, extras[i]);
                case STALE -> handler.onStale(instrument);
                case LIVE -> handler.onLive(instrument);
                case DEFINITION -> handler.onDefinition(definitions.pollFirst());
                default ->
                {
                    handler.onEndOfEvent();
                    return;
                }
            }
        }
    }

    boolean isEmpty()
    {
        return groups == 0;
    }

    void clear()
    {
        Arrays.fill(types, 0);
        head = 0;
        size = 0;
        groups = 0;
        groupHead = 0;
        definitions.clear();
    }
}
