package io.ticklane.engine;

import io.ticklane.backtest.DbnReference;
import io.ticklane.backtest.ScriptedOrdersStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code engine backtest} in-process on every input format, through the real sessions: the acceptance check (scripted
 * orders on the shared ESM4 DBN file reproduced by the exact-FIFO reference, twice byte for byte), the sample market
 * maker on a journal recorded by {@code engine demo} and on the shared DBN data, and for each format that the
 * scripted orders' {@code ts_ns} is on the data's own exchange clock.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BacktestCommandTest
{
    static final String ESM4 = "databento/dbn/orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn.zst";
    static final String ESM4_DEFINITIONS = "databento/dbn/orderbooks_definition.dbn.zst";
    static final String MBP1 = "databento/dbn/futures_mbp-1_2024-07-01T23-58_2024-07-02T00-02.dbn.zst";
    static final List<String> DETERMINISTIC =
        List.of("fills.csv", "orders.csv", "pnl.csv", "summary.json", "report.html");

    /** The scripted orders of the backtest module's DbnBacktestTest: every type and time in force on ESM4. */
    static final String[] ORDERS = io.ticklane.backtest.DbnReference.ESM4_ORDERS;

    @TempDir
    Path dir;

    static Path data(final String relative)
    {
        final Path path = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"), relative);
        assumeTrue(Files.isReadable(path), "recorded data not found at " + path + " (../shared/data beside the project)");
        return path;
    }

    static CommandRun backtest(final String... args)
    {
        return CommandRun.of(Stream.concat(Stream.of("backtest"), Stream.of(args)).toArray(String[]::new));
    }

    private Path orders(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, ScriptedOrdersStrategy.HEADER + "\n" + String.join("\n", lines) + "\n");
        return file;
    }

    static List<String> fills(final Path out) throws IOException
    {
        final List<String> lines = Files.readAllLines(out.resolve("fills.csv"));
        assertEquals("order,ts_ns,price,quantity,liquidity,queue_ahead", lines.get(0));
        return new ArrayList<>(lines.subList(1, lines.size()));
    }

    static long summaryLong(final Path out, final String field) throws IOException
    {
        final Matcher m = Pattern.compile("\"" + field + "\": (-?\\d+)")
            .matcher(Files.readString(out.resolve("summary.json")));
        assertTrue(m.find(), field);
        return Long.parseLong(m.group(1));
    }

    @Test
    void scriptedOrdersOnEsm4AreReproducedByTheReferenceAndTwoRunsAreIdentical() throws IOException
    {
        final Path orders = orders("orders.csv", ORDERS);
        final List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++)
        {
            final Path out = dir.resolve("esm4-" + i);
            final CommandRun run = backtest("--data", data(ESM4).toString(), "--definitions",
                data(ESM4_DEFINITIONS).toString(), "--orders", orders.toString(), "--partial-fills", "--out",
                out.toString());
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("events 13,790  orders 14"), run.out());
            assertTrue(run.out().contains(out.resolve("report.html").toString()), "prints the output paths");
            outs.add(out);
        }
        final List<String> expected = DbnReference.fills(data(ESM4), ORDERS, true);
        assertTrue(expected.size() >= 5, expected.toString());
        assertEquals(expected, fills(outs.get(0)), "the exact-FIFO reference reproduces the command's fills");
        for (final String file : DETERMINISTIC)
        {
            assertArrayEquals(Files.readAllBytes(outs.get(0).resolve(file)), Files.readAllBytes(outs.get(1).resolve(file)),
                file + " byte for byte");
        }
    }

    @Test
    void latencyFeesAndTheDbnClockOnTheCommandLine() throws IOException
    {
        final Path out = dir.resolve("latency");
        final CommandRun run = backtest("--data", data(ESM4).toString(), "--format", "dbn", "--definitions",
            data(ESM4_DEFINITIONS).toString(), "--orders", orders("orders.csv", ORDERS).toString(), "--partial-fills",
            "--latency", "entry=30us,response=30us,feed=recorded", "--fees", "maker=-0.2bp,taker-unit=0.85",
            "--multiplier", "ESM4=50", "--out", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        final List<String> fills = fills(out);
        assertEquals("3,1715126400100030001,5214.25,1,taker,", fills.get(0), "sent at ts_event + 1, arrives 30us on");
        assertTrue(run.out().contains("fees 17.51"), run.out());
    }

    @Test
    void marketMakerOnAJournalRecordedByDemo() throws IOException
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        final CommandRun demo = CommandRun.of(Stream.concat(Stream.of("demo", "--duration", "1s", "--rate", "20000"),
            Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new));
        assertEquals(0, demo.status(), demo.out() + demo.err());
        final Path journal = Path.of(settings.get("journal.path"));
        final Path out = dir.resolve("mm-journal");
        final CommandRun run = backtest("--data", journal.toString(), "--strategy", "market-maker", "--param",
            "half_spread=0", "--param", "size=1,max_position=3", "--latency", "entry=50us,response=50us,feed=recorded",
            "--out", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("run 1 of 1 (the last)"), run.out());
        assertTrue(summaryLong(out, "events") > 10_000, Files.readString(out.resolve("summary.json")));
        assertTrue(summaryLong(out, "orders") > 0 && summaryLong(out, "fills") > 0,
            "the market maker quotes and is filled on the synthetic flow: " + run.out());
        assertReportHasData(out.resolve("report.html"));

        // ts_ns of scripted orders is the own feed's sending time: a market order in the middle of the run fills then
        final long mid = (summaryLong(out, "first_event_ns") + summaryLong(out, "last_event_ns")) / 2;
        assertTakerFillsAt(mid, "AAPL", "--data", journal.toString(), "--run", "1");

        final CommandRun noSuchRun = backtest("--data", journal.toString(), "--run", "2", "--strategy", "taker",
            "--out", dir.resolve("x").toString());
        assertEquals(2, noSuchRun.status());
        assertEquals("engine backtest: option '--run' has value '2'; allowed: 1..1 (the runs in the journal)",
            noSuchRun.err().trim());

        // a second engine start on the same journal is a second run: the last by default, the first when asked
        final CommandRun again = CommandRun.of(Stream.concat(Stream.of("demo", "--duration", "1s", "--rate", "5000"),
            Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new));
        assertEquals(0, again.status(), again.out() + again.err());
        final CommandRun last = backtest("--data", journal.toString(), "--strategy", "market-maker", "--out",
            dir.resolve("run-last").toString());
        assertEquals(0, last.status(), last.out() + last.err());
        assertTrue(last.out().contains("run 2 of 2 (the last)"), last.out());
        final CommandRun first = backtest("--data", journal.toString(), "--run", "1", "--strategy", "market-maker",
            "--out", dir.resolve("run-first").toString());
        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(first.out().contains("run 1 of 2"), first.out());
        assertEquals(summaryLong(out, "events"), summaryLong(dir.resolve("run-first"), "events"), "the first run's");
        assertTrue(summaryLong(dir.resolve("run-last"), "events") < summaryLong(out, "events") * 2 / 3,
            "the second run's, at a quarter of the rate");
    }

    @Test
    void aDatabentoFileOfManyInstrumentsSendsItsDefinitionsInSeveralPackets() throws IOException
    {
        final StringBuilder csv = new StringBuilder("ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side," +
            "price,size,channel_id,order_id,flags,ts_in_delta,sequence,symbol\n");
        for (int i = 0; i < 150; i++)
        {
            final String ts = String.format("2025-07-17T08:00:00.%09dZ", 1000 + i);
            csv.append(ts).append(',').append(ts).append(",160,2,").append(100 + i).append(",A,B,10.0").append(i % 10)
                .append("0000000,100,0,").append(1000 + i).append(",130,0,").append(i + 1).append(",S").append(i)
                .append('\n');
        }
        final Path file = Files.writeString(dir.resolve("many.csv"), csv);
        final Path out = dir.resolve("many");
        final CommandRun run = backtest("--data", file.toString(), "--strategy", "market-maker", "--out",
            out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals(300, summaryLong(out, "events"), "150 definitions (three packets) and 150 adds: " + run.out());
        assertEquals(0, summaryLong(out, "refused_events"));
    }

    @Test
    void marketMakerOnTheSharedDbnData() throws IOException
    {
        final Path out = dir.resolve("mm-dbn");
        final CommandRun run = backtest("--data", data(MBP1).toString(), "--strategy", "market-maker", "--param",
            "half_spread=0,size=1,max_position=3", "--queue-model", "power:3", "--latency",
            "entry=50us,response=50us,feed=recorded", "--fees", "maker=-0.2bp,taker-unit=0.85", "--multiplier",
            "ESU4=50", "--out", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(summaryLong(out, "fills") > 10, run.out());
        assertReportHasData(out.resolve("report.html"));
        final CommandRun mbo = backtest("--data", data(ESM4).toString(), "--definitions",
            data(ESM4_DEFINITIONS).toString(), "--strategy", "market-maker", "--out", dir.resolve("mm-esm4").toString());
        assertEquals(0, mbo.status(), mbo.out() + mbo.err());
        assertTrue(Files.readString(dir.resolve("mm-esm4/report.html")).contains("data-chart=\"mid\""));
    }

    @Test
    void lobsterThroughTheImporterAndTheOwnFeedSession() throws IOException
    {
        final Path csv = data("lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv");
        final Path out = dir.resolve("lobster");
        final CommandRun run = backtest("--data", csv.toString(), "--strategy", "taker", "--out", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("999 records as 994 feed packets, 5 skipped"), run.out());
        assertEquals(995, summaryLong(out, "events"), "the definition and one event per packet");
        // 34200.004241176 s after midnight New York time on 2012-06-21 (EDT, UTC-4) is the first event
        assertEquals(1_340_285_400_004_241_176L, summaryLong(out, "first_event_ns"));
        final long mid = (summaryLong(out, "first_event_ns") + summaryLong(out, "last_event_ns")) / 2;
        assertTakerFillsAt(mid, "AAPL", "--data", csv.toString());

        final CommandRun zip = backtest("--data", data("lobster/LOBSTER_SampleFile_AAPL_2012-06-21_1.zip").toString(),
            "--strategy", "market-maker", "--instrument-id", "7", "--out", dir.resolve("lobster-zip").toString());
        assertEquals(0, zip.status(), zip.out() + zip.err());
        assertTrue(zip.out().contains("AAPL id 7"), zip.out());
    }

    @Test
    void databentoCsvThroughTheImporterAndTheOwnFeedSession() throws IOException
    {
        final Path csv = data("databento/ARL_2025-07-17_mbo_head300.csv");
        final Path out = dir.resolve("databento");
        final CommandRun run = backtest("--data", csv.toString(), "--strategy", "market-maker", "--out",
            out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("300 records as 300 feed packets"), run.out());
        assertEquals(301, summaryLong(out, "events"));
        // the first record's ts_event, 2025-07-17T07:05:09.035627674Z
        assertEquals(1_752_735_909_035_627_674L, summaryLong(out, "first_event_ns"));
        final long mid = (summaryLong(out, "first_event_ns") + summaryLong(out, "last_event_ns")) / 2;
        assertTakerFillsAt(mid, "ARL", "--data", csv.toString(), "--format", "databento");
    }

    @Test
    void aCmeCaptureThroughTheVenueSessions() throws IOException
    {
        final Path capture = data("cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap");
        final String config = Path.of("../venue-cme/src/main/resources/cme-sample-config.xml").toString();
        final String[] cme = {"--set", "venue=cme", "--set", "cme.config=" + config, "--set", "cme.channels=320",
            "--set", "cme.apply.without.snapshot=true"};
        final Path out = dir.resolve("pcap");
        final CommandRun run = backtest(Stream.concat(Stream.of("--data", capture.toString(), "--strategy",
            "market-maker", "--out", out.toString()), Stream.of(cme)).toArray(String[]::new));
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("cme.320 packets received 10,000"), run.out());
        assertTrue(summaryLong(out, "events") > 5_000, run.out());
        final long mid = (summaryLong(out, "first_event_ns") + summaryLong(out, "last_event_ns")) / 2;
        assertTakerFillsAt(mid, "174969", Stream.concat(Stream.of("--data", capture.toString()), Stream.of(cme))
            .toArray(String[]::new));

        final CommandRun noChannels = backtest("--data", capture.toString(), "--strategy", "taker", "--out",
            dir.resolve("y").toString());
        assertEquals(2, noChannels.status());
        assertTrue(noChannels.err().startsWith("engine backtest: a capture is read through its venue's channels"),
            noChannels.err());
    }

    /**
     * A market buy and a market sell sent at {@code ts} fill at once, as takers, at {@code ts}: the orders' clock is
     * the data's (an order off the data's clock would find no book or never be sent).
     */
    private void assertTakerFillsAt(final long ts, final String instrument, final String... dataArgs)
        throws IOException
    {
        final Path orders = orders("clock-" + instrument + ".csv", ts + "," + instrument + ",B,,1,IOC,",
            ts + "," + instrument + ",S,,1,IOC,");
        final Path out = dir.resolve("clock-" + instrument);
        final CommandRun run = backtest(Stream.concat(Stream.of(dataArgs), Stream.of("--orders", orders.toString(),
            "--out", out.toString())).toArray(String[]::new));
        assertEquals(0, run.status(), run.out() + run.err());
        final List<String> fills = fills(out);
        assertFalse(fills.isEmpty(), "no fill: " + run.out() + Files.readString(out.resolve("orders.csv")));
        for (final String fill : fills)
        {
            final String[] f = fill.split(",", -1);
            assertEquals(Long.toString(ts), f[1], fill);
            assertEquals("taker", f[4], fill);
        }
    }

    /** The report holds the four plots, each with more than one point of real data. */
    static void assertReportHasData(final Path report) throws IOException
    {
        final String html = Files.readString(report);
        for (final String chart : List.of("equity", "position", "mid"))
        {
            final Matcher m = Pattern.compile("<svg data-chart=\"" + chart + "\" data-points=\"(\\d+)\"").matcher(html);
            assertTrue(m.find(), chart);
            assertTrue(Integer.parseInt(m.group(1)) > 1, chart + " has data");
        }
        assertTrue(html.contains("<svg data-chart=\"queue\""), "queue position plot");
        assertFalse(html.contains("<script"), "self-contained, no script");
    }
}
