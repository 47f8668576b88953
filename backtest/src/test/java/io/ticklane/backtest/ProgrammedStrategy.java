package io.ticklane.backtest;

import io.ticklane.book.BookView;
import io.ticklane.book.Side;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test strategy: runs actions at given local times (through timers) and logs every callback with its local time.
 */
class ProgrammedStrategy implements Strategy
{
    final List<String> log = new ArrayList<>();
    final List<long[]> actionsAt = new ArrayList<>();
    final List<Consumer<StrategyContext>> actions = new ArrayList<>();
    final List<Long> bookTimes = new ArrayList<>();
    final List<Long> bestBidSeen = new ArrayList<>();
    StrategyContext context;

    ProgrammedStrategy at(final long timeNs, final Consumer<StrategyContext> action)
    {
        actionsAt.add(new long[]{timeNs});
        actions.add(action);
        return this;
    }

    public void onStart(final StrategyContext context)
    {
        this.context = context;
        for (int i = 0; i < actions.size(); i++)
        {
            context.schedule(actionsAt.get(i)[0], i);
        }
    }

    public void onTimer(final long token, final long nowNs)
    {
        actions.get((int)token).accept(context);
    }

    public void onBook(final BookView book)
    {
        bookTimes.add(context.nowNs());
        bestBidSeen.add(book.bestPrice(Side.BID));
    }

    public void onAccepted(final OrderView o)
    {
        log.add(context.nowNs() + " accepted " + o.id());
    }

    public void onModified(final OrderView o)
    {
        log.add(context.nowNs() + " modified " + o.id() + " " + o.price() + "x" + o.leavesQuantity());
    }

    public void onFill(final OrderView o, final long price, final long quantity, final boolean maker)
    {
        log.add(context.nowNs() + " fill " + o.id() + " " + quantity + "@" + price + (maker ? " maker" : " taker") +
            " leaves " + o.leavesQuantity());
    }

    public void onCancelled(final OrderView o, final int reason)
    {
        log.add(context.nowNs() + " cancelled " + o.id() + " " + OrderStatus.reason(reason));
    }

    public void onRejected(final OrderView o, final int reason)
    {
        log.add(context.nowNs() + " rejected " + o.id() + " " + OrderStatus.reason(reason));
    }
}
