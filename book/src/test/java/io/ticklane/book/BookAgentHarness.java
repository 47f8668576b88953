package io.ticklane.book;

import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRecorder;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import static io.ticklane.book.BookEventDescriptor.*;

/**
 * A book agent over a real many-to-one ring, with counters in memory, and writers for each event type. One
 * thread (the test's) both writes and drains. Allocation-free after construction.
 */
final class BookAgentHarness
{
    final ManyToOneRingBuffer ring;
    final BookAgent agent;
    final AtomicCounter applied;
    final AtomicCounter rejected;
    final AtomicCounter poolUsed;
    final OrderPool pool;

    BookAgentHarness(final int poolCapacity, final BookOptions options, final BookListener listener)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            BufferUtil.allocateDirectAligned((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH, 64)));
        final CountersManager counters = new CountersManager(
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(64 * 1024, 64)),
            new UnsafeBuffer(BufferUtil.allocateDirectAligned(8 * 1024, 64)));
        applied = counters.newCounter("applied");
        rejected = counters.newCounter("rejected");
        poolUsed = counters.newCounter("pool used");
        pool = new OrderPool(poolCapacity);
        agent = new BookAgent("book.test", ring, pool, System::nanoTime,
            new StageRecorder(LatencyStage.DECODED_TO_APPLIED, 10_000_000_000L),
            new StageRecorder(LatencyStage.END_TO_END, 10_000_000_000L),
            applied, rejected, poolUsed, 256, options, listener);
    }

    private int claim(final int type, final int instrumentId, final int length)
    {
        int index;
        while ((index = ring.tryClaim(type, length)) < 0)
        {
            agent.doWork();
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putInt(index + INSTRUMENT_ID_OFFSET, instrumentId);
        final long now = System.nanoTime();
        buffer.putLong(index + SEND_TIME_OFFSET, now);
        buffer.putLong(index + RECEIVE_TIME_OFFSET, now);
        buffer.putLong(index + DECODED_TIME_OFFSET, now);
        return index;
    }

    void define(final int instrumentId, final String symbol, final long tick, final long reference, final int band)
    {
        final int index = claim(DEFINE, instrumentId, DEFINE_LENGTH);
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putByte(index + PRICE_EXPONENT_OFFSET, (byte)-4);
        buffer.putLong(index + BAND_TICKS_OFFSET, band);
        buffer.putLong(index + REFERENCE_PRICE_OFFSET, reference);
        buffer.putLong(index + TICK_SIZE_OFFSET, tick);
        BookAgent.putSymbol(buffer, index, symbol);
        ring.commit(index);
    }

    void event(
        final int type, final int instrumentId, final int side, final long orderId, final long price, final long qty)
    {
        final int index = claim(type, instrumentId, EVENT_LENGTH);
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putByte(index + SIDE_OFFSET, (byte)side);
        buffer.putLong(index + ORDER_ID_OFFSET, orderId);
        buffer.putLong(index + PRICE_OFFSET, price);
        buffer.putLong(index + QUANTITY_OFFSET, qty);
        ring.commit(index);
    }

    void event(final NearTouchFlow flow, final int instrumentId)
    {
        final int type = flow.type == NearTouchFlow.ADD ? ADD : flow.type == NearTouchFlow.MODIFY ? MODIFY :
            flow.type == NearTouchFlow.DELETE ? DELETE : EXECUTE;
        event(type, instrumentId, flow.side, flow.orderId, flow.price, flow.quantity);
    }

    void drain()
    {
        while (ring.size() > 0)
        {
            agent.doWork();
        }
    }
}
