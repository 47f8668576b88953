package io.ticklane.backtest.samples;

import io.ticklane.backtest.OrderView;
import io.ticklane.backtest.Strategy;
import io.ticklane.backtest.StrategyContext;
import io.ticklane.backtest.StrategyParameters;
import io.ticklane.backtest.TimeInForce;
import io.ticklane.book.BookState;
import io.ticklane.book.BookView;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;

/**
 * A sample quoting market maker: one post-only (GTX) bid and one ask around the mid, {@code half_spread} ticks away
 * (never inside the touch), skewed against inventory by {@code skew} ticks per unit held, and no quote on the side
 * that would take the position past {@code max_position}. A quote is moved with a modify when its price should
 * change; at most one request per side is in flight.
 * <p>
 * Parameters: {@code instrument} (symbol or id; default: the first book seen), {@code size} (1),
 * {@code half_spread} (1 tick), {@code skew} (1 tick per unit), {@code max_position} (5).
 */
public final class QuotingMarketMaker implements Strategy
{
    private final String instrument;
    private final long size;
    private final long halfSpread;
    private final double skew;
    private final long maxPosition;
    private StrategyContext context;
    private int instrumentId = Integer.MIN_VALUE;
    private final long[] quote = {-1, -1};
    private final long[] quotePrice = {OrderBook.NULL_PRICE, OrderBook.NULL_PRICE};
    private final boolean[] busy = new boolean[2];

    public QuotingMarketMaker(final StrategyParameters p)
    {
        instrument = p.get("instrument", "");
        size = p.getLong("size", 1);
        halfSpread = p.getLong("half_spread", 1);
        skew = p.getDouble("skew", 1);
        maxPosition = p.getLong("max_position", 5);
        if (size <= 0 || halfSpread < 0 || maxPosition <= 0)
        {
            throw new IllegalArgumentException("market-maker: size > 0, half_spread >= 0, max_position > 0 needed");
        }
    }

    public void onStart(final StrategyContext context)
    {
        this.context = context;
    }

    public void onBook(final BookView book)
    {
        if (instrumentId == Integer.MIN_VALUE)
        {
            if (!instrument.isEmpty() && !instrument.equals(book.symbol()) &&
                !instrument.equals(Integer.toString(book.instrumentId())))
            {
                return;
            }
            instrumentId = book.instrumentId();
        }
        if (book.instrumentId() != instrumentId || book.state() != BookState.LIVE)
        {
            return;
        }
        final long bid = book.bestPrice(Side.BID);
        final long ask = book.bestPrice(Side.ASK);
        if (bid == OrderBook.NULL_PRICE || ask == OrderBook.NULL_PRICE || bid >= ask)
        {
            return;
        }
        final long tick = book.tickSize();
        final long position = context.position(instrumentId);
        final double fair = (bid + ask) / 2.0 - skew * position * tick;
        final long myBid = Math.min(bid, (long)Math.floor((fair - halfSpread * tick) / tick) * tick);
        final long myAsk = Math.max(ask, (long)Math.ceil((fair + halfSpread * tick) / tick) * tick);
        quote(Side.BID, position < maxPosition ? myBid : OrderBook.NULL_PRICE);
        quote(Side.ASK, position > -maxPosition ? myAsk : OrderBook.NULL_PRICE);
    }

    private void quote(final int side, final long price)
    {
        if (busy[side])
        {
            return;
        }
        if (quote[side] < 0)
        {
            if (price != OrderBook.NULL_PRICE)
            {
                quote[side] = context.submit(instrumentId, side, price, size, TimeInForce.GTX);
                quotePrice[side] = price;
                busy[side] = true;
            }
        }
        else if (price == OrderBook.NULL_PRICE)
        {
            busy[side] = context.cancel(quote[side]);
        }
        else if (price != quotePrice[side])
        {
            final OrderView o = context.order(quote[side]);
            if (null != o && context.modify(quote[side], price, o.leavesQuantity()))
            {
                quotePrice[side] = price;
                busy[side] = true;
            }
        }
    }

    private int sideOf(final OrderView order)
    {
        return order.id() == quote[Side.BID] ? Side.BID : order.id() == quote[Side.ASK] ? Side.ASK : -1;
    }

    private void done(final OrderView order)
    {
        final int side = sideOf(order);
        if (side >= 0)
        {
            quote[side] = -1;
            quotePrice[side] = OrderBook.NULL_PRICE;
            busy[side] = false;
        }
    }

    public void onAccepted(final OrderView order)
    {
        final int side = sideOf(order);
        if (side >= 0)
        {
            busy[side] = false;
        }
    }

    public void onModified(final OrderView order)
    {
        onAccepted(order);
    }

    public void onFill(final OrderView order, final long price, final long quantity, final boolean maker)
    {
        if (order.leavesQuantity() == 0)
        {
            done(order);
        }
    }

    public void onCancelled(final OrderView order, final int reason)
    {
        done(order);
    }

    public void onRejected(final OrderView order, final int reason)
    {
        if (order.status() == io.ticklane.backtest.OrderStatus.REJECTED)
        {
            done(order);
        }
        else
        {
            final int side = sideOf(order);
            if (side >= 0)
            {
                busy[side] = false;
                quotePrice[side] = order.price();
            }
        }
    }
}
