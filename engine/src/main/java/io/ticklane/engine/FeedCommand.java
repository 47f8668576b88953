package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.InstrumentBook;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.FeedSettings;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.FileFeedAgent;
import io.ticklane.gateway.importer.DatabentoMboImporter;
import io.ticklane.gateway.importer.FeedImporter;
import io.ticklane.gateway.importer.LobsterImporter;
import io.ticklane.gateway.importer.dbn.DbnImporter;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code engine feed}: publishes the synthetic order flow on the configured feed channels, or a recorded file
 * (LOBSTER message file, Databento MBO CSV or DBN) on feed channel 0, at {@code --rate} or at the recorded pace times
 * {@code --speed}. With {@code --print-book N}, a file feed ends by printing the books its events build in the
 * reference model, with their state hashes, for comparison with {@code engine run --depth N}.
 */
final class FeedCommand implements SpecifiedCommand
{
    private static final long CONNECT_TIMEOUT_NS = 30_000_000_000L;
    /** Most time the feed waits, at its end, for the driver to send what it holds. */
    private static final long DRAIN_TIMEOUT_NS = 10_000_000_000L;

    private static final CommandSpec SPEC = CommandSpec.builder("feed",
        "publish the synthetic order flow or a recorded file over Aeron, or replay a venue capture as UDP")
        .description(
            "Without a file: publishes a synthetic order flow for the configured instruments (adds, cancels and",
            "executions clustered near the touch) with snapshots, for --duration.",
            "With --lobster (message CSV or the original zip), --databento (MBO CSV) or --dbn (DBN): publishes the file's",
            "records as the feed, instrument definitions derived from the data, on feed channel 0, until the end",
            "of the file.",
            "Waits up to 30s for a subscriber (start 'engine run' first). Uses its own embedded media driver",
            "unless driver.embedded=false; an aeron:ipc channel needs both processes on one external driver.",
            "With --pcap (a venue capture, pcap or pcapng): sends each captured UDP payload to the multicast group",
            "and port it was captured going to, out of --interface (loopback unless told), as fast as the socket",
            "takes them, at --speed X times the recorded pace, or at --rate packets per second: a tcpreplay for",
            "'engine run' with venue=cme.")
        .option("duration", "D", "synthetic feed: how long to stream (default 10s)")
        .option("rate", "N", "messages per second (default: sim.rate, 100000)")
        .option("speed", "X", "file feed: replay at X times the recorded pace (e.g. 1, 10) instead of --rate")
        .option("lobster", "FILE", "LOBSTER message file; symbol and date from its name")
        .option("instrument-id", "N", "feed instrument id for a LOBSTER file (default 1)")
        .option("databento", "FILE", "Databento MBO CSV, any number of instruments")
        .option("dbn", "FILE", "Databento DBN file (.dbn or .dbn.zst; MBO, MBP-1, MBP-10; versions 1 to 3)")
        .repeatable("definitions", "FILE", "--dbn: a DBN file with definition records (symbols, ticks); repeatable")
        .option("print-book", "N", "file feed: print the reference model's top N levels and state hash at the end")
        .option("pcap", "FILE", "a venue capture to replay as raw UDP multicast (see above)")
        .option("interface", "IF", "--pcap: the interface to send out of, by name or address (default lo)")
        .option("channel", "URI", "Aeron channel (default: feed.channel)")
        .option("stream", "ID", "Aeron stream id (default: feed.stream)")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        if (line.has("pcap"))
        {
            return replayCapture(line, out, err);
        }
        if (line.has("interface"))
        {
            throw new UsageException("option '--interface' goes with --pcap (an Aeron feed names its channel)");
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
        final FeedImporter importer = importer(line);
        final StopSignal stop = new StopSignal();
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            driver = config.driver().embedded() ? MediaDrivers.launchEmbedded(config.driver()) : null;
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.driver().directory()));
            final AgentThreads threads = new AgentThreads(
                ThreadPinner.openHft(), HostCpus.live(), out, Throwable::printStackTrace, null);
            if (null != importer)
            {
                return publishFile(line, config, importer, aeron, threads, stop, out, err);
            }
            return publishSynthetic(config, durationNs, aeron, threads, stop, out, err);
        }
        finally
        {
            CloseHelper.quietCloseAll(importer, aeron, driver);
            stop.finished();
        }
    }

    private static int replayCapture(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        for (final String other : List.of("lobster", "databento", "dbn", "definitions", "duration", "print-book", "instrument-id", "channel",
            "stream"))
        {
            if (line.has(other))
            {
                throw new UsageException("option '--" + other + "' does not go with --pcap");
            }
        }
        line.refuseTogether("rate", "speed",
            "--rate sends at a fixed packet rate, --speed at a multiple of the recorded pace; give one");
        line.config(Map.of()); // validates --config and --set like every command, though the replay needs none
        final Path capture = Path.of(line.get("pcap", ""));
        if (!Files.isRegularFile(capture))
        {
            throw new UsageException("option '--pcap' has value '" + capture + "'; allowed: a pcap or pcapng file; " +
                (Files.isDirectory(capture) ? "this is a directory" : "it does not exist"));
        }
        final CaptureFeed.Pace pace = line.has("speed") ?
            new CaptureFeed.Pace(line.positiveDouble("speed", "a positive multiple of the recorded pace, e.g. 1"), 0) :
            line.has("rate") ? new CaptureFeed.Pace(0, line.longValue("rate", 0, 1, 100_000_000)) :
            CaptureFeed.Pace.fastest();
        final String nif = line.get("interface", "lo");
        final StopSignal stop = new StopSignal();
        try
        {
            out.printf("[feed] replaying %s out of %s %s%n", capture, nif, pace.speed() > 0 ? "at " + pace.speed() +
                "x the recorded pace" : pace.packetsPerSecond() > 0 ? "at " + pace.packetsPerSecond() +
                " packets/s" : "as fast as the socket takes them");
            final CaptureFeed.Result result = CaptureFeed.send(capture, nif, pace, stop::requested,
                sent -> out.printf("[feed] sent %,d datagrams%n", sent));
            out.printf(Locale.ROOT, "[feed] done: sent %,d datagrams (%,d bytes) in %.2f s; capture: %s%n",
                result.sent(), result.bytes(), result.seconds(), result.capture());
            return 0;
        }
        catch (final java.io.IOException ex)
        {
            err.println("engine feed: cannot replay " + capture + ": " + ex.getMessage());
            return 1;
        }
        finally
        {
            stop.finished();
        }
    }

    private static FeedImporter importer(final CommandLine line)
    {
        line.refuseTogether("lobster", "databento", "give one recorded file");
        line.refuseTogether("lobster", "dbn", "give one recorded file");
        line.refuseTogether("databento", "dbn", "give one recorded file");
        if (line.has("definitions") && !line.has("dbn"))
        {
            throw new UsageException("option '--definitions' goes with --dbn");
        }
        if (!line.has("lobster") && !line.has("databento") && !line.has("dbn"))
        {
            if (line.has("speed") || line.has("print-book") || line.has("instrument-id"))
            {
                throw new UsageException("--speed, --print-book and --instrument-id go with --lobster, --databento " +
                    "or --dbn");
            }
            return null;
        }
        line.refuseTogether("rate", "speed",
            "--rate publishes at a fixed rate, --speed at a multiple of the file's recorded pace; give one");
        line.refuseTogether("instrument-id", "databento", "a Databento file carries its own instrument ids");
        line.refuseTogether("instrument-id", "dbn", "a DBN file carries its own instrument ids");
        if (line.has("duration"))
        {
            throw new UsageException("option '--duration' is for the synthetic feed; a file feed publishes the whole " +
                "file (stop it early with Ctrl-C)");
        }
        final String option = line.has("lobster") ? "lobster" : line.has("dbn") ? "dbn" : "databento";
        final Path file = Path.of(line.get(option, ""));
        final String allowed = "; allowed: " + (line.has("lobster") ? "a LOBSTER message file (.csv or .zip)" :
            line.has("dbn") ? "a Databento DBN file (.dbn or .dbn.zst)" : "a Databento MBO CSV file");
        if (Files.isDirectory(file))
        {
            throw new UsageException("option '--" + option + "' has value '" + file + "'" + allowed + "; this is a " +
                "directory");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
        {
            throw new UsageException("option '--" + option + "' has value '" + file + "'" + allowed + "; no such " +
                "readable file");
        }
        try
        {
            if (line.has("dbn"))
            {
                return DbnImporter.open(file, definitions(line));
            }
            return line.has("lobster") ?
                LobsterImporter.open(file, (int)line.longValue("instrument-id", 1, 1, Integer.MAX_VALUE)) :
                DatabentoMboImporter.open(file);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        catch (final UncheckedIOException ex)
        {
            throw new UsageException("option '--" + option + "' has value '" + file + "'" + allowed + "; cannot " +
                "read it: " + ex.getCause().getMessage());
        }
    }

    private static List<Path> definitions(final CommandLine line)
    {
        final List<Path> files = new ArrayList<>();
        for (final String name : line.all("definitions"))
        {
            final Path path = Path.of(name);
            if (!Files.isRegularFile(path))
            {
                throw new UsageException("option '--definitions' has value '" + name + "'; allowed: a DBN file with " +
                    "definition records; no such file");
            }
            files.add(path);
        }
        return files;
    }

    private static int publishSynthetic(
        final EngineConfig config,
        final long durationNs,
        final Aeron aeron,
        final AgentThreads threads,
        final StopSignal stop,
        final PrintStream out,
        final PrintStream err)
    {
        try (SimulatedFeed feed = new SimulatedFeed(aeron, config, durationNs, threads))
        {
            out.printf("[feed] publishing on %s stream %d at %,d msg/s for %.1fs; waiting for a subscriber%n",
                config.feed().channel(), config.feed().streamId(), config.simulator().ratePerSecond(),
                durationNs / 1e9);
            final String problem = await(feed::isDone, feed::started, () -> feed.messagesPublished() + " messages",
                config, stop, out);
            final PublicationDrain.Result drain = feed.drainAndClose(aeron, DRAIN_TIMEOUT_NS);
            out.printf("[feed] done: published %,d messages in %,d packets, %,d back-pressure retries%n",
                feed.messagesPublished(), feed.packetsPublished(), feed.backPressureRetries());
            reportDrain(drain, out, err);
            if (null != feed.injections())
            {
                out.println("[feed] " + feed.injections());
            }
            final String failure = null != problem ? problem : feed.failure();
            if (null != failure)
            {
                err.println("[feed] " + failure);
                return 1;
            }
            return 0;
        }
    }

    private static void reportDrain(final PublicationDrain.Result drain, final PrintStream out, final PrintStream err)
    {
        if (drain.drained())
        {
            out.printf(Locale.ROOT, "[feed] drained in %.2f s: every packet sent, %,d retransmission(s) served%n",
                drain.seconds(), drain.retransmits());
        }
        else
        {
            err.printf(Locale.ROOT, "[feed] WARNING %,d bytes were still unsent after %.1f s; subscribers will count " +
                "the missing tail as a gap (the final heartbeats carry the last sequence)%n",
                drain.unsentBytes(), drain.seconds());
        }
    }

    private static int publishFile(
        final CommandLine line,
        final EngineConfig config,
        final FeedImporter importer,
        final Aeron aeron,
        final AgentThreads threads,
        final StopSignal stop,
        final PrintStream out,
        final PrintStream err)
    {
        final FeedSettings feed = config.feed();
        final double speed = line.has("speed") ? parseSpeed(line.get("speed", "")) : 0;
        final int depth = (int)line.longValue("print-book", 0, 0, 1000);
        final BookEventApplier reference = new BookEventApplier(BookFactory.reference(), BookListener.NONE);
        final ExclusivePublication lineA = aeron.addExclusivePublication(feed.channel(), feed.streamId());
        final ExclusivePublication lineB = feed.hasLineB() ?
            aeron.addExclusivePublication(feed.channelB(), feed.streamIdB()) : null;
        final FeedPublisher publisher = new FeedPublisher(lineA, lineB, 1, 0, FeedPublisher.newSessionId(),
            config.feedAgent().idle().newIdleStrategy(), null);
        final FileFeedAgent agent = new FileFeedAgent(importer, publisher, config.simulator().ratePerSecond(),
            config.simulator().messagesPerPacket(), speed, SystemNanoClock.INSTANCE, reference);
        out.println("[feed] " + importer.describe());
        out.printf("[feed] publishing on %s stream %d %s; waiting for a subscriber%n", feed.channel(),
            feed.streamId(), speed > 0 ? "at " + speed + "x the recorded pace" :
            String.format(Locale.ROOT, "at %,d msg/s", config.simulator().ratePerSecond()));
        final AgentRunner runner = threads.start(agent, config.feedAgent());
        final String problem;
        try
        {
            problem = await(agent::isDone, agent::started,
                () -> String.format(Locale.ROOT, "%,d records", importer.recordsRead()), config, stop, out);
        }
        finally
        {
            CloseHelper.quietClose(runner);
        }
        final PublicationDrain.Result drain = PublicationDrain.drain(aeron,
            null == lineB ? List.of(lineA) : List.of(lineA, lineB), DRAIN_TIMEOUT_NS, SimulatedFeed.DRAIN_QUIET_NS);
        CloseHelper.quietCloseAll(lineA, lineB);
        out.printf("[feed] done: %,d records read, %,d published as %,d messages in %,d packets, %,d skipped " +
            "(orders the file never added, halts, fills)%n", importer.recordsRead(),
            importer.recordsRead() - importer.recordsSkipped(), publisher.messagesPublished(),
            publisher.packetsPublished(), importer.recordsSkipped());
        reportDrain(drain, out, err);
        if (depth > 0)
        {
            printReference(out, importer.instruments(), reference, depth);
        }
        final String failure = null != problem ? problem : agent.failure();
        if (null != failure)
        {
            err.println("[feed] " + failure);
            return 1;
        }
        return 0;
    }

    private static double parseSpeed(final String text)
    {
        try
        {
            final double speed = Double.parseDouble(text);
            if (speed > 0 && speed <= 1e9)
            {
                return speed;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new UsageException("option '--speed' has value '" + text + "'; allowed: a positive multiple of the " +
            "recorded pace, e.g. 1 or 10");
    }

    private static String await(
        final java.util.function.BooleanSupplier done,
        final java.util.function.BooleanSupplier started,
        final java.util.function.Supplier<String> progress,
        final EngineConfig config,
        final StopSignal stop,
        final PrintStream out)
    {
        final long startNs = System.nanoTime();
        long nextProgressNs = startNs + 1_000_000_000L;
        boolean announced = false;
        while (!done.getAsBoolean() && !stop.await(50_000_000L))
        {
            final long nowNs = System.nanoTime();
            if (!started.getAsBoolean() && nowNs - startNs > CONNECT_TIMEOUT_NS)
            {
                return "no subscriber connected within 30s; is 'engine run' up on " + config.feed().channel() + "?";
            }
            if (started.getAsBoolean() && !announced)
            {
                out.println("[feed] subscriber connected, streaming");
                announced = true;
            }
            if (nowNs >= nextProgressNs)
            {
                out.printf("[feed] %3ds  published %s%n", (nowNs - startNs) / 1_000_000_000L, progress.get());
                nextProgressNs += 1_000_000_000L;
            }
        }
        return null;
    }

    private static void printReference(
        final PrintStream out, final List<InstrumentSpec> instruments, final BookEventApplier reference, final int depth)
    {
        out.println("[feed] reference model over the published events:");
        final List<InstrumentBook> books = new ArrayList<>();
        for (final InstrumentSpec spec : instruments)
        {
            final InstrumentBook book = reference.book(spec.id());
            if (null != book)
            {
                books.add(book);
            }
        }
        final StringBuilder sb = new StringBuilder();
        BookPrinter.print(sb, books, depth);
        out.print(sb);
    }
}
