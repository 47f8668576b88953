package io.ticklane.book;

import java.util.SplittableRandom;

/**
 * Valid, never-crossing order flow clustered near a fixed mid: bids below it, asks above it, about half adds and
 * the rest cancels, partial cancels, executions of the front order and price modifies. Tracks its live orders so
 * that every event it draws is valid against a correct book. Allocation-free after construction.
 */
final class NearTouchFlow
{
    static final int ADD = 0;
    static final int MODIFY = 1;
    static final int DELETE = 2;
    static final int EXECUTE = 3;

    private final SplittableRandom random;
    private final long tick;
    private final long midTicks;
    private final long[] ids;
    private final long[] priceTicks;
    private final long[] quantities;
    private final int[] sides;
    private int live;
    private long nextId;

    int type;
    long orderId;
    int side;
    long price;
    long quantity;

    NearTouchFlow(final long seed, final long tick, final long midTicks, final int maxLive, final long firstId)
    {
        random = new SplittableRandom(seed);
        this.tick = tick;
        this.midTicks = midTicks;
        ids = new long[maxLive];
        priceTicks = new long[maxLive];
        quantities = new long[maxLive];
        sides = new int[maxLive];
        nextId = firstId;
    }

    void next()
    {
        final int target = ids.length / 2;
        final int addPercent = live < target / 2 ? 80 : live > target ? 30 : 50;
        if (live == 0 || (live < ids.length && random.nextInt(100) < addPercent))
        {
            add();
            return;
        }
        final int i = random.nextInt(live);
        final int r = random.nextInt(100);
        type = r < 76 ? DELETE : r < 90 ? EXECUTE : r < 97 ? MODIFY : DELETE;
        orderId = ids[i];
        side = sides[i];
        if (type == DELETE)
        {
            remove(i);
        }
        else if (type == EXECUTE)
        {
            quantity = random.nextInt(3) == 0 ? quantities[i] : 1 + random.nextLong(quantities[i]);
            price = priceTicks[i] * tick;
            if (quantity == quantities[i])
            {
                remove(i);
            }
            else
            {
                quantities[i] -= quantity;
            }
        }
        else
        {
            final boolean reprice = random.nextBoolean();
            final long t = reprice ? near(sides[i]) : priceTicks[i];
            final long q = reprice || quantities[i] == 1 ? quantities[i] : quantities[i] - 1;
            priceTicks[i] = t;
            quantities[i] = q;
            price = t * tick;
            quantity = q;
        }
    }

    private long near(final int side)
    {
        int d = 0;
        while (d < 40 && random.nextInt(10) < 6)
        {
            d++;
        }
        return side == Side.BID ? midTicks - 1 - d : midTicks + 1 + d;
    }

    private void add()
    {
        type = ADD;
        side = random.nextInt(2);
        final long t = near(side);
        quantity = 100L * (1 + random.nextInt(5));
        orderId = nextId++;
        price = t * tick;
        ids[live] = orderId;
        priceTicks[live] = t;
        quantities[live] = quantity;
        sides[live] = side;
        live++;
    }

    private void remove(final int i)
    {
        final int last = --live;
        ids[i] = ids[last];
        priceTicks[i] = priceTicks[last];
        quantities[i] = quantities[last];
        sides[i] = sides[last];
    }

    int apply(final OrderBook book)
    {
        switch (type)
        {
            case ADD:
                return book.add(orderId, side, price, quantity);
            case MODIFY:
                return book.modify(orderId, price, quantity);
            case DELETE:
                return book.delete(orderId);
            default:
                return book.execute(orderId, quantity);
        }
    }

    int live()
    {
        return live;
    }
}
