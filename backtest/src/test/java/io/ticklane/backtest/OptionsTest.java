package io.ticklane.backtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The options the CLI passes through (latency, fees, strategy loading, the orders file): what they accept, and one
 * clear line naming the value and what is allowed for what they refuse.
 */
class OptionsTest
{
    @TempDir
    Path dir;

    private static String refused(final org.junit.jupiter.api.function.Executable e)
    {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void latencyOption()
    {
        final LatencySettings s = LatencySettings.parse("entry=50us,response=1.5ms,feed=200ns");
        assertEquals(50_000, s.entry().sampleNs());
        assertEquals(1_500_000, s.response().sampleNs());
        assertEquals(200, s.feed().sampleNs());
        assertFalse(s.recordedFeed());
        assertTrue(LatencySettings.parse("feed=recorded").recordedFeed());
        assertEquals("--latency entry '5 parsecs': expected a duration >= 0 such as 0, 250ns, 50us, 1.5ms",
            refused(() -> LatencySettings.parse("entry=5 parsecs")));
        assertEquals("--latency wire=1us: allowed keys entry, response, feed, seed",
            refused(() -> LatencySettings.parse("wire=1us")));
        assertTrue(refused(() -> LatencySettings.parse("entry=hlog:/no/such.hlog")).contains("no histogram log at"));
    }

    @Test
    void feeOption()
    {
        final FeeModel f = FeeModel.parse("maker=-0.5bp,taker=0.0002,maker-unit=-0.1,taker-unit=0.25");
        assertEquals(-0.00005, f.makerRate(), 1e-15);
        assertEquals(-0.1 * 10 - 0.00005 * 1000, f.fee(true, 10, 1000), 1e-12, "a negative fee is a rebate");
        assertEquals(0.25 * 10 + 0.0002 * 1000, f.fee(false, 10, 1000), 1e-12);
        assertEquals("--fees maker=cheap: 'cheap' is not a number", refused(() -> FeeModel.parse("maker=cheap")));
        assertTrue(refused(() -> FeeModel.parse("rebate=1")).contains("allowed keys maker, taker"));
    }

    @Test
    void strategyLoading()
    {
        final StrategyParameters p = StrategyParameters.parse(List.of("size=3"));
        assertEquals("io.ticklane.backtest.samples.QuotingMarketMaker",
            StrategyLoader.load("market-maker", null, p).getClass().getName());
        assertEquals("io.ticklane.backtest.samples.SimpleTaker",
            StrategyLoader.load("io.ticklane.backtest.samples.SimpleTaker", null, p).getClass().getName());
        assertTrue(refused(() -> StrategyLoader.load("no.such.Strategy", null, p))
            .startsWith("--strategy no.such.Strategy: class not found on the classpath"));
        assertTrue(refused(() -> StrategyLoader.load("java.lang.String", null, p)).contains("does not implement"));
        assertEquals("--strategy-jar " + dir.resolve("x.jar") + ": no such file",
            refused(() -> StrategyLoader.load("A", dir.resolve("x.jar"), p)));
        assertEquals("--strategy io.ticklane.backtest.samples.SimpleTaker: constructor failed: " +
            "taker: size > 0, 0.5 < imbalance < 1, max_position > 0 needed",
            refused(() -> StrategyLoader.load("taker", null, StrategyParameters.parse(List.of("imbalance=2")))));
        assertEquals("--param size=big: not an integer", refused(() -> StrategyLoader.load("market-maker", null,
            StrategyParameters.parse(List.of("size=big")))).replaceAll(".*: (--param.*)", "$1"));
        assertEquals("--param 'oops': expected KEY=VALUE", refused(() -> StrategyParameters.parse(List.of("oops"))));
    }

    private String ordersError(final String... lines) throws IOException
    {
        final Path f = dir.resolve("orders.csv");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return refused(() -> new ScriptedOrdersStrategy(f));
    }

    @Test
    void ordersFileErrorsNameFileLineAndValue() throws IOException
    {
        final String h = ScriptedOrdersStrategy.HEADER;
        final Path f = dir.resolve("orders.csv");
        assertEquals(f + ":1: header must be '" + h + "', found 'ts,side'", ordersError("ts,side", "1,B"));
        assertEquals(f + ":3: side 'X'; allowed: B, S", ordersError(h, "1,ESM4,B,1.00,1,GTC,", "2,ESM4,X,1.00,1,GTC,"));
        assertEquals(f + ":2: price 'abc' is not a decimal number", ordersError(h, "1,ESM4,B,abc,1,GTC,"));
        assertEquals(f + ":2: quantity 0; allowed: > 0", ordersError(h, "1,ESM4,B,1,0,GTC,"));
        assertEquals(f + ":2: tif 'DAY'; allowed: GTC, GTX, IOC, FOK", ordersError(h, "1,ESM4,B,1,1,DAY,"));
        assertEquals(f + ":2: a market order (empty price) takes tif IOC or FOK, not GTC",
            ordersError(h, "1,ESM4,B,,1,GTC,"));
        assertEquals(f + ":3: ts_ns 1 is before the previous line's 5; lines must be in time order",
            ordersError(h, "5,ESM4,B,1,1,GTC,", "1,ESM4,B,1,1,GTC,"));
        assertEquals(f + ":2: 6 fields; expected 7 (" + h + ")", ordersError(h, "1,ESM4,B,1,1,GTC"));
        assertEquals(f + ":2: cancel_ts_ns 'soon' is not an integer", ordersError(h, "1,ESM4,B,1,1,GTC,soon"));
        assertEquals("--orders " + dir.resolve("none.csv") + ": no such file",
            refused(() -> new ScriptedOrdersStrategy(dir.resolve("none.csv"))));
        Files.writeString(f, h + "\n1,ESM4,B,1.00,1,GTC,\n\n2,5602,S,,2,FOK,3\n");
        assertEquals(2, new ScriptedOrdersStrategy(f).size());
    }

    @Test
    void aPriceFinerThanTheInstrumentStopsTheRunWithOneLine() throws IOException
    {
        final Path f = dir.resolve("orders.csv");
        Files.writeString(f, ScriptedOrdersStrategy.HEADER + "\n10,T,B,99.5,1,GTC,\n");
        final ScriptedSource source = new ScriptedSource().at(1).define(1, "T", 1,
            io.ticklane.book.InstrumentDefinition.BOOK_ORDERS, 0).at(100);
        assertEquals(f + ":2: price 99.5 has more decimals than T prices (10^0)", refused(() ->
            Backtest.builder().source(source).strategy(new ScriptedOrdersStrategy(f)).build().run()));
    }

    @Test
    void progressIsReportedEvery65536EventsWithTheExchangeTime()
    {
        final List<long[]> calls = new java.util.ArrayList<>();
        final BacktestSummary summary = Backtest.builder().source(new SyntheticFlowSource(200_000, 0))
            .strategy(new Strategy()
            {
            }).orderPoolCapacity(1 << 16).progress((events, nowNs) -> calls.add(new long[]{events, nowNs})).build()
            .run();
        assertEquals(summary.events() / 65_536, calls.size(), "one call per 2^16 events");
        for (int i = 0; i < calls.size(); i++)
        {
            assertEquals(65_536L * (i + 1), calls.get(i)[0]);
            assertTrue(i == 0 || calls.get(i)[1] > calls.get(i - 1)[1], "the data time advances");
        }
    }
}
