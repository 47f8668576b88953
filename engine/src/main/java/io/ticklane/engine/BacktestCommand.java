package io.ticklane.engine;

import io.ticklane.backtest.Backtest;
import io.ticklane.backtest.BacktestSummary;
import io.ticklane.backtest.FeeModel;
import io.ticklane.backtest.LatencySettings;
import io.ticklane.backtest.MarketSource;
import io.ticklane.backtest.QueueModel;
import io.ticklane.backtest.ScriptedOrdersStrategy;
import io.ticklane.backtest.Strategy;
import io.ticklane.backtest.StrategyLoader;
import io.ticklane.backtest.StrategyParameters;
import io.ticklane.config.EngineConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code engine backtest}: runs a strategy (a class, a sample, or scripted orders) against recorded market data read
 * through the engine's own sessions and book code ({@link BacktestSources}), fills its orders in the backtest
 * module's simulated exchange, and writes fills, orders, PnL, the summary and the HTML report to {@code --out}. Every
 * option value is parsed by the backtest module's own parser; a bad one is one line and exit 2.
 */
final class BacktestCommand implements SpecifiedCommand
{
    private static final long PROGRESS_EVERY_NS = 1_000_000_000L;
    private static final List<String> OUTPUTS =
        List.of("fills.csv", "orders.csv", "pnl.csv", "summary.json", "timing.json", "report.html");

