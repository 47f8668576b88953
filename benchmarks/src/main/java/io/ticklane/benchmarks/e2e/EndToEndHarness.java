package io.ticklane.benchmarks.e2e;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ticklane.config.ConfigSource;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.IdleSpec;
import io.ticklane.engine.Engine;
import io.ticklane.engine.EngineSummary;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.FeedSimulatorAgent;
import io.ticklane.gateway.PacketHeaderDescriptor;
import io.ticklane.gateway.SyntheticOrderFlow;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.PercentileTable;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency harness, in one invocation: the same synthetic feed, at the same rate, over the same Aeron
 * channel, first into a bare subscriber that only timestamps each packet (the transport baseline: publish to
 * receive), then into the whole engine (gateway, journal, ring, book agent: publish to book-applied). Both time
 * from each packet's intended send time, so a publisher or consumer that falls behind shows up as latency rather
 * than disappearing (no coordinated omission). A discarded warm-up run of each comes first, so both measured runs
 * meet compiled code. Reports percentiles of both, their ratio, and the engine's per-stage table.
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED \
 *   -cp benchmarks/target/ticklane-benchmarks.jar io.ticklane.benchmarks.e2e.EndToEndHarness \
 *   [--rate 100000] [--seconds 20] [--warmup 5] [--idle backoff|busy-spin|yield] [--channel aeron:ipc]
 * </pre>
 * On a 2-core machine keep the default backoff idle: more spinning threads than cores measures the scheduler.
 */
public final class EndToEndHarness
{
    private EndToEndHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        final long rate = Long.parseLong(options.getOrDefault("rate", "100000"));
        final int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        final int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        final String idle = options.getOrDefault("idle", "backoff");
        final String channel = options.getOrDefault("channel", "aeron:ipc");
        final Path dir = Files.createTempDirectory("ticklane-e2e");

        System.out.printf(Locale.ROOT, "end-to-end harness: %,d msg/s, %d s measured after %d s warm-up, idle %s, %s%n",
            rate, seconds, warmup, idle, channel);
        transport(config(dir, channel, idle, rate), warmup); // warm-up runs, discarded: the JIT compiles both paths
        engine(config(dir, channel, idle, rate), warmup);
        final Histogram transport = transport(config(dir, channel, idle, rate), seconds);
        final EngineSummary engine = engine(config(dir, channel, idle, rate), seconds);
        final Histogram endToEnd = engine.histogram(LatencyStage.END_TO_END);

