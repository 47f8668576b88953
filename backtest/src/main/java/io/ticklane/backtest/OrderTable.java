package io.ticklane.backtest;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Our orders by id, drawn from a pool: an order goes back to the pool once it is done on both sides (exchange and
 * strategy) and nothing in flight refers to it. Ids are 1-based submission indexes. Single thread.
 */
final class OrderTable
{
    private final Long2ObjectHashMap<SimOrder> byId = new Long2ObjectHashMap<>();
    private SimOrder free;
    private long nextId = 1;
    private long submitted;
    private long submittedQuantity;

    SimOrder create(final int instrumentId, final int side, final long price, final long quantity,
        final int timeInForce, final boolean market)
    {
        SimOrder o = free;
        if (null != o)
        {
            free = o.nextFree;
        }
        else
        {
            o = new SimOrder();
        }
        o.reset(nextId++, instrumentId, side, price, quantity, timeInForce, market);
        byId.put(o.id, o);
        submitted++;
        submittedQuantity += quantity;
        return o;
    }

    SimOrder get(final long id)
    {
        return byId.get(id);
    }

    /**
     * Returns the order to the pool when both sides are done with it.
     */
    void release(final SimOrder o)
    {
        if (o.inFlight == 0 && OrderStatus.isDone(o.status) && OrderStatus.isDone(o.exStatus) && !o.resting)
        {
            byId.remove(o.id);
            o.nextFree = free;
            free = o;
        }
    }

    long submitted()
    {
        return submitted;
    }

    long submittedQuantity()
    {
        return submittedQuantity;
    }

    /**
     * @param instrumentId an instrument.
     * @return orders the strategy believes open there.
     */
    int open(final int instrumentId)
    {
        int n = 0;
        for (final SimOrder o : byId.values())
        {
            if (o.instrumentId == instrumentId && !OrderStatus.isDone(o.status))
            {
                n++;
            }
        }
        return n;
    }

    int live()
    {
        return byId.size();
    }
}
