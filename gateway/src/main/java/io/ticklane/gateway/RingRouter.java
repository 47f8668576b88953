package io.ticklane.gateway;

import io.ticklane.book.BookEventDescriptor;
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
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import static io.ticklane.book.BookEventDescriptor.*;

/**
 * Turns decoded feed messages into normalized {@link BookEventDescriptor} events and writes each, zero-copy, into
 * the many-to-one ring of the book agent that owns its instrument. Heartbeats stop here.
 * <p>
 * A full ring is never a silent drop: the router counts every full claim and retries under its idle strategy.
 * Past {@code fullRingTimeoutNs} it gives up on that event, counts it as dropped, and reports the instrument through
 * {@link #takeDroppedInstrument()} so the channel marks it stale and recovers it from a snapshot. STALE and LIVE
 * markers are never dropped: one that does not fit is kept and written by {@link #retryPending()}.
 * <p>
 * One instance per gateway agent thread; any number of routers may write to the same rings.
 */
public final class RingRouter implements ChannelEventSink
{
    private final RingBuffer[] rings;
    private final Int2IntHashMap shardByInstrument;
    private final IdleStrategy fullRingIdle;
    private final AtomicCounter[] ringFull;
    private final NanoClock clock;
    private final StageRecorder receiveToDecoded;
    private final long fullRingTimeoutNs;
    private final AtomicCounter dropped;
    private final IntArrayList pendingMarkers = new IntArrayList();
    private int droppedInstrument = NONE;
    private RingBuffer ring;
    private long sequence;
    private long sendTimeNs;
    private long receiveTimeNs;
    private long eventsRouted;

    /**
     * @param rings             one ring per book agent, by index.
     * @param shardByInstrument instrument id to ring index; unmapped ids go to {@code id % rings.length}.
     * @param fullRingIdle      how to wait for room in a full ring.
     * @param ringFull          per-ring count of claims that found the ring full.
     * @param clock             timestamps the decoded stage.
     * @param receiveToDecoded  recorder owned by this router's thread.
     * @param fullRingTimeoutNs how long to retry a full ring before giving up on an event.
     * @param dropped           events given up on.
     */
    public RingRouter(
        final RingBuffer[] rings,
        final Int2IntHashMap shardByInstrument,
        final IdleStrategy fullRingIdle,
        final AtomicCounter[] ringFull,
        final NanoClock clock,
        final StageRecorder receiveToDecoded,
        final long fullRingTimeoutNs,
        final AtomicCounter dropped)
    {
        this.rings = rings;
        this.shardByInstrument = shardByInstrument;
        this.fullRingIdle = fullRingIdle;
        this.ringFull = ringFull;
        this.clock = clock;
        this.receiveToDecoded = receiveToDecoded;
        this.fullRingTimeoutNs = fullRingTimeoutNs;
        this.dropped = dropped;
    }

