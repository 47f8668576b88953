package io.ticklane.engine;

import io.ticklane.book.InstrumentBook;
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
 * @param venueReport    venue channels' own lines (CME: per line, per template, per instrument); empty for the own
 *                       feed.
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
    Path countersPath,
    List<String> venueReport)
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
        sb.append(String.format(Locale.ROOT, "journal   bytes %s  records %s  errors %s%s%n",
            group(c.journalBytes()), group(c.journalRecords()), group(c.journalErrors()),
            c.journalPanicked() ? "  PANICKED: packets after the panic were not journaled" : ""));
        if (c.sessionResets() > 0 || c.otherSessionPackets() > 0)
        {
            sb.append(String.format(Locale.ROOT, "sessions  publisher restarts %s (books emptied and rebuilt, or " +
                "stale until a snapshot)  packets of other sessions dropped %s%n",
                group(c.sessionResets()), group(c.otherSessionPackets())));
        }
        for (final String line : venueReport)
        {
            sb.append(line).append('\n');
        }
        if (!malformedLog.isEmpty())
        {
            sb.append("malformed packets by reason\n").append(malformedLog);
        }
        sb.append("books\n");
        BookPrinter.print(sb, books, depth);
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

    private static String group(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
