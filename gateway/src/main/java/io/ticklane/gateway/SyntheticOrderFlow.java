package io.ticklane.gateway;

import io.ticklane.book.BookResult;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.config.InstrumentSpec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic order flow shaped like an equity book's: adds, cancels and executions clustered near the touch,
 * round-lot sizes, a book that refills as it is consumed and never crosses. Deterministic for a seed.
 * <p>
 * The generator keeps its own mirror of each book (the project's {@link LadderOrderBook}) so that it knows the
 * touch exactly and only ever emits events that are valid against the book it has published.
 * <p>
 * The mix is tuned to LOBSTER's AAPL 10-level sample (adds 47%, deletes 37%, visible executions 10%, hidden
 * executions 6%, partial cancels under 1%); {@code SyntheticMixTest} measures both and holds them within a few
 * points of each other. The book is kept between water marks by leaning towards adds when it is thin and towards
 * removals when it is deep, as a real book refills and drains.
 * <p>
 * One thread. No allocation per event.
 */
public final class SyntheticOrderFlow
{
    private static final int MAX_LIVE = 4096;
    private static final int LOW_WATER = 50;
    private static final int HIGH_WATER = 400;
    /** Probability of an add while the book is between its water marks. */
    private static final double ADD = 0.47;
    /** Shares of the other events: deletes, visible executions, hidden trades, partial cancels, price modifies. */
    private static final double DELETE = 0.680;
    private static final double EXECUTE = 0.190;
    private static final double HIDDEN = 0.110;
    private static final double PARTIAL_CANCEL = 0.010;

    private static final class Book
    {
        final InstrumentSpec spec;
        final OrderBook mirror;
        final long[] ids = new long[MAX_LIVE];
        final long[] prices = new long[MAX_LIVE];
        final long[] quantities = new long[MAX_LIVE];
        final byte[] sides = new byte[MAX_LIVE];
        final long[] priorities = new long[MAX_LIVE];
        final long minPrice;
        final long maxPrice;
        int live;
        long nextOrderId = 1;

        Book(final InstrumentSpec spec)
        {
            this.spec = spec;
            this.mirror = new LadderOrderBook(spec.id(), spec.tickSize(), spec.referencePrice(), spec.bandTicks(),
                new OrderPool(MAX_LIVE));
            final long margin = (long)(spec.bandTicks() - 1) * spec.tickSize();
            minPrice = Math.max(spec.tickSize(), spec.referencePrice() - margin);
            maxPrice = spec.referencePrice() + margin;
        }
    }

    private final Book[] books;
    private final SplittableRandom random;
    private final int[] order = new int[MAX_LIVE];
    private long nextTradeId = 1;
    private long nextPriority = 1;

    /**
     * @param instruments instruments to generate for.
     * @param seed        random seed.
     */
    public SyntheticOrderFlow(final List<InstrumentSpec> instruments, final long seed)
    {
        books = new Book[instruments.size()];
        for (int i = 0; i < books.length; i++)
        {
            books[i] = new Book(instruments.get(i));
        }
        random = new SplittableRandom(seed);
    }

    /**
     * Writes every instrument's definition into the packet.
     *
     * @param encoder packet being built.
     * @param nowNs   transact time.
     */
    public void definitions(final PacketEncoder encoder, final long nowNs)
    {
        for (final Book book : books)
        {
            final InstrumentSpec s = book.spec;
            encoder.instrumentDefinition(
                nowNs, s.id(), s.symbol(), s.tickSize(), s.priceExponent(), s.referencePrice(), s.bandTicks());
        }
    }

    /**
     * Writes one instrument's definition into the packet.
     *
     * @param encoder         packet being built.
     * @param instrumentIndex index in the instrument list.
     * @param nowNs           transact time.
     */
    public void definition(final PacketEncoder encoder, final int instrumentIndex, final long nowNs)
    {
        final InstrumentSpec s = books[instrumentIndex].spec;
        encoder.instrumentDefinition(
            nowNs, s.id(), s.symbol(), s.tickSize(), s.priceExponent(), s.referencePrice(), s.bandTicks());
    }

    /**
     * Writes the next {@code count} events into the packet.
     *
     * @param encoder packet being built.
     * @param count   events to write.
     * @param nowNs   transact time.
     */
    public void next(final PacketEncoder encoder, final int count, final long nowNs)
    {
        for (int i = 0; i < count; i++)
        {
            nextEvent(encoder, books[random.nextInt(books.length)], nowNs);
        }
    }

