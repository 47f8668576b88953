package io.ticklane.engine;

import io.ticklane.config.ConfigException;
import io.ticklane.config.ConsoleSettings;
import io.ticklane.config.EngineConfig;
import io.ticklane.engine.console.ConsoleServer;
import io.ticklane.latency.HistogramLogTail;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code engine console}: serves the read-only ops web console for the engine whose counters file and histogram
 * log the configuration names, until Ctrl-C or {@code --duration}. It runs as its own process, reading files the
 * engine writes, so it can be started, stopped and restarted without touching the engine.
 */
final class ConsoleCommand implements SpecifiedCommand
{
    private static final CommandSpec SPEC = CommandSpec.builder("console",
        "serve the local web console: live counters and per-stage latency percentile plots")
        .description(
            "Serves a read-only web page (http://127.0.0.1:8470/ by default) with the engine's live counters and",
            "each stage's latency percentile distribution, refreshed every second. Everything is served from this",
            "process: no internet access is needed. It binds the loopback address unless console.bind (or --bind)",
            "says otherwise; anyone who can reach the port can read the counters. It answers only requests",
            "addressed to it (Host: the bound address or localhost, with the port), so a web page served from",
            "another name cannot read the counters through the browser (DNS rebinding); others get 403 and are",
            "counted. A slow or stalled client is cut after 2s (request) or 5s (whole exchange); at most 8",
            "connections are served at once.")
        .option("port", "N", "TCP port (console.port, default 8470; 0 picks a free one)")
        .option("bind", "ADDR", "address to listen on (console.bind, default 127.0.0.1)")
        .option("counters", "PATH", "counters file (default counters.path)")
        .option("hlog", "PATH", "histogram log (default latency.hlog.path)")
        .option("window", "D", "the live plot's sliding window (console.window, default 10s)")
        .option("duration", "D", "stop after D (default: until Ctrl-C)")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        final Map<String, String> extra = new LinkedHashMap<>();
        copy(line, "port", "console.port", extra);
        copy(line, "bind", "console.bind", extra);
        copy(line, "window", "console.window", extra);
        copy(line, "counters", "counters.path", extra);
        copy(line, "hlog", "latency.hlog.path", extra);
        final EngineConfig config = line.config(extra);
        final long durationNs = line.durationNs("duration", Long.MAX_VALUE / 2);
        final ConsoleSettings settings = config.console();
        final Path hlog = Path.of(config.latency().hlogPath());
        checkHistogramLog(line, hlog);
        final StopSignal stop = new StopSignal();
        try (ConsoleServer server = start(settings, Path.of(config.latency().countersPath()), hlog, err))
        {
            out.println("[console] serving " + server.uri() + " (read-only) for counters " +
                config.latency().countersPath() + " and histogram log " + config.latency().hlogPath());
            if (!ConsoleSettings.LOOPBACK.equals(settings.bindAddress()))
            {
                err.println("[console] WARNING bound to " + settings.bindAddress() + ", not loopback: anyone who " +
                    "can reach this port can read the engine's counters");
            }
            out.println("[console] Ctrl-C to stop");
            stop.await(durationNs);
            out.printf("[console] stopped: %,d requests served, %,d refused for another Host, %,d timed out, " +
                "%,d refused busy%n", server.served(), server.refusedHost(), server.timedOut(), server.refusedBusy());
            return 0;
        }
        finally
        {
            stop.finished();
        }
    }

    private static ConsoleServer start(
        final ConsoleSettings settings, final Path counters, final Path hlog, final PrintStream err)
    {
        try
        {
            return ConsoleServer.start(settings.bindAddress(), settings.port(), counters, hlog, settings.windowNs(),
                ConsoleServer.Limits.DEFAULT, err::println);
        }
        catch (final UncheckedIOException ex)
        {
            throw new OperatorException(ex.getMessage() + " (is another console running? --port or console.port)");
        }
    }

    // An existing file that is not a histogram log would be served as an empty page: say so before serving.
    private static void checkHistogramLog(final CommandLine line, final Path hlog)
    {
        final String problem;
        try
        {
            problem = HistogramLogTail.formatProblem(hlog);
        }
        catch (final IOException ex)
        {
            throw new OperatorException("cannot read the histogram log " + hlog + ": " + ex.getMessage());
        }
        if (null == problem)
        {
            return;
        }
        final String allowed = "an HdrHistogram interval log (.hlog), or a path the engine will write one to; " +
            problem;
        if (line.has("hlog"))
        {
            throw new UsageException("option '--hlog' has value '" + hlog + "'; allowed: " + allowed);
        }
        throw ConfigException.invalid("latency.hlog.path", hlog.toString(), allowed);
    }

    // Options are shorthands for configuration keys, so that --set and --config can say the same.
    private static void copy(
        final CommandLine line, final String option, final String key, final Map<String, String> extra)
    {
        if (line.has(option))
        {
            extra.put(key, line.get(option, ""));
        }
    }
}
