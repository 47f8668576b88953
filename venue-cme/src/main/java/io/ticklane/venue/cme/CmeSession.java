package io.ticklane.venue.cme;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import io.ticklane.book.Side;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.gateway.RecoveryBuffer;
import io.ticklane.gateway.SequencedPacketHandler;
import io.ticklane.venue.cme.config.CmeChannelConfig;
import io.ticklane.venue.cme.config.CmeInstrumentDefaults;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * One CME MDP 3.0 channel as a {@link ProtocolSession}: validates every packet ({@link MdpPacketDecoder}), merges
 * the incremental lines A and B by MsgSeqNum ({@link LineArbiter}), keeps each instrument's RptSeq, recovers
 * instruments from the snapshot loops, and turns the venue's messages into normalized book events for its sink.
 * <ul>
 * <li><b>Instruments</b> come from definitions (27, 29, 41, 54, 55, 56) on the definition or incremental feed, or,
 * for a capture without them, from the channel's configured defaults when first seen.</li>
 * <li><b>Per-instrument sequencing</b>: RptSeq counts every entry of an instrument across the templates that carry
 * it (book, trade, volume, statistics). An entry more than one ahead makes only that instrument stale (a channel
 * gap by itself does not, unless {@link CmeSessionOptions#staleOnChannelGap}: an instrument that lost an entry and
 * sends nothing more looks live until the snapshot loop reaches it, which then recovers it). An
 * instrument whose first entry has RptSeq 1 starts from an empty book (the start of the week, or after a channel
 * reset); any other first entry makes it stale until a snapshot, unless
 * {@link CmeSessionOptions#applyWithoutSnapshot} (captures), in which case it starts from a book whose levels are
 * all unknown.</li>
 * <li><b>Market by order</b> (47, and the order group of 46) has no RptSeq: the packet sequence is its only
 * guarantee, so a gap in the channel makes every order book stale, and joining mid-stream leaves order books stale
 * until a market-by-order snapshot (44/53).</li>
 * <li><b>Recovery</b>: the most recent incremental packets are always kept ({@link RecoveryBuffer}). A snapshot
 * (38/52 by price, 44/53 by order) of a stale instrument whose LastMsgSeqNumProcessed L is covered (L at or after
 * the last packet processed, or the buffer holds every packet after L) rebuilds the book; the buffered packets
 * after L are replayed for that instrument alone; it turns live. A snapshot of a live instrument that shows
 * entries it never received (L already processed, RptSeq beyond its own) makes it recover at once: a gap that no
 * later entry would reveal.</li>
 * <li><b>ChannelReset</b> (4) empties every book of the channel ({@code onClear} each), restarts every
 * instrument's RptSeq at 1 and ignores snapshots from before it (epam/java-cme-mdp3-handler#30 kept a level).</li>
 * <li><b>Events</b>: readers see books only between Globex events: {@code onEndOfEvent} follows the message whose
 * MatchEventIndicator has bit 7, and a recovery outside an open event. A channel gap inside an open event makes
 * the instruments that event touched stale.</li>
 * <li><b>Back pressure</b>: an event the sink could not take makes its instrument stale; it recovers like any
 * other.</li>
 * </ul>
 * Deterministic: time enters only through receive timestamps and {@link #onTimer}. Threading: single thread (the
 * channel's gateway agent or a replay loop). Allocation-free in steady state; an instrument allocates when first
 * defined or seen.
 */
public final class CmeSession implements ProtocolSession, SequencedPacketHandler
{
    final CmeChannelConfig channel;
    final CmeSessionOptions options;
    final BookEventHandler sink;
    final LineArbiter arbiter;
    final RecoveryBuffer recoveryBuffer;
    final MdpPacketDecoder decoder = new MdpPacketDecoder();
    final MdpPacketDecoder replayDecoder = new MdpPacketDecoder();
    final CmeIncrementalHandler incremental = new CmeIncrementalHandler(this);
    final CmeSnapshotHandler snapshots;
    final CmeDefinitions definitions = new CmeDefinitions();
    private final InstrumentDefinition scratch = new InstrumentDefinition();
    private final Int2ObjectHashMap<CmeInstrument> bySecurityId = new Int2ObjectHashMap<>();
    final List<CmeInstrument> instruments = new ArrayList<>();
    private final CmeInstrument[] touched = new CmeInstrument[1024];
    private final long[] packetsBySource = new long[PacketSource.COUNT];
    private final long[] refusedBySource = new long[PacketSource.COUNT];
    private final RecoveryBuffer.PacketVisitor replayVisitor = this::replayPacket;

    long lastProcessedSequence = -1;
    long lastResetSequence = -1;
    boolean joinedMidStream;
    boolean inReplay;
    CmeInstrument replayInstrument;
    boolean replayOrders;
    private long replayAfter;
    private boolean eventOpen;
    private long eventId;
    private int touchedCount;
    private boolean touchedOverflow;
    private int staleInstruments;

    private long gaps;
    private long lateJoins;
    private long feedRestarts;
    private long channelResets;
    private long implausible;
    private long undefinedEntries;
    private long groupStatusUnmatched;
    private long definitionDeletes;
    private long invalidDefinitions;
    private long backPressuredEvents;

    /**
     * @param channel the channel's configuration (id, instrument defaults).
     * @param options settings; {@link CmeSessionOptions#conclude()} is called here.
     * @param sink    receives the normalized events.
     */
    public CmeSession(final CmeChannelConfig channel, final CmeSessionOptions options, final BookEventHandler sink)
    {
        this.channel = channel;
        this.options = options.conclude();
        this.sink = sink;
        this.arbiter = new LineArbiter(options.arbitrationWindow(), options.maxPacketLength(), options.gapTimeoutNs(),
            options.maxSequenceJump());
        this.recoveryBuffer = new RecoveryBuffer(options.recoveryBufferBytes());
        this.snapshots = new CmeSnapshotHandler(this, options.maxSnapshotOrders());
    }

    public int venueId()
    {
        return JournalRecordTypes.VENUE_CME;
    }

    public int channelId()
    {
        return channel.id();
    }

    public void onPacket(
        final int source, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        if (source < 0 || source >= PacketSource.COUNT)
        {
            return;
        }
        packetsBySource[source]++;
        if (decoder.check(buffer, offset, length) != MdpPacketDecoder.OK)
        {
            refusedBySource[source]++;
            return;
        }
        final long sequence = MdpPacketDescriptor.msgSeqNum(buffer, offset);
        if (PacketSource.isIncremental(source))
        {
            if (arbiter.onPacket(PacketSource.line(source), sequence, buffer, offset, length, receiveTimeNs, this) ==
                LineArbiter.IMPLAUSIBLE)
            {
                implausible++;
            }
        }
        else
        {
            sink.onPacket(sequence, MdpPacketDescriptor.sendingTimeNs(buffer, offset), receiveTimeNs);
            decoder.dispatchValidated(buffer, offset, length,
                PacketSource.isSnapshot(source) ? snapshots : snapshots.definitionsOnly());
        }
    }

    public int onTimer(final long nowNs)
    {
        return arbiter.onTimer(nowNs, this);
    }

    public void onSequencedPacket(
        final DirectBuffer buffer, final int offset, final int length, final long sequence, final long receiveTimeNs)
    {
        if (lastProcessedSequence >= 0 && sequence <= lastProcessedSequence)
        {
            restartFeed(); // the arbiter accepted a confirmed backward jump: a new feed session
        }
        if (lastProcessedSequence >= 0 && sequence != lastProcessedSequence + 1)
        {
            recoveryBuffer.clear(); // the buffer holds one contiguous run of packets
        }
        if (recoveryBuffer.fits(length))
        {
            recoveryBuffer.append(buffer, offset, length, receiveTimeNs);
        }
        else
        {
            recoveryBuffer.clear();
        }
        lastProcessedSequence = sequence;
        sink.onPacket(sequence, MdpPacketDescriptor.sendingTimeNs(buffer, offset), receiveTimeNs);
        decoder.dispatchValidated(buffer, offset, length, incremental);
    }

    public void onGap(final long fromSequence, final long toSequence)
    {
        gaps++;
        recoveryBuffer.clear();
        for (int i = 0; i < instruments.size(); i++)
        {
            final CmeInstrument instrument = instruments.get(i);
            if (options.staleOnChannelGap())
            {
                markStale(instrument);
            }
            else if (instrument.hasOrders && instrument.orders == CmeInstrument.LIVE)
            {
                instrument.orders = CmeInstrument.STALE; // no RptSeq: any lost packet may have held its orders
                refreshState(instrument);
            }
        }
        if (eventOpen)
        {
            // The rest of the open event was lost: what it touched is half-applied.
            if (touchedOverflow)
            {
                for (int i = 0; i < instruments.size(); i++)
                {
                    markStale(instruments.get(i));
                }
            }
            for (int i = 0; i < touchedCount; i++)
            {
                markStale(touched[i]);
            }
            endEvent();
        }
    }

    public void onLateJoin(final long firstSequence)
    {
        lateJoins++;
        if (lastProcessedSequence >= 0)
        {
            restartFeed();
        }
        joinedMidStream = true; // set after a restart too: the new feed was joined past its start
    }

    /**
     * The feed started again (a new week, a venue restart): every book empties, and stays stale until the
     * instrument's RptSeq 1 (or a snapshot); order books start again like at the start of a feed.
     */
    private void restartFeed()
    {
        feedRestarts++;
        recoveryBuffer.clear();
        lastProcessedSequence = -1;
        joinedMidStream = false;
        for (int i = 0; i < instruments.size(); i++)
        {
            final CmeInstrument instrument = instruments.get(i);
            if (!instrument.definitionPending)
            {
                deliver(instrument, sink.onClear(instrument.securityId));
            }
            instrument.rptSeq = -1;
            instrument.levels = CmeInstrument.STALE;
            instrument.orders = CmeInstrument.UNSEEN;
            refreshState(instrument);
        }
    }

    /**
     * A replay of buffered packets after a snapshot: each packet after the snapshot's sequence is dispatched for
     * the recovering instrument only.
     */
    private void replayPacket(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        if (MdpPacketDescriptor.msgSeqNum(buffer, offset) > replayAfter)
        {
            replayDecoder.dispatchValidated(buffer, offset, length, incremental);
        }
    }

    /**
     * Whether a snapshot taken after packet {@code lastSequence} can be brought up to date: it is at or after the
     * last packet processed, or every packet after it is in the recovery buffer.
     */
    boolean covered(final long lastSequence)
    {
        if (lastSequence >= lastProcessedSequence)
        {
            return true;
        }
        final long firstBuffered = lastProcessedSequence - recoveryBuffer.count() + 1;
        return recoveryBuffer.count() > 0 && lastSequence + 1 >= firstBuffered;
    }

    /**
     * Replays the buffered packets after {@code lastSequence} for one instrument's levels or orders.
     */
    void replay(final CmeInstrument instrument, final boolean orders, final long lastSequence)
    {
        if (lastSequence >= lastProcessedSequence)
        {
            return;
        }
        inReplay = true;
        replayInstrument = instrument;
        replayOrders = orders;
        replayAfter = lastSequence;
        try
        {
            recoveryBuffer.forEach(replayVisitor);
        }
        finally
        {
            inReplay = false;
            replayInstrument = null;
        }
    }

    /**
     * @return the instrument, created from the configured defaults (and defined to the sink) when first seen, or
     *         null when it is neither defined nor configured.
     */
    CmeInstrument instrument(final int securityId)
    {
        final CmeInstrument known = bySecurityId.get(securityId);
        if (known != null)
        {
            return !known.definitionPending || define(known) ? known : null;
        }
        final CmeInstrumentDefaults defaults = channel.defaultsFor(securityId);
        if (defaults == null)
        {
            undefinedEntries++;
            return null;
        }
        final CmeInstrument created = create(securityId);
        defaults.fill(securityId, created.definition);
        created.definition.books(defaults.books() | InstrumentDefinition.BOOK_LEVELS);
        created.securityGroup = defaults.securityGroup() != null ? CmeDefinitions.pack(defaults.securityGroup()) : 0;
        books(created);
        return define(created) ? created : null;
    }

    /**
     * Gives the sink the instrument's definition; one it cannot take is sent again before the instrument's next
     * event, and until then the instrument's events are skipped (it is stale if it was live).
     *
     * @return true when the sink has the definition.
     */
    private boolean define(final CmeInstrument instrument)
    {
        if (sink.onDefinition(instrument.definition) == BookEventHandler.BACK_PRESSURED)
        {
            instrument.backPressured++;
            backPressuredEvents++;
            instrument.definitionPending = true;
            markStale(instrument);
            return false;
        }
        instrument.definitionPending = false;
        return true;
    }

    private CmeInstrument create(final int securityId)
    {
        final CmeInstrument created = new CmeInstrument(securityId);
        bySecurityId.put(securityId, created);
        instruments.add(created);
        return created;
    }

    private static void books(final CmeInstrument instrument)
    {
        instrument.hasLevels = (instrument.definition.books() & InstrumentDefinition.BOOK_LEVELS) != 0;
        instrument.hasOrders = (instrument.definition.books() & InstrumentDefinition.BOOK_ORDERS) != 0;
    }

    /**
     * A definition read into {@link #definitions}: defines or redefines the instrument.
     */
    void onDefinition()
    {
        final CmeDefinitions d = definitions;
        if (d.updateAction == 'D')
        {
            definitionDeletes++;
            return;
        }
        if (d.depth < 0 || d.depth > io.ticklane.book.LevelBook.MAX_DEPTH || d.impliedDepth < 0 ||
            d.impliedDepth > io.ticklane.book.LevelBook.MAX_DEPTH)
        {
            invalidDefinitions++; // a market depth no book can have
            return;
        }
        final CmeInstrumentDefaults defaults = channel.defaultsFor(d.securityId);
        final int books = InstrumentDefinition.BOOK_LEVELS |
            (defaults != null ? defaults.books() & InstrumentDefinition.BOOK_ORDERS : 0);
        d.fill(books, defaults, scratch);
        CmeInstrument instrument = bySecurityId.get(d.securityId);
        final boolean isNew = instrument == null;
        if (isNew)
        {
            instrument = create(d.securityId);
        }
        instrument.securityGroup = d.securityGroup;
        instrument.asset = d.asset;
        instrument.definedByFeed = true;
        if (!isNew && scratch.sameAs(instrument.definition))
        {
            return;
        }
        instrument.definition.copyFrom(scratch);
        books(instrument);
        define(instrument);
        if (!isNew)
        {
            // The sink replaced the books with empty ones: whatever was live must be rebuilt.
            if (instrument.levels == CmeInstrument.LIVE && !options.applyWithoutSnapshot())
            {
                instrument.levels = CmeInstrument.STALE;
            }
            if (instrument.orders == CmeInstrument.LIVE)
            {
                instrument.orders = CmeInstrument.STALE;
            }
            refreshState(instrument);
        }
    }

    /**
     * Whether an entry with this RptSeq is applied to the instrument's books (and moves its sequence on).
     */
    boolean acceptSequenced(final CmeInstrument instrument, final long rptSeq)
    {
        instrument.entries++;
        if (instrument.levels == CmeInstrument.LIVE)
        {
            if (rptSeq == instrument.rptSeq + 1)
            {
                instrument.rptSeq = rptSeq;
                return true;
            }
            if (rptSeq <= instrument.rptSeq)
            {
                instrument.duplicateEntries++;
                return false;
            }
            instrument.rptSeqGaps++;
            instrument.lastRptSeqSeen = rptSeq;
            instrument.levels = CmeInstrument.STALE;
            refreshState(instrument);
            return false;
        }
        instrument.lastRptSeqSeen = Math.max(instrument.lastRptSeqSeen, rptSeq);
        if (rptSeq == 1)
        {
            // The instrument's first update of the week (or after a channel reset): its level books start empty
            // here. The order book is not touched: its own first events may have come first.
            instrument.rptSeq = 1;
            instrument.levels = CmeInstrument.LIVE;
            emptyLevels(instrument);
            refreshState(instrument);
            return instrument.levels == CmeInstrument.LIVE;
        }
        if (instrument.levels == CmeInstrument.UNSEEN && options.applyWithoutSnapshot())
        {
            instrument.rptSeq = rptSeq;
            instrument.levels = CmeInstrument.LIVE; // from a book of unknown levels
            return true;
        }
        if (instrument.levels == CmeInstrument.UNSEEN)
        {
            instrument.levels = CmeInstrument.STALE;
            refreshState(instrument);
        }
        instrument.skippedWhileStale++;
        return false;
    }

    /**
     * Every level of the instrument's level books known empty (DeleteThru on each side), the order book untouched.
     */
    void emptyLevels(final CmeInstrument instrument)
    {
        for (int book = LevelAction.OUTRIGHT; book <= LevelAction.IMPLIED; book++)
        {
            final int depth = book == LevelAction.OUTRIGHT ? instrument.definition.depth() :
                instrument.definition.impliedDepth();
            for (int side = Side.BID; depth > 0 && side <= Side.ASK; side++)
            {
                deliver(instrument, sink.onLevel(instrument.securityId, book, side, LevelAction.DELETE_THRU, 1, 0, 0,
                    0));
            }
        }
    }

    /**
     * Whether an order-book entry (no RptSeq) is applied to the instrument's order book.
     */
    boolean acceptOrders(final CmeInstrument instrument)
    {
        if (!instrument.hasOrders)
        {
            return false;
        }
        if (instrument.orders == CmeInstrument.LIVE)
        {
            return true;
        }
        if (instrument.orders == CmeInstrument.UNSEEN)
        {
            // At the start of the feed every order book is empty; joined mid-stream it is unknown.
            instrument.orders = !joinedMidStream || options.applyWithoutSnapshot() ?
                CmeInstrument.LIVE : CmeInstrument.STALE;
            refreshState(instrument);
            return instrument.orders == CmeInstrument.LIVE;
        }
        instrument.skippedWhileStale++;
        return false;
    }

    /**
     * @return true when replaying buffered packets for another instrument or the other book.
     */
    boolean replaySkips(final CmeInstrument instrument, final boolean orders)
    {
        return inReplay && (instrument != replayInstrument || orders != replayOrders);
    }

    /**
     * A ChannelReset: every book of the channel empties and every RptSeq restarts at 1.
     */
    void onChannelReset()
    {
        channelResets++;
        lastResetSequence = lastProcessedSequence;
        snapshots.abandon();
        for (int i = 0; i < instruments.size(); i++)
        {
            final CmeInstrument instrument = instruments.get(i);
            instrument.rptSeq = 0;
            instrument.levels = CmeInstrument.LIVE;
            instrument.orders = instrument.hasOrders ? CmeInstrument.LIVE : CmeInstrument.UNSEEN;
            if (!instrument.definitionPending)
            {
                touch(instrument);
                deliver(instrument, sink.onClear(instrument.securityId));
            }
            refreshState(instrument);
        }
    }

    /**
     * A SecurityStatus for one instrument, or (securityId null) for every instrument of a security group.
     */
    void onTradingStatus(final int securityId, final long group, final long asset, final int status)
    {
        if (securityId != io.ticklane.venue.cme.sbe.SecurityStatus30Decoder.securityIDNullValue())
        {
            final CmeInstrument instrument = instrument(securityId);
            if (instrument != null)
            {
                tradingStatus(instrument, status);
            }
            return;
        }
        boolean matched = false;
        for (int i = 0; i < instruments.size(); i++)
        {
            final CmeInstrument instrument = instruments.get(i);
            if (instrument.securityGroup == group && group != 0 && (asset == 0 || instrument.asset == asset) &&
                !instrument.definitionPending)
            {
                tradingStatus(instrument, status);
                matched = true;
            }
        }
        groupStatusUnmatched += matched ? 0 : 1;
    }

    void tradingStatus(final CmeInstrument instrument, final int status)
    {
        if (instrument.tradingStatus != status)
        {
            instrument.tradingStatus = status;
            touch(instrument);
            deliver(instrument, sink.onTradingStatus(instrument.securityId, status));
        }
    }

    /**
     * Records that the open event changed this instrument.
     */
    void touch(final CmeInstrument instrument)
    {
        if (inReplay)
        {
            return;
        }
        eventOpen = true;
        if (instrument.eventMark != eventId)
        {
            instrument.eventMark = eventId;
            if (touchedCount < touched.length)
            {
                touched[touchedCount++] = instrument;
            }
            else
            {
                touchedOverflow = true;
            }
        }
    }

    /**
     * A message ended; with the end-of-event bit the books are published.
     */
    void onMessageEnd(final short matchEventIndicator)
    {
        if ((matchEventIndicator & MdpPacketDescriptor.END_OF_EVENT) != 0 && eventOpen && !inReplay)
        {
            endEvent();
        }
    }

    private void endEvent()
    {
        sink.onEndOfEvent();
        eventOpen = false;
        eventId++;
        touchedCount = 0;
        touchedOverflow = false;
    }

    /**
     * After a recovery: publishes at once unless an incremental event is open (then its end publishes).
     */
    void publishRecovery()
    {
        if (!eventOpen)
        {
            sink.onEndOfEvent();
            eventId++;
        }
    }

    /**
     * Hands a sink result on: an event the sink could not take makes the instrument stale.
     */
    void deliver(final CmeInstrument instrument, final int result)
    {
        if (result == BookEventHandler.BACK_PRESSURED)
        {
            instrument.backPressured++;
            backPressuredEvents++;
            markStale(instrument);
        }
    }

    void markStale(final CmeInstrument instrument)
    {
        if (instrument.hasLevels && instrument.levels == CmeInstrument.LIVE)
        {
            instrument.levels = CmeInstrument.STALE;
        }
        if (instrument.hasOrders && instrument.orders == CmeInstrument.LIVE)
        {
            instrument.orders = CmeInstrument.STALE;
        }
        refreshState(instrument);
    }

    /**
     * Tells the sink when the instrument turns stale or live again.
     */
    void refreshState(final CmeInstrument instrument)
    {
        final boolean stale = instrument.isStale();
        if (stale && !instrument.announcedStale)
        {
            instrument.announcedStale = true;
            instrument.staleTransitions++;
            staleInstruments++;
            sink.onStale(instrument.securityId);
        }
        else if (!stale && instrument.announcedStale)
        {
            instrument.announcedStale = false;
            staleInstruments--;
            sink.onLive(instrument.securityId);
        }
    }

    // Counters and state for tests, operations and the phase-2 counters file.

    /**
     * @param securityId an instrument.
     * @return what the session knows of it, or null.
     */
    public CmeInstrument instrumentOrNull(final int securityId)
    {
        return bySecurityId.get(securityId);
    }

    /**
     * @return every instrument the session knows, in the order it learnt of them (do not modify).
     */
    public List<CmeInstrument> instruments()
    {
        return instruments;
    }

    /**
     * @return the arbiter of the incremental lines: per-line received, duplicates, losses; gaps.
     */
    public LineArbiter arbiter()
    {
        return arbiter;
    }

    /**
     * @return the decoder of live packets: per-template messages and refusals by reason.
     */
    public MdpPacketDecoder decoder()
    {
        return decoder;
    }

    public long packets(final int source)
    {
        return packetsBySource[source];
    }

    public long refused(final int source)
    {
        return refusedBySource[source];
    }

    public long gaps()
    {
        return gaps;
    }

    public long lateJoins()
    {
        return lateJoins;
    }

    public long feedRestarts()
    {
        return feedRestarts;
    }

    public long channelResets()
    {
        return channelResets;
    }

    public long implausibleSequences()
    {
        return implausible;
    }

    public long undefinedEntries()
    {
        return undefinedEntries;
    }

    public long groupStatusUnmatched()
    {
        return groupStatusUnmatched;
    }

    public long definitionDeletes()
    {
        return definitionDeletes;
    }

    /**
     * @return definitions with a market depth outside 0..255, ignored.
     */
    public long invalidDefinitions()
    {
        return invalidDefinitions;
    }

    public long backPressuredEvents()
    {
        return backPressuredEvents;
    }

    public long displayFactorsNotPowerOfTen()
    {
        return definitions.displayFactorNotPowerOfTen;
    }

    /**
     * @return instruments readers are told are stale now.
     */
    public int staleInstruments()
    {
        return staleInstruments;
    }

    /**
     * @return the snapshot side: applied, unusable, order-snapshot assembly counts.
     */
    public CmeSnapshotHandler snapshots()
    {
        return snapshots;
    }

    /**
     * @return the incremental side: per-entry counts.
     */
    public CmeIncrementalHandler incremental()
    {
        return incremental;
    }
}
