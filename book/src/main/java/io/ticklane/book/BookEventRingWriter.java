package io.ticklane.book;

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
 * Writes normalized book events, zero-copy, into the many-to-one ring of the book agent that owns each event's
 * instrument ({@link BookEventDescriptor}); a session's sink on the live path. The inverse is
 * {@link BookEventRingReader}.
 * <p>
 * A full ring is never a silent drop: every full claim is counted and retried under the idle strategy. Past
 * {@code fullRingTimeoutNs} the event is given up, counted as dropped, and the call returns
 * {@link BookEventHandler#BACK_PRESSURED} so that the session marks the instrument stale and recovers it. STALE, LIVE
 * and END_OF_EVENT markers are never dropped: one that does not fit is kept, in order, and written by
 * {@link #retryPending()} (or before the next event for the same ring, which never overtakes a marker pending for it).
 * An END_OF_EVENT goes to
 * every ring that received an event since the previous one.
 * <p>
 * One instance per gateway agent thread; any number of writers may share the rings. Allocation-free in steady state.
 */
public final class BookEventRingWriter implements BookEventHandler
{
    private static final int PENDING_STALE = BookEventType.STALE.id();
    private static final int PENDING_LIVE = BookEventType.LIVE.id();
    private static final int PENDING_END = BookEventType.END_OF_EVENT.id();

    private final RingBuffer[] rings;
    private final Int2IntHashMap shardByInstrument;
    private final IdleStrategy fullRingIdle;
    private final AtomicCounter[] ringFull;
    private final NanoClock clock;
    private final StageRecorder receiveToDecoded;
    private final long fullRingTimeoutNs;
    private final AtomicCounter dropped;
    private final boolean[] touched;
    /** Pending markers as (type, instrument id, ring) triples, oldest first. */
    private final IntArrayList pending = new IntArrayList();
    private RingBuffer ring;
    private long sequence;
    private long sendTimeNs;
    private long receiveTimeNs;

    /**
     * @param rings             one ring per book agent, by index.
     * @param shardByInstrument instrument id to ring index; unmapped ids go to {@code id % rings.length}.
     * @param fullRingIdle      how to wait for room in a full ring.
     * @param ringFull          per-ring count of claims that found the ring full.
     * @param clock             timestamps the decoded stage.
     * @param receiveToDecoded  recorder owned by this writer's thread.
     * @param fullRingTimeoutNs how long to retry a full ring before giving up on an event.
     * @param dropped           events given up on.
     */
    public BookEventRingWriter(
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
        this.touched = new boolean[rings.length];
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

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        this.sequence = sequence;
        this.sendTimeNs = sendTimeNs;
        this.receiveTimeNs = receiveTimeNs;
    }

    public int onDefinition(final InstrumentDefinition d)
    {
        final int index = claim(d.instrumentId(), BookEventType.DEFINE, DEFINE_LENGTH);
        if (index < 0)
        {
            return BACK_PRESSURED;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putByte(index + SIDE_OFFSET, (byte)0);
        buffer.putByte(index + PRICE_EXPONENT_OFFSET, (byte)d.priceExponent());
        buffer.putByte(index + BOOKS_OFFSET, (byte)d.books());
        buffer.putLong(index + BAND_TICKS_OFFSET, d.bandTicks());
        buffer.putLong(index + REFERENCE_PRICE_OFFSET, d.referencePrice());
        buffer.putLong(index + TICK_SIZE_OFFSET, d.tickSize());
        for (int i = 0; i < SYMBOL_LENGTH; i++)
        {
            buffer.putByte(index + SYMBOL_OFFSET + i, i < d.symbolLength() ? d.symbolByte(i) : (byte)' ');
        }
        buffer.putInt(index + DEPTH_OFFSET, d.depth());
        buffer.putInt(index + IMPLIED_DEPTH_OFFSET, d.impliedDepth());
        return commit(index);
    }

    public int onAdd(final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        return order(BookEventType.ADD, instrumentId, side, orderId, price, quantity);
    }

    public int onModify(final int instrumentId, final long orderId, final long price, final long quantity)
    {
        return order(BookEventType.MODIFY, instrumentId, 0, orderId, price, quantity);
    }

    public int onDelete(final int instrumentId, final long orderId)
    {
        return order(BookEventType.DELETE, instrumentId, 0, orderId, 0, 0);
    }

    public int onExecute(final int instrumentId, final long orderId, final long quantity)
    {
        return order(BookEventType.EXECUTE, instrumentId, 0, orderId, 0, quantity);
    }

    public int onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
        return order(BookEventType.TRADE, instrumentId, aggressorSide, 0, price, quantity);
    }

    public int onClear(final int instrumentId)
    {
        return order(BookEventType.CLEAR, instrumentId, 0, 0, 0, 0);
    }

    public int onSnapshotBegin(final int instrumentId, final long lastSequence, final long count)
    {
        final int index = claim(instrumentId, BookEventType.SNAPSHOT_BEGIN, EVENT_LENGTH);
        if (index < 0)
        {
            return BACK_PRESSURED;
        }
        ring.buffer().putLong(index + COUNT_OFFSET, count);
        ring.buffer().putLong(index + SEQUENCE_OFFSET, lastSequence);
        return commit(index);
    }

    public int onSnapshotOrder(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        return order(BookEventType.SNAPSHOT_ORDER, instrumentId, side, orderId, price, quantity);
    }

    public int onSnapshotEnd(final int instrumentId, final long lastSequence)
    {
        final int index = claim(instrumentId, BookEventType.SNAPSHOT_END, EVENT_LENGTH);
        if (index < 0)
        {
            return BACK_PRESSURED;
        }
        ring.buffer().putLong(index + SEQUENCE_OFFSET, lastSequence);
        return commit(index);
    }

    public int onLevel(
        final int instrumentId,
        final int book,
        final int side,
        final int action,
        final int level,
        final long price,
        final long quantity,
        final int orderCount)
    {
        final int index = claim(instrumentId, BookEventType.LEVEL, EVENT_LENGTH);
        if (index < 0)
        {
            return BACK_PRESSURED;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putByte(index + SIDE_OFFSET, (byte)side);
        buffer.putByte(index + ACTION_OFFSET, (byte)action);
        buffer.putByte(index + BOOKS_OFFSET, (byte)book);
        buffer.putInt(index + LEVEL_OFFSET, level);
        buffer.putInt(index + ORDER_COUNT_OFFSET, orderCount);
        buffer.putLong(index + PRICE_OFFSET, price);
        buffer.putLong(index + QUANTITY_OFFSET, quantity);
        return commit(index);
    }

    public int onTradingStatus(final int instrumentId, final int status)
    {
        final int index = claim(instrumentId, BookEventType.TRADING_STATUS, EVENT_LENGTH);
        if (index < 0)
        {
            return BACK_PRESSURED;
        }
        ring.buffer().putInt(index + STATUS_OFFSET, status);
        return commit(index);
    }

    public void onStale(final int instrumentId)
    {
        marker(PENDING_STALE, instrumentId, shardOf(instrumentId));
    }

    public void onLive(final int instrumentId)
    {
        marker(PENDING_LIVE, instrumentId, shardOf(instrumentId));
    }

    public void onEndOfEvent()
    {
        for (int r = 0; r < touched.length; r++)
        {
            if (touched[r])
            {
                touched[r] = false;
                marker(PENDING_END, 0, r);
            }
        }
    }

    private int order(
        final BookEventType type,
        final int instrumentId,
        final int side,
        final long orderId,
        final long price,
        final long quantity)
    {
        final int index = claim(instrumentId, type, EVENT_LENGTH);
        if (index < 0)
        {
            return BACK_PRESSURED;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putByte(index + SIDE_OFFSET, (byte)side);
        buffer.putLong(index + ORDER_ID_OFFSET, orderId);
        buffer.putLong(index + PRICE_OFFSET, price);
        buffer.putLong(index + QUANTITY_OFFSET, quantity);
        return commit(index);
    }

    /**
     * @return index of the claimed event, or -1 when the ring stayed full past the timeout (counted as dropped).
     */
    private int claim(final int instrumentId, final BookEventType type, final int length)
    {
        final int shard = shardOf(instrumentId);
        touched[shard] = true;
        if (!pending.isEmpty())
        {
            retryPending(); // an event never overtakes a marker for its ring
        }
        ring = rings[shard];
        int index = pendingFor(shard) ? -1 : ring.tryClaim(type.id(), length);
        if (index < 0)
        {
            final long deadlineNs = clock.nanoTime() + fullRingTimeoutNs;
            while (pendingFor(shard) || (index = ring.tryClaim(type.id(), length)) < 0)
            {
                ringFull[shard].incrementRelease();
                if (clock.nanoTime() - deadlineNs > 0)
                {
                    fullRingIdle.reset();
                    dropped.incrementRelease();
                    return -1;
                }
                fullRingIdle.idle();
                retryPending();
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

    private int commit(final int index)
    {
        final long nowNs = clock.nanoTime();
        ring.buffer().putLong(index + DECODED_TIME_OFFSET, nowNs);
        receiveToDecoded.record(nowNs - receiveTimeNs);
        ring.commit(index);
        return DELIVERED;
    }

    private boolean pendingFor(final int shard)
    {
        for (int i = 2; i < pending.size(); i += 3)
        {
            if (pending.getInt(i) == shard)
            {
                return true;
            }
        }
        return false;
    }

    private void marker(final int type, final int instrumentId, final int shard)
    {
        if (pendingFor(shard) || !tryMarker(type, instrumentId, shard))
        {
            pending.addInt(type);
            pending.addInt(instrumentId);
            pending.addInt(shard);
        }
    }

    private boolean tryMarker(final int type, final int instrumentId, final int shard)
    {
        final RingBuffer target = rings[shard];
        if (type == PENDING_END)
        {
            final int index = target.tryClaim(type, END_OF_EVENT_LENGTH);
            if (index < 0)
            {
                return false;
            }
            target.buffer().putLong(index + END_SEQUENCE_OFFSET, sequence);
            target.commit(index);
            return true;
        }
        final int index = target.tryClaim(type, EVENT_LENGTH);
        if (index < 0)
        {
            return false;
        }
        final MutableDirectBuffer buffer = target.buffer();
        buffer.putInt(index + INSTRUMENT_ID_OFFSET, instrumentId);
        buffer.putLong(index + SEQUENCE_OFFSET, sequence);
        buffer.putLong(index + SEND_TIME_OFFSET, sendTimeNs);
        buffer.putLong(index + RECEIVE_TIME_OFFSET, receiveTimeNs);
        buffer.putLong(index + DECODED_TIME_OFFSET, clock.nanoTime());
        target.commit(index);
        return true;
    }

    /**
     * Writes markers that did not fit earlier, in order. Call each duty cycle.
     *
     * @return markers written.
     */
    public int retryPending()
    {
        int written = 0;
        for (int i = 0; i < pending.size(); )
        {
            final int shard = pending.getInt(i + 2);
            if (!firstPendingFor(shard, i) || !tryMarker(pending.getInt(i), pending.getInt(i + 1), shard))
            {
                i += 3; // keeps its order behind an earlier marker of its ring, or its ring is still full
                continue;
            }
            pending.removeAt(i);
            pending.removeAt(i);
            pending.removeAt(i);
            written++;
        }
        return written;
    }

    private boolean firstPendingFor(final int shard, final int at)
    {
        for (int i = 2; i < at; i += 3)
        {
            if (pending.getInt(i) == shard)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return markers waiting for room.
     */
    public int pendingMarkers()
    {
        return pending.size() / 3;
    }
}
