package io.ticklane.backtest;

import io.ticklane.book.Side;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The brute-force exact-FIFO reference: every level is a plain list holding the market's orders and ours in queue
 * order, and every rule is applied the obvious way by scanning the lists. One instrument, no latency of its own (the
 * test gives it the arrival times). Fills are written as the lines {@code fills.csv} holds.
 * <p>
 * The physical rule behind each fill: an aggressor that executed a market order at price p, or traded at p, or a new
 * order that rested at p, would have met first every order of ours that was ahead of it (better price, or the same
 * price and earlier in the queue). With partial fills each of ours gets what the replay gave to the others, in
 * priority order; without, the first such event fills it in full.
 */
final class ReferenceFifoExchange
{
    static final class Entry
    {
        final boolean ours;
        final long id;
        long quantity;
        int side;
        long price;
        long queueAhead;
        int tif;
        boolean market;
        boolean resting;
        boolean done;

        Entry(final boolean ours, final long id, final int side, final long price, final long quantity)
        {
            this.ours = ours;
            this.id = id;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
        }
    }

    @SuppressWarnings("unchecked")
    private final TreeMap<Long, List<Entry>>[] levels = new TreeMap[]{new TreeMap<>(), new TreeMap<>()};
    private final Map<Long, Entry> market = new HashMap<>();
    private final Map<Long, Entry> ours = new HashMap<>();
    private final boolean partial;
    final List<String> fills = new ArrayList<>();
    private long now;

    ReferenceFifoExchange(final boolean partial)
    {
        this.partial = partial;
    }

    void time(final long t)
    {
        now = t;
    }

    private List<Entry> level(final int side, final long price)
    {
        return levels[side].computeIfAbsent(price, p -> new ArrayList<>());
    }

    private void remove(final Entry e)
    {
        final List<Entry> l = levels[e.side].get(e.price);
        l.remove(e);
        if (l.isEmpty())
        {
            levels[e.side].remove(e.price);
        }
    }

    private static boolean better(final long a, final long b, final int side)
    {
        return side == Side.BID ? a > b : a < b;
    }

    /** Ours that an aggressor reaching (side, price, before entry `stop` or the whole level) met first. */
    private List<Entry> oursAhead(final int side, final long price, final Entry stop)
    {
        final List<Entry> out = new ArrayList<>();
        for (final Map.Entry<Long, List<Entry>> e : (side == Side.BID ? levels[side].descendingMap() :
            levels[side]).entrySet())
        {
            if (better(price, e.getKey(), side))
            {
                break;
            }
            for (final Entry x : e.getValue())
            {
                if (x == stop)
                {
                    break;
                }
                if (x.ours && (e.getKey() != price || null != stop))
                {
                    out.add(x);
                }
            }
        }
        return out;
    }

    private void give(final List<Entry> reached, final long quantity)
    {
        long left = quantity;
        for (final Entry o : reached)
        {
            if (partial && left <= 0)
            {
                break;
            }
            final long f = partial ? Math.min(o.quantity, left) : o.quantity;
            left -= f;
            fill(o, o.price, f, true);
        }
    }

    private void fill(final Entry o, final long price, final long quantity, final boolean maker)
    {
        o.quantity -= quantity;
        fills.add(o.id + "," + now + "," + price + "," + quantity + "," + (maker ? "maker," + o.queueAhead : "taker,"));
        if (o.quantity == 0)
        {
            o.done = true;
            if (o.resting)
            {
                remove(o);
                o.resting = false;
            }
        }
    }

    // market events

    void add(final long id, final int side, final long price, final long quantity)
    {
        crossing(side, price, quantity);
        final Entry e = new Entry(false, id, side, price, quantity);
        market.put(id, e);
        level(side, price).add(e);
    }

    private void crossing(final int side, final long price, final long quantity)
    {
        final int opposite = Side.opposite(side);
        final List<Entry> reached = new ArrayList<>();
        for (final Map.Entry<Long, List<Entry>> e : (opposite == Side.BID ? levels[opposite].descendingMap() :
            levels[opposite]).entrySet())
        {
            if (opposite == Side.BID ? price > e.getKey() : price < e.getKey())
            {
                break;
            }
            for (final Entry x : e.getValue())
            {
                if (x.ours)
                {
                    reached.add(x);
                }
            }
        }
        give(reached, quantity);
    }

    void modify(final long id, final long price, final long quantity)
    {
        final Entry e = market.get(id);
        if (null == e)
        {
            return;
        }
        if (price != e.price || quantity > e.quantity)
        {
            remove(e);
            final long old = e.price;
            e.price = price;
            e.quantity = quantity;
            if (price != old)
            {
                crossing(e.side, price, quantity);
            }
            level(e.side, price).add(e);
        }
        else
        {
            e.quantity = quantity;
        }
    }

    void delete(final long id)
    {
        final Entry e = market.remove(id);
        if (null != e)
        {
            remove(e);
        }
    }