        final Map<String, Histogram> rows = new LinkedHashMap<>();
        rows.put("transport only", transport);
        rows.put("engine e2e", endToEnd);
        System.out.println();
        System.out.println("publish (intended send time) to received / to book-applied:");
        System.out.print(PercentileTable.format(rows));
        System.out.printf(Locale.ROOT, "engine / transport: p50 %.2fx  p99 %.2fx  p99.9 %.2fx%n",
            ratio(endToEnd, transport, 50), ratio(endToEnd, transport, 99), ratio(endToEnd, transport, 99.9));
        System.out.println();
        System.out.println("engine stages:");
        final Map<String, Histogram> stages = new LinkedHashMap<>();
        for (final LatencyStage stage : LatencyStage.values())
        {
            stages.put(stage.tag(), engine.histogram(stage));
        }
        System.out.print(PercentileTable.format(stages));
        System.out.printf(Locale.ROOT, "engine: received %,d applied %,d rejected %,d gaps %,d%n",
            engine.counts().messages(), engine.counts().applied(), engine.counts().rejected(), engine.counts().gaps());
    }

    private static void onError(final Throwable error)
    {
        if (!(error instanceof org.agrona.concurrent.AgentTerminationException))
        {
            error.printStackTrace(); // a termination is the feed ending itself
        }
    }

    private static double ratio(final Histogram a, final Histogram b, final double percentile)
    {
        return (double)a.getValueAtPercentile(percentile) / Math.max(1, b.getValueAtPercentile(percentile));
    }

    private static EngineConfig config(final Path dir, final String channel, final String idle, final long rate)
    {
        final String run = UUID.randomUUID().toString();
        final ConfigSource source = ConfigSource.empty()
            .set("driver.dir", "/dev/shm/ticklane-e2e-" + run)
            .set("driver.idle", idle)
            .set("feed.channel", channel)
            .set("feed.stream", "7100")
            .set("feed.snapshot.channel", "")
            .set("journal.path", dir.resolve("journal-" + run).toString())
            .set("latency.hlog.path", dir.resolve("latency-" + run + ".hlog").toString())
            .set("counters.path", dir.resolve("counters-" + run).toString())
            .set("agent.gateway.0.idle", idle)
            .set("agent.book.0.idle", idle)
            .set("agent.feed.idle", idle)
            .set("sim.rate", Long.toString(rate));
        return EngineConfig.from(source, Runtime.getRuntime().availableProcessors());
    }

    private static FeedSimulatorAgent simulator(
        final ExclusivePublication publication, final EngineConfig config, final long durationNs)
    {
        final FeedPublisher publisher = new FeedPublisher(publication, null, 1, 0, FeedPublisher.newSessionId(),
            config.feedAgent().idle().newIdleStrategy(), null);
        final FeedSimulatorAgent.Channel feed = new FeedSimulatorAgent.Channel(publisher, null,
            new SyntheticOrderFlow(config.simulator().instruments(), config.simulator().seed()));
        return new FeedSimulatorAgent(new FeedSimulatorAgent.Channel[]{feed}, config.simulator().ratePerSecond(),
            config.simulator().messagesPerPacket(), durationNs, Long.MAX_VALUE / 4, 0, 1, SystemNanoClock.INSTANCE);
    }

    private static void awaitDone(final FeedSimulatorAgent agent)
    {
        while (!agent.isDone())
        {
            sleep(10);
        }
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The transport alone: a subscriber that records receive time minus intended send time for every packet.
     */
    private static Histogram transport(final EngineConfig config, final int seconds)
    {
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(config.driver().directory())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(config.driver().idle().newIdleStrategy())
            .termBufferSparseFile(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.driver().directory()));
        final Histogram histogram = new Histogram(10_000_000_000L, 3);
        final Subscription subscription = aeron.addSubscription(config.feed().channel(), config.feed().streamId());
        final FragmentAssembler handler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            final long latencyNs = System.nanoTime() - PacketHeaderDescriptor.sendingTimeNs(buffer, offset);
            histogram.recordValue(Math.min(Math.max(0, latencyNs), 10_000_000_000L));
        });
        final ExclusivePublication publication = aeron.addExclusivePublication(
            config.feed().channel(), config.feed().streamId());
        final FeedSimulatorAgent agent = simulator(publication, config, TimeUnit.SECONDS.toNanos(seconds));
        final AgentRunner feed = new AgentRunner(config.feedAgent().idle().newIdleStrategy(), EndToEndHarness::onError,
            null, agent);
        final Thread poller = new Thread(() ->
        {
            final org.agrona.concurrent.IdleStrategy idle = config.gatewayAgents().get(0).idle().newIdleStrategy();
            while (!agent.isDone() || subscription.imageCount() > 0 && subscription.poll(handler, 64) > 0)
            {
                idle.idle(subscription.poll(handler, 64));
            }
        }, "transport-subscriber");
        poller.start();
        AgentRunner.startOnThread(feed);
        awaitDone(agent);
        try
        {
            poller.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietCloseAll(feed, publication, subscription, aeron, driver);
        return histogram;
    }

    /**
     * The whole engine: gateway, journal, ring and book agent, timed by the engine's own publish-to-applied stage.
     */
    private static EngineSummary engine(final EngineConfig config, final int seconds)
    {
        final Engine engine = Engine.launch(config, new PrintStream(new ByteArrayOutputStream()));
        try
        {
            final ExclusivePublication publication = engine.aeron().addExclusivePublication(
                config.feed().channel(), config.feed().streamId());
            final FeedSimulatorAgent agent = simulator(publication, config, TimeUnit.SECONDS.toNanos(seconds));
            final AgentRunner feed = new AgentRunner(config.feedAgent().idle().newIdleStrategy(),
                EndToEndHarness::onError, null, agent);
            AgentRunner.startOnThread(feed);
            awaitDone(agent);
            CloseHelper.quietClose(feed);
            engine.awaitCaughtUp(agent.lastSequences(), TimeUnit.SECONDS.toNanos(30));
            engine.close();
            return engine.summary(-1); // the engine's counters say what was received and applied
        }
        finally
        {
            engine.close();
        }
    }
}
