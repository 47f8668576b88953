package io.ticklane.engine;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.LadderLevelDescriptor;
import io.ticklane.book.OrderPool;
import io.ticklane.config.EngineConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        .option("pcap", "FILE", "read a venue capture (pcap/pcapng) directly instead: no network, deterministic, " +
            "as fast as possible, through the channels of cme.config; then the same summary")
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
        if (line.has("pcap"))
        {
            if (line.has("duration"))
            {
                throw new UsageException("--duration goes with a live run, not with --pcap (a capture is read to its end)");
            }
            return runCapture(config, Path.of(line.get("pcap", "")), depth, out, err);
        }
        final StopSignal stop = new StopSignal();
        try (Engine engine = Engine.launch(config, out))
        {
            out.printf("[engine] running: %s, %d book agent(s); Ctrl-C to stop%n", config.venue().isCme() ?
                "CME channels of " + config.venue().cmeConfig() : "feed " + config.feed().channel() + " stream " +
                config.feed().streamId(), config.book().agents());
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

    /**
     * A capture read directly (the shared path of {@code run --pcap} and {@code replay --pcap}): the capture's
     * packets through their channels' sessions into one applier with the engine's books, then the capture's and the
     * channels' reports and the books.
     *
     * @return exit status.
     */
    static int runCapture(
        final EngineConfig config, final Path pcap, final int depth, final PrintStream out, final PrintStream err)
    {
        if (!Files.isRegularFile(pcap))
        {
            throw new UsageException("option '--pcap' has value '" + pcap + "'; allowed: a pcap or pcapng file; " +
                (Files.isDirectory(pcap) ? "this is a directory" : "it does not exist"));
        }
        final CaptureSource source = new CaptureSource(config, pcap);
        final OrderPool pool = new OrderPool(config.book().orderPoolCapacity());
        final BookEventApplier applier = new BookEventApplier(BookFactory.ladder(pool, new BookOptions(
            config.book().snapshotDepth(), config.book().overflowLevels(), LadderLevelDescriptor.DEFAULT_STRIDE,
            config.book().recentre()), BookListener.NONE), BookListener.NONE).maxBandTicks(config.book().maxBandTicks());
        final long startNs = System.nanoTime();
        final long datagrams;
        try
        {
            datagrams = source.run(applier, () -> false);
        }
        catch (final IOException ex)
        {
            err.println("engine: cannot read the capture: " + ex.getMessage());
            return 1;
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n=== capture %s read in %.2f s: %,d datagrams, %,d book events " +
            "applied, %,d rejected ===%n", pcap.getFileName(), seconds, datagrams, applier.applied(),
            applier.rejected()));
        source.report().forEach(l -> sb.append(l).append('\n'));
        sb.append("books\n");
        BookPrinter.print(sb, applier.books(), depth);
        out.print(sb);
        return 0;
    }
}
