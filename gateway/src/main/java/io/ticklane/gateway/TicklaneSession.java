package io.ticklane.gateway;

import io.ticklane.book.BookEventHandler;
import io.ticklane.gateway.sbe.AddOrderDecoder;
import io.ticklane.gateway.sbe.BookClearDecoder;
import io.ticklane.gateway.sbe.DeleteOrderDecoder;
import io.ticklane.gateway.sbe.ExecuteOrderDecoder;
import io.ticklane.gateway.sbe.HeartbeatDecoder;
import io.ticklane.gateway.sbe.InstrumentDefinitionDecoder;
import io.ticklane.gateway.sbe.ModifyOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotBeginDecoder;
import io.ticklane.gateway.sbe.SnapshotEndDecoder;
import io.ticklane.gateway.sbe.SnapshotOrderDecoder;
import io.ticklane.gateway.sbe.SnapshotOrdersDecoder;
import io.ticklane.gateway.sbe.TradeDecoder;
import io.ticklane.latency.StageRecorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;

/**
 * The project's own feed as a {@link ProtocolSession}: one feed channel, as a deterministic state machine.
 * <ul>
 * <li>Validation: bad packets are counted by reason and never dispatched.</li>
 * <li>Publisher sessions: every packet carries its publisher's session id. A new session is a new stream (a
 * restarted publisher, whose sequence starts again at 1): sequencing restarts and every book of the channel is
 * emptied; if the new stream is joined at its first packet, the books rebuild from it and stay live, otherwise they
 * are stale until a snapshot. A new session takes over at its sequence 1, or after
 * {@link #SESSION_CONFIRM_RUN} consecutive packets when its start was missed, so one corrupt session id cannot end
 * a stream; packets of other sessions (a replaced publisher's stragglers) are counted and dropped.</li>
 * <li>Sequencing: A/B arbitration into one sequence ({@link LineArbiter}). Unsequenced heartbeats announce the
 * publisher's last sequence, so a tail that no line delivered becomes a gap instead of passing for a quiet
 * feed.</li>
 * <li>Recovery: a gap that no line fills marks every instrument of the channel stale (as does joining a running
 * feed, for instruments first seen afterwards); {@link SnapshotRecovery} rebuilds them from the snapshot stream.
 * An event the sink cannot take ({@link BookEventHandler#BACK_PRESSURED}) marks that one instrument stale, and it
 * recovers the same way.</li>
 * <li>Delivery: messages of live instruments become normalized events ({@link FeedTranslator}); each packet is one
 * venue event ({@link BookEventHandler#onEndOfEvent()} after it).</li>
 * </ul>
 * Time enters only through receive timestamps and {@link #onTimer}, so replaying a journal through a
 * {@code TicklaneSession} rebuilds exactly the books the live engine had.
 * <p>
 * Single thread: the channel's gateway agent (or a replay loop). Allocation-free in steady state; an instrument's
 * first appearance allocates its table entry.
 */
public final class TicklaneSession implements ProtocolSession, SequencedPacketHandler, SnapshotRecovery.Session
{
    /** Extra malformed reasons beyond the decoder's. */
    public static final int WRONG_CHANNEL = FeedDecoder.RESULT_COUNT;
    public static final int WRONG_STREAM = FeedDecoder.RESULT_COUNT + 1;
    public static final int IMPLAUSIBLE_SEQUENCE = FeedDecoder.RESULT_COUNT + 2;
    private static final Throwable[] MALFORMED_REASONS = new Throwable[FeedDecoder.RESULT_COUNT + 3];
    /** Consecutive packets of a new publisher session, joined after its start, that make it the current one. */
    public static final int SESSION_CONFIRM_RUN = 16;

    static
    {
        for (int i = 1; i < MALFORMED_REASONS.length; i++)
        {
            final String reason = i == WRONG_CHANNEL ? "wrong-channel-id" :
                i == WRONG_STREAM ? "wrong-stream-for-packet-kind" :
                i == IMPLAUSIBLE_SEQUENCE ? "implausible-sequence-jump" : FeedDecoder.resultName(i);
            MALFORMED_REASONS[i] = new MalformedPacketException(reason);
        }
    }