    private void nextEvent(final PacketEncoder encoder, final Book book, final long nowNs)
    {
        final double addProbability = book.live < LOW_WATER ? 0.9 : book.live > HIGH_WATER ? 0.2 : ADD;
        if (book.live == 0 || random.nextDouble() < addProbability)
        {
            add(encoder, book, nowNs);
            return;
        }
        final double r = random.nextDouble();
        if (r < DELETE)
        {
            cancel(encoder, book, random.nextInt(book.live), nowNs);
        }
        else if (r < DELETE + EXECUTE)
        {
            execute(encoder, book, nowNs);
        }
        else if (r < DELETE + EXECUTE + HIDDEN)
        {
            hiddenTrade(encoder, book, nowNs);
        }
        else if (r < DELETE + EXECUTE + HIDDEN + PARTIAL_CANCEL)
        {
            partialCancel(encoder, book, random.nextInt(book.live), nowNs);
        }
        else
        {
            reprice(encoder, book, random.nextInt(book.live), nowNs);
        }
    }

    private long lots()
    {
        int lots = 1;
        while (lots < 10 && random.nextInt(2) == 0)
        {
            lots++;
        }
        return 100L * lots;
    }

    private int distanceTicks()
    {
        int d = 0;
        while (d < 50 && random.nextInt(10) < 7)
        {
            d++;
        }
        return d;
    }

    /**
     * A price on the side's book, d ticks behind its touch, never crossing the other side, inside the band.
     */
    private long pricedNearTouch(final Book book, final int side)
    {
        final long tick = book.spec.tickSize();
        final long ownBest = book.mirror.bestPrice(side);
        final long oppBest = book.mirror.bestPrice(Side.opposite(side));
        final long sign = side == Side.BID ? 1 : -1;
        long anchor;
        if (ownBest != OrderBook.NULL_PRICE)
        {
            anchor = ownBest;
            if (oppBest != OrderBook.NULL_PRICE && Math.abs(oppBest - ownBest) > tick && random.nextInt(8) == 0)
            {
                anchor = ownBest + sign * tick; // improve the touch inside a wide spread
            }
        }
        else if (oppBest != OrderBook.NULL_PRICE)
        {
            anchor = oppBest - sign * tick;
        }
        else
        {
            anchor = book.spec.referencePrice() - sign * tick;
        }
        long price = anchor - sign * distanceTicks() * tick;
        if (oppBest != OrderBook.NULL_PRICE && (side == Side.BID ? price >= oppBest : price <= oppBest))
        {
            price = oppBest - sign * tick;
        }
        return Math.min(book.maxPrice, Math.max(book.minPrice, price));
    }

    private void add(final PacketEncoder encoder, final Book book, final long nowNs)
    {
        if (book.live == MAX_LIVE)
        {
            cancel(encoder, book, random.nextInt(book.live), nowNs);
            return;
        }
        final int side = random.nextInt(2);
        long price = pricedNearTouch(book, side);
        final long oppBest = book.mirror.bestPrice(Side.opposite(side));
        if (oppBest != OrderBook.NULL_PRICE && (side == Side.BID ? price >= oppBest : price <= oppBest))
        {
            price = side == Side.BID ? book.minPrice : book.maxPrice; // the band edge is the only uncrossed room
        }
        final long quantity = lots();
        final long orderId = book.nextOrderId++;
        if (book.mirror.add(orderId, side, price, quantity) != BookResult.OK)
        {
            return;
        }
        final int i = book.live++;
        book.ids[i] = orderId;
        book.prices[i] = price;
        book.quantities[i] = quantity;
        book.sides[i] = (byte)side;
        book.priorities[i] = nextPriority++;
        encoder.addOrder(nowNs, book.spec.id(), orderId, side, price, quantity);
    }

    private void remove(final Book book, final int i)
    {
        final int last = --book.live;
        book.ids[i] = book.ids[last];
        book.prices[i] = book.prices[last];
        book.quantities[i] = book.quantities[last];
        book.sides[i] = book.sides[last];
        book.priorities[i] = book.priorities[last];
    }

    private void cancel(final PacketEncoder encoder, final Book book, final int i, final long nowNs)
    {
        book.mirror.delete(book.ids[i]);
        encoder.deleteOrder(nowNs, book.spec.id(), book.ids[i]);
        remove(book, i);
    }

    private void partialCancel(final PacketEncoder encoder, final Book book, final int i, final long nowNs)
    {
        if (book.quantities[i] <= 100)
        {
            cancel(encoder, book, i, nowNs);
            return;
        }
        final long quantity = book.quantities[i] - 100;
        book.mirror.modify(book.ids[i], book.prices[i], quantity);
        book.quantities[i] = quantity;
        encoder.modifyOrder(nowNs, book.spec.id(), book.ids[i], book.prices[i], quantity);
    }

