package io.ticklane.engine;

import io.ticklane.book.BookDepth;
import io.ticklane.book.BookOptions;
import io.ticklane.book.BookResult;
import io.ticklane.book.BookState;
import io.ticklane.book.LadderLevelDescriptor;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.config.BookSettings;
import io.ticklane.gateway.lobster.LobsterFormatException;
import io.ticklane.gateway.lobster.LobsterMessageReader;
import io.ticklane.gateway.lobster.LobsterOrderbookReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code engine lobster-check}: the LOBSTER oracle. For every message i &gt; 1, seeds the real book
 * ({@link LadderOrderBook}) from orderbook row i-1 (one order per visible level), applies message i through the
 * book's add / modify / delete / execute, and compares the book's published snapshot with row i on the top N-1
 * levels (at 1 level: the best level, wherever message i does not empty it, since what lies beneath is not in the
 * file). Prints checked, mismatches and skipped, the first mismatches in words, and exits 1 on any mismatch.
 */
final class LobsterCheckCommand implements SpecifiedCommand
{
    private static final long PROGRESS_EVERY = 1_000_000;
    private static final long SYNTHETIC_ID_BASE = Long.MIN_VALUE / 2;

    private static final CommandSpec SPEC = CommandSpec.builder("lobster-check",
        "check the book against a LOBSTER message + orderbook pair (0 mismatches expected)")
        .description(
            "Replays a LOBSTER sample through the real book: for each message i > 1 the book is seeded from",
            "orderbook row i-1, message i is applied, and the book's published snapshot is compared with row i on",
            "the top N-1 levels (N = 1: the best level, unless message i empties it). M and O are the CSV files or",
            "the original LOBSTER zip (one zip may be given for both). The configuration's book.depth,",
            "book.overflow.levels and book.recentre apply.")
        .option("messages", "M", "message file (.csv or .zip); required")
        .option("orderbook", "O", "orderbook file (.csv or .zip); required")
        .option("levels", "N", "levels in the orderbook file (default: taken from its first row; checked if given)")
        .option("tick", "T", "price tick in LOBSTER units (dollars x 10000); default 100, one cent")
        .option("band", "B", "ladder half-width in ticks (default 4096); small values exercise the band policy")
        .option("show", "K", "mismatches to print in full (default 10)")
        .notes("Exit status: 0 when every checked transition matches, 1 on any mismatch or unreadable input.")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err) throws IOException
    {
        if (!line.has("messages") || !line.has("orderbook"))
        {
            throw new UsageException("'engine lobster-check' needs --messages and --orderbook; see --help");
        }
        final Path messagesPath = Path.of(line.get("messages", ""));
        final Path orderbookPath = Path.of(line.get("orderbook", ""));
        final long tick = line.longValue("tick", 100, 1, 1_000_000_000L);
        final int band = (int)line.longValue("band", 4096, 0, 1 << 24);
        final int show = (int)line.longValue("show", 10, 0, 10_000);
        final BookSettings settings = line.config(Map.of()).book();
        try (LobsterMessageReader messages = LobsterMessageReader.open(messagesPath);
            LobsterOrderbookReader rows = LobsterOrderbookReader.open(orderbookPath))
        {
            final int levels = rows.levels();
            if (line.has("levels") && line.longValue("levels", levels, 1, LobsterOrderbookReader.MAX_LEVELS) != levels)
            {
                throw new UsageException("option '--levels' has value '" + line.get("levels", "") + "' but " +
                    rows.name() + " has " + levels + " levels (" + 4 * levels + " columns)");
            }
            final BookOptions options = new BookOptions(Math.max(levels, settings.snapshotDepth()),
                settings.overflowLevels(), LadderLevelDescriptor.DEFAULT_STRIDE, settings.recentre());
            final Check check = new Check(levels, tick, band, options, show);
            out.println("lobster-check: " + messages.name() + " against " + rows.name() + ", " + levels +
                " level" + (levels == 1 ? "" : "s") + ", tick " + tick + ", band " + band + " ticks");
            final String failure = check.run(messages, rows, err);
            check.report(out);
            if (null != failure)
            {
                err.println("engine lobster-check: " + failure);
                return 1;
            }
            return check.mismatches == 0 ? 0 : 1;
        }
        catch (final LobsterFormatException ex)
        {
            err.println("engine lobster-check: malformed input: " + ex.getMessage());
            return 1;
        }
        catch (final IOException ex)
        {
            err.println("engine lobster-check: cannot read input: " + ex.getMessage());
            return 1;
        }
    }

    /**
     * The replay: one book, reseeded for every transition.
     */
    static final class Check
    {
        private final int levels;
        private final int compareDepth;
        private final long tick;
        private final int band;
        private final BookOptions options;
        private final int show;
        private final long[][] prevPrice;
        private final long[][] prevSize;
        private final int[] prevLevels = new int[2];
        private final BookDepth depth;
        private final List<String> shown = new ArrayList<>();
        private LadderOrderBook book;
        long transitions;
        long checked;
        long mismatches;
        long skippedEmptiedBest;
        long skippedBeyondDepth;
        long bookRefusals;

        Check(final int levels, final long tick, final int band, final BookOptions options, final int show)
        {
            this.levels = levels;
            this.compareDepth = levels == 1 ? 1 : levels - 1;
            this.tick = tick;
            this.band = band;
            this.options = options;
            this.show = show;
            prevPrice = new long[2][levels];
            prevSize = new long[2][levels];
            depth = new BookDepth(levels);
        }

        /**
         * @return null, or why the files could not be checked to the end.
         */
        String run(final LobsterMessageReader messages, final LobsterOrderbookReader rows, final PrintStream err)
        {
            boolean first = true;
            while (true)
            {
                final boolean message = messages.next();
                final boolean row = rows.next();
                if (message != row)
                {
                    return (message ? rows.name() : messages.name()) + " ends at row " +
                        (message ? rows.count() : messages.count()) + " but the other file goes on";
                }
                if (!message)
                {
                    return first ? "the files are empty" : null;
                }
                if (first)
                {
                    first = false;
                    createBook(rows);
                }
                else
                {
                    transition(messages, rows);
                }
                remember(rows);
                if (messages.count() % PROGRESS_EVERY == 0)
                {
                    err.println("lobster-check: " + messages.count() + " messages, " + mismatches + " mismatches");
                }
            }
        }

        private void createBook(final LobsterOrderbookReader rows)
        {
            long reference = rows.bidLevels() > 0 ? rows.bidPrice(0) : rows.askLevels() > 0 ? rows.askPrice(0) : 0;
            if (rows.bidLevels() > 0 && rows.askLevels() > 0)
            {
                reference = (rows.bidPrice(0) + rows.askPrice(0)) / 2;
            }
            book = new LadderOrderBook(1, tick, Math.max(tick, reference), band, new OrderPool(2 * levels + 16),
                options);
        }

        private void remember(final LobsterOrderbookReader rows)
        {
            prevLevels[Side.BID] = rows.bidLevels();
            prevLevels[Side.ASK] = rows.askLevels();
            for (int l = 0; l < levels; l++)
            {
                prevPrice[Side.BID][l] = rows.bidPrice(l);
                prevSize[Side.BID][l] = rows.bidSize(l);
                prevPrice[Side.ASK][l] = rows.askPrice(l);
                prevSize[Side.ASK][l] = rows.askSize(l);
            }
        }

        private static long syntheticId(final int side, final int level)
        {
            return SYNTHETIC_ID_BASE + 2L * level + side;
        }

        private void seed()
        {
            book.clear();
            if (book.state() != BookState.LIVE)
            {
                book.markLive();
            }
            for (int side = Side.BID; side <= Side.ASK; side++)
            {
                for (int l = 0; l < prevLevels[side]; l++)
                {
                    final int result = book.add(syntheticId(side, l), side, prevPrice[side][l], prevSize[side][l]);
                    if (result != BookResult.OK)
                    {
                        throw new IllegalStateException("seeding level " + (l + 1) + " " + Side.name(side) + " " +
                            prevSize[side][l] + " @ " + prevPrice[side][l] + ": " + BookResult.name(result));
                    }
                }
            }
        }

        private int visibleLevel(final int side, final long price)
        {
            for (int l = 0; l < prevLevels[side]; l++)
            {
                if (prevPrice[side][l] == price)
                {
                    return l;
                }
            }
            return -1;
        }

        private boolean beyondVisibleDepth(final int side, final long price)
        {
            final int n = prevLevels[side];
            if (n < levels)
            {
                return false; // the whole side is visible
            }
            final long last = prevPrice[side][n - 1];
            return side == Side.BID ? price < last : price > last;
        }

        private void transition(final LobsterMessageReader m, final LobsterOrderbookReader rows)
        {
            transitions++;
            try
            {
                seed();
            }
            catch (final IllegalStateException ex)
            {
                mismatch(m, "row " + (rows.count() - 1) + " cannot seed the book: " + ex.getMessage());
                return;
            }
            final int side = m.direction() == LobsterMessageReader.BUY ? Side.BID : Side.ASK;
            boolean emptiedBest = false;
            final int type = m.type();
            if (type == LobsterMessageReader.ADD)
            {
                final int result = book.add(m.orderId(), side, m.price(), m.size());
                if (result != BookResult.OK)
                {
                    refused(m, result);
                    return;
                }
            }
            else if (type == LobsterMessageReader.PARTIAL_CANCEL || type == LobsterMessageReader.DELETE ||
                type == LobsterMessageReader.EXECUTE_VISIBLE)
            {
                final int level = visibleLevel(side, m.price());
                if (level < 0)
                {
                    if (beyondVisibleDepth(side, m.price()))
                    {
                        skippedBeyondDepth++;
                        return;
                    }
                    mismatch(m, "no " + Side.name(side) + " level at " + dollars(m.price()) + " in row " +
                        (rows.count() - 1));
                    return;
                }
                final long levelSize = prevSize[side][level];
                final long id = syntheticId(side, level);
                final int result;
                if (type == LobsterMessageReader.EXECUTE_VISIBLE)
                {
                    result = book.execute(id, m.size());
                }
                else if (m.size() > levelSize)
                {
                    mismatch(m, "removes " + m.size() + " from a level of " + levelSize);
                    return;
                }
                else
                {
                    result = m.size() == levelSize ? book.delete(id) : book.modify(id, m.price(), levelSize - m.size());
                }
                if (result != BookResult.OK)
                {
                    refused(m, result);
                    return;
                }
                emptiedBest = level == 0 && m.size() == levelSize;
            }
            else if (type == LobsterMessageReader.EXECUTE_HIDDEN)
            {
                book.trade(m.price(), m.size(), Side.opposite(side));
            }
            if (levels == 1 && emptiedBest)
            {
                skippedEmptiedBest++;
                return;
            }
            compare(m, rows);
        }

        private void refused(final LobsterMessageReader m, final int result)
        {
            bookRefusals++;
            mismatch(m, "the book refused it: " + BookResult.name(result));
        }

        private void compare(final LobsterMessageReader m, final LobsterOrderbookReader rows)
        {
            book.reader().read(depth);
            String difference = null;
            for (int side = Side.BID; side <= Side.ASK && null == difference; side++)
            {
                final int expectedLevels = side == Side.BID ? rows.bidLevels() : rows.askLevels();
                for (int r = 0; r < compareDepth && null == difference; r++)
                {
                    final boolean expected = r < expectedLevels;
                    final boolean actual = r < depth.levels(side);
                    final long price = side == Side.BID ? rows.bidPrice(r) : rows.askPrice(r);
                    final long size = side == Side.BID ? rows.bidSize(r) : rows.askSize(r);
                    if (expected != actual ||
                        (expected && (price != depth.price(side, r) || size != depth.quantity(side, r))))
                    {
                        difference = Side.name(side) + " level " + (r + 1) + ": expected " +
                            (expected ? size + " @ " + dollars(price) : "none") + ", book has " +
                            (actual ? depth.quantity(side, r) + " @ " + dollars(depth.price(side, r)) : "none");
                    }
                }
            }
            if (null != difference)
            {
                mismatch(m, difference);
            }
            else
            {
                checked++;
            }
        }

        private void mismatch(final LobsterMessageReader m, final String what)
        {
            checked++;
            mismatches++;
            if (shown.size() < show)
            {
                shown.add("message " + m.count() + " (line " + m.line() + ", t=" + seconds(m.timeNs()) + "s, " +
                    describe(m) + "): " + what);
            }
        }

        void report(final PrintStream out)
        {
            out.println("transitions " + transitions);
            out.println("checked     " + checked);
            out.println("mismatches  " + mismatches);
            out.println("skipped     " + (skippedEmptiedBest + skippedBeyondDepth) + "  (message empties the best " +
                "level at 1 level: " + skippedEmptiedBest + "; acts below the visible depth: " + skippedBeyondDepth +
                ")");
            if (null != book)
            {
                out.println("book        out-of-band events " + book.outOfBandEvents() + ", re-centres " +
                    book.recentres() + ", refusals " + bookRefusals);
            }
            for (final String line : shown)
            {
                out.println("MISMATCH " + line);
            }
            if (mismatches > shown.size())
            {
                out.println("... " + (mismatches - shown.size()) + " more mismatches");
            }
        }

        private static String describe(final LobsterMessageReader m)
        {
            final String[] types = {"?", "add", "partial cancel", "delete", "execute", "hidden execution",
                "cross trade", "halt"};
            return types[m.type()] + " id " + m.orderId() + " " + m.size() + " @ " + dollars(m.price()) + " " +
                (m.direction() == LobsterMessageReader.BUY ? "bid" : "ask");
        }

        private static String dollars(final long price)
        {
            final long abs = Math.abs(price);
            return (price < 0 ? "-" : "") + abs / 10_000 + "." + String.format("%04d", abs % 10_000);
        }

        private static String seconds(final long ns)
        {
            return ns / 1_000_000_000L + "." + String.format("%09d", ns % 1_000_000_000L);
        }
    }
}
