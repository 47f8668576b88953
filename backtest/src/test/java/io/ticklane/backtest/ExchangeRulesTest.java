package io.ticklane.backtest;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ticklane.book.Side.ASK;
import static io.ticklane.book.Side.BID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every order type and time in force against a small order-by-order book, with and without partial fills, no
 * latency: bids 99 (orders 101 x5, 102 x5) and 98 (103 x10); asks 101 (201 x5) and 102 (202 x10).
 */
class ExchangeRulesTest
{
    @TempDir
    Path dir;

    private static ScriptedSource book()
    {
        return new ScriptedSource()
            .at(1).define(1, "T", 1, InstrumentDefinition.BOOK_ORDERS, 0)
            .at(2).add(101, BID, 99, 5).add(102, BID, 99, 5).add(103, BID, 98, 10)
            .add(201, ASK, 101, 5).add(202, ASK, 102, 10);
    }

    private Runs run(final ScriptedSource source, final ProgrammedStrategy strategy, final boolean partial)
    {
        return new Runs(Backtest.builder().source(source).strategy(strategy).partialFills(partial), dir);
    }

    @Test
    void restingOrderFillsWhenAnExecutionReachesOrdersBehindIt()
    {
        final ScriptedSource source = book()
            .at(100).execute(101, 5).at(110).execute(102, 5).at(120).add(104, BID, 99, 3)
            .at(130).execute(104, 2).at(140).execute(104, 1);
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 99, 4, TimeInForce.GTC));
        assertEquals(List.of("1,130,99,2,maker,10", "1,140,99,1,maker,10"), run(source, s, true).fills());
        assertEquals(List.of("10 accepted 1", "130 fill 1 2@99 maker leaves 2", "140 fill 1 1@99 maker leaves 1"),
            s.log);

        final ProgrammedStrategy whole = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 99, 4, TimeInForce.GTC));
        assertEquals(List.of("1,130,99,4,maker,10"), run(source, whole, false).fills());
    }

    @Test
    void ordersAheadLeavingByCancelOrPriorityLossDoNotFillUs()
    {
        final ScriptedSource source = book()
            .at(100).delete(101).at(110).modify(102, 99, 9).at(120).execute(102, 9);
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 99, 4, TimeInForce.GTC));
        final Runs r = run(source, s, true);
        assertEquals(List.of("1,120,99,4,maker,10"), r.fills(),
            "102 lost priority when it grew, so its execution is behind us");
    }

    @Test
    void anExecutionThroughOurPriceAndACrossingOrderFillUs()
    {
        final ScriptedSource source = book().at(100).execute(103, 3).at(200).add(205, ASK, 100, 2);
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 99, 5, TimeInForce.GTC))
            .at(150, c -> c.submit(1, BID, 100, 6, TimeInForce.GTC));
        assertEquals(List.of("1,100,99,3,maker,10", "2,200,100,2,maker,0"), run(source, s, true).fills());
    }

    @Test
    void postOnlyIsRefusedWhenItWouldTake()
    {
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 101, 1, TimeInForce.GTX))
            .at(20, c -> c.submit(1, BID, 100, 1, TimeInForce.GTX));
        final Runs r = run(book().at(100).execute(201, 1), s, true);
        assertEquals(List.of("10 rejected 1 post-only-would-take", "20 accepted 2"), s.log);
        assertEquals(List.of(), r.fills());
    }

    @Test
    void iocTakesWhatItCanAndCancelsTheRest()
    {
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 101, 8, TimeInForce.IOC));
        assertEquals(List.of("1,10,101,5,taker,"), run(book().at(100), s, true).fills());
        assertEquals(List.of("10 accepted 1", "10 fill 1 5@101 taker leaves 3", "10 cancelled 1 ioc-remainder"), s.log);

        final ProgrammedStrategy whole = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 101, 8, TimeInForce.IOC));
        assertEquals(List.of("1,10,101,8,taker,"), run(book().at(100), whole, false).fills(),
            "without partial fills a taker fills in full at the best price");
    }

    @Test
    void fokFillsInFullOrNotAtAll()
    {
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 102, 20, TimeInForce.FOK))
            .at(20, c -> c.submit(1, BID, 102, 12, TimeInForce.FOK));
        final Runs r = run(book().at(100), s, true);
        assertEquals(List.of("2,20,101,5,taker,", "2,20,102,7,taker,"), r.fills());
        assertTrue(s.log.contains("10 cancelled 1 fok-unfillable"), s.log.toString());
    }

    @Test
    void marketOrdersWalkTheBookOrFindNothing()
    {
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submitMarket(1, BID, 7, TimeInForce.IOC));
        assertEquals(List.of("1,10,101,5,taker,", "1,10,102,2,taker,"), run(book().at(100), s, true).fills());

        final ScriptedSource empty = new ScriptedSource().at(1).define(1, "T", 1, InstrumentDefinition.BOOK_ORDERS, 0)
            .at(2).add(201, ASK, 101, 5).at(100);
        final ProgrammedStrategy none = new ProgrammedStrategy()
            .at(10, c -> c.submitMarket(1, ASK, 1, TimeInForce.IOC));
        run(empty, none, true);
        assertEquals(List.of("10 accepted 1", "10 cancelled 1 no-liquidity"), none.log);
    }

    @Test
    void marketableGtcTakesThenRestsTheRest()
    {
        final ScriptedSource source = book().at(100).add(206, ASK, 101, 4);
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 101, 8, TimeInForce.GTC));
        assertEquals(List.of("1,10,101,5,taker,", "1,100,101,3,maker,0"), run(source, s, true).fills(),
            "the rest rests at 101 and a new ask at 101 crosses it");
    }

    @Test
    void cancelAndTheRaceWithAFill()
    {
        final ScriptedSource source = book().at(100).execute(101, 5).execute(102, 5).add(104, BID, 99, 1)
            .at(110).execute(104, 1).at(200);
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 99, 1, TimeInForce.GTC))
            .at(10, c -> c.submit(1, BID, 98, 1, TimeInForce.GTC))
            .at(50, c -> c.cancel(2))
            .at(105, c -> c.cancel(1));
        final Runs r = new Runs(Backtest.builder().source(source).strategy(s)
            .entryLatency(LatencyModel.constant(10)), dir);
        assertEquals(List.of("1,110,99,1,maker,10"), r.fills(), "the cancel sent at 105 reaches the exchange at 115");
        assertTrue(s.log.contains("60 cancelled 2 requested"), s.log.toString());
        assertTrue(s.log.contains("115 rejected 1 too-late"), s.log.toString());
    }

    @Test
    void modifyKeepsPriorityOnlyWhenItShrinks()
    {
        final ScriptedSource source = book().at(100).add(104, BID, 99, 2)
            .at(200).execute(101, 5).execute(102, 5).at(210).execute(104, 2);
        final ProgrammedStrategy shrink = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 99, 4, TimeInForce.GTC))
            .at(150, c -> c.modify(1, 99, 3));
        assertEquals(List.of("1,210,99,3,maker,10"), run(source, shrink, false).fills());
        assertTrue(shrink.log.contains("150 modified 1 99x3"), shrink.log.toString());

        final ProgrammedStrategy grow = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 99, 4, TimeInForce.GTC))
            .at(150, c -> c.modify(1, 99, 5));
        assertEquals(List.of(), run(source, grow, false).fills(), "behind 104 after growing: 104's fill is ahead");

        final ProgrammedStrategy move = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 98, 4, TimeInForce.GTC))
            .at(150, c -> c.modify(1, 99, 4));
        assertEquals(List.of(), run(source, move, false).fills(), "a price change joins the back at 99");
    }

    @Test
    void aBookResetCancelsOurRestingOrders()
    {
        final ProgrammedStrategy s = new ProgrammedStrategy().at(10, c -> c.submit(1, BID, 99, 4, TimeInForce.GTC));
        run(book().at(100).clear(), s, true);
        assertEquals(List.of("10 accepted 1", "100 cancelled 1 book-reset"), s.log);
    }

    @Test
    void unknownInstrumentOffTickAndZeroQuantityAreRejected()
    {
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submit(9, BID, 99, 1, TimeInForce.GTC))
            .at(10, c -> c.submit(1, BID, 99, 0, TimeInForce.GTC));
        run(book().at(100), s, true);
        assertEquals(List.of("10 rejected 1 unknown-instrument", "10 rejected 2 invalid-quantity"), s.log);
    }

    @Test
    void feesAndPnlFollowTheFills()
    {
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submitMarket(1, BID, 5, TimeInForce.IOC))
            .at(20, c -> c.submit(1, ASK, 102, 5, TimeInForce.GTC));
        final ScriptedSource source = book().at(100).execute(202, 10).at(110).add(210, Side.BID, 103, 5);
        final Runs r = new Runs(Backtest.builder().source(source).strategy(s).partialFills(true)
            .fees(FeeModel.parse("maker=-0.001,taker=0.002,taker-unit=0.5")), dir);
        assertEquals(List.of("1,10,101,5,taker,", "2,110,102,5,maker,10"), r.fills());
        assertEquals(5.0, r.summary.realizedPnl(), 1e-9, "bought 5 at 101, sold 5 at 102");
        final double fees = 0.002 * 505 + 0.5 * 5 - 0.001 * 510;
        assertEquals(fees, r.summary.fees(), 1e-9);
        assertEquals(5.0 - fees, r.summary.netPnl(), 1e-9);
        assertEquals(0L, r.summary.finalPositions().get("T"));
    }
}