    /**
     * Sets the packet context stamped into every event of the packet that follows.
     *
     * @param sequence      packet sequence.
     * @param sendTimeNs    publisher send time.
     * @param receiveTimeNs gateway receive time.
     */
    public void beginPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        this.sequence = sequence;
        this.sendTimeNs = sendTimeNs;
        this.receiveTimeNs = receiveTimeNs;
    }

    /**
     * @param instrumentId instrument.
     * @return index of the ring (book agent) that owns it.
     */
    public int shardOf(final int instrumentId)
    {
        final int shard = shardByInstrument.get(instrumentId);
        return shard >= 0 ? shard : (instrumentId & Integer.MAX_VALUE) % rings.length;
    }

    /**
     * @return events written to rings.
     */
    public long eventsRouted()
    {
        return eventsRouted;
    }

    /**
     * @return index of the claimed event, or -1 when the ring stayed full past the timeout.
     */
    private int claim(final int instrumentId, final int type, final int length)
    {
        final int shard = shardOf(instrumentId);
        ring = rings[shard];
        int index = ring.tryClaim(type, length);
        if (index < 0)
        {
            final long deadlineNs = clock.nanoTime() + fullRingTimeoutNs;
            while ((index = ring.tryClaim(type, length)) < 0)
            {
                ringFull[shard].incrementRelease();
                if (clock.nanoTime() - deadlineNs > 0)
                {
                    fullRingIdle.reset();
                    return -1;
                }
                fullRingIdle.idle();
            }
            fullRingIdle.reset();
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putInt(index + INSTRUMENT_ID_OFFSET, instrumentId);
        buffer.putLong(index + SEQUENCE_OFFSET, sequence);
        buffer.putLong(index + SEND_TIME_OFFSET, sendTimeNs);
        buffer.putLong(index + RECEIVE_TIME_OFFSET, receiveTimeNs);
        return index;
    }

    private void commit(final int index)
    {
        final long nowNs = clock.nanoTime();
        ring.buffer().putLong(index + DECODED_TIME_OFFSET, nowNs);
        receiveToDecoded.record(nowNs - receiveTimeNs);
        ring.commit(index);
        eventsRouted++;
    }

    private void order(
        final int type, final int instrumentId, final int side, final long orderId, final long price, final long qty)
    {
        final int index = claim(instrumentId, type, EVENT_LENGTH);
        if (index < 0)
        {
            dropped.incrementRelease();
            droppedInstrument = instrumentId;
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putByte(index + SIDE_OFFSET, (byte)side);
        buffer.putLong(index + ORDER_ID_OFFSET, orderId);
        buffer.putLong(index + PRICE_OFFSET, price);
        buffer.putLong(index + QUANTITY_OFFSET, qty);
        commit(index);
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder m)
    {
        final int index = claim(m.instrumentId(), DEFINE, DEFINE_LENGTH);
        if (index < 0)
        {
            dropped.incrementRelease();
            droppedInstrument = m.instrumentId();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putByte(index + PRICE_EXPONENT_OFFSET, m.priceExponent());
        buffer.putLong(index + BAND_TICKS_OFFSET, m.bandTicks());
        buffer.putLong(index + REFERENCE_PRICE_OFFSET, m.referencePrice());
        buffer.putLong(index + TICK_SIZE_OFFSET, m.tickSize());
        buffer.putBytes(index + SYMBOL_OFFSET, m.buffer(),
            m.offset() + InstrumentDefinitionDecoder.symbolEncodingOffset(), SYMBOL_LENGTH);
        commit(index);
    }

    public void onAddOrder(final AddOrderDecoder m)
    {
        order(ADD, m.instrumentId(), m.sideRaw(), m.orderId(), m.price(), m.quantity());
    }

    public void onModifyOrder(final ModifyOrderDecoder m)
    {
        order(MODIFY, m.instrumentId(), 0, m.orderId(), m.price(), m.quantity());
    }

    public void onDeleteOrder(final DeleteOrderDecoder m)
    {
        order(DELETE, m.instrumentId(), 0, m.orderId(), 0, 0);
    }

    public void onExecuteOrder(final ExecuteOrderDecoder m)
    {
        order(EXECUTE, m.instrumentId(), 0, m.orderId(), 0, m.executedQuantity());
    }

    public void onTrade(final TradeDecoder m)
    {
        order(TRADE, m.instrumentId(), m.aggressorSideRaw(), m.tradeId(), m.price(), m.quantity());
    }

    public void onBookClear(final BookClearDecoder m)
    {
        order(CLEAR, m.instrumentId(), 0, 0, 0, 0);
    }

    public void onSnapshotBegin(final SnapshotBeginDecoder m)
    {
        order(SNAPSHOT_BEGIN, m.instrumentId(), 0, m.lastSequence(), 0, m.orderCount());
    }

    public void onSnapshotOrder(final SnapshotOrderDecoder m)
    {
        order(SNAPSHOT_ORDER, m.instrumentId(), m.sideRaw(), m.orderId(), m.price(), m.quantity());
    }

    public void onSnapshotOrders(final SnapshotOrdersDecoder m)
    {
        final int instrumentId = m.instrumentId();
        for (final SnapshotOrdersDecoder.OrdersDecoder o : m.orders())
        {
            order(SNAPSHOT_ORDER, instrumentId, o.sideRaw(), o.orderId(), o.price(), o.quantity());
        }
    }

    public void onSnapshotEnd(final SnapshotEndDecoder m)
    {
        order(SNAPSHOT_END, m.instrumentId(), 0, m.lastSequence(), 0, 0);
    }

    public void onHeartbeat(final HeartbeatDecoder m)
    {
    }

    public void onInstrumentStale(final int instrumentId)
    {
        marker(STALE, instrumentId);
    }

    public void onInstrumentLive(final int instrumentId)
    {
        marker(LIVE, instrumentId);
    }

    private void marker(final int type, final int instrumentId)
    {
        if (!pendingMarkers.isEmpty() || !tryMarker(type, instrumentId))
        {
            pendingMarkers.addInt(type);
            pendingMarkers.addInt(instrumentId); // keep order behind markers already waiting
        }
    }

    private boolean tryMarker(final int type, final int instrumentId)
    {
        final int index = rings[shardOf(instrumentId)].tryClaim(type, EVENT_LENGTH);
        if (index < 0)
        {
            return false;
        }
        ring = rings[shardOf(instrumentId)];
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putInt(index + INSTRUMENT_ID_OFFSET, instrumentId);
        buffer.putLong(index + SEQUENCE_OFFSET, sequence);
        buffer.putLong(index + SEND_TIME_OFFSET, sendTimeNs);
        buffer.putLong(index + RECEIVE_TIME_OFFSET, receiveTimeNs);
        buffer.putLong(index + DECODED_TIME_OFFSET, clock.nanoTime());
        ring.commit(index);
        return true;
    }

    /**
     * Writes STALE/LIVE markers that did not fit earlier, in order. Call each duty cycle.
     *
     * @return markers written.
     */
    public int retryPending()
    {
        int written = 0;
        while (!pendingMarkers.isEmpty() && tryMarker(pendingMarkers.getInt(0), pendingMarkers.getInt(1)))
        {
            pendingMarkers.removeAt(0);
            pendingMarkers.removeAt(0);
            written++;
        }
        return written;
    }

    public int takeDroppedInstrument()
    {
        final int instrumentId = droppedInstrument;
        droppedInstrument = NONE;
        return instrumentId;
    }
}
