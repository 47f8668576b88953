package io.ticklane.gateway;

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
 * Everything one feed channel does with a packet after it arrives, as a deterministic state machine: validation
 * (bad packets counted by reason, never dispatched), A/B arbitration into one sequence ({@link LineArbiter}),
 * and recovery. Time enters only through receive timestamps and {@link #onTimer}, so replaying a journal through
 * a {@code FeedChannel} rebuilds exactly the books the live engine had.
 * <p>
 * Recovery: a gap that no line fills marks every live instrument of the channel STALE (as does joining a running
 * feed, for instruments first seen afterwards). While anything is stale, every in-sequence packet is also kept in
 * a bounded recovery buffer; messages of stale instruments are not delivered. When a complete snapshot of a stale
 * instrument arrives whose last sequence is covered by the buffer (it is at least the buffer's first sequence
 * minus one), the instrument's book is rebuilt from it, the buffered messages after the snapshot's sequence are
 * replayed, and it turns LIVE. A snapshot that ran ahead of the incrementals makes the channel skip that
 * instrument's messages up to the snapshot's sequence. If the buffer fills, its oldest packets are dropped and a
 * newer snapshot is needed. An event that a book agent's ring cannot take within its bound marks that one
 * instrument stale and it recovers the same way.
 * <p>
 * Single thread: the channel's gateway agent (or a replay loop). Allocation-free in steady state; recovery
 * allocates only when an instrument is first seen.
 */
public final class FeedChannel implements SequencedPacketHandler, RecoveryBuffer.PacketVisitor
{
    /** Extra malformed reasons beyond the decoder's. */
    public static final int WRONG_CHANNEL = FeedDecoder.RESULT_COUNT;
    public static final int WRONG_STREAM = FeedDecoder.RESULT_COUNT + 1;
    public static final int IMPLAUSIBLE_SEQUENCE = FeedDecoder.RESULT_COUNT + 2;
    private static final Throwable[] MALFORMED_REASONS = new Throwable[FeedDecoder.RESULT_COUNT + 3];

    static
    {
        for (int i = 1; i < MALFORMED_REASONS.length; i++)
        {
            final String reason = i == WRONG_CHANNEL ? "wrong-channel-id" :
                i == WRONG_STREAM ? "snapshot-flag-on-wrong-stream" :
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
    private final ChannelEventSink sink;
    private final GatewayCounters counters;
    private final StageRecorder publishToReceive;
    private final DistinctErrorLog errorLog;
    private final RecoveryBuffer recoveryBuffer;
    private final LiveFilter liveFilter = new LiveFilter();
    private final SnapshotHandler snapshotHandler = new SnapshotHandler();
    private final long[] malformedByReason = new long[MALFORMED_REASONS.length];

    private boolean unknownAreStale;
    private boolean buffering;
    private long bufferStartSequence;
    private long lastSequence;
    private long recoveries;
    private long bufferOverflows;
    private DirectBuffer currentBuffer;
    private int currentOffset;
    private int currentLength;
    private long currentSequence;
    private long currentReceiveNs;
    private int replayInstrument;
    private long replayAfterSequence;
    private int assembling = ChannelEventSink.NONE;
    private long assemblingLastSequence;
    private int assemblingExpected;
    private int assemblingReceived;
    private long nextSnapshotSequence = -1;

    /**
     * @param channelId          channel id every packet of this channel carries.
     * @param arbiter            sequencing over the lines.
     * @param sink               where surviving events go.
     * @param counters           counters this channel writes.
     * @param publishToReceive   recorder owned by the calling thread.
     * @param errorLog           distinct log of malformed-packet reasons, or null.
     * @param recoveryBufferSize most bytes of packets kept while instruments are stale (a power of two).
     */
    public FeedChannel(
        final int channelId,
        final LineArbiter arbiter,
        final ChannelEventSink sink,
        final GatewayCounters counters,
        final StageRecorder publishToReceive,
        final DistinctErrorLog errorLog,
        final int recoveryBufferSize)
    {
        this.channelId = channelId;
        this.arbiter = arbiter;
        this.sink = sink;
        this.counters = counters;
        this.publishToReceive = publishToReceive;
        this.errorLog = errorLog;
        this.recoveryBuffer = new RecoveryBuffer(recoveryBufferSize);
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
        int result = decoder.validate(buffer, offset, length);
        if (result == FeedDecoder.OK)
        {
            if (PacketHeaderDescriptor.channelId(buffer, offset) != channelId)
            {
                result = WRONG_CHANNEL;
            }
            else if ((PacketHeaderDescriptor.flags(buffer, offset) & PacketHeaderDescriptor.FLAG_SNAPSHOT) != 0)
            {
                result = WRONG_STREAM;
            }
        }
        if (result != FeedDecoder.OK)
        {
            onMalformed(result);
            return;
        }
        final int arbitration = arbiter.onPacket(line, PacketHeaderDescriptor.sequence(buffer, offset), buffer,
            offset, length, receiveTimeNs, this);
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

    /**
     * Lets the arbiter declare a gap whose wait is over.
     *
     * @param nowNs current time on the receive clock.
     * @return work done.
     */
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
        if (buffering)
        {
            keep(buffer, offset, length, receiveTimeNs);
        }
        sink.beginPacket(sequence, PacketHeaderDescriptor.sendingTimeNs(buffer, offset), receiveTimeNs);
        liveFilter.only = ChannelEventSink.NONE;
        decoder.dispatch(buffer, offset, length, liveFilter);
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
        startBuffering(toSequence + 1);
    }

    public void onLateJoin(final long firstSequence)
    {
        unknownAreStale = true;
        startBuffering(firstSequence);
    }

    private void markStaleAfterGap(final InstrumentTable.Entry entry)
    {
        if (instruments.markStale(entry))
        {
            sink.onInstrumentStale(entry.instrumentId());
        }
        counters.staleInstruments().setRelease(instruments.staleCount());
    }

    /**
     * Marks one instrument stale in the middle of the current packet (back pressure, or first seen after a gap),
     * keeping the current packet in the recovery buffer so that a snapshot up to the previous sequence suffices.
     */
    private void markStale(final InstrumentTable.Entry entry)
    {
        if (instruments.markStale(entry))
        {
            sink.onInstrumentStale(entry.instrumentId());
        }
        counters.staleInstruments().setRelease(instruments.staleCount());
        if (!buffering)
        {
            if (null != currentBuffer)
            {
                startBuffering(currentSequence); // in a packet: keep it, its earlier messages need replaying
                keep(currentBuffer, currentOffset, currentLength, currentReceiveNs);
            }
            else
            {
                startBuffering(lastSequence + 1); // between packets (a snapshot's definition)
            }
        }
    }

    private void startBuffering(final long fromSequence)
    {
        recoveryBuffer.clear();
        buffering = true;
        bufferStartSequence = fromSequence;
    }

    private void keep(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        if (!recoveryBuffer.fits(length))
        {
            bufferOverflows++; // cannot keep it: recovery must start after it
            startBuffering(PacketHeaderDescriptor.sequence(buffer, offset) + 1);
            return;
        }
        final int dropped = recoveryBuffer.append(buffer, offset, length, receiveTimeNs);
        if (dropped > 0)
        {
            bufferStartSequence += dropped; // the buffer holds consecutive sequences: the oldest went first
            bufferOverflows += dropped;
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
        int result = decoder.validate(buffer, offset, length);
        if (result == FeedDecoder.OK)
        {
            if (PacketHeaderDescriptor.channelId(buffer, offset) != channelId)
            {
                result = WRONG_CHANNEL;
            }
            else if ((PacketHeaderDescriptor.flags(buffer, offset) & PacketHeaderDescriptor.FLAG_SNAPSHOT) == 0)
            {
                result = WRONG_STREAM;
            }
        }
        if (result != FeedDecoder.OK)
        {
            onMalformed(result);
            abortAssembly();
            return;
        }
        final long sequence = PacketHeaderDescriptor.sequence(buffer, offset);
        if (sequence != nextSnapshotSequence)
        {
            abortAssembly(); // a snapshot packet went missing: whatever was being assembled is incomplete
        }
        nextSnapshotSequence = sequence + 1;
        if (!buffering && !unknownAreStale)
        {
            return; // everything is live and known: snapshots are not needed
        }
        sink.beginPacket(sequence, PacketHeaderDescriptor.sendingTimeNs(buffer, offset), receiveTimeNs);
        decoder.dispatch(buffer, offset, length, snapshotHandler);
    }

    private void abortAssembly()
    {
        assembling = ChannelEventSink.NONE;
    }

    private InstrumentTable.Entry entryFor(final int instrumentId)
    {
        final InstrumentTable.Entry entry = instruments.get(instrumentId);
        if (null != entry)
        {
            return entry;
        }
        if (!unknownAreStale)
        {
            return instruments.add(instrumentId, InstrumentTable.LIVE);
        }
        final InstrumentTable.Entry added = instruments.add(instrumentId, InstrumentTable.LIVE);
        markStale(added); // first seen after a gap or a late join: its earlier messages may have been missed
        return added;
    }

    /**
     * Whether a message of this instrument in the current packet goes to the sink.
     */
    private boolean deliverable(final int instrumentId)
    {
        if (liveFilter.only != ChannelEventSink.NONE)
        {
            return instrumentId == liveFilter.only; // replaying the recovery buffer for one instrument
        }
        final InstrumentTable.Entry entry = entryFor(instrumentId);
        return entry.state() == InstrumentTable.LIVE && currentSequence > entry.liveFromSequence;
    }

    private void afterDelivery()
    {
        final int dropped = sink.takeDroppedInstrument();
        if (dropped != ChannelEventSink.NONE)
        {
            markStale(instruments.get(dropped));
        }
    }

    private void completeRecovery(final int instrumentId, final long snapshotSequence)
    {
        final InstrumentTable.Entry entry = instruments.get(instrumentId);
        replayInstrument = instrumentId;
        replayAfterSequence = snapshotSequence;
        recoveryBuffer.forEach(this);
        if (sink.takeDroppedInstrument() != ChannelEventSink.NONE)
        {
            return; // the replay itself hit back pressure: stay stale, the next snapshot tries again
        }
        instruments.markLive(entry, Math.max(snapshotSequence, lastSequence));
        sink.onInstrumentLive(instrumentId);
        recoveries++;
        counters.recoveries().incrementRelease();
        counters.staleInstruments().setRelease(instruments.staleCount());
        if (instruments.staleCount() == 0)
        {
            buffering = false;
            recoveryBuffer.clear();
        }
    }

    /**
     * Replays one kept packet for the instrument being recovered.
     */
    public void onPacket(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final long sequence = PacketHeaderDescriptor.sequence(buffer, offset);
        if (sequence > replayAfterSequence)
        {
            final long savedSequence = currentSequence;
            currentSequence = sequence;
            sink.beginPacket(sequence, PacketHeaderDescriptor.sendingTimeNs(buffer, offset), receiveTimeNs);
            liveFilter.only = replayInstrument;
            replayDecoder.dispatch(buffer, offset, length, liveFilter);
            liveFilter.only = ChannelEventSink.NONE;
            currentSequence = savedSequence;
        }
    }

    /**
     * @param reason a {@link FeedDecoder} result code, {@link #WRONG_CHANNEL} or {@link #WRONG_STREAM}.
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
        return recoveries;
    }

    /**
     * @return packets dropped from (or too large for) the recovery buffer.
     */
    public long bufferOverflows()
    {
        return bufferOverflows;
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
     * @return this channel's id.
     */
    public int channelId()
    {
        return channelId;
    }

    /**
     * Delivers incremental messages of live instruments (or, during a replay, of the one instrument being
     * recovered) to the sink.
     */
    private final class LiveFilter implements FeedHandler
    {
        int only = ChannelEventSink.NONE;

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
        {
            final InstrumentTable.Entry entry = instruments.get(m.instrumentId());
            final boolean known = null != entry;
            if (deliverable(m.instrumentId()))
            {
                instruments.get(m.instrumentId()).tickSize = m.tickSize();
                sink.onInstrumentDefinition(m);
                afterDelivery();
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
                sink.onAddOrder(m);
                afterDelivery();
            }
        }

        public void onModifyOrder(final ModifyOrderDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                sink.onModifyOrder(m);
                afterDelivery();
            }
        }

        public void onDeleteOrder(final DeleteOrderDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                sink.onDeleteOrder(m);
                afterDelivery();
            }
        }

        public void onExecuteOrder(final ExecuteOrderDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                sink.onExecuteOrder(m);
                afterDelivery();
            }
        }

        public void onTrade(final TradeDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                sink.onTrade(m);
                afterDelivery();
            }
        }

        public void onBookClear(final BookClearDecoder m)
        {
            if (deliverable(m.instrumentId()))
            {
                sink.onBookClear(m);
                afterDelivery();
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

    /**
     * Rebuilds stale instruments from the snapshot stream.
     */
    private final class SnapshotHandler implements FeedHandler
    {
        public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
        {
            final InstrumentTable.Entry entry = instruments.get(m.instrumentId());
            if (null == entry)
            {
                final InstrumentTable.Entry added = instruments.add(m.instrumentId(), InstrumentTable.LIVE);
                added.tickSize = m.tickSize();
                if (unknownAreStale)
                {
                    markStale(added);
                }
            }
            else
            {
                entry.tickSize = m.tickSize();
            }
            if (instruments.get(m.instrumentId()).state() == InstrumentTable.STALE)
            {
                sink.onInstrumentDefinition(m); // the book must exist before its snapshot is applied
            }
        }

        public void onSnapshotBegin(final SnapshotBeginDecoder m)
        {
            final InstrumentTable.Entry entry = instruments.get(m.instrumentId());
            assembling = ChannelEventSink.NONE;
            if (null == entry || entry.state() != InstrumentTable.STALE || !buffering ||
                m.lastSequence() < bufferStartSequence - 1 || m.orderCount() < 0)
            {
                return; // not needed, or too old to join up with the buffered incrementals
            }
            assembling = m.instrumentId();
            assemblingLastSequence = m.lastSequence();
            assemblingExpected = m.orderCount();
            assemblingReceived = 0;
            sink.onSnapshotBegin(m);
            checkDrop();
        }

        public void onSnapshotOrder(final SnapshotOrderDecoder m)
        {
            if (assembling == m.instrumentId())
            {
                assemblingReceived++;
                sink.onSnapshotOrder(m);
                checkDrop();
            }
        }

        public void onSnapshotOrders(final SnapshotOrdersDecoder m)
        {
            if (assembling == m.instrumentId())
            {
                assemblingReceived += FeedDecoder.snapshotOrderCount(m);
                sink.onSnapshotOrders(m);
                checkDrop();
            }
        }

        public void onSnapshotEnd(final SnapshotEndDecoder m)
        {
            if (assembling != m.instrumentId())
            {
                return;
            }
            final int instrumentId = assembling;
            assembling = ChannelEventSink.NONE;
            if (m.lastSequence() != assemblingLastSequence || assemblingReceived != assemblingExpected)
            {
                return; // incomplete or inconsistent: wait for the next one
            }
            sink.onSnapshotEnd(m);
            if (sink.takeDroppedInstrument() == ChannelEventSink.NONE)
            {
                completeRecovery(instrumentId, assemblingLastSequence);
            }
        }

        private void checkDrop()
        {
            if (sink.takeDroppedInstrument() != ChannelEventSink.NONE)
            {
                assembling = ChannelEventSink.NONE;
            }
        }

        public void onAddOrder(final AddOrderDecoder m)
        {
        }

        public void onModifyOrder(final ModifyOrderDecoder m)
        {
        }

        public void onDeleteOrder(final DeleteOrderDecoder m)
        {
        }

        public void onExecuteOrder(final ExecuteOrderDecoder m)
        {
        }

        public void onTrade(final TradeDecoder m)
        {
        }

        public void onBookClear(final BookClearDecoder m)
        {
        }

        public void onHeartbeat(final HeartbeatDecoder m)
        {
        }
    }
}
