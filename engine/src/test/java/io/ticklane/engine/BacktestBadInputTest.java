package io.ticklane.engine;

import io.ticklane.backtest.ScriptedOrdersStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad arguments to {@code engine backtest} and {@code engine feed --dbn}: one line naming the option, the value and
 * what is allowed, exit status 2, no stack trace, and no output written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BacktestBadInputTest
{
    @TempDir
    Path dir;

    private static String oneLine(final CommandRun run)
    {
        assertEquals(2, run.status(), run.out() + run.err());
        final List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        return lines.get(0);
    }

    @Test
    void everyBadValueIsOneLineNamingOptionValueAndWhatIsAllowed() throws Exception
    {
        final Path dbn = BacktestCommandTest.data(BacktestCommandTest.ESM4);
        final Path orders = Files.writeString(dir.resolve("orders.csv"), ScriptedOrdersStrategy.HEADER + "\n");
        final Path csv = Files.writeString(dir.resolve("ticks.csv"), "1,2,3\n");
        final Path out = dir.resolve("out");
        final String d = dbn.toString();
        final String o = out.toString();
        final Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--data", d, "--orders", orders.toString()),
            "'engine backtest' needs --data PATH and --out DIR");
        cases.put(List.of("--data", d, "--out", o), "'engine backtest' needs --strategy CLASS or --orders FILE");
        cases.put(List.of("--data", d, "--out", o, "--orders", orders.toString(), "--strategy", "taker"),
            "options '--strategy' and '--orders' cannot be used together");
        cases.put(List.of("--data", dir.resolve("nope.dbn").toString(), "--out", o, "--strategy", "taker"),
            "option '--data' has value '" + dir.resolve("nope.dbn") + "'; allowed: an existing journal directory " +
            "or data file; it does not exist");
        cases.put(List.of("--data", d, "--format", "parquet", "--out", o, "--strategy", "taker"),
            "option '--format' has value 'parquet'; allowed: journal, pcap, lobster, databento, dbn");
        cases.put(List.of("--data", csv.toString(), "--out", o, "--strategy", "taker"),
            "option '--data' has value '" + csv + "'; cannot tell its format from the path");
        cases.put(List.of("--data", dir.toString(), "--out", o, "--strategy", "taker"),
            "this directory holds no journal");
        cases.put(List.of("--data", d, "--format", "journal", "--out", o, "--strategy", "taker"),
            "allowed for --format journal: a journal directory; this is a file");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--run", "2"),
            "option '--run' goes with --format journal; the data is dbn");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--latency", "entry=fast"),
            "--latency entry");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--queue-model", "lifo"),
            "lifo");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--fees", "maker"),
            "--fees");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "no.such.Strategy"),
            "--strategy no.such.Strategy");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--param", "size"),
            "size");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--multiplier", "ESM4=big"),
            "option '--multiplier' has value 'ESM4=big'; allowed: SYMBOL=X with X a positive number");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--from", "yesterday"),
            "option '--from' has value 'yesterday'; allowed: ns since the epoch");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--from", "2024-05-08T00:00:02Z", "--to",
            "2024-05-08T00:00:01Z"), "option '--from' has value '2024-05-08T00:00:02Z', after --to");
        cases.put(List.of("--data", d, "--out", o, "--strategy", "taker", "--definitions", "missing.dbn"),
            "option '--definitions' has value 'missing.dbn'; allowed: a DBN file with definition records");
        cases.put(List.of("--data", d, "--out", o, "--orders", dir.resolve("none.csv").toString()),
            "--orders " + dir.resolve("none.csv") + ": no such file");
        cases.put(List.of("--data", d, "--out", o, "--orders", orders.toString(), "--param", "a=1"),
            "--strategy-jar and --param go with --strategy, not --orders");
        cases.put(List.of("--data", d, "--out", orders.toString(), "--strategy", "taker"),
            "option '--out' has value '" + orders + "'; allowed: a directory (it is a file)");
        cases.put(List.of("--data", csv.toString(), "--format", "dbn", "--out", o, "--strategy", "taker"),
            "option '--data' has value '" + csv + "' (dbn)");
        for (final Map.Entry<List<String>, String> c : cases.entrySet())
        {
            final List<String> args = new ArrayList<>(List.of("backtest"));
            args.addAll(c.getKey());
            final String line = oneLine(CommandRun.of(args.toArray(String[]::new)));
            assertTrue(line.startsWith("engine backtest: "), line);
            assertTrue(line.contains(c.getValue()), c.getKey() + " -> " + line);
        }
        assertFalse(Files.exists(out.resolve("fills.csv")), "nothing ran");
    }

    @Test
    void feedDbnRefusesWhatDoesNotGoWithIt() throws Exception
    {
        final String d = BacktestCommandTest.data(BacktestCommandTest.ESM4).toString();
        assertTrue(oneLine(CommandRun.of("feed", "--pcap", "x.pcap", "--dbn", d))
            .contains("option '--dbn' does not go with --pcap"));
        assertTrue(oneLine(CommandRun.of("feed", "--lobster", "x.csv", "--dbn", d))
            .contains("options '--lobster' and '--dbn' cannot be used together"));
        assertTrue(oneLine(CommandRun.of("feed", "--dbn", d, "--instrument-id", "3"))
            .contains("a DBN file carries its own instrument ids"));
        assertTrue(oneLine(CommandRun.of("feed", "--definitions", d)).contains("'--definitions' goes with --dbn"));
        assertTrue(oneLine(CommandRun.of("feed", "--dbn", dir.toString()))
            .contains("option '--dbn' has value '" + dir + "'; allowed: a Databento DBN file (.dbn or .dbn.zst); " +
            "this is a directory"));
        final Path notDbn = Files.writeString(dir.resolve("x.dbn"), "not dbn");
        final String line = oneLine(CommandRun.of("feed", "--dbn", notDbn.toString()));
        assertTrue(line.startsWith("engine feed: ") && line.contains("x.dbn"), line);
    }
}
