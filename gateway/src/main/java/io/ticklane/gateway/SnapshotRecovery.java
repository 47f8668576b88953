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
import org.agrona.DirectBuffer;

/**
 * The own feed's recovery of stale instruments from its snapshot stream, for one {@link TicklaneSession}.
 * <p>
 * While anything is stale, every in-sequence packet is also kept in a bounded {@link RecoveryBuffer}. When a
 * complete snapshot of a stale instrument arrives whose last sequence is covered by the buffer (at least the
 * buffer's first sequence minus one), the instrument's book is rebuilt from it, the buffered packets after the
 * snapshot's sequence are replayed for that instrument only, and it turns LIVE. If the buffer fills, its oldest
 * packets are dropped and a newer snapshot is needed. A snapshot that the sink could not take in full (back
 * pressure) is abandoned; the next one tries again.
 * <p>
 * Single thread: the session's. Allocation-free in steady state.
 */
final class SnapshotRecovery implements RecoveryBuffer.PacketVisitor, FeedTranslator.BackPressure
{
    /** No instrument. */
    static final int NO_INSTRUMENT = Integer.MIN_VALUE;

    /** The session's side of a recovery: replaying one kept packet for one instrument, and its state. */
    interface Session
    {
        /**
         * Delivers the messages of {@code instrumentId} in a kept packet, as if live.
         *
         * @return false when the sink could not take one of them.
         */
        boolean replay(int instrumentId, DirectBuffer buffer, int offset, int length, long sequence, long receiveNs);

        /**
         * @return the last sequence delivered.
         */
        long lastSequence();

        /**
         * @return whether instruments first seen now may have missed messages (after a gap or a late join).
         */
        boolean unknownAreStale();

        /**
         * Marks an instrument first seen on the snapshot stream stale.
         */
        void markStale(InstrumentTable.Entry entry);
    }

    private final InstrumentTable instruments;
    private final FeedDecoder decoder;
    private final FeedTranslator translator;
    private final BookEventHandler sink;
    private final GatewayCounters counters;
    private final RecoveryBuffer buffer;
    private final Session session;
    private final SnapshotHandler handler = new SnapshotHandler();
    private boolean buffering;
    private long bufferStartSequence;
    private long recoveries;
    private long bufferOverflows;
    private int replayInstrument;
    private long replayAfterSequence;
    private boolean replayFailed;
    private int assembling = NO_INSTRUMENT;
    private long assemblingLastSequence;
    private int assemblingExpected;
    private int assemblingReceived;
    private boolean assemblyBackPressured;
    private long nextSnapshotSequence = -1;

    SnapshotRecovery(
        final InstrumentTable instruments,
        final BookEventHandler sink,
        final GatewayCounters counters,
        final int bufferSize,
        final Session session)
    {
        this.instruments = instruments;
        this.decoder = new FeedDecoder(instruments);
        this.translator = new FeedTranslator(sink, this);
        this.sink = sink;
        this.counters = counters;
        this.buffer = new RecoveryBuffer(bufferSize);
        this.session = session;
    }

    /**
     * Starts keeping packets from {@code fromSequence} (the first that may need replaying).
     */
    void startBuffering(final long fromSequence)
    {
        buffer.clear();
        buffering = true;
        bufferStartSequence = fromSequence;
    }

    boolean isBuffering()
    {
        return buffering;
    }

    /**
     * Keeps an in-sequence packet while buffering.
     */
    void keep(final DirectBuffer packet, final int offset, final int length, final long receiveTimeNs)
    {
        if (!buffer.fits(length))
        {
            bufferOverflows++; // cannot keep it: recovery must start after it
            startBuffering(PacketHeaderDescriptor.sequence(packet, offset) + 1);
            return;
        }
        final int dropped = buffer.append(packet, offset, length, receiveTimeNs);
        if (dropped > 0)
        {
            bufferStartSequence += dropped; // the buffer holds consecutive sequences: the oldest went first
            bufferOverflows += dropped;
        }
    }

    /**
     * Forgets everything: a new publisher session starts.
     */
    void reset()
    {
        buffering = false;
        buffer.clear();
        assembling = NO_INSTRUMENT;
        nextSnapshotSequence = -1;
    }

    /**
     * Abandons the snapshot being assembled (a snapshot packet was refused).
     */
    void abortAssembly()
    {
        assembling = NO_INSTRUMENT;
    }

