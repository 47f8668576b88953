package io.ticklane.gateway.importer.dbn;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import io.ticklane.book.Side;
import io.ticklane.gateway.PacketEncoder;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Encodes normalized book events as the project's own feed messages, for {@link DbnImporter}. The feed carries
 * orders only, so a market-by-price level becomes one synthetic resting order per level, whose id is derived from
 * its side and price ({@code price * 2 + side}); a level's quantity change is a modify of that order. Levels are
 * published at the end of each venue event, as the difference from what was published before. Definitions,
 * packets, event ends, stale/live and trading status produce no message (the importer's definitions go first, from
 * {@link DbnImporter#instruments()}). Single thread.
 */
final class FeedEncodingSink implements BookEventHandler
{
    private static final int MAX_LEVELS = 10;

    private static final class Levels
    {
        final long[][] prices = new long[2][MAX_LEVELS + 1];
        final long[][] quantities = new long[2][MAX_LEVELS + 1];
        final int[] count = new int[2];
        final long[][] publishedPrices = new long[2][MAX_LEVELS];
        final long[][] publishedQuantities = new long[2][MAX_LEVELS];
        final int[] published = new int[2];
        boolean dirty;
    }

    private final Int2ObjectHashMap<Levels> levels = new Int2ObjectHashMap<>();
    private final int[] dirtyIds = new int[64];
    private int dirtyCount;
    private PacketEncoder encoder;
    private long timeNs;
    private long tradeId;

    void encoder(final PacketEncoder encoder)
    {
        this.encoder = encoder;
    }

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        timeNs = sendTimeNs;
    }

    public int onDefinition(final InstrumentDefinition definition)
    {
        return DELIVERED;
    }

    public int onAdd(final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        encoder.addOrder(timeNs, instrumentId, orderId, side, price, quantity);
        return DELIVERED;
    }

    public int onModify(final int instrumentId, final long orderId, final long price, final long quantity)
    {
        encoder.modifyOrder(timeNs, instrumentId, orderId, price, quantity);
        return DELIVERED;
    }

    public int onDelete(final int instrumentId, final long orderId)
    {
        encoder.deleteOrder(timeNs, instrumentId, orderId);
        return DELIVERED;
    }

    public int onExecute(final int instrumentId, final long orderId, final long quantity)
    {
        encoder.executeOrder(timeNs, instrumentId, orderId, quantity, ++tradeId);
        return DELIVERED;
    }

    public int onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
        encoder.trade(timeNs, instrumentId, ++tradeId, price, quantity, Side.isValid(aggressorSide) ? aggressorSide : 2);
        return DELIVERED;
    }

    public int onClear(final int instrumentId)
    {
        final Levels l = levels.get(instrumentId);
        if (null != l)
        {
            l.count[0] = 0;
            l.count[1] = 0;
            l.published[0] = 0;
            l.published[1] = 0;
        }
        encoder.bookClear(timeNs, instrumentId);
        return DELIVERED;
    }

    public int onSnapshotBegin(final int instrumentId, final long lastSequence, final long count)
    {
        return onClear(instrumentId);
    }

    public int onSnapshotOrder(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        return onAdd(instrumentId, orderId, side, price, quantity);
    }

    public int onSnapshotEnd(final int instrumentId, final long lastSequence)
    {
        return DELIVERED;
    }

    public int onLevel(
        final int instrumentId, final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        if (book != LevelAction.OUTRIGHT || !Side.isValid(side) || level < 1 || level > MAX_LEVELS)
        {
            return DELIVERED;
        }
        Levels l = levels.get(instrumentId);
        if (null == l)
        {
            l = new Levels();
            levels.put(instrumentId, l);
        }
        final long[] prices = l.prices[side];
        final long[] quantities = l.quantities[side];
        final int n = l.count[side];
        final int i = level - 1;
        switch (action)
        {
            case LevelAction.NEW:
                if (i > n)
                {
                    return DELIVERED;
                }
                System.arraycopy(prices, i, prices, i + 1, n - i);
                System.arraycopy(quantities, i, quantities, i + 1, n - i);
                prices[i] = price;
                quantities[i] = quantity;
                l.count[side] = Math.min(MAX_LEVELS, n + 1);
                break;
            case LevelAction.CHANGE:
            case LevelAction.OVERLAY:
                if (i >= n)
                {
                    return DELIVERED;
                }
                prices[i] = action == LevelAction.OVERLAY ? price : prices[i];
                quantities[i] = quantity;
                break;
            case LevelAction.DELETE:
                if (i >= n)
                {
                    return DELIVERED;
                }
                System.arraycopy(prices, i + 1, prices, i, n - i - 1);
                System.arraycopy(quantities, i + 1, quantities, i, n - i - 1);
                l.count[side] = n - 1;
                break;
            default:
                break; // the DBN translator sends no other action
        }
        if (!l.dirty)
        {
            l.dirty = true;
            dirtyIds[dirtyCount++ & (dirtyIds.length - 1)] = instrumentId;
        }
        return DELIVERED;
    }

    /**
     * Publishes the levels as synthetic orders: removed prices first, then changed quantities and new prices, so
     * that a book that shifted by a tick never holds two orders with one id.
     */
    private void publish(final int instrumentId, final Levels l)
    {
        l.dirty = false;
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            final long[] prices = l.prices[side];
            final long[] quantities = l.quantities[side];
            final long[] pubPrices = l.publishedPrices[side];
            final long[] pubQuantities = l.publishedQuantities[side];
            final int n = l.count[side];
            final int published = l.published[side];
            for (int j = 0; j < published; j++)
            {
                if (indexOf(prices, n, pubPrices[j]) < 0)
                {
                    encoder.deleteOrder(timeNs, instrumentId, id(side, pubPrices[j]));
                }
            }
            for (int i = 0; i < n; i++)
            {
                final int j = indexOf(pubPrices, published, prices[i]);
                if (j < 0)
                {
                    encoder.addOrder(timeNs, instrumentId, id(side, prices[i]), side, prices[i], quantities[i]);
                }
                else if (pubQuantities[j] != quantities[i])
                {
                    encoder.modifyOrder(timeNs, instrumentId, id(side, prices[i]), prices[i], quantities[i]);
                }
            }
            System.arraycopy(prices, 0, pubPrices, 0, n);
            System.arraycopy(quantities, 0, pubQuantities, 0, n);
            l.published[side] = n;
        }
    }

    private static int indexOf(final long[] prices, final int n, final long price)
    {
        for (int i = 0; i < n; i++)
        {
            if (prices[i] == price)
            {
                return i;
            }
        }
        return -1;
    }

    private static long id(final int side, final long price)
    {
        return price * 2 + side;
    }

    public int onTradingStatus(final int instrumentId, final int status)
    {
        return DELIVERED;
    }

    public void onStale(final int instrumentId)
    {
    }

    public void onLive(final int instrumentId)
    {
    }

    public void onEndOfEvent()
    {
        final int n = Math.min(dirtyCount, dirtyIds.length);
        for (int k = 0; k < n; k++)
        {
            final Levels l = levels.get(dirtyIds[k]);
            if (null != l && l.dirty)
            {
                publish(dirtyIds[k], l);
            }
        }
        dirtyCount = 0;
    }
}
