package io.ticklane.benchmarks.book;

import io.ticklane.book.BookResult;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;

import java.util.SplittableRandom;

/**
 * A pre-generated sequence of book events with the mix of the LOBSTER AAPL sample (message types 1-4: adds 47%,
 * deletes 45%, partial cancels 2%, visible executions 6%; hidden executions, which change no book, are left out),
 * priced near the touch with a geometric distance (most events at the best few levels), round-lot sizes, a book
 * that never crosses and drifts as executions consume the touch. Executions always hit the front order of the best
 * level, as on a real venue, so that a matching engine's book (exchange-core) does exactly the same thing when
 * given an IOC order. The tape ends with every remaining order deleted, so it can be replayed on the same book
 * forever. Generated once per benchmark trial as one array of 32-byte records (the size of a decoded event), small
 * enough to stay in the last-level cache as a feed handler's ring does, so that replay measures the book rather
 * than memory bandwidth; replay allocates nothing.
 */
public final class BookEventTape
{
    public static final byte ADD = 0;
    public static final byte DELETE = 1;
    public static final byte REDUCE = 2;
    public static final byte EXECUTE = 3;

    /** Price increment of the tape, like LOBSTER's one cent in dollars x 10000. */
    public static final long TICK = 100;
    /** Events of the tape the benchmarks replay (8 MB: stays in the last-level cache). */
    public static final int DEFAULT_EVENTS = 250_000;
    /** Resting orders the benchmark tape hovers around (a liquid stock's visible book). */
    public static final int DEFAULT_LIVE_ORDERS = 2_000;
    /** Mid price at the start, in ticks (585.00). */
    public static final long START_MID_TICKS = 58_500;

    /** Longs per event: the tape is one array of 32-byte records, read in order like a ring of decoded events. */
    static final int EVENT_LONGS = 4;
    /** Word 0: type (bits 0-7), side (bits 8-15), quantity removed by a reduce (bits 16-63). */
    static final int HEADER = 0;
    static final int ORDER_ID = 1;
    /** Add and reduce: the order's price. Execute: the price of the level hit. */
    static final int PRICE = 2;
    /** Add: size. Reduce: the new remaining quantity. Execute: the executed quantity. */
    static final int QUANTITY = 3;

    final long[] events;
    final int length;
    final int[] counts = new int[4];

    /**
     * @param events     events before the closing deletes.
     * @param targetLive resting orders the flow hovers around.
     * @param seed       random seed.
     */
    public BookEventTape(final int events, final int targetLive, final long seed)
    {
        final int capacity = events + 4 * targetLive + 16;
        this.events = new long[capacity * EVENT_LONGS];
        final SplittableRandom random = new SplittableRandom(seed);
        final int maxLive = 4 * targetLive + 16;
        final LadderOrderBook mirror = new LadderOrderBook(1, TICK, START_MID_TICKS * TICK, 8192,
            new OrderPool(maxLive + 1));
        final long[] liveIds = new long[maxLive];
        final long[] liveQty = new long[maxLive];
        final long[] livePrice = new long[maxLive];
        final int[] liveSide = new int[maxLive];
        final java.util.HashMap<Long, Integer> index = new java.util.HashMap<>();
        int live = 0;
        long nextId = 1;
        int n = 0;
        while (n < events)
        {
            final int r = random.nextInt(100);
            final boolean mustAdd = live < targetLive / 4;
            final boolean mustRemove = live >= maxLive - 1;
            if (!mustRemove && (mustAdd || r < (live < targetLive ? 49 : 45)))
            {
                final int s = random.nextInt(2);
                final long p = priceNearTouch(mirror, s, random);
                final long q = 100L * (1 + random.nextInt(random.nextInt(4) == 0 ? 10 : 3));
                final long id = nextId++;
                check(mirror.add(id, s, p, q));
                liveIds[live] = id;
                liveQty[live] = q;
                livePrice[live] = p;
                liveSide[live] = s;
                index.put(id, live);
                live++;
                put(n++, ADD, id, s, p, q, 0);
            }
            else if (r < 94 || live == 0)
            {
                final int i = random.nextInt(live);
                final long id = liveIds[i];
                final boolean partial = r >= 92 && liveQty[i] > 100;
                final int s = liveSide[i];
                if (partial)
                {
                    final long remaining = liveQty[i] - 100;
                    final long p = livePrice[i];
                    check(mirror.modify(id, p, remaining));
                    liveQty[i] = remaining;
                    put(n++, REDUCE, id, s, p, remaining, 100);
                }
                else
                {
                    check(mirror.delete(id));
                    live = removeLive(liveIds, liveQty, livePrice, liveSide, index, i, live);
                    put(n++, DELETE, id, s, 0, 0, 0);
                }
            }
            else
            {
                final int s = random.nextInt(2);
                final long id = mirror.frontOrderId(s);
                if (id < 0)
                {
                    continue;
                }
                final int i = index.get(id);
                final long remaining = liveQty[i];
                final long q = random.nextInt(5) < 3 ? remaining : 1 + random.nextLong(remaining);
                final long levelPrice = mirror.bestPrice(s);
                check(mirror.execute(id, q));
                if (q == remaining)
                {
                    live = removeLive(liveIds, liveQty, livePrice, liveSide, index, i, live);
                }
                else
                {
                    liveQty[i] = remaining - q;
                }
                put(n++, EXECUTE, id, s, levelPrice, q, levelPrice);
            }
        }
        while (live > 0)
        {
            final long id = liveIds[live - 1];
            put(n++, DELETE, id, liveSide[live - 1], 0, 0, 0);
            check(mirror.delete(id));
            live--;
        }
        length = n;
        for (int i = 0; i < n; i++)
        {
            counts[type(i)]++;
        }
    }