    private void reprice(final PacketEncoder encoder, final Book book, final int i, final long nowNs)
    {
        final long price = pricedNearTouch(book, book.sides[i]);
        final long oppBest = book.mirror.bestPrice(Side.opposite(book.sides[i]));
        if (oppBest != OrderBook.NULL_PRICE && (book.sides[i] == Side.BID ? price >= oppBest : price <= oppBest))
        {
            cancel(encoder, book, i, nowNs);
            return;
        }
        book.mirror.modify(book.ids[i], price, book.quantities[i]);
        if (price != book.prices[i])
        {
            book.priorities[i] = nextPriority++; // a price change loses queue priority
        }
        book.prices[i] = price;
        encoder.modifyOrder(nowNs, book.spec.id(), book.ids[i], price, book.quantities[i]);
    }

    private void execute(final PacketEncoder encoder, final Book book, final long nowNs)
    {
        final int side = random.nextInt(2);
        int chosen = -1;
        for (int k = 0; k < 6; k++)
        {
            final int i = random.nextInt(book.live);
            if (book.sides[i] == side && (chosen < 0 ||
                (side == Side.BID ? book.prices[i] > book.prices[chosen] : book.prices[i] < book.prices[chosen])))
            {
                chosen = i;
            }
        }
        if (chosen < 0)
        {
            cancel(encoder, book, random.nextInt(book.live), nowNs);
            return;
        }
        final long remaining = book.quantities[chosen];
        final long quantity = random.nextInt(5) < 4 ? remaining : 1 + random.nextLong(remaining);
        final long orderId = book.ids[chosen];
        book.mirror.execute(orderId, quantity);
        encoder.executeOrder(nowNs, book.spec.id(), orderId, quantity, nextTradeId++);
        if (quantity == remaining)
        {
            remove(book, chosen);
        }
        else
        {
            book.quantities[chosen] = remaining - quantity;
        }
    }

    private void hiddenTrade(final PacketEncoder encoder, final Book book, final long nowNs)
    {
        final long bid = book.mirror.bestPrice(Side.BID);
        final long ask = book.mirror.bestPrice(Side.ASK);
        final long price = bid != OrderBook.NULL_PRICE ? bid : ask != OrderBook.NULL_PRICE ? ask :
            book.spec.referencePrice();
        encoder.trade(nowNs, book.spec.id(), nextTradeId++, price, lots(), 2);
    }

    /**
     * @return instruments this flow generates for.
     */
    public int instrumentCount()
    {
        return books.length;
    }

    /**
     * @param instrumentIndex index in the instrument list.
     * @return its spec.
     */
    public InstrumentSpec instrument(final int instrumentIndex)
    {
        return books[instrumentIndex].spec;
    }

    /**
     * Copies the instrument's resting orders in snapshot order: by side, by price, and within a price level in
     * queue priority, so that adding them in this order rebuilds the same queues. Allocation-free.
     *
     * @param instrumentIndex index in the instrument list.
     * @param ids             receives order ids (length at least {@link #maxOrders()}).
     * @param sides           receives sides.
     * @param prices          receives prices.
     * @param quantities      receives quantities.
     * @return number of orders copied.
     */
    public int snapshot(
        final int instrumentIndex, final long[] ids, final byte[] sides, final long[] prices, final long[] quantities)
    {
        final Book book = books[instrumentIndex];
        final int n = book.live;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        sortByPriority(book, 0, n - 1);
        for (int k = 0; k < n; k++)
        {
            final int i = order[k];
            ids[k] = book.ids[i];
            sides[k] = book.sides[i];
            prices[k] = book.prices[i];
            quantities[k] = book.quantities[i];
        }
        return n;
    }

    /**
     * @return most orders one instrument can hold (size for {@link #snapshot} arrays).
     */
    public static int maxOrders()
    {
        return MAX_LIVE;
    }

    private static boolean before(final Book book, final int a, final int b)
    {
        if (book.sides[a] != book.sides[b])
        {
            return book.sides[a] < book.sides[b];
        }
        if (book.prices[a] != book.prices[b])
        {
            return book.prices[a] < book.prices[b];
        }
        return book.priorities[a] < book.priorities[b];
    }

    private void sortByPriority(final Book book, final int lo, final int hi)
    {
        if (hi - lo < 16)
        {
            for (int i = lo + 1; i <= hi; i++)
            {
                final int v = order[i];
                int j = i - 1;
                while (j >= lo && before(book, v, order[j]))
                {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
            return;
        }
        final int pivot = order[(lo + hi) >>> 1];
        int i = lo;
        int j = hi;
        while (i <= j)
        {
            while (before(book, order[i], pivot))
            {
                i++;
            }
            while (before(book, pivot, order[j]))
            {
                j--;
            }
            if (i <= j)
            {
                final int t = order[i];
                order[i++] = order[j];
                order[j--] = t;
            }
        }
        sortByPriority(book, lo, j);
        sortByPriority(book, i, hi);
    }

    /**
     * @param instrumentIndex index in the instrument list.
     * @return the generator's view of that book (what a correct engine must end up with).
     */
    public OrderBook mirror(final int instrumentIndex)
    {
        return books[instrumentIndex].mirror;
    }
}
