package io.ticklane.backtest.samples;

import io.ticklane.backtest.OrderView;
import io.ticklane.backtest.Strategy;
import io.ticklane.backtest.StrategyContext;
import io.ticklane.backtest.StrategyParameters;
import io.ticklane.backtest.TimeInForce;
import io.ticklane.book.BookState;
import io.ticklane.book.BookView;
import io.ticklane.book.Side;

/**
 * A sample liquidity taker on top-of-book imbalance: when the best bid holds more than {@code imbalance} of the
 * quantity at the touch it buys {@code size} with an IOC market order (and sells on the mirror signal), within
 * {@code max_position}, then waits {@code cooldown_ns} of local time before trading again.
 * <p>
 * Parameters: {@code instrument} (symbol or id; default: the first book seen), {@code size} (1),
 * {@code imbalance} (0.7), {@code max_position} (3), {@code cooldown_ns} (100000000).
 */
public final class SimpleTaker implements Strategy
{
    private final String instrument;
    private final long size;
    private final double imbalance;
    private final long maxPosition;
    private final long cooldownNs;
    private StrategyContext context;
    private int instrumentId = Integer.MIN_VALUE;
    private boolean inFlight;
    private long quietUntilNs = Long.MIN_VALUE;

    public SimpleTaker(final StrategyParameters p)
    {
        instrument = p.get("instrument", "");
        size = p.getLong("size", 1);
        imbalance = p.getDouble("imbalance", 0.7);
        maxPosition = p.getLong("max_position", 3);
        cooldownNs = p.getLong("cooldown_ns", 100_000_000L);
        if (size <= 0 || !(imbalance > 0.5 && imbalance < 1) || maxPosition <= 0)
        {
            throw new IllegalArgumentException("taker: size > 0, 0.5 < imbalance < 1, max_position > 0 needed");
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
        if (book.instrumentId() != instrumentId || book.state() != BookState.LIVE || inFlight ||
            context.nowNs() < quietUntilNs)
        {
            return;
        }
        final long bidQty = book.bestQuantity(Side.BID);
        final long askQty = book.bestQuantity(Side.ASK);
        if (bidQty <= 0 || askQty <= 0)
        {
            return;
        }
        final double share = (double)bidQty / (bidQty + askQty);
        final long position = context.position(instrumentId);
        if (share > imbalance && position + size <= maxPosition)
        {
            context.submitMarket(instrumentId, Side.BID, size, TimeInForce.IOC);
            inFlight = true;
        }
        else if (share < 1 - imbalance && position - size >= -maxPosition)
        {
            context.submitMarket(instrumentId, Side.ASK, size, TimeInForce.IOC);
            inFlight = true;
        }
    }

    private void done()
    {
        inFlight = false;
        quietUntilNs = context.nowNs() + cooldownNs;
    }

    public void onFill(final OrderView order, final long price, final long quantity, final boolean maker)
    {
        if (order.leavesQuantity() == 0)
        {
            done();
        }
    }

    public void onCancelled(final OrderView order, final int reason)
    {
        done();
    }

    public void onRejected(final OrderView order, final int reason)
    {
        done();
    }
}
