package io.ticklane.book;

import java.util.SplittableRandom;

/**
 * Random, deliberately hostile book events for property tests: ids from a small space (so duplicates and unknown ids
 * are frequent), prices that drift and sometimes jump far outside any ladder window, and a share of invalid events
 * (zero or negative quantities, off-tick prices, bad sides, oversized executions). Allocation-free.
 */
final class RandomBookOps
{
    static final int ADD = 0;
    static final int MODIFY = 1;
    static final int DELETE = 2;
    static final int EXECUTE = 3;

    private final SplittableRandom random;
    private final long tick;
    private final int idSpace;
    private final int farJumpPercent;
    private long midTicks;

    int type;
    long orderId;
    int side;
    long price;
    long quantity;

    RandomBookOps(final long seed, final long tick, final long startMidTicks, final int idSpace,
        final int farJumpPercent)
    {
        this.random = new SplittableRandom(seed);
        this.tick = tick;
        this.midTicks = startMidTicks;
        this.idSpace = idSpace;
        this.farJumpPercent = farJumpPercent;
    }

    /**
     * Draws the next event into the public fields.
     */
    void next()
    {
        if (random.nextInt(100) < 3)
        {
            midTicks += random.nextInt(-3, 4);
            if (midTicks < 50)
            {
                midTicks = 50;
            }
        }
        orderId = 1 + random.nextInt(idSpace);
        side = random.nextInt(2);
        quantity = 1 + random.nextInt(5) * 10L + random.nextInt(3);
        price = priceTicks() * tick;
        final int r = random.nextInt(100);
        type = r < 45 ? ADD : r < 65 ? DELETE : r < 80 ? EXECUTE : MODIFY;
        if (type == EXECUTE && random.nextInt(3) == 0)
        {
            quantity = 1; // partial executions are the common case on real feeds
        }
        final int invalid = random.nextInt(100);
        if (invalid < 2)
        {
            quantity = -random.nextInt(2);
        }
        else if (invalid < 3)
        {
            price = price + 1 + random.nextInt((int)Math.max(1, tick - 1));
            if (price % tick == 0)
            {
                price++;
            }
        }
        else if (invalid < 4)
        {
            side = 2 + random.nextInt(3);
        }
        else if (invalid < 5)
        {
            price = -price;
        }
    }

    private long priceTicks()
    {
        final int r = random.nextInt(100);
        if (r < farJumpPercent)
        {
            return Math.max(1, midTicks + random.nextInt(-400, 401));
        }
        final int offset = random.nextInt(12);
        return Math.max(1, side == Side.BID ? midTicks - offset : midTicks + offset);
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

    public String toString()
    {
        final String[] names = {"add", "modify", "delete", "execute"};
        return names[type] + "(id=" + orderId + ", side=" + side + ", price=" + price + ", qty=" + quantity + ")";
    }
}
