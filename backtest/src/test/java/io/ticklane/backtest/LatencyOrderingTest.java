package io.ticklane.backtest;

import io.ticklane.book.InstrumentDefinition;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ticklane.book.Side.ASK;
import static io.ticklane.book.Side.BID;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Latency: requests reach the exchange after the entry latency and its responses the strategy after the response
 * latency, in order; the strategy sees the market after the feed latency (constant or recorded) and never before;
 * sampled latencies come from an .hlog and repeat with the seed.
 */
class LatencyOrderingTest
{
    @TempDir
    Path dir;

    private static ScriptedSource book()
    {
        return new ScriptedSource()
            .at(1).define(1, "T", 1, InstrumentDefinition.BOOK_ORDERS, 0)
            .at(2).add(101, BID, 99, 5).add(201, ASK, 101, 5);
    }

    @Test
    void entryAndResponseLatencyDelayTheExchangeAndTheStrategy()
    {
        final ScriptedSource source = book().at(100).add(102, BID, 99, 1).at(1_000);
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(10, c -> c.submit(1, BID, 99, 1, TimeInForce.GTC))
            .at(10, c -> c.submitMarket(1, BID, 2, TimeInForce.IOC));
        final Runs r = new Runs(Backtest.builder().source(source).strategy(s)
            .entryLatency(LatencyModel.constant(50)).responseLatency(LatencyModel.constant(20)), dir);
        assertEquals(List.of("80 accepted 1", "80 accepted 2", "80 fill 2 2@101 taker leaves 0"), s.log);
        assertEquals(List.of("2,60,101,2,taker,"), r.fills());
        assertTrue(r.orders().contains("1,60,exchange,accepted,T,B,99,1,1,0,GTC,"), r.orders().toString());
        assertTrue(r.orders().contains("1,10,local,sent,T,B,99,1,1,0,GTC,"), r.orders().toString());
    }

    @Test
    void anOrderArrivingAfterAMarketEventQueuesBehindIt()
    {
        final ScriptedSource source = book().at(100).add(102, BID, 99, 3).at(200).execute(101, 5)
            .at(300).execute(102, 3).at(400).add(103, BID, 99, 1).at(500).execute(103, 1);
        final ProgrammedStrategy early = new ProgrammedStrategy().at(50, c -> c.submit(1, BID, 99, 1,
            TimeInForce.GTC));
        assertEquals(List.of("1,300,99,1,maker,5"), new Runs(Backtest.builder().source(source).strategy(early)
            .entryLatency(LatencyModel.constant(49)), dir).fills(), "arrives at 99, ahead of order 102");
        final ProgrammedStrategy late = new ProgrammedStrategy().at(50, c -> c.submit(1, BID, 99, 1,
            TimeInForce.GTC));
        assertEquals(List.of("1,500,99,1,maker,8"), new Runs(Backtest.builder().source(source).strategy(late)
            .entryLatency(LatencyModel.constant(50)), dir).fills(), "arrives at 100, with 102: market first");
    }

    @Test
    void theStrategySeesTheMarketOnlyAfterTheFeedLatency()
    {
        final ScriptedSource source = book().at(100).add(102, BID, 100, 1).at(200).add(103, BID, 101 - 1, 1)
            .at(1_000);
        final List<Long> seen = new ArrayList<>();
        final ProgrammedStrategy s = new ProgrammedStrategy()
            .at(120, c -> seen.add(c.book(1).bestPrice(BID)))
            .at(160, c -> seen.add(c.book(1).bestPrice(BID)));
        new Runs(Backtest.builder().source(source).strategy(s).feedLatency(LatencyModel.constant(50)), dir);
        assertEquals(List.of(99L, 100L), seen, "at 120 the add at 100 is not visible yet; at 160 it is");
        assertEquals(List.of(51L, 52L, 150L, 250L), s.bookTimes);
    }