    private static int removeLive(
        final long[] ids,
        final long[] qty,
        final long[] prices,
        final int[] sides,
        final java.util.HashMap<Long, Integer> index,
        final int i,
        final int live)
    {
        final int last = live - 1;
        index.remove(ids[i]);
        if (i != last)
        {
            ids[i] = ids[last];
            qty[i] = qty[last];
            prices[i] = prices[last];
            sides[i] = sides[last];
            index.put(ids[i], i);
        }
        return last;
    }

    private static long priceNearTouch(final LadderOrderBook mirror, final int s, final SplittableRandom random)
    {
        final long own = mirror.bestPrice(s);
        final long opposite = mirror.bestPrice(Side.opposite(s));
        final long sign = s == Side.BID ? 1 : -1;
        long anchor;
        if (own != OrderBook.NULL_PRICE)
        {
            anchor = own;
            if (opposite != OrderBook.NULL_PRICE && Math.abs(opposite - own) > TICK && random.nextInt(6) == 0)
            {
                anchor = own + sign * TICK; // improve inside a wide spread
            }
        }
        else if (opposite != OrderBook.NULL_PRICE)
        {
            anchor = opposite - sign * TICK;
        }
        else
        {
            anchor = (START_MID_TICKS - sign) * TICK;
        }
        int d = 0;
        while (d < 40 && random.nextInt(10) < 6)
        {
            d++;
        }
        long p = anchor - sign * d * TICK;
        if (opposite != OrderBook.NULL_PRICE && (s == Side.BID ? p >= opposite : p <= opposite))
        {
            p = opposite - sign * TICK;
        }
        return Math.max(TICK, p);
    }

    private static void check(final int result)
    {
        if (result != BookResult.OK)
        {
            throw new IllegalStateException("tape generator made an invalid event: " + BookResult.name(result));
        }
    }

    private void put(final int i, final byte t, final long id, final int s, final long p, final long q, final long a)
    {
        final int base = i * EVENT_LONGS;
        events[base + HEADER] = t | (long)s << 8 | a << 16;
        events[base + ORDER_ID] = id;
        events[base + PRICE] = p;
        events[base + QUANTITY] = q;
    }

    int type(final int i)
    {
        return (int)events[i * EVENT_LONGS + HEADER] & 0xFF;
    }

    /**
     * @return events on the tape.
     */
    public int length()
    {
        return length;
    }

    /**
     * Applies event {@code i} to a book through the {@link OrderBook} interface.
     *
     * @param book book.
     * @param i    event index.
     * @return the book's result.
     */
    public int apply(final OrderBook book, final int i)
    {
        final long[] events = this.events;
        final int base = i * EVENT_LONGS;
        final long header = events[base + HEADER];
        switch ((int)header & 0xFF)
        {
            case ADD:
                return book.add(events[base + ORDER_ID], (int)(header >> 8) & 0xFF, events[base + PRICE],
                    events[base + QUANTITY]);
            case DELETE:
                return book.delete(events[base + ORDER_ID]);
            case REDUCE:
                return book.modify(events[base + ORDER_ID], events[base + PRICE], events[base + QUANTITY]);
            default:
                return book.execute(events[base + ORDER_ID], events[base + QUANTITY]);
        }
    }

    /**
     * Hands event {@code i} to a book event handler (an applier, or the stream publisher in front of one).
     *
     * @param handler      handler.
     * @param instrumentId instrument the tape's events are for.
     * @param i            event index.
     * @return the handler's delivery result.
     */
    public int apply(final io.ticklane.book.BookEventHandler handler, final int instrumentId, final int i)
    {
        final long[] events = this.events;
        final int base = i * EVENT_LONGS;
        final long header = events[base + HEADER];
        switch ((int)header & 0xFF)
        {
            case ADD:
                return handler.onAdd(instrumentId, events[base + ORDER_ID], (int)(header >> 8) & 0xFF,
                    events[base + PRICE], events[base + QUANTITY]);
            case DELETE:
                return handler.onDelete(instrumentId, events[base + ORDER_ID]);
            case REDUCE:
                return handler.onModify(instrumentId, events[base + ORDER_ID], events[base + PRICE],
                    events[base + QUANTITY]);
            default:
                return handler.onExecute(instrumentId, events[base + ORDER_ID], events[base + QUANTITY]);
        }
    }

    /**
     * Reads and dispatches event {@code i} like {@link #apply} but applies it to nothing: the cost of the tape itself.
     *
     * @param i event index.
     * @return 0 ({@link BookResult#OK}) unless the event is malformed.
     */
    public int touch(final int i)
    {
        final int base = i * EVENT_LONGS;
        final long header = events[base + HEADER];
        final long sum;
        switch ((int)header & 0xFF)
        {
            case ADD:
                sum = events[base + ORDER_ID] + events[base + PRICE] + events[base + QUANTITY] + (header >> 8);
                break;
            case DELETE:
                sum = events[base + ORDER_ID];
                break;
            case REDUCE:
                sum = events[base + ORDER_ID] + events[base + PRICE] + events[base + QUANTITY];
                break;
            default:
                sum = events[base + ORDER_ID] + events[base + QUANTITY];
                break;
        }
        return sum == Long.MIN_VALUE ? 1 : 0;
    }

    /**
     * @return the mix, e.g. "add 47.1%, delete 44.8%, reduce 2.0%, execute 6.1%".
     */
    public String mix()
    {
        return String.format("add %.1f%%, delete %.1f%%, reduce %.1f%%, execute %.1f%%",
            100.0 * counts[ADD] / length, 100.0 * counts[DELETE] / length, 100.0 * counts[REDUCE] / length,
            100.0 * counts[EXECUTE] / length);
    }
}
