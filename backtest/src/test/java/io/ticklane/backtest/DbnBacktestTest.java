package io.ticklane.backtest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Backtests on the shared Databento files: scripted orders on ESM4 against the brute-force reference fed straight
 * from the DBN records (the acceptance check), two identical runs, the sample market maker writing its report, and
 * the modelled queues on MBP-1 data.
 */
class DbnBacktestTest
{
    static final String ESM4 = "orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn.zst";
    static final String MBP1 = "futures_mbp-1_2024-07-01T23-58_2024-07-02T00-02.dbn.zst";

    @TempDir
    Path dir;

    static Path shared(final String name)
    {
        final Path path = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"),
            "databento/dbn", name);
        Assumptions.assumeTrue(Files.isReadable(path), "shared DBN data not found at " + path +
            " (../shared/data beside the project; set -Dticklane.shared.data)");
        return path;
    }

    static DbnMarketSource esm4()
    {
        return new DbnMarketSource(shared(ESM4), List.of(shared("orderbooks_definition.dbn.zst")));
    }

    static final String[] ORDERS = DbnReference.ESM4_ORDERS;

    private Path ordersFile() throws IOException
    {
        final Path file = dir.resolve("orders.csv");
        Files.writeString(file, ScriptedOrdersStrategy.HEADER + "\n" + String.join("\n", ORDERS) + "\n");
        return file;
    }

    @Test
    void scriptedOrdersOnEsm4AreReproducedByTheReference() throws IOException
    {
        for (final boolean partial : new boolean[]{true, false})
        {
            final Path out = dir.resolve("run-" + partial);
            final Runs run = new Runs(Backtest.builder().source(esm4()).strategy(new ScriptedOrdersStrategy(
                ordersFile())).partialFills(partial), out);
            final List<String> expected = reference(partial);
            assertEquals(expected, run.fills(), "partial " + partial);
            assertTrue(expected.size() >= 5, "the scripted orders fill: " + expected);
            assertEquals(ORDERS.length, run.summary.orders());
            assertEquals(13_796 + 1 - 5 - 2, run.summary.events(),
                "one definition, every record but the five T and the two C that only repeat an F");
        }
    }

    /** The reference, fed from the raw records with its own reading of them. */
    private List<String> reference(final boolean partial)
    {
        return DbnReference.fills(shared(ESM4), ORDERS, partial);
    }

    @Test
    void twoRunsWriteIdenticalFiles() throws IOException
    {
        final StrategyParameters p = StrategyParameters.parse(List.of("size=2", "half_spread=0", "max_position=6"));
        final List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++)
        {
            final Path out = dir.resolve("det-" + i);
            new Runs(Backtest.builder().source(new DbnMarketSource(shared(MBP1), List.of()))
                .strategy(StrategyLoader.load("market-maker", null, p)).parameters(p)
                .latency(LatencySettings.parse("entry=40us,response=30us,feed=recorded"))
                .fees(FeeModel.parse("maker=-0.2bp,taker-unit=0.85")).multiplier("ESU4", 50).partialFills(true)
                .queueModel(QueueModel.parse("power:3")).interval(1_000_000_000L), out.resolve("mm"));
            new Runs(Backtest.builder().source(esm4()).strategy(new ScriptedOrdersStrategy(ordersFile()))
                .latency(LatencySettings.parse("entry=25us,response=25us,feed=recorded")).partialFills(true),
                out.resolve("orders"));
            outs.add(out);
        }
        for (final String run : List.of("mm", "orders"))
        {
            for (final String name : List.of("fills.csv", "orders.csv", "pnl.csv", "summary.json", "report.html"))
            {
                assertArrayEquals(Files.readAllBytes(outs.get(0).resolve(run).resolve(name)),
                    Files.readAllBytes(outs.get(1).resolve(run).resolve(name)), run + "/" + name);
            }
        }
        assertTrue(Files.readAllLines(outs.get(0).resolve("mm/orders.csv")).size() > 100);
        assertTrue(Files.readAllLines(outs.get(0).resolve("mm/fills.csv")).size() > 10);
    }

    @Test
    void sampleMarketMakerWritesItsReport() throws IOException
    {
        final StrategyParameters p = StrategyParameters.parse(List.of("half_spread=0", "size=1"));
        final Runs run = new Runs(Backtest.builder().source(new DbnMarketSource(shared(MBP1), List.of()))
            .strategy(StrategyLoader.load("market-maker", null, p)).parameters(p).multiplier("ESU4", 50)
            .partialFills(true).latency(LatencySettings.parse("entry=50us,response=50us,feed=recorded")), dir);
        final String html = Files.readString(dir.resolve("report.html"));
        for (final String chart : List.of("equity", "position", "mid", "queue"))
        {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertFalse(html.contains("data-points=\"0\""), "every plot has data: " + run.summary.describe());
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no network reference");
        assertTrue(run.summary.makerQuantity() > 0, run.summary.describe());
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"net_pnl\""));

        // on the ESM4 MBO file the book does not move in its two seconds: the quotes rest at the back of their
        // queues and never fill, which the report shows as such
        final Runs esm4 = new Runs(Backtest.builder().source(esm4()).strategy(StrategyLoader.load("market-maker",
            null, p)).parameters(p).multiplier("ESM4", 50), dir.resolve("esm4"));
        assertEquals(2, esm4.summary.orders());
        assertEquals(2, esm4.summary.openOrders());
        assertTrue(Files.readString(dir.resolve("esm4/report.html")).contains("no maker fills"));
    }

    @Test
    void modelledQueuesOnMbp1Data()
    {
        final DbnMarketSource source = new DbnMarketSource(shared(MBP1), List.of());
        final Map<String, BacktestSummary> results = new HashMap<>();
        for (final String model : List.of("risk-averse", "power:2", "log", "fifo"))
        {
            final StrategyParameters p = StrategyParameters.parse(List.of("half_spread=0"));
            final BacktestSummary s = new Runs(Backtest.builder().source(source).strategy(
                StrategyLoader.load("market-maker", null, p)).parameters(p).queueModel(QueueModel.parse(model))
                .partialFills(true), dir.resolve(model.replace(':', '-'))).summary;
            assertTrue(s.fills() > 0, model + ": " + s.describe());
            results.put(model, s);
        }
        assertEquals(results.get("risk-averse").fills(), results.get("fifo").fills(),
            "fifo falls back to risk-averse on price-level data");
        assertTrue(results.get("power:2").makerQuantity() >= results.get("risk-averse").makerQuantity(),
            "cancels ahead of us can only help against the risk-averse model");
    }
}
