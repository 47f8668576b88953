package io.ticklane.engine;

import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import io.ticklane.latency.HistogramLogAgent;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.PercentileTable;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run did, as printed at its end by {@code engine run} and {@code engine demo}. Immutable snapshot taken
 * after the engine stopped.
 *
 * @param seconds        run time.
 * @param published      messages the in-process feed published, or -1 when unknown.
 * @param counts         the engine's counters.
 * @param twoLines       whether line B was configured.
 * @param books          every book, by instrument id.
 * @param latency        the log agent holding whole-run histograms.
 * @param malformedLog   distinct malformed-packet reasons with counts, one line each (may be empty).
 * @param journalPath    journal directory, or null when disabled.
 * @param hlogPath       histogram log.
 * @param countersPath   counters file.
 */
public record EngineSummary(
    double seconds,
    long published,
    EngineCounts counts,
    boolean twoLines,
    List<InstrumentBook> books,
    HistogramLogAgent latency,
    String malformedLog,
    Path journalPath,
    Path hlogPath,
    Path countersPath)
{
    /**
     * @param stage a stage.
     * @return its whole-run histogram.
     */
    public Histogram histogram(final LatencyStage stage)
    {
        return latency.total(stage);
    }

    /**
     * @param depth levels per side to print for each book (1 prints the top of book).
     * @return the summary text.
     */
    public String format(final int depth)
    {
        final EngineCounts c = counts;
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n=== ticklane summary (%.1f s) ===%n", seconds));
        sb.append(String.format(Locale.ROOT, "events    published %s  received %s  applied %s  rejected %s%n",
            published < 0 ? "n/a" : group(published), group(c.messages()), group(c.applied()),
            group(c.rejected())));
        sb.append(String.format(Locale.ROOT, "feed      packets %s  gaps %s  duplicates %s  malformed %s  " +
            "recoveries %s  stale %s%n",
            group(c.packets()), group(c.gaps()), group(c.duplicates()), group(c.malformed()), group(c.recoveries()),
            group(c.stale())));
        if (twoLines)
        {
            sb.append(String.format(Locale.ROOT, "lines     A received %s losses %s  |  B received %s losses %s%n",
                group(c.lineAReceived()), group(c.lineALosses()), group(c.lineBReceived()), group(c.lineBLosses())));
        }
        sb.append(String.format(Locale.ROOT, "rings     full retries %s  dropped past bound %s  agent errors %s%n",
            group(c.ringFull()), group(c.dropped()), group(c.agentErrors())));
        sb.append(String.format(Locale.ROOT, "journal   bytes %s  records %s  errors %s%n",
            group(c.journalBytes()), group(c.journalRecords()), group(c.journalErrors())));
        if (!malformedLog.isEmpty())
        {
            sb.append("malformed packets by reason\n").append(malformedLog);
        }
        sb.append("books\n");
        for (final InstrumentBook instrument : books)
        {
            formatBook(sb, instrument, depth);
        }
        final Map<String, Histogram> rows = new LinkedHashMap<>();
        rows.put(LatencyStage.END_TO_END.tag(), histogram(LatencyStage.END_TO_END));
        for (final LatencyStage stage : LatencyStage.values())
        {
            if (stage != LatencyStage.END_TO_END)
            {
                rows.put(stage.tag(), histogram(stage));
            }
        }
        sb.append("latency (publish->book-applied first, then per stage)\n");
        sb.append(PercentileTable.format(rows));
        sb.append("paths\n");
        sb.append("  journal   ").append(null == journalPath ? "(disabled)" : journalPath.toAbsolutePath()).append('\n');
        sb.append("  hlog      ").append(hlogPath.toAbsolutePath()).append('\n');
        sb.append("  counters  ").append(countersPath.toAbsolutePath()).append('\n');
        return sb.toString();
    }

    private static void formatBook(final StringBuilder sb, final InstrumentBook instrument, final int depth)
    {
        final OrderBook book = instrument.book();
        final long[] prices = new long[depth];
        final long[] quantities = new long[depth];
        final int[] counts = new int[depth];
        sb.append(String.format(Locale.ROOT, "  %-8s id %-4d orders %-6d%s", instrument.symbol(),
            instrument.instrumentId(), book.orderCount(), instrument.isStale() ? " STALE " : ""));
        if (depth > 1)
        {
            sb.append(String.format(Locale.ROOT, " hash %016x", book.stateHash()));
        }
        if (depth == 1)
        {
            sb.append(level(instrument, book, Side.BID, prices, quantities, counts))
                .append("  |  ")
                .append(level(instrument, book, Side.ASK, prices, quantities, counts))
                .append('\n');
            return;
        }
        sb.append('\n');
        final long[] askPrices = new long[depth];
        final long[] askQuantities = new long[depth];
        final int[] askCounts = new int[depth];
        final int bids = book.levels(Side.BID, depth, prices, quantities, counts);
        final int asks = book.levels(Side.ASK, depth, askPrices, askQuantities, askCounts);
        sb.append(String.format(Locale.ROOT, "    %5s %14s %12s %6s | %14s %12s %6s%n",
            "level", "bid", "qty", "orders", "ask", "qty", "orders"));
        for (int i = 0; i < Math.max(bids, asks); i++)
        {
            sb.append(String.format(Locale.ROOT, "    %5d %14s %12s %6s | %14s %12s %6s%n", i + 1,
                i < bids ? instrument.formatPrice(prices[i]) : "-", i < bids ? quantities[i] : "-",
                i < bids ? counts[i] : "-",
                i < asks ? instrument.formatPrice(askPrices[i]) : "-", i < asks ? askQuantities[i] : "-",
                i < asks ? askCounts[i] : "-"));
        }
    }

    private static String level(
        final InstrumentBook instrument,
        final OrderBook book,
        final int side,
        final long[] prices,
        final long[] quantities,
        final int[] counts)
    {
        if (book.levels(side, 1, prices, quantities, counts) == 0)
        {
            return Side.name(side) + " (empty)";
        }
        return String.format(Locale.ROOT, "%s %s x %d (%d orders)", Side.name(side),
            instrument.formatPrice(prices[0]), quantities[0], counts[0]);
    }

    private static String group(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
