package io.ticklane.book;

import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRecorder;
import org.agrona.BufferUtil;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * A book agent over a real many-to-one ring, fed by the real {@link BookEventRingWriter}, with counters in memory.
 * One thread (the test's) both writes and drains: a full ring is drained before the writer retries, so nothing is
 * ever dropped. Allocation-free after construction.
 */
final class BookAgentHarness
{
    final ManyToOneRingBuffer ring;
    final BookAgent agent;
    final BookEventRingWriter writer;
    final AtomicCounter applied;
    final AtomicCounter rejected;
    final AtomicCounter poolUsed;
    final AtomicCounter dropped;
    final OrderPool pool;
    private final InstrumentDefinition definition = new InstrumentDefinition();

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
        dropped = counters.newCounter("dropped");
        pool = new OrderPool(poolCapacity);
        agent = new BookAgent("book.test", ring, pool,
            new BookEventApplier(BookFactory.ladder(pool, options, listener), listener),
            new BookAgent.Latency(System::nanoTime,
                new StageRecorder(LatencyStage.DECODED_TO_APPLIED, 10_000_000_000L),
                new StageRecorder(LatencyStage.END_TO_END, 10_000_000_000L)),
            new BookAgent.Counters(applied, rejected, poolUsed), 256);
        writer = new BookEventRingWriter(new RingBuffer[]{ring}, new Int2IntHashMap(-1), new DrainingIdle(),
            new AtomicCounter[]{counters.newCounter("ring full")}, System::nanoTime,
            new StageRecorder(LatencyStage.RECEIVE_TO_DECODED, 10_000_000_000L), Long.MAX_VALUE / 4, dropped);
    }

    /** Waiting for room in the ring means letting the agent drain it (one thread plays both). */
    private final class DrainingIdle implements IdleStrategy
    {
        public void idle(final int workCount)
        {
            agent.doWork();
        }

        public void idle()
        {
            agent.doWork();
        }

        public void reset()
        {
        }
    }

    BookAgentHarness define(
        final int instrumentId, final String symbol, final long tick, final long reference, final int band)
    {
        writer.onDefinition(definition.reset().instrumentId(instrumentId).symbol(symbol).tickSize(tick)
            .priceExponent(-4).referencePrice(reference).bandTicks(band).books(InstrumentDefinition.BOOK_ORDERS));
        return this;
    }

    void event(final NearTouchFlow flow, final int instrumentId)
    {
        switch (flow.type)
        {
            case NearTouchFlow.ADD -> writer.onAdd(instrumentId, flow.orderId, flow.side, flow.price, flow.quantity);
            case NearTouchFlow.MODIFY -> writer.onModify(instrumentId, flow.orderId, flow.price, flow.quantity);
            case NearTouchFlow.DELETE -> writer.onDelete(instrumentId, flow.orderId);
            default -> writer.onExecute(instrumentId, flow.orderId, flow.quantity);
        }
    }

    /**
     * Writes a ring message of any type id with an empty payload (to check unknown types are refused).
     */
    void raw(final int typeId, final int instrumentId)
    {
        final int index = ring.tryClaim(typeId, BookEventDescriptor.EVENT_LENGTH);
        ring.buffer().setMemory(index, BookEventDescriptor.EVENT_LENGTH, (byte)0);
        ring.buffer().putInt(index + BookEventDescriptor.INSTRUMENT_ID_OFFSET, instrumentId);
        ring.commit(index);
    }

    /**
     * Ends the venue event (so the books publish) and applies everything written.
     */
    void drain()
    {
        writer.onEndOfEvent();
        writer.retryPending();
        while (ring.size() > 0)
        {
            agent.doWork();
        }
    }

    InstrumentBook book(final int instrumentId)
    {
        return agent.applier().book(instrumentId);
    }
}
