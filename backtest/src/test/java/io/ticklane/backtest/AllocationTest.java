package io.ticklane.backtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero allocation per book event in steady state, measured with the thread's allocation counter over 1M events after
 * a warm-up of 1M: a no-op strategy, with the strategy on the exchange's books (no feed latency) and on its own
 * delayed copy (recorded feed latency), with a resting order of ours at the touch all along.
 */
class AllocationTest
{
    private static long run(final boolean feedLatency, final Strategy strategy)
    {
        final SyntheticFlowSource source = new SyntheticFlowSource(2_000_000, 1_000_000);
        final BacktestSummary summary = Backtest.builder().source(source).strategy(strategy)
            .recordedFeedLatency(feedLatency).orderPoolCapacity(1 << 14).build().run();
        assertTrue(summary.events() > 2_000_000, "every book event counted: " + summary.events());
        assertEquals(0, summary.refusedEvents());
        return source.allocatedBytes;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void noAllocationPerEventWithANoOpStrategy()
    {
        final long single = run(false, new Strategy()
        {
        });
        assertTrue(single < 1024, "allocated " + single + " bytes over 1M events without feed latency");
        final long dual = run(true, new Strategy()
        {
        });
        assertTrue(dual < 1024, "allocated " + dual + " bytes over 1M events with the strategy's delayed books");
        final long resting = run(true, new Strategy()
        {
            private boolean sent;

            public void onBook(final io.ticklane.book.BookView book)
            {
                if (!sent)
                {
                    sent = true;
                    context.submit(1, io.ticklane.book.Side.BID, 9_995, 1, TimeInForce.GTC); // rests inside the flow
                }
            }

            private StrategyContext context;

            public void onStart(final StrategyContext context)
            {
                this.context = context;
            }
        });
        assertTrue(resting < 1024, "allocated " + resting + " bytes with an order of ours resting");
        System.out.println("allocation over 1M events: single book " + single + " B, delayed books " + dual +
            " B, with a resting order " + resting + " B");
    }
}
