package io.ticklane.engine;

import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.config.EngineConfig;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code engine demo}: the engine and the synthetic feed in one process, over the configured channel (UDP
 * multicast on loopback by default), for a duration; then the summary. Idle strategies default to backoff, so the
 * demo shares a 2-core machine without starving anything.
 */
final class DemoCommand implements SpecifiedCommand
{
    private static final long CONNECT_TIMEOUT_NS = 10_000_000_000L;
    private static final long CATCH_UP_TIMEOUT_NS = 15_000_000_000L;
    private static final long DRAIN_TIMEOUT_NS = 5_000_000_000L;

    private static final CommandSpec SPEC = CommandSpec.builder("demo",
        "run the synthetic feed and the engine together, then print the summary")
        .description(
            "Starts the engine (embedded media driver, gateway, book agents, journal, latency log) and the",
            "synthetic feed in one process, streams for --duration, waits for the books to catch up, stops",
            "cleanly and prints the summary: events published/received/applied, gaps, journal bytes and",
            "records, the top of each book, the publish->book-applied latency table, and the paths written.")
        .option("duration", "D", "how long the feed streams (default 10s)")
        .option("rate", "N", "messages per second (default: sim.rate, 100000)")
        .option("depth", "N", "book levels to print per side (default 1: top of book)")
        .notes("Exit status: 0 when every published event was received and processed (also when SIGINT/SIGTERM",
            "ended the feed early), 1 otherwise, 2 on bad usage or configuration.")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        final long durationNs = line.durationNs("duration", 10_000_000_000L);
        final int depth = (int)line.longValue("depth", 1, 1, 100);
        final EngineConfig config = line.config(
            line.has("rate") ? Map.of("sim.rate", line.get("rate", "")) : Map.of());
        final StopSignal stop = new StopSignal();
        try (Engine engine = Engine.launch(config, out))
        {
            out.printf("[demo] engine up: feed %s stream %d, %d book agent(s), journal %s%n",
                config.feed().channel(), config.feed().streamId(), config.book().agents(), config.journal().path());
            final AgentThreads threads = new AgentThreads(
                ThreadPinner.openHft(), HostCpus.live(), out, Throwable::printStackTrace, null);
            final SimulatedFeed feed = new SimulatedFeed(engine.aeron(), config, durationNs, threads);
            final long published;
            final boolean caughtUp;
            try
            {
                final String problem = stream(feed, engine, stop, out);
                if (null != problem)
                {
                    err.println("[demo] " + problem);
                    return 1;
                }
            }
            finally
            {
                feed.drainAndClose(engine.aeron(), DRAIN_TIMEOUT_NS);
            }
            published = feed.messagesPublished();
            caughtUp = engine.awaitCaughtUp(feed.lastSequences(), CATCH_UP_TIMEOUT_NS);
            engine.close();
            final EngineSummary summary = engine.summary(published);
            out.print(summary.format(depth));
            if (null != feed.injections())
            {
                out.println(feed.injections());
            }
            if (summary.counts().journalPanicked())
            {
                err.println("[demo] the journal panicked during the run: what came after the panic is not in it");
                return 1;
            }
            if (!caughtUp)
            {
                err.printf("[demo] the engine did not catch up: published %d, received %d, processed %d, " +
                    "stale %d%n", published, summary.counts().messages(),
                    summary.counts().applied() + summary.counts().rejected(), summary.counts().stale());
                return 1;
            }
            return 0;
        }
        finally
        {
            stop.finished();
        }
    }

    private static String stream(final SimulatedFeed feed, final Engine engine, final StopSignal stop,
        final PrintStream out)
    {
        final long startNs = System.nanoTime();
        long nextProgressNs = startNs + 1_000_000_000L;
        while (!feed.isDone())
        {
            if (stop.await(50_000_000L))
            {
                out.println("[demo] stop requested: ending the feed early");
                return null;
            }
            final long nowNs = System.nanoTime();
            if (!feed.started() && nowNs - startNs > CONNECT_TIMEOUT_NS)
            {
                return "no subscriber connected to " + engine.config().feed().channel() + " within " +
                    CONNECT_TIMEOUT_NS / 1_000_000_000L + "s (is multicast routed on the configured interface?)";
            }
            if (nowNs >= nextProgressNs)
            {
                out.printf("[demo] %3ds  published %,d  received %,d  processed %,d%n",
                    (nowNs - startNs) / 1_000_000_000L, feed.messagesPublished(), engine.messagesReceived(),
                    engine.eventsProcessed());
                nextProgressNs += 1_000_000_000L;
            }
        }
        return feed.failure();
    }
}
