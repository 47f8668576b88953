package io.ticklane.engine;

import io.ticklane.book.BookListener;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import io.ticklane.config.EngineConfig;
import io.ticklane.journal.DamageReport;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalException;
import io.ticklane.journal.SequentialReader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code engine replay}: rebuilds the books from a journal through the same gateway and book code the engine runs,
 * as fast as possible or at a multiple of the recorded pace, and prints them. The books it ends with are the books
 * the live engine had (state hashes comparable with {@code engine run --depth N}).
 */
final class ReplayCommand implements Command
{
    private static final int POLL_LIMIT = 1024;

    public String name()
    {
        return "replay";
    }

    public String summary()
    {
        return "rebuild the books from a journal (backtesting), as fast as possible or at recorded pace";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: engine replay [--journal DIR] [--speed X] [--depth N] [--config FILE] [--set KEY=VALUE ...]",
            "",
            "Replays every frame of the journal through the gateway's per-channel logic (validation, A/B",
            "arbitration, gap recovery from snapshots, with gap timers where the live run fired them) into the",
            "book code, then prints each book with its state hash. Deterministic: the books are the live engine's.",
            "Use the configuration the engine ran with (feed and book keys matter).",
            "",
            "  --journal DIR   journal directory (default: journal.path)",
            "  --speed X       replay at X times the recorded pace (default: as fast as possible)",
            "  --depth N       levels per side to print (default 5)",
            "  --config FILE   configuration file",
            "  --set K=V       override one configuration key");
    }

    public int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final CommandLine line = CommandLine.parse(name(), args, List.of("journal", "speed", "depth"), List.of());
        if (line.has("help"))
        {
            out.println(usage());
            return 0;
        }
        final EngineConfig config = line.config(
            line.has("journal") ? Map.of("journal.path", line.get("journal", "")) : Map.of());
        final Path dir = Path.of(config.journal().path());
        if (!Files.isDirectory(dir))
        {
            throw new UsageException("no journal at '" + dir + "' (--journal DIR, or journal.path)");
        }
        final double speed = line.has("speed") ? Double.parseDouble(line.get("speed", "1")) : 0;
        if (line.has("speed") && !(speed > 0))
        {
            throw new UsageException("option '--speed' needs a positive multiple of the recorded pace, e.g. 1 or 10");
        }
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

    private static void print(final PrintStream out, final JournalReplay replay, final double seconds, final int depth)
    {
        out.printf(Locale.ROOT, "%n=== replay of %.1f s of journal in %.2f s (%,.0f events/s) ===%n",
            replay.spanNs() / 1e9, seconds, replay.applied() / Math.max(seconds, 1e-9));
        out.printf(Locale.ROOT, "frames %,d  packets %,d  gap timers %,d  events applied %,d  rejected %,d%n",
            replay.frames(), replay.packets(), replay.timers(), replay.applied(), replay.rejected());
        out.printf(Locale.ROOT, "gaps %,d  recoveries %,d  malformed %,d  duplicates %,d  unroutable %,d%n",
            replay.counters().gaps().get(), replay.counters().recoveries().get(), replay.counters().malformed().get(),
            replay.counters().duplicates().get(), replay.unroutable());
        final Map<Integer, OrderBook> books = new TreeMap<>();
        for (int id = 1; id < 1 << 16 && books.size() < 10_000; id++)
        {
            final OrderBook book = replay.book(id);
            if (null != book)
            {
                books.put(id, book);
            }
        }
        final long[] prices = new long[depth];
        final long[] quantities = new long[depth];
        final int[] counts = new int[depth];
        for (final Map.Entry<Integer, OrderBook> entry : books.entrySet())
        {
            final OrderBook book = entry.getValue();
            out.printf(Locale.ROOT, "  id %-6d orders %-6d hash %016x%s%n", entry.getKey(), book.orderCount(),
                book.stateHash(), replay.isStale(entry.getKey()) ? " STALE" : "");
            for (int side = Side.BID; side <= Side.ASK; side++)
            {
                final int n = book.levels(side, depth, prices, quantities, counts);
                for (int i = 0; i < n; i++)
                {
                    out.printf(Locale.ROOT, "    %s %d  %d x %d (%d orders)%n", Side.name(side), i + 1, prices[i],
                        quantities[i], counts[i]);
                }
            }
        }
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
