package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.LadderLevelDescriptor;
import io.ticklane.book.OrderPool;
import io.ticklane.client.ClientCounters;
import io.ticklane.client.StreamClient;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.PublishSettings;
import io.ticklane.latency.CountersFile;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code engine subscribe}: the example consumer of the normalized book stream. A {@link StreamClient} rebuilds the
 * books from {@code publish.*} (late join and loss recover from the gateway's snapshots), prints them every
 * interval, and on exit prints the final books as {@code engine run}'s summary does (same lines, same state
 * hashes) and its counters. Its counters file ({@code subscribe.counters.path}) is readable with
 * {@code engine stat --counters}.
 * <p>
 * Media driver: over UDP it starts its own embedded driver ({@code driver.*}); over IPC it must share the engine's,
 * so it attaches to {@code driver.dir} when that is set (or {@code driver.embedded=false}), else to the live
 * embedded driver of an engine of this user on this host, else starts its own.
 */
final class SubscribeCommand implements SpecifiedCommand
{
    private static final long DRIVER_LIVENESS_MS = 1_000;
    private static final long HEARTBEAT_INTERVAL_NS = 100_000_000L;
    private static final int MAX_COUNTERS = 64;

    private static final CommandSpec SPEC = CommandSpec.builder("subscribe",
        "rebuild the engine's books from its published stream and print them")
        .description(
            "Subscribes to the engine's normalized book stream (publish.channel/publish.stream), recovers late",
            "join and losses from the gateway's snapshots (publish.snapshot.*, requests on publish.request.*),",
            "prints the books every --interval, and on exit (--duration, or SIGINT/SIGTERM) the final books, with",
            "the same lines and state hashes as engine run's summary, and the client counters: packets, events,",
            "gaps, recoveries, lag. Over aeron:ipc it shares the engine's media driver on this host.")
        .option("depth", "N", "book levels to print per side (default 1: top of book)")
        .option("duration", "D", "stop after D (e.g. 30s); default: run until signalled")
        .option("interval", "D", "how often the live books are printed (default 1s)")
        .notes("Exit status: 0 when stopped by --duration or a signal (also when the engine's driver went away first),",
            "1 when the counters file is held by another process or the media driver cannot be used,",
            "2 on bad usage or configuration.")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        final int depth = (int)line.longValue("depth", 1, 1, 100);
        final long durationNs = line.durationNs("duration", Long.MAX_VALUE);
        final long intervalNs = line.durationNs("interval", 1_000_000_000L);
        final EngineConfig config = line.config(Map.of());
        final PublishSettings publish = config.publish();
        final StopSignal stop = new StopSignal();
        MediaDriver driver = null;
        Aeron aeron = null;
        EngineLock lock = null;
        CountersFile counters = null;
        try
        {
            String dir = attachableDriver(config, publish);
            if (null == dir)
            {
                driver = MediaDrivers.launchEmbedded(config.driver());
                dir = config.driver().directory();
                out.printf("[subscribe] media driver started in %s%s%n", dir, publish.isUdp() ? "" :
                    " (no live engine driver found for aeron:ipc: nothing will arrive until an engine uses it)");
            }
            else
            {
                out.printf("[subscribe] media driver: attached to %s%n", dir);
            }
            final AtomicReference<Throwable> driverLost = new AtomicReference<>();
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir).errorHandler(ex ->
            {
                if (!driverLost.compareAndSet(null, ex) && !(ex instanceof AgentTerminationException))
                {
                    err.println("[subscribe] " + ex);
                }
            }));
            final Path countersPath = Path.of(publish.clientCountersPath());
            lock = EngineLock.acquire(countersPath, "counters file", "subscribe.counters.path");
            counters = CountersFile.create(countersPath, MAX_COUNTERS, SystemEpochClock.INSTANCE);
            final StreamClient client = new StreamClient(aeron, publish, newApplier(config),
                ClientCounters.in(counters, "client"), new OffsetEpochNanoClock());
            out.printf("[subscribe] %s stream %d, snapshots %s stream %d, requests %s stream %d; counters %s%n",
                publish.channel(), publish.streamId(), publish.snapshotChannel(), publish.snapshotStreamId(),
                publish.requestChannel(), publish.requestStreamId(), countersPath.toAbsolutePath());
            loop(client, aeron, counters, stop, durationNs, intervalNs, depth, out);
            if (aeron.isClosed())
            {
                out.println("[subscribe] the media driver went away (the engine stopped?): " +
                    "the books below are as of then");
            }
            final StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%n=== subscribe summary ===%n"));
            sb.append(countersLine(client, counters)).append('\n');
            sb.append("books\n");
            BookPrinter.print(sb, client.books(), depth);
            out.print(sb);
            if (!aeron.isClosed())
            {
                client.onClose();
            }
            return 0;
        }
        finally
        {
            CloseHelper.quietClose(counters);
            CloseHelper.quietClose(lock);
            deleteDefaultCountersFile(publish.clientCountersPath());
            CloseHelper.quietClose(aeron);
            CloseHelper.quietClose(driver);
            stop.finished();
        }
    }

    /**
     * The default counters file is one per process ({@code -subscribe-<pid>}): removed on exit so that runs do not
     * pile files up in /dev/shm. A configured one stays, with its final values, for {@code engine stat}.
     */
    private static void deleteDefaultCountersFile(final String path)
    {
        if (path.endsWith("-subscribe-" + ProcessHandle.current().pid() + ".counters"))
        {
            try
            {
                Files.deleteIfExists(Path.of(path));
                Files.deleteIfExists(Path.of(path + ".lock"));
            }
            catch (final IOException ignore)
            {
                // best effort: a file we cannot delete is only litter
            }
        }
    }

    private static void loop(final StreamClient client, final Aeron aeron, final CountersFile counters,
        final StopSignal stop,
        final long durationNs, final long intervalNs, final int depth, final PrintStream out)
    {
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        final long startNs = System.nanoTime();
        long nextPrintNs = startNs + intervalNs;
        long nextHeartbeatNs = startNs;
        while (!stop.requested() && !aeron.isClosed())
        {
            final long nowNs = System.nanoTime();
            if (nowNs - startNs >= durationNs)
            {
                break;
            }
            idle.idle(client.doWork());
            if (nowNs - nextHeartbeatNs >= 0)
            {
                nextHeartbeatNs = nowNs + HEARTBEAT_INTERVAL_NS; // engine stat: RUNNING while it moves
                counters.heartbeat(System.currentTimeMillis());
            }
            if (nowNs - nextPrintNs >= 0)
            {
                nextPrintNs += intervalNs;
                final StringBuilder sb = new StringBuilder();
                sb.append(String.format(Locale.ROOT, "[subscribe] %3ds  %s%n", (nowNs - startNs) / 1_000_000_000L,
                    countersLine(client, counters)));
                BookPrinter.print(sb, client.books(), depth);
                out.print(sb);
            }
        }
    }

    private static String countersLine(final StreamClient client, final CountersFile counters)
    {
        return String.format(Locale.ROOT, "client    packets %,d  events %,d  gaps %,d  instrument gaps %,d  " +
            "recoveries %,d  snapshot requests %,d  recovering %,d  publisher restarts %,d  lag %,d us",
            client.packets(), client.messages(), client.gaps(), client.instrumentGaps(), client.recoveries(),
            client.snapshotRequests(), client.recovering(), client.publisherRestarts(), client.lagNs() / 1_000);
    }

    /**
     * The books are built exactly as the engine builds its own ({@code book.*}), so that their hashes can agree.
     */
    static BookEventApplier newApplier(final EngineConfig config)
    {
        final OrderPool pool = new OrderPool(config.book().orderPoolCapacity());
        return new BookEventApplier(BookFactory.ladder(pool, new BookOptions(config.book().snapshotDepth(),
            config.book().overflowLevels(), LadderLevelDescriptor.DEFAULT_STRIDE, config.book().recentre()),
            BookListener.NONE), BookListener.NONE).maxBandTicks(config.book().maxBandTicks());
    }

    /**
     * @return the driver directory to attach to, or null to start an embedded one.
     */
    static String attachableDriver(final EngineConfig config, final PublishSettings publish)
    {
        final String configured = config.driver().directory();
        final String perProcessDefault = "ticklane-" + System.getProperty("user.name", "default") + "-driver-" +
            ProcessHandle.current().pid();
        final boolean explicit = !config.driver().embedded() || !configured.endsWith(perProcessDefault);
        if (explicit && isActive(new File(configured)))
        {
            return configured;
        }
        if (!config.driver().embedded())
        {
            return configured; // an external driver: Aeron.connect says clearly when it is not running
        }
        if (publish.isUdp() && publish.snapshotChannel().startsWith("aeron:udp") &&
            publish.requestChannel().startsWith("aeron:udp"))
        {
            return null;
        }
        return newestEngineDriver(Path.of(configured).toAbsolutePath().getParent());
    }

    private static String newestEngineDriver(final Path parent)
    {
        final Pattern pattern = Pattern.compile("ticklane-" + Pattern.quote(System.getProperty("user.name",
            "default")) + "-driver-(\\d+)");
        if (null == parent || !Files.isDirectory(parent))
        {
            return null;
        }
        try (Stream<Path> entries = Files.list(parent))
        {
            final List<Path> live = entries
                .filter(p -> pattern.matcher(p.getFileName().toString()).matches())
                .filter(p -> isActive(p.toFile()))
                .sorted(Comparator.comparingLong((Path p) -> p.toFile().lastModified()).reversed())
                .collect(Collectors.toList());
            return live.isEmpty() ? null : live.get(0).toString();
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private static boolean isActive(final File dir)
    {
        try
        {
            return dir.isDirectory() && CommonContext.isDriverActive(dir, DRIVER_LIVENESS_MS, message -> { });
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }
}
