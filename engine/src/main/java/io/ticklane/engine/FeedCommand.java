package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.config.EngineConfig;
import org.agrona.CloseHelper;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code engine feed}: publishes the synthetic order flow on the configured feed channel, stamping each packet
 * with its intended send time, at {@code --rate} for {@code --duration}.
 */
final class FeedCommand implements Command
{
    private static final long CONNECT_TIMEOUT_NS = 30_000_000_000L;

    public String name()
    {
        return "feed";
    }

    public String summary()
    {
        return "publish the synthetic order flow over Aeron (UDP multicast by default)";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: engine feed [--duration 10s] [--rate N] [--channel URI] [--stream ID] [--config FILE]",
            "                   [--set KEY=VALUE ...]",
            "",
            "Publishes a synthetic order flow for the configured instruments: adds, cancels and executions",
            "clustered near the touch. Waits up to 30s for a subscriber (start 'engine run' first or after),",
            "then streams for --duration. Uses its own embedded media driver unless driver.embedded=false;",
            "an aeron:ipc channel needs both processes on one external driver.",
            "",
            "  --duration D   how long to stream (default 10s)",
            "  --rate N       messages per second (default: sim.rate, 100000)",
            "  --channel URI  Aeron channel (default: feed.channel)",
            "  --stream ID    Aeron stream id (default: feed.stream)",
            "  --config FILE  configuration file",
            "  --set K=V      override one configuration key");
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final CommandLine line = CommandLine.parse(
            name(), args, List.of("duration", "rate", "channel", "stream"), List.of());
        if (line.has("help"))
        {
            out.println(usage());
            return 0;
        }
        final long durationNs = line.durationNs("duration", 10_000_000_000L);
        final Map<String, String> extra = new HashMap<>();
        if (line.has("rate"))
        {
            extra.put("sim.rate", line.get("rate", ""));
        }
        if (line.has("channel"))
        {
            extra.put("feed.channel", line.get("channel", ""));
        }
        if (line.has("stream"))
        {
            extra.put("feed.stream", line.get("stream", ""));
        }
        final EngineConfig config = line.config(extra);
        final StopSignal stop = new StopSignal();
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            driver = config.driver().embedded() ? MediaDrivers.launchEmbedded(config.driver()) : null;
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.driver().directory()));
            final AgentThreads threads = new AgentThreads(
                ThreadPinner.openHft(), HostCpus.live(), out, Throwable::printStackTrace, null);
            try (SimulatedFeed feed = new SimulatedFeed(aeron, config, durationNs, threads))
            {
                out.printf("[feed] publishing on %s stream %d at %,d msg/s for %.1fs; waiting for a subscriber%n",
                    config.feed().channel(), config.feed().streamId(), config.simulator().ratePerSecond(),
                    durationNs / 1e9);
                final long startNs = System.nanoTime();
                long nextProgressNs = startNs + 1_000_000_000L;
                boolean announced = false;
                while (!feed.isDone() && !stop.await(50_000_000L))
                {
                    final long nowNs = System.nanoTime();
                    if (!feed.started() && nowNs - startNs > CONNECT_TIMEOUT_NS)
                    {
                        err.println("[feed] no subscriber connected within 30s; is 'engine run' up on " +
                            config.feed().channel() + "?");
                        return 1;
                    }
                    if (feed.started() && !announced)
                    {
                        out.println("[feed] subscriber connected, streaming");
                        announced = true;
                    }
                    if (nowNs >= nextProgressNs)
                    {
                        out.printf("[feed] %3ds  published %,d messages%n", (nowNs - startNs) / 1_000_000_000L,
                            feed.messagesPublished());
                        nextProgressNs += 1_000_000_000L;
                    }
                }
                feed.close();
                out.printf("[feed] done: published %,d messages in %,d packets, %,d back-pressure retries%n",
                    feed.messagesPublished(), feed.packetsPublished(), feed.backPressureRetries());
                if (null != feed.injections())
                {
                    out.println("[feed] " + feed.injections());
                }
                if (null != feed.failure())
                {
                    err.println("[feed] " + feed.failure());
                    return 1;
                }
                return 0;
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver);
            stop.finished();
        }
    }
}