    private static final CommandSpec SPEC = CommandSpec.builder("backtest",
        "run a strategy or scripted orders against recorded data in a simulated exchange (queue, latency, fees)")
        .description(
            "Replays --data through the same decoders, sessions and book code as 'engine run' and 'engine replay'",
            "(journal: any venue the configuration reads; pcap: CME channels from cme.config; LOBSTER and",
            "Databento CSV: the gateway's importers into the own feed's session; DBN: the DBN translator), runs the",
            "strategy on one thread, and fills its orders in a simulated exchange: exact FIFO queues on",
            "order-by-order data, modelled queues on price levels, order-entry/response/feed latency, maker/taker",
            "fees. Our orders never change the replayed market. Deterministic: the same inputs give the same files.",
            "The exchange clock (and --orders ts_ns, --from, --to) is Databento ts_event, LOBSTER's event time, or",
            "the venue's packet sending time for a journal or capture. docs/BACKTEST.md has the details.")
        .option("data", "PATH", "recorded data: a journal directory, .pcap/.pcapng, LOBSTER message .csv/.zip, " +
            "Databento MBO .csv, .dbn/.dbn.zst; required")
        .option("format", "F", "journal, pcap, lobster, databento or dbn (default: from the path)")
        .option("strategy", "CLASS", "strategy class, or a sample: market-maker, taker")
        .option("strategy-jar", "JAR", "jar to load --strategy from (default: the classpath)")
        .repeatable("param", "K=V", "strategy parameter; repeatable, or K=V,K=V")
        .option("orders", "FILE", "scripted orders CSV (ts_ns,instrument,side,price,quantity,tif,cancel_ts_ns) " +
            "instead of --strategy")
        .option("latency", "L", "entry=D,response=D,feed=D|recorded,seed=N; D like 50us or hlog:FILE[#TAG] " +
            "(default: none)")
        .option("queue-model", "Q", "fifo, risk-averse, power[:N], power2[:N], power3[:N], log, log2 (default fifo)")
        .flag("partial-fills", "fill part of an order when the market reaches only part of it (default: whole)")
        .option("fees", "F", "maker=R,taker=R,maker-unit=X,taker-unit=X; R a fraction or Nbp (default: none)")
        .repeatable("multiplier", "SYM=X", "currency per price point per unit, e.g. ESM4=50; repeatable")
        .option("from", "T", "exchange time the strategy starts: ns since the epoch or an instant " +
            "(2024-05-08T00:00:01Z)")
        .option("to", "T", "exchange time the run stops at (same forms)")
        .option("interval", "D", "PnL row interval in exchange time (default 1s)")
        .repeatable("definitions", "FILE", "--format dbn: DBN definition file for symbols and ticks; repeatable")
        .option("instrument-id", "N", "--format lobster: the instrument id (default 1)")
        .option("run", "N", "--format journal: the run (engine start) to backtest, 1-based (default: the last)")
        .option("out", "DIR", "output directory; required")
        .notes("Outputs: fills.csv, orders.csv, pnl.csv, summary.json, timing.json, report.html.",
            "Exit status: 0 done, 1 unreadable data, 2 bad usage (one line naming the option, value and what is " +
            "allowed).")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        if (!line.has("data") || !line.has("out"))
        {
            throw new UsageException("'engine backtest' needs --data PATH and --out DIR; see --help");
        }
        line.refuseTogether("strategy", "orders", "--strategy runs a strategy class, --orders a file of scripted " +
            "orders; give one");
        if (!line.has("strategy") && !line.has("orders"))
        {
            throw new UsageException("'engine backtest' needs --strategy CLASS or --orders FILE; see --help");
        }
        if (line.has("orders") && (line.has("strategy-jar") || line.has("param")))
        {
            throw new UsageException("--strategy-jar and --param go with --strategy, not --orders");
        }
        final Path data = Path.of(line.get("data", ""));
        final String format = BacktestSources.format(line, data);
        final Path outDir = outDirectory(line);
        final EngineConfig config = line.config(format.equals("journal") ?
            Map.of("journal.path", data.toString()) : Map.of());
        final Backtest.Builder builder = settings(line);
        final MarketSource source = BacktestSources.open(format, data, line, config);
        try
        {
            final Strategy strategy = strategy(line, builder);
            out.println("[backtest] data: " + source.describe());
            final long startNs = System.nanoTime();
            final long[] nextProgressNs = {startNs + PROGRESS_EVERY_NS};
            builder.source(source).strategy(strategy).out(outDir).progress((events, exchangeNs) ->
            {
                final long nowNs = System.nanoTime();
                if (nowNs >= nextProgressNs[0])
                {
                    nextProgressNs[0] = nowNs + PROGRESS_EVERY_NS;
                    final double seconds = (nowNs - startNs) / 1e9;
                    err.printf(Locale.ROOT, "[backtest] %4.0fs  events %,d  %,.0f events/s  data time %s%n",
                        seconds, events, events / seconds, Instant.ofEpochSecond(0, exchangeNs));
                }
            });
            final BacktestSummary summary = run(builder);
            out.println("[backtest] read: " + source.describe());
            out.println("[backtest] settings: " + builder.build().describe());
            out.println(summary.describe());
            for (final String file : OUTPUTS)
            {
                out.println("  " + outDir.resolve(file));
            }
            return 0;
        }
        finally
        {
            BacktestSources.close(source);
        }
    }

    private static BacktestSummary run(final Backtest.Builder builder)
    {
        try
        {
            return builder.build().run();
        }
        catch (final UncheckedIOException ex)
        {
            throw new OperatorException(ex.getMessage());
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            throw new OperatorException("the data cannot be backtested: " + ex.getMessage());
        }
    }

    private static Path outDirectory(final CommandLine line)
    {
        final Path dir = Path.of(line.get("out", ""));
        if (Files.exists(dir) && !Files.isDirectory(dir))
        {
            throw new UsageException("option '--out' has value '" + dir + "'; allowed: a directory (it is a file)");
        }
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UsageException("option '--out' has value '" + dir + "'; allowed: a directory that can be " +
                "created; " + ex.getMessage());
        }
        return dir;
    }

    private static Backtest.Builder settings(final CommandLine line)
    {
        final Backtest.Builder b = Backtest.builder();
        try
        {
            if (line.has("latency"))
            {
                b.latency(LatencySettings.parse(line.get("latency", "")));
            }
            if (line.has("queue-model"))
            {
                b.queueModel(QueueModel.parse(line.get("queue-model", "")));
            }
            if (line.has("fees"))
            {
                b.fees(FeeModel.parse(line.get("fees", "")));
            }
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        b.partialFills(line.has("partial-fills"));
        for (final String item : line.all("multiplier"))
        {
            final int eq = item.indexOf('=');
            final double value = eq <= 0 ? Double.NaN : parseMultiplier(item.substring(eq + 1));
            if (!(value > 0) || Double.isInfinite(value))
            {
                throw new UsageException("option '--multiplier' has value '" + item + "'; allowed: SYMBOL=X with X " +
                    "a positive number, e.g. ESM4=50");
            }
            b.multiplier(item.substring(0, eq).trim(), value);
        }
        if (line.has("interval"))
        {
            b.interval(line.durationNs("interval", Backtest.DEFAULT_INTERVAL_NS));
        }
        final long from = time(line, "from", Long.MIN_VALUE);
        final long to = time(line, "to", Long.MAX_VALUE);
        if (from > to)
        {
            throw new UsageException("option '--from' has value '" + line.get("from", "") + "', after --to '" +
                line.get("to", "") + "'; allowed: a time at or before --to");
        }
        return b.from(from).to(to);
    }

    private static double parseMultiplier(final String text)
    {
        try
        {
            return Double.parseDouble(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    private static long time(final CommandLine line, final String option, final long fallback)
    {
        if (!line.has(option))
        {
            return fallback;
        }
        final String text = line.get(option, "").trim();
        try
        {
            if (text.chars().allMatch(Character::isDigit) && !text.isEmpty())
            {
                return Long.parseLong(text);
            }
            final Instant instant = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final NumberFormatException | DateTimeParseException | ArithmeticException ex)
        {
            throw new UsageException("option '--" + option + "' has value '" + text + "'; allowed: ns since the " +
                "epoch (e.g. 1715126401000000000) or an instant (e.g. 2024-05-08T00:00:01Z)");
        }
    }

    private static Strategy strategy(final CommandLine line, final Backtest.Builder builder)
    {
        try
        {
            if (line.has("orders"))
            {
                return new ScriptedOrdersStrategy(Path.of(line.get("orders", "")));
            }
            final StrategyParameters parameters = StrategyParameters.parse(
                line.all("param").stream().flatMap(p -> List.of(p.split(",")).stream())
                    .filter(p -> !p.isBlank()).toList());
            builder.parameters(parameters);
            return StrategyLoader.load(line.get("strategy", ""),
                line.has("strategy-jar") ? Path.of(line.get("strategy-jar", "")) : null, parameters);
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            throw new UsageException(ex.getMessage());
        }
    }
}
