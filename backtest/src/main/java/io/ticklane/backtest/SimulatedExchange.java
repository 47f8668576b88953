package io.ticklane.backtest;

import io.ticklane.book.BookView;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The simulated exchange: our orders against the replayed market, which they never change. It sees every
 * normalized event before the exchange-side book applies it (so it knows the price, quantity and priority of the
 * order an execution or cancel refers to) and our requests when they arrive (after the order-entry latency), and
 * reports what happens to our orders to an {@link ExchangeListener}.
 * <p>
 * Rules (docs/BACKTEST.md has the formulas):
 * <ul>
 * <li>A new order that can trade on arrival takes the visible opposite levels up to its limit (partial fills on),
 * or fills in full at the best opposite price (off, as hftbacktest's NoPartialFillExchange). GTX refuses to take;
 * FOK takes only if the visible quantity suffices; IOC and market orders cancel what is left; GTC rests the rest.</li>
 * <li>A resting order joins behind everything at its price. Exact FIFO (order-by-order data): it is filled by an
 * execution of an order that joined the level after it, by an execution or trade at a worse price (through it), or
 * by an incoming order that crosses it; with partial fills each such event gives it the quantity the replay gave to
 * the orders behind it, without partial fills the first such event fills it in full. Modelled queues: trades at its
 * price advance it, level decreases advance it per {@link QueueModel}, and it fills when its estimate goes below
 * zero, on trades through it, or when the opposite best moves through its price.</li>
 * <li>A modify that changes the price or raises the quantity loses priority; a smaller quantity keeps it.</li>
 * <li>A book reset (clear, snapshot) cancels our resting orders on the instrument.</li>
 * </ul>
 * Single thread (the backtest's). Allocation-free per market event; per order only when an instrument is first
 * traded.
 */
final class SimulatedExchange
{
    private static final int MAX_LEVELS = 4096;
    private static final int MAX_CANDIDATES = 1024;

    private static final class Venue
    {
        final MarketOrderIndex index = new MarketOrderIndex();
        SimOrder[] resting = new SimOrder[16];
        int restingCount;
        int modelled;
    }

    private final BookLookup books;
    private final ExchangeListener listener;
    private final QueueModel model;
    private final boolean partialFills;
    private final Int2ObjectHashMap<Venue> venues = new Int2ObjectHashMap<>();
    private final Venue[] venueList = new Venue[256];
    private final int[] venueIds = new int[256];
    private int venueCount;
    private int lastVenueId;
    private Venue lastVenue;
    private final long[] prices = new long[MAX_LEVELS];
    private final long[] quantities = new long[MAX_LEVELS];
    private final int[] counts = new int[MAX_LEVELS];
    private final SimOrder[] candidates = new SimOrder[MAX_CANDIDATES];
    private int candidateCount;
    private long now;
    private long stamp;

    SimulatedExchange(
        final BookLookup books, final ExchangeListener listener, final QueueModel model, final boolean partialFills)
    {
        this.books = books;
        this.listener = listener;
        this.model = model;
        this.partialFills = partialFills;
    }

    /**
     * @param timeNs exchange time of what follows.
     */
    void time(final long timeNs)
    {
        now = timeNs;
    }

    private Venue venue(final int instrumentId)
    {
        if (instrumentId == lastVenueId && null != lastVenue)
        {
            return lastVenue; // most events are of the instrument before them
        }
        Venue v = venues.get(instrumentId);
        if (null == v)
        {
            v = new Venue();
            venues.put(instrumentId, v);
            if (venueCount < venueList.length)
            {
                venueIds[venueCount] = instrumentId;
                venueList[venueCount++] = v;
            }
        }
        lastVenueId = instrumentId;
        lastVenue = v;
        return v;
    }

    // ------------------------------------------------------------------ market events, before the book applies them

    void onAdd(final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        final Venue v = venue(instrumentId);
        v.index.add(orderId, side, price, quantity, ++stamp);
        if (v.restingCount > 0)
        {
            crossedBy(v, side, price, quantity);
        }
    }

    void onModify(final int instrumentId, final long orderId, final long price, final long quantity)
    {
        final Venue v = venue(instrumentId);
        final int slot = v.index.find(orderId);
        if (slot < 0)
        {
            return;
        }
        final int side = v.index.side(slot);
        final long oldPrice = v.index.price(slot);
        final long oldQuantity = v.index.quantity(slot);
        final long oldStamp = v.index.stamp(slot);
        final boolean losesPriority = price != oldPrice || quantity > oldQuantity;
        if (v.restingCount > 0)
        {
            reduceAhead(v, side, oldPrice, oldStamp, losesPriority ? oldQuantity : oldQuantity - quantity);
        }
        v.index.put(orderId, side, price, quantity, losesPriority ? ++stamp : oldStamp);
        if (price != oldPrice && v.restingCount > 0)
        {
            crossedBy(v, side, price, quantity);
        }
    }

    void onDelete(final int instrumentId, final long orderId)
    {
        final Venue v = venue(instrumentId);
        final int slot = v.index.take(orderId); // its fields stay readable until the next add
        if (slot >= 0 && v.restingCount > 0)
        {
            reduceAhead(v, v.index.side(slot), v.index.price(slot), v.index.stamp(slot), v.index.quantity(slot));
        }
    }

    void onExecute(final int instrumentId, final long orderId, final long quantity)
    {
        final Venue v = venue(instrumentId);
        final int slot = v.index.find(orderId);
        if (slot < 0)
        {
            return;
        }
        final int side = v.index.side(slot);
        final long price = v.index.price(slot);
        if (v.restingCount > 0)
        {
            executionAt(v, side, price, v.index.stamp(slot), quantity);
        }
        final long left = v.index.quantity(slot) - quantity;
        if (left > 0)
        {
            v.index.quantity(slot, left);
        }
        else
        {
            v.index.remove(orderId);
        }
    }

    void onTrade(final int instrumentId, final long price, final long quantity)
    {
        final Venue v = venues.get(instrumentId);
        if (null == v || v.restingCount == 0)
        {
            return;
        }
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            candidateCount = 0;
            for (int i = 0; i < v.restingCount; i++)
            {
                final SimOrder o = v.resting[i];
                if (o.side != side)
                {
                    continue;
                }
                if (better(o.exPrice, price, side))
                {
                    candidate(o); // the trade went through our price: whichever side, we were met first
                }
                else if (!o.exact && o.exPrice == price)
                {
                    tradeAtModelledPrice(o, quantity);
                }
            }
            fillCandidates(quantity);
        }
        fillModelled(v);
    }

    void onClear(final int instrumentId)
    {
        final Venue v = venue(instrumentId);
        v.index.clear();
        while (v.restingCount > 0)
        {
            final SimOrder o = v.resting[v.restingCount - 1];
            unrest(v, o);
            o.exStatus = OrderStatus.CANCELLED;
            listener.onCancelled(o, OrderStatus.REASON_BOOK_RESET, now);
        }
    }

    /**
     * A venue event ended and the exchange-side books show it: modelled queues read their level's new quantity and
     * the opposite best.
     */
    void onEndOfEvent()
    {
        for (int k = 0; k < venueCount; k++)
        {
            final Venue v = venueList[k];
            if (v.modelled > 0)
            {
                updateModelled(v, books.book(venueIds[k]));
            }
        }
    }

    // ------------------------------------------------------------------ our requests, on arrival

    void arrive(final SimOrder o)
    {
        final BookView book = books.book(o.instrumentId);
        if (null == book)
        {
            reject(o, OrderStatus.REASON_UNKNOWN_INSTRUMENT);
            return;
        }
        if (o.exLeaves <= 0)
        {
            reject(o, OrderStatus.REASON_INVALID_QUANTITY);
            return;
        }
        if (!o.market && (o.exPrice == OrderView.MARKET || o.exPrice % book.tickSize() != 0))
        {
            reject(o, OrderStatus.REASON_INVALID_PRICE);
            return;
        }
        if (!o.market && o.timeInForce == TimeInForce.GTX && marketable(o, book, o.exPrice))
        {
            reject(o, OrderStatus.REASON_POST_ONLY_WOULD_TAKE);
            return;
        }
        o.exStatus = OrderStatus.OPEN;
        listener.onAccepted(o, now);
        execute(o, book, venue(o.instrumentId));
    }

    void cancel(final SimOrder o)
    {
        if (!o.resting)
        {
            listener.onRequestRejected(o, o.exStatus == OrderStatus.PENDING ? OrderStatus.REASON_UNKNOWN_ORDER :
                OrderStatus.REASON_TOO_LATE, now);
            return;
        }
        unrest(venue(o.instrumentId), o);
        o.exStatus = OrderStatus.CANCELLED;
        listener.onCancelled(o, OrderStatus.REASON_REQUESTED, now);
    }

    void modify(final SimOrder o, final long price, final long leaves)
    {
        if (!o.resting)
        {
            listener.onRequestRejected(o, o.exStatus == OrderStatus.PENDING ? OrderStatus.REASON_UNKNOWN_ORDER :
                OrderStatus.REASON_TOO_LATE, now);
            return;
        }
        final BookView book = books.book(o.instrumentId);
        if (leaves <= 0)
        {
            listener.onRequestRejected(o, OrderStatus.REASON_INVALID_QUANTITY, now);
            return;
        }
        if (price % book.tickSize() != 0)
        {
            listener.onRequestRejected(o, OrderStatus.REASON_INVALID_PRICE, now);
            return;
        }
        if (price != o.exPrice && o.timeInForce == TimeInForce.GTX && marketable(o, book, price))
        {
            listener.onRequestRejected(o, OrderStatus.REASON_POST_ONLY_WOULD_TAKE, now);
            return;
        }
        final boolean losesPriority = price != o.exPrice || leaves > o.exLeaves;
        if (!losesPriority)
        {
            o.exLeaves = leaves;
            listener.onModified(o, now);
            return;
        }
        final Venue v = venue(o.instrumentId);
        unrest(v, o);
        o.exPrice = price;
        o.exLeaves = leaves;
        listener.onModified(o, now);
        execute(o, book, v);
    }

    private void reject(final SimOrder o, final int reason)
    {
        o.exStatus = OrderStatus.REJECTED;
        listener.onRejected(o, reason, now);
    }

    private boolean marketable(final SimOrder o, final BookView book, final long price)
    {
        final long best = book.bestPrice(Side.opposite(o.side));
        return best != OrderBook.NULL_PRICE && (o.market || (o.side == Side.BID ? price >= best : price <= best));
    }

    private void execute(final SimOrder o, final BookView book, final Venue v)
    {
        if (marketable(o, book, o.exPrice))
        {
            take(o, book);
        }
        if (o.exLeaves == 0)
        {
            return;
        }
        if (o.exStatus == OrderStatus.CANCELLED)
        {
            return; // FOK refused in take()
        }
        if (o.market || o.timeInForce == TimeInForce.IOC || o.timeInForce == TimeInForce.FOK)
        {
            o.exStatus = OrderStatus.CANCELLED;
            listener.onCancelled(o, o.timeInForce == TimeInForce.FOK ? OrderStatus.REASON_FOK_UNFILLABLE :
                o.market && o.exFilled == 0 ? OrderStatus.REASON_NO_LIQUIDITY : OrderStatus.REASON_IOC_REMAINDER, now);
            return;
        }
        join(o, book, v);
    }

    private void take(final SimOrder o, final BookView book)
    {
        final int opposite = Side.opposite(o.side);
        final int n = book.levels(opposite, MAX_LEVELS, prices, quantities, counts);
        if (!partialFills)
        {
            fill(o, prices[0], o.exLeaves, false, -1);
            return;
        }
        if (o.timeInForce == TimeInForce.FOK)
        {
            long available = 0;
            for (int i = 0; i < n && (o.market || !better(prices[i], o.exPrice, o.side)); i++)
            {
                available += quantities[i];
            }
            if (available < o.exLeaves)
            {
                o.exStatus = OrderStatus.CANCELLED;
                listener.onCancelled(o, OrderStatus.REASON_FOK_UNFILLABLE, now);
                return;
            }
        }
        for (int i = 0; i < n && o.exLeaves > 0; i++)
        {
            if (!o.market && better(prices[i], o.exPrice, o.side))
            {
                break; // beyond the limit: prices[i] is worse for us than our limit
            }
            fill(o, prices[i], Math.min(o.exLeaves, quantities[i]), false, -1);
        }
    }

    private void join(final SimOrder o, final BookView book, final Venue v)
    {
        final long market = quantityAt(book, o.side, o.exPrice);
        long own = 0;
        for (int i = 0; i < v.restingCount; i++)
        {
            final SimOrder r = v.resting[i];
            if (r.side == o.side && r.exPrice == o.exPrice)
            {
                own += r.exLeaves;
            }
        }
        o.resting = true;
        o.stamp = ++stamp;
        o.joinedNs = now;
        o.queueAheadAtJoin = Math.max(0, market) + own;
        o.exact = model.kind() == QueueModel.FIFO && book.hasOrders();
        o.aheadQuantity = Math.max(0, market);
        o.front = Math.max(0, market);
        o.levelQuantity = Math.max(0, market);
        o.cumulativeTrade = 0;
        o.crossed = marketable(o, book, o.exPrice);
        if (o.exStatus != OrderStatus.PARTIALLY_FILLED)
        {
            o.exStatus = OrderStatus.OPEN;
        }
        if (v.restingCount == v.resting.length)
        {
            v.resting = java.util.Arrays.copyOf(v.resting, v.restingCount * 2);
        }
        v.resting[v.restingCount++] = o;
        if (!o.exact)
        {
            v.modelled++;
        }
    }

    private void unrest(final Venue v, final SimOrder o)
    {
        for (int i = 0; i < v.restingCount; i++)
        {
            if (v.resting[i] == o)
            {
                System.arraycopy(v.resting, i + 1, v.resting, i, v.restingCount - i - 1);
                v.resting[--v.restingCount] = null;
                break;
            }
        }
        if (!o.exact && o.resting)
        {
            v.modelled--;
        }
        o.resting = false;
    }

    /**
     * @return the quantity at a price on a side, 0 when the level is empty, -1 when the book does not show that far.
     */
    private long quantityAt(final BookView book, final int side, final long price)
    {
        for (int want = 16; ; want = Math.min(MAX_LEVELS, want * 8))
        {
            final int n = book.levels(side, want, prices, quantities, counts);
            for (int i = 0; i < n; i++)
            {
                if (prices[i] == price)
                {
                    return quantities[i];
                }
                if (better(price, prices[i], side))
                {
                    return 0; // passed the price: no level there
                }
            }
            if (n < want)
            {
                return book.hasOrders() || n == 0 ? 0 : -1;
            }
            if (want == MAX_LEVELS)
            {
                return -1;
            }
        }
    }

    // ------------------------------------------------------------------ exact FIFO

    private void reduceAhead(final Venue v, final int side, final long price, final long orderStamp, final long by)
    {
        for (int i = 0; i < v.restingCount; i++)
        {
            final SimOrder o = v.resting[i];
            if (o.exact && o.side == side && o.exPrice == price && o.stamp > orderStamp)
            {
                o.aheadQuantity = Math.max(0, o.aheadQuantity - by);
            }
        }
    }

    private void executionAt(final Venue v, final int side, final long price, final long orderStamp, final long qty)
    {
        candidateCount = 0;
        for (int i = 0; i < v.restingCount; i++)
        {
            final SimOrder o = v.resting[i];
            if (o.side != side)
            {
                continue;
            }
            if (o.exPrice == price)
            {
                if (!o.exact)
                {
                    tradeAtModelledPrice(o, qty);
                }
                else if (o.stamp < orderStamp)
                {
                    candidate(o); // the execution reached an order behind ours
                }
                else
                {
                    o.aheadQuantity = Math.max(0, o.aheadQuantity - qty);
                }
            }
            else if (better(o.exPrice, price, side))
            {
                candidate(o); // traded through our price
            }
        }
        fillCandidates(qty);
        fillModelled(v);
    }

    private void crossedBy(final Venue v, final int side, final long price, final long qty)
    {
        candidateCount = 0;
        for (int i = 0; i < v.restingCount; i++)
        {
            final SimOrder o = v.resting[i];
            if (o.exact && o.side != side && (o.side == Side.BID ? price <= o.exPrice : price >= o.exPrice))
            {
                candidate(o);
            }
        }
        fillCandidates(qty);
    }

    private void candidate(final SimOrder o)
    {
        if (candidateCount < MAX_CANDIDATES)
        {
            candidates[candidateCount++] = o;
        }
    }

    /**
     * Gives {@code quantity} to the candidates in priority order (better price first, then earlier in the queue):
     * with partial fills each takes what it can of what is left; without, each fills in full.
     */
    private void fillCandidates(final long quantity)
    {
        final int n = candidateCount;
        for (int i = 1; i < n; i++)
        {
            final SimOrder o = candidates[i];
            int j = i - 1;
            while (j >= 0 && ahead(o, candidates[j]))
            {
                candidates[j + 1] = candidates[j];
                j--;
            }
            candidates[j + 1] = o;
        }
        long left = quantity;
        for (int i = 0; i < n; i++)
        {
            final SimOrder o = candidates[i];
            candidates[i] = null;
            if (partialFills && left <= 0)
            {
                continue;
            }
            final long f = partialFills ? Math.min(o.exLeaves, left) : o.exLeaves;
            left -= f;
            fill(o, o.exPrice, f, true, o.queueAheadAtJoin);
        }
        candidateCount = 0;
    }

    private static boolean ahead(final SimOrder a, final SimOrder b)
    {
        return a.exPrice != b.exPrice ? better(a.exPrice, b.exPrice, a.side) : a.stamp < b.stamp;
    }

    // ------------------------------------------------------------------ modelled queues

    private void tradeAtModelledPrice(final SimOrder o, final long quantity)
    {
        o.front -= quantity;
        o.cumulativeTrade += quantity;
    }

    private void fillModelled(final Venue v)
    {
        if (v.modelled == 0)
        {
            return;
        }
        for (int i = v.restingCount - 1; i >= 0; i--)
        {
            final SimOrder o = v.resting[i];
            if (!o.exact && o.front < 0)
            {
                final long executed = Math.round(-o.front);
                o.front = 0;
                if (executed > 0)
                {
                    fill(o, o.exPrice, partialFills ? Math.min(o.exLeaves, executed) : o.exLeaves, true,
                        o.queueAheadAtJoin);
                }
            }
        }
    }

    private void updateModelled(final Venue v, final BookView book)
    {
        if (null == book)
        {
            return;
        }
        for (int i = v.restingCount - 1; i >= 0; i--)
        {
            final SimOrder o = v.resting[i];
            if (o.exact)
            {
                continue;
            }
            final long level = quantityAt(book, o.side, o.exPrice);
            if (level >= 0 && level != o.levelQuantity)
            {
                o.front = Math.max(0, model.onLevelChange(o.front, o.levelQuantity, level, o.cumulativeTrade));
                o.cumulativeTrade = 0;
                o.levelQuantity = level;
            }
            final boolean crossed = marketable(o, book, o.exPrice);
            if (crossed && !o.crossed)
            {
                fill(o, o.exPrice, o.exLeaves, true, o.queueAheadAtJoin); // the market moved through our price
            }
            o.crossed = crossed;
        }
    }

    // ------------------------------------------------------------------ fills

    private void fill(final SimOrder o, final long price, final long quantity, final boolean maker,
        final long queueAhead)
    {
        if (quantity <= 0)
        {
            return;
        }
        o.exLeaves -= quantity;
        o.exFilled += quantity;
        if (o.exLeaves == 0)
        {
            o.exStatus = OrderStatus.FILLED;
            if (o.resting)
            {
                unrest(venue(o.instrumentId), o);
            }
        }
        else
        {
            o.exStatus = OrderStatus.PARTIALLY_FILLED;
        }
        listener.onFill(o, now, price, quantity, maker, queueAhead);
    }

    /**
     * @return true when price {@code a} is better than {@code b} for a resting order of {@code side}.
     */
    private static boolean better(final long a, final long b, final int side)
    {
        return side == Side.BID ? a > b : a < b;
    }

    /**
     * @param instrumentId an instrument.
     * @return our orders resting there now (exchange view).
     */
    int resting(final int instrumentId)
    {
        final Venue v = venues.get(instrumentId);
        return null == v ? 0 : v.restingCount;
    }
}
