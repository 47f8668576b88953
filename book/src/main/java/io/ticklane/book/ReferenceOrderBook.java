package io.ticklane.book;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The obviously-correct book: sorted maps of levels, each an insertion-ordered map of orders. Slow and allocating,
 * it exists as the oracle that the fast book is compared against in tests, in {@code lobster-check} and in
 * benchmarks. Same rules as {@link OrderBook}.
 */
public final class ReferenceOrderBook implements OrderBook
{
    private static final class Order
    {
        final long id;
        final int side;
        long price;
        long quantity;

        Order(final long id, final int side, final long price, final long quantity)
        {
            this.id = id;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
        }
    }

    private final int instrumentId;
    private final long tickSize;
    private int state = BookState.LIVE;
    private final Map<Long, Order> orders = new HashMap<>();
    @SuppressWarnings("unchecked")
    private final NavigableMap<Long, LinkedHashMap<Long, Order>>[] sides = new NavigableMap[]
    {
        new TreeMap<Long, LinkedHashMap<Long, Order>>(Collections.reverseOrder()),
        new TreeMap<Long, LinkedHashMap<Long, Order>>()
    };

    /**
     * @param instrumentId instrument.
     * @param tickSize     prices must be multiples of this.
     */
    public ReferenceOrderBook(final int instrumentId, final long tickSize)
    {
        this.instrumentId = instrumentId;
        this.tickSize = tickSize;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public int add(final long orderId, final int side, final long price, final long quantity)
    {
        if (!Side.isValid(side))
        {
            return BookResult.INVALID_SIDE;
        }
        if (quantity <= 0)
        {
            return BookResult.INVALID_QUANTITY;
        }
        if (price <= 0 || price % tickSize != 0)
        {
            return BookResult.INVALID_PRICE;
        }
        if (orders.containsKey(orderId))
        {
            return BookResult.DUPLICATE_ORDER;
        }
        final Order order = new Order(orderId, side, price, quantity);
        orders.put(orderId, order);
        sides[side].computeIfAbsent(price, p -> new LinkedHashMap<>()).put(orderId, order);
        return BookResult.OK;
    }

    public int modify(final long orderId, final long price, final long quantity)
    {
        final Order order = orders.get(orderId);
        if (null == order)
        {
            return BookResult.UNKNOWN_ORDER;
        }
        if (quantity <= 0)
        {
            return BookResult.INVALID_QUANTITY;
        }
        if (price <= 0 || price % tickSize != 0)
        {
            return BookResult.INVALID_PRICE;
        }
        if (price == order.price && quantity <= order.quantity)
        {
            order.quantity = quantity; // keeps priority (and a modify that changes nothing is a no-op)
            return BookResult.OK;
        }
        removeFromLevel(order);
        order.price = price;
        order.quantity = quantity;
        sides[order.side].computeIfAbsent(price, p -> new LinkedHashMap<>()).put(orderId, order);
        return BookResult.OK;
    }

    public int delete(final long orderId)
    {
        final Order order = orders.remove(orderId);
        if (null == order)
        {
            return BookResult.UNKNOWN_ORDER;
        }
        removeFromLevel(order);
        return BookResult.OK;
    }

    public int execute(final long orderId, final long quantity)
    {
        final Order order = orders.get(orderId);
        if (null == order)
        {
            return BookResult.UNKNOWN_ORDER;
        }
        if (quantity <= 0)
        {
            return BookResult.INVALID_QUANTITY;
        }
        if (quantity > order.quantity)
        {
            return BookResult.EXECUTION_TOO_LARGE;
        }
        order.quantity -= quantity;
        if (order.quantity == 0)
        {
            orders.remove(orderId);
            removeFromLevel(order);
        }
        return BookResult.OK;
    }

    private void removeFromLevel(final Order order)
    {
        final LinkedHashMap<Long, Order> level = sides[order.side].get(order.price);
        level.remove(order.id);
        if (level.isEmpty())
        {
            sides[order.side].remove(order.price);
        }
    }

    public void clear()
    {
        orders.clear();
        sides[Side.BID].clear();
        sides[Side.ASK].clear();
    }

    public long bestPrice(final int side)
    {
        return sides[side].isEmpty() ? NULL_PRICE : sides[side].firstKey();
    }

    public int levels(
        final int side, final int maxLevels, final long[] prices, final long[] quantities, final int[] orderCounts)
    {
        int n = 0;
        for (final Map.Entry<Long, LinkedHashMap<Long, Order>> level : sides[side].entrySet())
        {
            if (n == maxLevels)
            {
                break;
            }
            long quantity = 0;
            for (final Order order : level.getValue().values())
            {
                quantity += order.quantity;
            }
            prices[n] = level.getKey();
            quantities[n] = quantity;
            orderCounts[n] = level.getValue().size();
            n++;
        }
        return n;
    }

    public int ordersAt(
        final int side, final long price, final long[] orderIds, final long[] quantities, final int maxOrders)
    {
        final LinkedHashMap<Long, Order> level = Side.isValid(side) ? sides[side].get(price) : null;
        int n = 0;
        if (null != level)
        {
            for (final Order order : level.values())
            {
                if (n == maxOrders)
                {
                    break;
                }
                orderIds[n] = order.id;
                quantities[n] = order.quantity;
                n++;
            }
        }
        return n;
    }

    public int orderCount()
    {
        return orders.size();
    }

    public int state()
    {
        return state;
    }

    public void markStale()
    {
        state = BookState.STALE;
    }

    public void markLive()
    {
        state = BookState.LIVE;
    }

    public long stateHash()
    {
        long hash = BookStateHash.SEED;
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            hash = BookStateHash.mix(hash, side);
            for (final Map.Entry<Long, LinkedHashMap<Long, Order>> level : sides[side].entrySet())
            {
                long quantity = 0;
                for (final Order order : level.getValue().values())
                {
                    quantity += order.quantity;
                }
                hash = BookStateHash.mix(hash, level.getKey());
                hash = BookStateHash.mix(hash, quantity);
                hash = BookStateHash.mix(hash, level.getValue().size());
                for (final Order order : level.getValue().values())
                {
                    hash = BookStateHash.mix(hash, order.id);
                    hash = BookStateHash.mix(hash, order.quantity);
                }
            }
        }
        return hash;
    }
}