    @Test
    void recordedReceiveTimesAreTheFeedLatency()
    {
        final ScriptedSource source = new ScriptedSource()
            .at(1, 1).define(1, "T", 1, InstrumentDefinition.BOOK_ORDERS, 0)
            .at(100, 130).add(101, BID, 99, 1)
            .at(200, 205).add(102, BID, 100, 1)
            .at(300, 390);
        final ProgrammedStrategy s = new ProgrammedStrategy();
        new Runs(Backtest.builder().source(source).strategy(s).recordedFeedLatency(true), dir);
        assertEquals(List.of(1L, 130L, 205L), s.bookTimes, "the event at 300 changes no book");
    }

    @Test
    void aFillReachesTheStrategyBeforeLaterMarketDataAndAfterEarlier()
    {
        final ScriptedSource source = book().at(100).add(104, ASK, 99, 1).at(150).add(105, BID, 98, 1).at(1_000);
        final List<String> order = new ArrayList<>();
        final ProgrammedStrategy s = new ProgrammedStrategy()
        {
            @Override
            public void onFill(final OrderView o, final long price, final long quantity, final boolean maker)
            {
                order.add("fill@" + context.nowNs());
            }

            @Override
            public void onBook(final io.ticklane.book.BookView book)
            {
                order.add("book@" + context.nowNs());
            }
        }.at(10, c -> c.submit(1, BID, 100, 1, TimeInForce.GTC));
        new Runs(Backtest.builder().source(source).strategy(s).feedLatency(LatencyModel.constant(60))
            .responseLatency(LatencyModel.constant(30)), dir);
        assertEquals(List.of("book@61", "book@62", "fill@130", "book@160", "book@210"), order, "the last event changes no book");
    }

    @Test
    void sampledLatencyComesFromAnHlogAndRepeatsWithItsSeed() throws IOException
    {
        final File hlog = dir.resolve("latency.hlog").toFile();
        try (java.io.PrintStream out = new java.io.PrintStream(hlog))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(0);
            writer.outputLegend();
            final Histogram h = new Histogram(3);
            h.setTag("publish-applied");
            h.recordValueWithCount(1_000, 90);
            h.recordValueWithCount(100_000, 10);
            h.setStartTimeStamp(0);
            h.setEndTimeStamp(1000);
            writer.outputIntervalHistogram(h);
        }
        final LatencySettings a = LatencySettings.parse("entry=hlog:" + hlog + "#publish-applied,feed=recorded,seed=7");
        final LatencySettings b = LatencySettings.parse("entry=hlog:" + hlog + "#publish-applied,feed=recorded,seed=7");
        long slow = 0;
        for (int i = 0; i < 10_000; i++)
        {
            final long x = a.entry().sampleNs();
            assertEquals(x, b.entry().sampleNs());
            assertTrue(Math.abs(x - 1_000) < 10 || Math.abs(x - 100_000) < 100, "value " + x);
            slow += x > 10_000 ? 1 : 0;
        }
        assertTrue(slow > 800 && slow < 1_200, "about 10% slow: " + slow);
        assertTrue(a.recordedFeed());
        assertEquals("no tag 'nope'", assertThrows(IllegalArgumentException.class,
            () -> LatencySettings.parse("entry=hlog:" + hlog + "#nope")).getMessage().replaceAll(".*: (no tag '[a-z]+').*", "$1"));
    }

    @Test
    void requestsNeverOvertakeEachOther()
    {
        final PendingQueue q = new PendingQueue();
        assertEquals(100, q.add(100, 1, null, 0, 0, 0));
        assertEquals(100, q.add(60, 1, null, 0, 0, 0), "a faster later request waits for the one ahead of it");
        assertEquals(150, q.add(150, 1, null, 0, 0, 0));
        for (int i = 0; i < 200; i++)
        {
            q.add(200 + i, 2, null, i, 0, 0);
        }
        assertEquals(203, q.size());
        q.pop();
        q.pop();
        q.pop();
        assertEquals(200, q.headTime());
        assertEquals(0, q.headA());
    }
}