    /**
     * A validated snapshot packet of the session's current publisher.
     */
    void onSnapshotPacket(final DirectBuffer packet, final int offset, final int length, final long receiveTimeNs)
    {
        final long sequence = PacketHeaderDescriptor.sequence(packet, offset);
        if (sequence != nextSnapshotSequence)
        {
            assembling = NO_INSTRUMENT; // a snapshot packet went missing: what was being assembled is incomplete
        }
        nextSnapshotSequence = sequence + 1;
        if (!buffering && !session.unknownAreStale())
        {
            return; // everything is live and known: snapshots are not needed
        }
        sink.onPacket(sequence, PacketHeaderDescriptor.sendingTimeNs(packet, offset), receiveTimeNs);
        decoder.dispatch(packet, offset, length, handler);
        sink.onEndOfEvent();
    }

    public void onBackPressured(final int instrumentId)
    {
        assemblyBackPressured = true;
    }

    private void completeRecovery(final int instrumentId, final long snapshotSequence)
    {
        final InstrumentTable.Entry entry = instruments.get(instrumentId);
        replayInstrument = instrumentId;
        replayAfterSequence = snapshotSequence;
        replayFailed = false;
        buffer.forEach(this);
        if (replayFailed)
        {
            return; // the replay itself hit back pressure: stay stale, the next snapshot tries again
        }
        instruments.markLive(entry, Math.max(snapshotSequence, session.lastSequence()));
        sink.onLive(instrumentId);
        sink.onEndOfEvent();
        recoveries++;
        counters.recoveries().incrementRelease();
        counters.staleInstruments().setRelease(instruments.staleCount());
        if (instruments.staleCount() == 0)
        {
            buffering = false;
            buffer.clear();
        }
    }

    /**
     * Replays one kept packet for the instrument being recovered.
     */
    public void onPacket(final DirectBuffer packet, final int offset, final int length, final long receiveTimeNs)
    {
        final long sequence = PacketHeaderDescriptor.sequence(packet, offset);
        if (sequence > replayAfterSequence && !replayFailed &&
            !session.replay(replayInstrument, packet, offset, length, sequence, receiveTimeNs))
        {
            replayFailed = true;
        }
    }

    long recoveries()
    {
        return recoveries;
    }

    long bufferOverflows()
    {
        return bufferOverflows;
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
                if (session.unknownAreStale())
                {
                    session.markStale(added);
                }
            }
            else
            {
                entry.tickSize = m.tickSize();
            }
            if (instruments.get(m.instrumentId()).state() == InstrumentTable.STALE)
            {
                translator.onInstrumentDefinition(m); // the book must exist before its snapshot is applied
            }
        }

        public void onSnapshotBegin(final SnapshotBeginDecoder m)
        {
            final InstrumentTable.Entry entry = instruments.get(m.instrumentId());
            assembling = NO_INSTRUMENT;
            if (null == entry || entry.state() != InstrumentTable.STALE || !buffering ||
                m.lastSequence() < bufferStartSequence - 1 || m.orderCount() < 0)
            {
                return; // not needed, or too old to join up with the buffered incrementals
            }
            assembling = m.instrumentId();
            assemblingLastSequence = m.lastSequence();
            assemblingExpected = m.orderCount();
            assemblingReceived = 0;
            assemblyBackPressured = false;
            translator.onSnapshotBegin(m);
            checkBackPressure();
        }

        public void onSnapshotOrder(final SnapshotOrderDecoder m)
        {
            if (assembling == m.instrumentId())
            {
                assemblingReceived++;
                translator.onSnapshotOrder(m);
                checkBackPressure();
            }
        }

        public void onSnapshotOrders(final SnapshotOrdersDecoder m)
        {
            if (assembling == m.instrumentId())
            {
                assemblingReceived += FeedDecoder.snapshotOrderCount(m);
                translator.onSnapshotOrders(m);
                checkBackPressure();
            }
        }

        public void onSnapshotEnd(final SnapshotEndDecoder m)
        {
            if (assembling != m.instrumentId())
            {
                return;
            }
            final int instrumentId = assembling;
            assembling = NO_INSTRUMENT;
            if (m.lastSequence() != assemblingLastSequence || assemblingReceived != assemblingExpected)
            {
                return; // incomplete or inconsistent: wait for the next one
            }
            translator.onSnapshotEnd(m);
            if (!assemblyBackPressured)
            {
                completeRecovery(instrumentId, assemblingLastSequence);
            }
        }

        private void checkBackPressure()
        {
            if (assemblyBackPressured)
            {
                assembling = NO_INSTRUMENT;
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