    /** A malformed packet's reason, recorded once per reason in the distinct-error log (stackless, shared). */
    static final class MalformedPacketException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        MalformedPacketException(final String reason)
        {
            super("malformed feed packet: " + reason, null, false, false);
        }
    }

    private final int channelId;
    private final InstrumentTable instruments = new InstrumentTable();
    private final FeedDecoder decoder = new FeedDecoder(instruments);
    private final FeedDecoder replayDecoder = new FeedDecoder(instruments);
    private final LineArbiter arbiter;
    private final BookEventHandler sink;
    private final FeedTranslator translator;
    private final GatewayCounters counters;
    private final StageRecorder publishToReceive;
    private final DistinctErrorLog errorLog;
    private final SnapshotRecovery recovery;
    private final LiveFilter liveFilter = new LiveFilter();
    private final long[] malformedByReason = new long[MALFORMED_REASONS.length];

    private int publisherSession;
    private int candidateSession;
    private long candidateNext;
    private int candidateRun;
    private long sessionResets;
    private long otherSessionPackets;
    private long heartbeats;
    private long endOfSessionSequence = -1;
    private long backPressureEvents;
    private boolean unknownAreStale;
    private long lastSequence;
    private DirectBuffer currentBuffer;
    private int currentOffset;
    private int currentLength;
    private long currentSequence;
    private long currentReceiveNs;

    /**
     * @param channelId          channel id every packet of this channel carries.
     * @param arbiter            sequencing over the lines.
     * @param sink               where normalized events go.
     * @param counters           counters this channel writes.
     * @param publishToReceive   recorder owned by the calling thread.
     * @param errorLog           distinct log of malformed-packet reasons, or null.
     * @param recoveryBufferSize most bytes of packets kept while instruments are stale (a multiple of 8).
     */
    public TicklaneSession(
        final int channelId,
        final LineArbiter arbiter,
        final BookEventHandler sink,
        final GatewayCounters counters,
        final StageRecorder publishToReceive,
        final DistinctErrorLog errorLog,
        final int recoveryBufferSize)
    {
        this.channelId = channelId;
        this.arbiter = arbiter;
        this.sink = sink;
        this.translator = new FeedTranslator(sink, this::onBackPressured);
        this.counters = counters;
        this.publishToReceive = publishToReceive;
        this.errorLog = errorLog;
        this.recovery = new SnapshotRecovery(instruments, sink, counters, recoveryBufferSize, this);
    }

    public int venueId()
    {
        return JournalRecordTypes.VENUE_TICKLANE;
    }

    public int channelId()
    {
        return channelId;
    }

    public void onPacket(
        final int source, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        if (PacketSource.isIncremental(source))
        {
            onLinePacket(PacketSource.line(source), buffer, offset, length, receiveTimeNs);
        }
        else if (PacketSource.isSnapshot(source))
        {
            onSnapshotPacket(buffer, offset, length, receiveTimeNs);
        }
        else
        {
            counters.packets().incrementRelease();
            onMalformed(WRONG_STREAM); // the own feed has no definition stream
        }
    }

    /**
     * A packet from one of the incremental lines.
     *
     * @param line          0 (A) or 1 (B).
     * @param buffer        packet bytes.
     * @param offset        packet start.
     * @param length        packet length.
     * @param receiveTimeNs arrival time.
     */
    public void onLinePacket(
        final int line, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        counters.packets().incrementRelease();
        final int result = validate(buffer, offset, length, false);
        if (result != FeedDecoder.OK)
        {
            onMalformed(result);
            return;
        }
        final int flags = PacketHeaderDescriptor.flags(buffer, offset);
        final long sequence = PacketHeaderDescriptor.sequence(buffer, offset);
        if (!acceptSession(PacketHeaderDescriptor.sessionId(buffer, offset),
            (flags & PacketHeaderDescriptor.FLAG_HEARTBEAT) != 0 ? -1 : sequence))
        {
            return;
        }
        if ((flags & PacketHeaderDescriptor.FLAG_HEARTBEAT) != 0)
        {
            heartbeats++;
            arbiter.onAnnounced(sequence, receiveTimeNs);
            if ((flags & PacketHeaderDescriptor.FLAG_END_OF_SESSION) != 0)
            {
                endOfSessionSequence = sequence;
            }
            return;
        }
        final int arbitration = arbiter.onPacket(line, sequence, buffer, offset, length, receiveTimeNs, this);
        if (arbitration == LineArbiter.DUPLICATE)
        {
            counters.duplicates().incrementRelease();
        }
        else if (arbitration == LineArbiter.IMPLAUSIBLE)
        {
            onMalformed(IMPLAUSIBLE_SEQUENCE);
            return;
        }
        updateLineCounters(line);
        publishToReceive.record(receiveTimeNs - PacketHeaderDescriptor.sendingTimeNs(buffer, offset));
    }

    private int validate(final DirectBuffer buffer, final int offset, final int length, final boolean snapshot)
    {
        final int result = decoder.validate(buffer, offset, length);
        if (result != FeedDecoder.OK)
        {
            return result;
        }
        if (PacketHeaderDescriptor.channelId(buffer, offset) != channelId)
        {
            return WRONG_CHANNEL;
        }
        final boolean isSnapshot = (PacketHeaderDescriptor.flags(buffer, offset) & PacketHeaderDescriptor.FLAG_SNAPSHOT) != 0;
        return isSnapshot == snapshot ? FeedDecoder.OK : WRONG_STREAM;
    }

    /**
     * @return false for a packet of another publisher session than the current one that does not (yet) replace it:
     *         counted and dropped.
     */
    private boolean acceptSession(final int sessionId, final long sequence)
    {
        if (sessionId == publisherSession)
        {
            return true;
        }
        if (publisherSession != 0 && sequence != 1 && !confirmsNewSession(sessionId, sequence))
        {
            otherSessionPackets++;
            return false;
        }
        if (publisherSession != 0)
        {
            startNewStream();
        }
        publisherSession = sessionId;
        candidateSession = 0;
        return true;
    }

    /**
     * A new session that did not start at sequence 1 here (its first packets were missed) takes over once
     * {@link #SESSION_CONFIRM_RUN} consecutive packets carry it, so a corrupt session id cannot end the stream.
     */
    private boolean confirmsNewSession(final int sessionId, final long sequence)
    {
        if (sessionId == candidateSession && sequence == candidateNext - 1)
        {
            return false; // the other line's copy of the packet just counted
        }
        candidateRun = sessionId == candidateSession && sequence == candidateNext ? candidateRun + 1 : 1;
        candidateSession = sessionId;
        candidateNext = sequence + 1;
        return candidateRun >= SESSION_CONFIRM_RUN;
    }

    /**
     * A restarted publisher: its stream starts over, and the old stream's books are void.
     */
    private void startNewStream()
    {
        sessionResets++;
        counters.sessionResets().incrementRelease();
        arbiter.restart();
        recovery.reset();
        unknownAreStale = false;
        lastSequence = 0;
        endOfSessionSequence = -1;
        instruments.forEach(this::clearForNewStream);
        counters.staleInstruments().setRelease(instruments.staleCount());
        sink.onEndOfEvent();
    }

    private void clearForNewStream(final InstrumentTable.Entry entry)
    {
        final int instrumentId = entry.instrumentId();
        final boolean wasStale = entry.state() == InstrumentTable.STALE;
        instruments.markLive(entry, 0);
        if (sink.onClear(instrumentId) == BookEventHandler.BACK_PRESSURED)
        {
            markStale(entry);
        }
        else if (wasStale)
        {
            sink.onLive(instrumentId); // emptied, and the new stream rebuilds it (or a late join stales it again)
        }
    }

    private void updateLineCounters(final int line)
    {
        counters.lineReceived()[line].setRelease(arbiter.lineReceived(line));
        counters.lineLosses()[line].setRelease(arbiter.lineLosses(line));
        final long highest = Math.max(arbiter.lineHighest(0), arbiter.lineHighest(1));
        counters.lineLag()[0].setRelease(highest - arbiter.lineHighest(0));
        counters.lineLag()[1].setRelease(highest - arbiter.lineHighest(1));
    }

    private void onMalformed(final int reason)
    {
        malformedByReason[reason]++;
        counters.malformed().incrementRelease();
        if (null != errorLog)
        {
            errorLog.record(MALFORMED_REASONS[reason]);
        }
    }

    public int onTimer(final long nowNs)
    {
        return arbiter.onTimer(nowNs, this);
    }

    public void onSequencedPacket(
        final DirectBuffer buffer, final int offset, final int length, final long sequence, final long receiveTimeNs)
    {
        currentBuffer = buffer;
        currentOffset = offset;
        currentLength = length;
        currentSequence = sequence;
        currentReceiveNs = receiveTimeNs;
        if (recovery.isBuffering())
        {
            recovery.keep(buffer, offset, length, receiveTimeNs);
        }
        sink.onPacket(sequence, PacketHeaderDescriptor.sendingTimeNs(buffer, offset), receiveTimeNs);
        liveFilter.only = SnapshotRecovery.NO_INSTRUMENT;
        decoder.dispatch(buffer, offset, length, liveFilter);
        sink.onEndOfEvent();
        lastSequence = sequence;
        counters.messages().getAndAddRelease(decoder.lastPacketEvents());
        counters.sequence().setRelease(sequence);
        currentBuffer = null;
    }

    public void onGap(final long fromSequence, final long toSequence)
    {
        counters.gaps().getAndAddRelease(toSequence - fromSequence + 1);
        counters.sequence().setRelease(toSequence);
        unknownAreStale = true;
        instruments.forEach(this::markStaleAfterGap);
        recovery.startBuffering(toSequence + 1);
    }

    public void onLateJoin(final long firstSequence)
    {
        unknownAreStale = true;
        instruments.forEach(this::markStaleAfterGap); // a restarted publisher joined mid-stream: none is known
        recovery.startBuffering(firstSequence);
    }

    private void markStaleAfterGap(final InstrumentTable.Entry entry)
    {
        if (instruments.markStale(entry))
        {
            sink.onStale(entry.instrumentId());
        }
        counters.staleInstruments().setRelease(instruments.staleCount());
    }

    private void onBackPressured(final int instrumentId)
    {
        backPressureEvents++;
        markStale(instruments.get(instrumentId));
    }

    /**
     * Marks one instrument stale in the middle of the current packet (back pressure, or first seen after a gap),
     * keeping the current packet in the recovery buffer so that a snapshot up to the previous sequence suffices.
     */
    public void markStale(final InstrumentTable.Entry entry)
    {
        if (instruments.markStale(entry))
        {
            sink.onStale(entry.instrumentId());
        }
        counters.staleInstruments().setRelease(instruments.staleCount());
        if (!recovery.isBuffering())
        {
            if (null != currentBuffer)
            {
                recovery.startBuffering(currentSequence); // in a packet: keep it, its earlier messages need replaying
                recovery.keep(currentBuffer, currentOffset, currentLength, currentReceiveNs);
            }
            else
            {
                recovery.startBuffering(lastSequence + 1); // between packets (a snapshot's definition)
            }
        }
    }

    /**
     * A packet from the snapshot stream.
     *
     * @param buffer        packet bytes.
     * @param offset        packet start.
     * @param length        packet length.
     * @param receiveTimeNs arrival time.
     */
    public void onSnapshotPacket(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final int result = validate(buffer, offset, length, true);
        if (result != FeedDecoder.OK)
        {
            onMalformed(result);
            recovery.abortAssembly();
            return;
        }
        if (PacketHeaderDescriptor.sessionId(buffer, offset) != publisherSession)
        {
            otherSessionPackets++; // a snapshot of another publisher session than the incrementals': not usable
            return;
        }
        recovery.onSnapshotPacket(buffer, offset, length, receiveTimeNs);
    }

    public boolean replay(
        final int instrumentId,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long sequence,
        final long receiveNs)
    {
        final long before = backPressureEvents;
        final long savedSequence = currentSequence;
        currentSequence = sequence;
        sink.onPacket(sequence, PacketHeaderDescriptor.sendingTimeNs(buffer, offset), receiveNs);
        liveFilter.only = instrumentId;
        replayDecoder.dispatch(buffer, offset, length, liveFilter);
        liveFilter.only = SnapshotRecovery.NO_INSTRUMENT;
        sink.onEndOfEvent();
        currentSequence = savedSequence;
        return backPressureEvents == before;
    }

    public long lastSequence()
    {
        return lastSequence;
    }

    public boolean unknownAreStale()
    {
        return unknownAreStale;
    }

    private InstrumentTable.Entry entryFor(final int instrumentId)
    {
        final InstrumentTable.Entry entry = instruments.get(instrumentId);
        if (null != entry)
        {
            return entry;
        }
        final InstrumentTable.Entry added = instruments.add(instrumentId, InstrumentTable.LIVE);
        if (unknownAreStale)
        {
            markStale(added); // first seen after a gap or a late join: its earlier messages may have been missed
        }
        return added;
    }

    /**
     * Whether a message of this instrument in the current packet goes to the sink.
     */
    private boolean deliverable(final int instrumentId)
    {
        if (liveFilter.only != SnapshotRecovery.NO_INSTRUMENT)
        {
            return instrumentId == liveFilter.only; // replaying the recovery buffer for one instrument
        }
        final InstrumentTable.Entry entry = entryFor(instrumentId);
        return entry.state() == InstrumentTable.LIVE && currentSequence > entry.liveFromSequence;
    }

    /**
     * @param reason a {@link FeedDecoder} result code, {@link #WRONG_CHANNEL}, {@link #WRONG_STREAM} or
     *               {@link #IMPLAUSIBLE_SEQUENCE}.
     * @return packets rejected for it.
     */
    public long malformed(final int reason)
    {
        return malformedByReason[reason];
    }

    /**
     * @param reason a reason code.
     * @return its name.
     */
    public static String malformedReasonName(final int reason)
    {
        return MALFORMED_REASONS[reason].getMessage().substring("malformed feed packet: ".length());
    }

    /**
     * @return number of malformed reason codes.
     */
    public static int malformedReasonCount()
    {
        return MALFORMED_REASONS.length;
    }

    /**
     * @return instruments rebuilt from snapshots.
     */
    public long recoveries()
    {
        return recovery.recoveries();
    }

    /**
     * @return packets dropped from (or too large for) the recovery buffer.
     */
    public long bufferOverflows()
    {
        return recovery.bufferOverflows();
    }

    /**
     * @return new publisher sessions seen after the first (restarted publishers).
     */
    public long sessionResets()
    {
        return sessionResets;
    }

    /**
     * @return packets of another publisher session than the current one (stragglers of a replaced session, or a
     *         new session not yet confirmed), dropped.
     */
    public long otherSessionPackets()
    {
        return otherSessionPackets;
    }

    /**
     * @return unsequenced heartbeats received.
     */
    public long heartbeats()
    {
        return heartbeats;
    }

    /**
     * @return the last sequence of the current publisher session's end, or -1 while it has not ended.
     */
    public long endOfSessionSequence()
    {
        return endOfSessionSequence;
    }

    /**
     * @return the instruments table (channel thread only).
     */
    public InstrumentTable instruments()
    {
        return instruments;
    }

    /**
     * @return the arbiter (channel thread only).
     */
    public LineArbiter arbiter()
    {
        return arbiter;
    }

    /**
     * Delivers incremental messages of live instruments (or, during a replay, of the one instrument being
     * recovered) to the sink as normalized events.
     */
    private final class LiveFilter implements FeedHandler
    {
        int only = SnapshotRecovery.NO_INSTRUMENT;

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
        {
            final InstrumentTable.Entry entry = instruments.get(m.instrumentId());
            final boolean known = null != entry;
            if (deliverable(m.instrumentId()))
            {
                instruments.get(m.instrumentId()).tickSize = m.tickSize();
                translator.onInstrumentDefinition(m);
            }
            else if (known)
            {
                entry.tickSize = m.tickSize();
            }
        }

        public void onAddOrder(final AddOrderDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                translator.onAddOrder(m);
            }
        }

        public void onModifyOrder(final ModifyOrderDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                translator.onModifyOrder(m);
            }
        }

        public void onDeleteOrder(final DeleteOrderDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                translator.onDeleteOrder(m);
            }
        }

        public void onExecuteOrder(final ExecuteOrderDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                translator.onExecuteOrder(m);
            }
        }

        public void onTrade(final TradeDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                translator.onTrade(m);
            }
        }

        public void onBookClear(final BookClearDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                translator.onBookClear(m);
            }
        }

        public void onSnapshotBegin(final SnapshotBeginDecoder m)
        {
            // snapshots travel on the snapshot stream; the validator refuses them on incremental lines
        }

        public void onSnapshotOrder(final SnapshotOrderDecoder m)
        {
        }

        public void onSnapshotOrders(final SnapshotOrdersDecoder m)
        {
        }

        public void onSnapshotEnd(final SnapshotEndDecoder m)
        {
        }

        public void onHeartbeat(final HeartbeatDecoder m)
        {
        }
    }
}
