package io.ticklane.engine;

import io.ticklane.book.BookListener;
import io.ticklane.config.EngineConfig;
import io.ticklane.journal.DamageReport;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalDescriptor;
import io.ticklane.journal.JournalException;
import io.ticklane.journal.SequentialReader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code engine replay}: rebuilds the books from a journal through the same gateway and book code the engine runs,
 * as fast as possible or at a multiple of the recorded pace, and prints them. The books it ends with are the books
 * the live engine had (state hashes comparable with {@code engine run --depth N}).
 */
final class ReplayCommand implements SpecifiedCommand
{
    private static final int POLL_LIMIT = 1024;

    private static final CommandSpec SPEC = CommandSpec.builder("replay",
        "rebuild the books from a journal (backtesting), as fast as possible or at recorded pace")
        .description(
            "Replays every frame of the journal through the gateway's per-channel logic (validation, A/B",
            "arbitration, gap recovery from snapshots, with gap timers where the live run fired them) into the",
            "book code, then prints each book with its state hash. Deterministic: the books are the live engine's.",
            "Use the configuration the engine ran with (feed and book keys matter).")
        .positional("JOURNAL", "journal directory, the same as --journal DIR (default: journal.path)")
        .option("journal", "DIR", "journal directory (default: journal.path)")
        .option("speed", "X", "replay at X times the recorded pace (default: as fast as possible)")
        .option("depth", "N", "levels per side to print (default 5)")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        final String journalDir = journalDirectory(line);
        final EngineConfig config = line.config(
            null == journalDir ? Map.of() : Map.of("journal.path", journalDir));
        final Path dir = Path.of(config.journal().path());
        if (!Files.isRegularFile(dir.resolve(JournalDescriptor.METADATA_FILE_NAME)))
        {
            throw new UsageException("no journal at '" + dir + "' (JOURNAL, --journal DIR, or journal.path)");
        }
        final double speed = line.has("speed") ? line.positiveDouble("speed", "a positive multiple of the recorded " +
            "pace, e.g. 1 or 10") : 0;
        final int depth = (int)line.longValue("depth", 5, 1, 1000);
        final JournalReplay replay = new JournalReplay(config, BookListener.NONE);
        final long startNs = System.nanoTime();
        final DamageReport damage;
        // read-only: replay never changes the journal; block reads (the replay path); damage skipped and reported
        try (Journal journal = Journal.open(JournalCommand.options(config.journal()).readOnly(true));
            SequentialReader reader = journal.newSequentialReader(journal.startPosition()))
        {
            final long[] nextProgressNs = { startNs + 1_000_000_000L };
            damage = reader.readToEnd(new PacedHandler(replay, speed, startNs), POLL_LIMIT, () ->
            {
                final long nowNs = System.nanoTime();
                if (nowNs >= nextProgressNs[0])
                {
                    out.printf("[replay] %3ds  frames %,d  events %,d  at position %,d%n",
                        (nowNs - startNs) / 1_000_000_000L, replay.frames(), replay.applied(), reader.position());
                    nextProgressNs[0] += 1_000_000_000L;
                }
            });
        }
        catch (final JournalException ex)
        {
            err.println("engine replay: " + ex.getMessage());
            return 1;
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        print(out, replay, seconds, depth);
        if (!damage.clean() || damage.quarantinedRegions() > 0 || damage.abandonedClaims() > 0)
        {
            err.println("engine replay: " + damage.summary());
            damage.details().forEach(detail -> err.println("  " + detail));
        }
        return damage.clean() ? 0 : 1;
    }

    private static String journalDirectory(final CommandLine line)
    {
        if (line.positional().isEmpty())
        {
            return line.get("journal", null);
        }
        if (line.has("journal"))
        {
            throw new UsageException("the journal directory is given twice, as JOURNAL ('" + line.positional().get(0) +
                "') and as --journal ('" + line.get("journal", "") + "'); give one");
        }
        return line.positional().get(0);
    }

    private static void print(final PrintStream out, final JournalReplay replay, final double seconds, final int depth)
    {
        out.printf(Locale.ROOT, "%n=== replay of %.1f s of journal in %.2f s (%,.0f events/s) ===%n",
            replay.spanNs() / 1e9, seconds, replay.applied() / Math.max(seconds, 1e-9));
        out.printf(Locale.ROOT, "runs %,d (engine starts in the journal; the books and counts below are the last " +
            "run's)%n", replay.runs());
        out.printf(Locale.ROOT, "frames %,d  packets %,d  gap timers %,d  events applied %,d  rejected %,d%n",
            replay.frames(), replay.packets(), replay.timers(), replay.applied(), replay.rejected());
        if (replay.ownFeedPackets() > 0)
        {
            out.printf(Locale.ROOT, "gaps %,d  recoveries %,d  malformed %,d  duplicates %,d  publisher restarts " +
                "%,d%n", replay.counters().gaps().get(), replay.counters().recoveries().get(),
                replay.counters().malformed().get(), replay.counters().duplicates().get(),
                replay.counters().sessionResets().get());
        }
        if (replay.unroutable() + replay.unknownVenue() > 0)
        {
            out.printf(Locale.ROOT, "packets of channels or venues this configuration does not read: %,d%n",
                replay.unroutable() + replay.unknownVenue());
        }
        replay.venueReport().forEach(out::println);
        final StringBuilder sb = new StringBuilder("books\n");
        BookPrinter.print(sb, replay.books(), depth);
        out.print(sb);
    }

    /**
     * Holds each frame back until its time comes at the chosen pace (recorded time divided by the speed).
     */
    private static final class PacedHandler implements io.ticklane.journal.FrameHandler
    {
        private final JournalReplay replay;
        private final double speed;
        private final long startNs;
        private long firstFrameNs = Long.MIN_VALUE;

        PacedHandler(final JournalReplay replay, final double speed, final long startNs)
        {
            this.replay = replay;
            this.speed = speed;
            this.startNs = startNs;
        }

        public void onFrame(
            final int recordType,
            final long timestampNs,
            final org.agrona.DirectBuffer buffer,
            final int offset,
            final int length,
            final long position)
        {
            if (speed > 0)
            {
                if (firstFrameNs == Long.MIN_VALUE)
                {
                    firstFrameNs = timestampNs;
                }
                final long dueNs = startNs + (long)((timestampNs - firstFrameNs) / speed);
                long waitNs;
                while ((waitNs = dueNs - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(Math.min(waitNs, 1_000_000L));
                }
            }
            replay.onFrame(recordType, timestampNs, buffer, offset, length, position);
        }
    }
}
