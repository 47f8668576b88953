package io.ticklane.engine;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.LadderLevelDescriptor;
import io.ticklane.book.OrderPool;
import io.ticklane.config.EngineConfig;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.venue.cme.CmeChannelCounters;
import io.ticklane.venue.cme.CmeSession;
import io.ticklane.journal.FrameHandler;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Backtesting and audit: replays a journal through the same protocol sessions into the same book-event applier
 * the engine runs, on the calling thread, as fast as it can or paced by the caller. Gap timers are applied where the
 * live gateway journaled them, so the books at every point of a journal are exactly the books the live engine had.
 * <p>
 * Runs: each {@link JournalRecordTypes#ENGINE_START} record begins a new run, as the engine began with empty books
 * and fresh sessions; so does the replay, and the books at the end are the last run's. Frames before the first such
 * record (a journal of an older build) count as one run.
 * <p>
 * Each packet frame goes to the session of its venue and channel (the record type says which); the first
 * {@value #MAX_CHANNELS} channels seen get a session, others are counted as unroutable; venues this build cannot
 * read are counted too. One thread.
 */
public final class JournalReplay implements FrameHandler
{
    /** Most feed channels a replay tracks. */
    public static final int MAX_CHANNELS = 64;

    private final EngineConfig config;
    private final BookListener listener;
    private final UnaryOperator<BookEventHandler> sinkWrapper;
    private final StageRegistry stages;
    private final Int2ObjectHashMap<ProtocolSession> sessions = new Int2ObjectHashMap<>();
    private final VenueSessions venues;
    private BookEventApplier applier;
    private BookEventHandler sink;
    private GatewayCounters counters;
    private long runs;
    private long frames;
    private long packets;
    private long ownFeedPackets;
    private long timers;
    private long unroutable;
    private long otherRecords;
    private long unknownVenue;
    private long firstTimestampNs = Long.MIN_VALUE;
    private long lastTimestampNs;

    /**
     * @param config   the configuration the live engine ran with (feed and book settings).
     * @param listener hears every book change, or {@link BookListener#NONE}.
     */
    public JournalReplay(final EngineConfig config, final BookListener listener)
    {
        this(config, listener, UnaryOperator.identity());
    }

    /**
     * @param config      the configuration the live engine ran with (feed and book settings).
     * @param listener    hears every book change, or {@link BookListener#NONE}.
     * @param sinkWrapper puts a handler in front of the applier (a backtest's exchange simulator sees every event
     *                    first), or identity.
     */
    public JournalReplay(
        final EngineConfig config, final BookListener listener, final UnaryOperator<BookEventHandler> sinkWrapper)
    {
        this.config = config;
        this.listener = listener;
        this.sinkWrapper = sinkWrapper;
        this.stages = new StageRegistry(config.latency().highestTrackableNs());
        this.venues = new VenueSessions(config);
        startRun();
        runs = 0;
    }

    private void startRun()
    {
        runs++;
        sessions.clear();
        final OrderPool pool = new OrderPool(config.book().orderPoolCapacity());
        final BookOptions options = new BookOptions(config.book().snapshotDepth(), config.book().overflowLevels(),
            LadderLevelDescriptor.DEFAULT_STRIDE, config.book().recentre());
        applier = new BookEventApplier(BookFactory.ladder(pool, options, listener), listener)
            .maxBandTicks(config.book().maxBandTicks());
        sink = sinkWrapper.apply(applier);
        counters = GatewayCounters.unmapped();
    }

    public void onFrame(
        final int recordType, final long timestampNs, final DirectBuffer buffer, final int offset, final int length,
        final long position)
    {
        frames++;
        if (firstTimestampNs == Long.MIN_VALUE)
        {
            firstTimestampNs = timestampNs;
        }
        lastTimestampNs = timestampNs;
        final int kind = JournalRecordTypes.kind(recordType);
        if (kind == JournalRecordTypes.ENGINE_START)
        {
            if (runs > 0)
            {
                startRun();
            }
            else
            {
                runs = 1;
            }
            return;
        }
        final int source = JournalRecordTypes.source(kind);
        if (source < 0 && kind != JournalRecordTypes.GAP_TIMER)
        {
            otherRecords++;
            return;
        }
        if (runs == 0)
        {
            runs = 1; // a journal of a build without run markers
        }
        final ProtocolSession session = session(recordType);
        if (null == session)
        {
            return;
        }
        if (kind == JournalRecordTypes.GAP_TIMER)
        {
            timers++;
            session.onTimer(timestampNs);
        }
        else
        {
            packets++;
            if (JournalRecordTypes.venue(recordType) == JournalRecordTypes.VENUE_TICKLANE)
            {
                ownFeedPackets++;
            }
            session.onPacket(source, buffer, offset, length, timestampNs);
        }
    }

    private ProtocolSession session(final int recordType)
    {
        final int venue = JournalRecordTypes.venue(recordType);
        final int channelId = JournalRecordTypes.channelId(recordType);
        final int key = venue << 16 | channelId;
        ProtocolSession session = sessions.get(key);
        if (null == session)
        {
            if (sessions.size() >= MAX_CHANNELS)
            {
                unroutable++;
                return null;
            }
            session = venues.session(venue, channelId, sink, counters,
                stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE));
            if (null == session)
            {
                unknownVenue++; // a venue or channel this configuration cannot read (e.g. CME without cme.config)
                return null;
            }
            if (session instanceof CmeSession)
            {
                session = new CmeChannelCounters((CmeSession)session, GatewayCounters.unmapped(),
                    (label, type) -> GatewayCounters.unmappedCounter(), "cme." + channelId, 0);
            }
            sessions.put(key, session);
        }
        return session;
    }

    /**
     * @return the last run's venue channels' own report lines (CME: per line, template and instrument).
     */
    public List<String> venueReport()
    {
        final List<String> lines = new java.util.ArrayList<>();
        final int[] keys = sessions.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        for (final int key : keys)
        {
            if (sessions.get(key) instanceof CmeChannelCounters)
            {
                final CmeChannelCounters cme = (CmeChannelCounters)sessions.get(key);
                lines.addAll(cme.report());
                lines.addAll(cme.instrumentReport());
            }
        }
        return lines;
    }

    /**
     * @param instrumentId instrument.
     * @return its replayed books (the last run's), or null.
     */
    public InstrumentBook book(final int instrumentId)
    {
        return applier.book(instrumentId);
    }

    /**
     * @return every replayed instrument of the last run, by id.
     */
    public List<InstrumentBook> books()
    {
        return applier.books();
    }

    /**
     * @return the last run's applier (its books and counts).
     */
    public BookEventApplier applier()
    {
        return applier;
    }

    /**
     * @return the counters the last run's sessions wrote (gaps, recoveries, malformed, ...).
     */
    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * @return runs in the journal so far: engine starts (at least 1 once a frame was replayed).
     */
    public long runs()
    {
        return runs;
    }

    /**
     * @return events applied to books in the last run.
     */
    public long applied()
    {
        return applier.applied();
    }

    /**
     * @return events the books refused in the last run.
     */
    public long rejected()
    {
        return applier.rejected();
    }

    public long frames()
    {
        return frames;
    }

    public long packets()
    {
        return packets;
    }

    /**
     * @return packets of the project's own feed (the other venues report through {@link #venueReport()}).
     */
    public long ownFeedPackets()
    {
        return ownFeedPackets;
    }

    public long timers()
    {
        return timers;
    }

    public long unroutable()
    {
        return unroutable;
    }

    public long otherRecords()
    {
        return otherRecords;
    }

    /**
     * @return packet frames of venues this build cannot read.
     */
    public long unknownVenue()
    {
        return unknownVenue;
    }

    /**
     * @return span of the journal's timestamps replayed so far, ns.
     */
    public long spanNs()
    {
        return firstTimestampNs == Long.MIN_VALUE ? 0 : lastTimestampNs - firstTimestampNs;
    }

    /**
     * @return first frame timestamp, or {@code Long.MIN_VALUE} before any frame.
     */
    public long firstTimestampNs()
    {
        return firstTimestampNs;
    }
}
