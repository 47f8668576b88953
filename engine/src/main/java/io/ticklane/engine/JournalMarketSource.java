package io.ticklane.engine;

import io.ticklane.backtest.MarketSource;
import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookListener;
import io.ticklane.config.EngineConfig;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.journal.DamageReport;
import io.ticklane.journal.FrameHandler;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalException;
import io.ticklane.journal.SequentialReader;
import org.agrona.DirectBuffer;

import java.util.function.BooleanSupplier;

/**
 * The engine's journal as a backtest's market: every frame goes through {@link JournalReplay}, so through the same
 * protocol sessions ({@link VenueSessions}: the own feed, CME), gap timers and arbitration as the live engine and
 * {@code engine replay}; the sessions' normalized events go to the backtest instead of the replay's own applier (its
 * {@code sinkWrapper} hook). A journal holds one run per engine start; the backtest takes one of them ({@code --run
 * N}, default the last); the other runs only rebuild the replay's own books.
 * <p>
 * The exchange clock is what the sessions pass to {@code onPacket}: the venue's sending time (own feed: the
 * publisher's packet sending time; CME: the MDP packet's sending time); the receive time is the journal's timestamp.
 * <p>
 * Single thread: the backtest's.
 */
final class JournalMarketSource implements MarketSource
{
    private static final int BATCH = 1024;

    private final EngineConfig config;
    private final int run;
    private final long runs;
    private DamageReport damage;
    private JournalReplay replay;

    /**
     * @param config the configuration the engine ran with ({@code journal.path} names the journal).
     * @param run    the run to backtest, 1-based, or 0 for the last.
     * @throws UsageException when the journal has no such run.
     */
    JournalMarketSource(final EngineConfig config, final int run)
    {
        this.config = config;
        this.runs = countRuns(config);
        if (runs == 0)
        {
            throw new UsageException("option '--data' has value '" + config.journal().path() + "'; allowed: a " +
                "journal with market data; this one holds no frames");
        }
        if (run > runs)
        {
            throw new UsageException("option '--run' has value '" + run + "'; allowed: 1.." + runs + " (the runs in " +
                "the journal)");
        }
        this.run = run == 0 ? (int)runs : run;
    }

    private static long countRuns(final EngineConfig config)
    {
        final long[] counts = new long[2]; // engine starts, frames before the first
        read(config, (recordType, timestampNs, buffer, offset, length, position) ->
        {
            if (JournalRecordTypes.kind(recordType) == JournalRecordTypes.ENGINE_START)
            {
                counts[0]++;
            }
            else if (counts[0] == 0)
            {
                counts[1]++;
            }
        });
        return counts[0] + (counts[1] > 0 ? 1 : 0);
    }

    private static DamageReport read(final EngineConfig config, final FrameHandler handler)
    {
        try (Journal journal = Journal.open(JournalCommand.options(config.journal()).readOnly(true));
            SequentialReader reader = journal.newSequentialReader(journal.startPosition()))
        {
            return reader.readToEnd(handler, BATCH, null);
        }
        catch (final JournalException ex)
        {
            throw new OperatorException("cannot read the journal at " + config.journal().path() + ": " +
                ex.getMessage());
        }
    }

    public long run(final BookEventHandler sink, final BooleanSupplier stop)
    {
        final long[] wrapped = new long[1];
        // the replay makes one sink per run (its constructor makes the first): the chosen run's events reach the
        // backtest, the other runs' only the replay's own books
        replay = new JournalReplay(config, BookListener.NONE, applier -> ++wrapped[0] == run ? sink : applier);
        final boolean[] stopped = new boolean[1];
        damage = read(config, new FrameHandler()
        {
            public void onFrame(
                final int recordType, final long timestampNs, final DirectBuffer buffer, final int offset,
                final int length, final long position)
            {
                if (stopped[0] || wrapped[0] > run || (wrapped[0] == run && (stopped[0] = stop.getAsBoolean())))
                {
                    return; // --to reached or the run is over: the rest of the journal is read but not replayed
                }
                replay.onFrame(recordType, timestampNs, buffer, offset, length, position);
            }
        });
        return replay.packets();
    }

    public String describe()
    {
        return "journal " + config.journal().path() + ": run " + run + " of " + runs +
            (run == runs ? " (the last)" : "") + (null == replay ? "" : String.format(java.util.Locale.ROOT,
            "; %,d frames, %,d packets, %,d gap timers", replay.frames(), replay.packets(), replay.timers())) +
            (null == damage || damage.clean() ? "" : "; " + damage.summary());
    }

    /**
     * @return the run backtested, 1-based.
     */
    int run()
    {
        return run;
    }
}