    void execute(final long id, final long quantity)
    {
        final Entry e = market.get(id);
        if (null == e)
        {
            return;
        }
        give(oursAhead(e.side, e.price, e), quantity);
        e.quantity -= quantity;
        if (e.quantity <= 0)
        {
            market.remove(id);
            remove(e);
        }
    }

    void trade(final long price, final long quantity)
    {
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            final List<Entry> reached = new ArrayList<>();
            for (final Entry o : ours.values())
            {
                if (o.resting && o.side == side && better(o.price, price, o.side))
                {
                    reached.add(o);
                }
            }
            reached.sort((a, b) -> a.price != b.price ? (better(a.price, b.price, a.side) ? -1 : 1) :
                Long.compare(position(a), position(b)));
            give(reached, quantity);
        }
    }

    private long position(final Entry o)
    {
        return levels[o.side].get(o.price).indexOf(o);
    }

    void clear()
    {
        levels[0].clear();
        levels[1].clear();
        market.clear();
        for (final Entry o : ours.values())
        {
            o.resting = false;
            o.done = true;
        }
    }

    // our requests

    void submit(final long id, final int side, final long price, final long quantity, final int tif,
        final boolean isMarket)
    {
        final Entry o = new Entry(true, id, side, price, quantity);
        o.tif = tif;
        o.market = isMarket;
        ours.put(id, o);
        if (quantity <= 0)
        {
            o.done = true;
            return;
        }
        final long best = bestMarket(Side.opposite(side));
        final boolean marketable = best != Long.MIN_VALUE &&
            (isMarket || (side == Side.BID ? best <= price : best >= price));
        if (!isMarket && tif == TimeInForce.GTX && marketable)
        {
            o.done = true;
            return;
        }
        execute(o, marketable);
    }

    private void execute(final Entry o, final boolean marketable)
    {
        if (marketable)
        {
            take(o);
        }
        if (o.quantity == 0 || o.done)
        {
            return;
        }
        if (o.market || o.tif == TimeInForce.IOC || o.tif == TimeInForce.FOK)
        {
            o.done = true;
            return;
        }
        long ahead = 0;
        final List<Entry> l = level(o.side, o.price);
        for (final Entry x : l)
        {
            ahead += x.quantity;
        }
        o.queueAhead = ahead;
        l.add(o);
        o.resting = true;
    }

    private long bestMarket(final int side)
    {
        for (final Map.Entry<Long, List<Entry>> e : (side == Side.BID ? levels[side].descendingMap() :
            levels[side]).entrySet())
        {
            for (final Entry x : e.getValue())
            {
                if (!x.ours)
                {
                    return e.getKey();
                }
            }
        }
        return Long.MIN_VALUE;
    }

    private void take(final Entry o)
    {
        final int opposite = Side.opposite(o.side);
        final List<long[]> book = new ArrayList<>();
        for (final Map.Entry<Long, List<Entry>> e : (opposite == Side.BID ? levels[opposite].descendingMap() :
            levels[opposite]).entrySet())
        {
            long q = 0;
            for (final Entry x : e.getValue())
            {
                q += x.ours ? 0 : x.quantity;
            }
            if (q > 0)
            {
                book.add(new long[]{e.getKey(), q});
            }
        }
        if (!partial)
        {
            fill(o, book.get(0)[0], o.quantity, false);
            return;
        }
        final List<long[]> within = new ArrayList<>();
        long available = 0;
        for (final long[] l : book)
        {
            if (!o.market && (o.side == Side.BID ? l[0] > o.price : l[0] < o.price))
            {
                break;
            }
            within.add(l);
            available += l[1];
        }
        if (o.tif == TimeInForce.FOK && available < o.quantity)
        {
            o.done = true;
            return;
        }
        for (final long[] l : within)
        {
            if (o.quantity == 0)
            {
                break;
            }
            fill(o, l[0], Math.min(o.quantity, l[1]), false);
        }
    }

    void cancel(final long id)
    {
        final Entry o = ours.get(id);
        if (null != o && o.resting)
        {
            remove(o);
            o.resting = false;
            o.done = true;
        }
    }

    void modify(final long id, final long price, final long quantity, final int unusedTif)
    {
        final Entry o = ours.get(id);
        if (null == o || !o.resting || quantity <= 0)
        {
            return;
        }
        final long best = bestMarket(Side.opposite(o.side));
        final boolean marketable = best != Long.MIN_VALUE && (o.side == Side.BID ? best <= price : best >= price);
        if (price != o.price && o.tif == TimeInForce.GTX && marketable)
        {
            return;
        }
        if (price == o.price && quantity <= o.quantity)
        {
            o.quantity = quantity;
            return;
        }
        remove(o);
        o.resting = false;
        o.price = price;
        o.quantity = quantity;
        execute(o, marketable);
    }
}
