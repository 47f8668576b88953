package io.ticklane.engine;

import io.ticklane.config.EngineConfig;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code engine run}: the engine alone, fed by whatever publishes on the configured channel (another host's
 * gateway, {@code engine feed} in another terminal), until SIGINT/SIGTERM or {@code --duration}; then a clean
 * shutdown and the same summary as the demo.
 */
final class RunCommand implements SpecifiedCommand
{
    private static final long FOREVER_NS = Long.MAX_VALUE / 2;
    private static final long PROGRESS_INTERVAL_NS = 5_000_000_000L;

    private static final CommandSpec SPEC = CommandSpec.builder("run",
        "run the engine until SIGINT/SIGTERM or --duration, then print the summary")
        .description(
            "Runs the gateway, book agents, journal and latency log on the configured feed channel until",
            "SIGINT/SIGTERM (Ctrl-C) or --duration. Shutdown drains the book rings, writes the last histogram",
            "interval, flushes and unmaps the journal, and prints the summary. Stopped by a signal, it exits 0.")
        .option("duration", "D", "stop after D (e.g. 30s, 5m); default: run until signalled")
        .option("depth", "N", "book levels to print per side in the summary (default 1)")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        final long durationNs = line.durationNs("duration", FOREVER_NS);
        final int depth = (int)line.longValue("depth", 1, 1, 100);
        final EngineConfig config = line.config(Map.of());
        final StopSignal stop = new StopSignal();
        try (Engine engine = Engine.launch(config, out))
        {
            out.printf("[engine] running: feed %s stream %d, %d book agent(s); Ctrl-C to stop%n",
                config.feed().channel(), config.feed().streamId(), config.book().agents());
            final long endNs = System.nanoTime() + durationNs;
            while (true)
            {
                final long remainingNs = endNs - System.nanoTime();
                if (remainingNs <= 0 || stop.await(Math.min(remainingNs, PROGRESS_INTERVAL_NS)))
                {
                    break;
                }
                out.printf("[engine] received %,d  processed %,d%n",
                    engine.messagesReceived(), engine.eventsProcessed());
            }
            out.println("[engine] stopping");
            engine.close();
            final EngineSummary summary = engine.summary(-1);
            out.print(summary.format(depth));
            if (summary.counts().journalPanicked())
            {
                err.println("[engine] the journal panicked during the run: what came after the panic is not in it");
                return 1;
            }
            return 0;
        }
        finally
        {
            stop.finished();
        }
    }
}
