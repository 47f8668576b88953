package io.ticklane.engine;

import io.ticklane.book.BookAgent;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventRingWriter;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.OrderPool;
import io.ticklane.config.EngineConfig;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayAgent;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.Ingress;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.SyntheticOrderFlow;
import io.ticklane.gateway.TicklaneSession;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalAppender;
import io.ticklane.journal.JournalOptions;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.BufferUtil;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole per-event path, run on one thread so its allocation can be measured exactly: the gateway agent's packet
 * path (journal the packet, then the own-feed session: validate, arbitrate, translate into normalized events,
 * write them into the ring) and the book agent applying them. In steady state it allocates nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HotPathAllocationTest
{
    private static final int BATCH = 4;

    @TempDir
    Path dir;

    private static AtomicCounter counter()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[128]), 0);
    }

    @Test
    void steadyStateAllocatesNothingPerEvent()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        final EngineConfig config = TestEngines.config(TestEngines.settings(dir, TestEngines.ipcChannel()));
        try (Journal journal = Journal.open(new JournalOptions(dir.resolve("journal"))))
        {
            final JournalAppender appender = journal.newAppender();
            final RingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
                BufferUtil.allocateDirectAligned((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH, 64)));
            final StageRegistry stages = new StageRegistry(10_000_000_000L);
            final BookEventRingWriter writer = new BookEventRingWriter(new RingBuffer[]{ring},
                new Int2IntHashMap(-1), NoOpIdleStrategy.INSTANCE, new AtomicCounter[]{counter()},
                SystemNanoClock.INSTANCE, stages.newRecorder(LatencyStage.RECEIVE_TO_DECODED), 1_000_000_000L,
                counter());
            final GatewayCounters counters = GatewayCounters.unmapped();
            final TicklaneSession session = new TicklaneSession(1,
                new LineArbiter(256, FeedPublisher.MAX_PACKET_LENGTH, 10_000_000L, 1 << 20), writer, counters,
                stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE), null, 1 << 20);
            final GatewayAgent gateway = new GatewayAgent(new GatewayAgent.Context("gateway.0", session,
                new Ingress[0], appender, writer, SystemNanoClock.INSTANCE,
                stages.newRecorder(LatencyStage.RECEIVE_TO_JOURNAL), counters, 64));
            final OrderPool pool = new OrderPool(1 << 16);
            final BookAgent book = new BookAgent("book.0", ring, pool,
                new BookEventApplier(BookFactory.ladder(pool, BookOptions.DEFAULT, BookListener.NONE),
                    BookListener.NONE),
                new BookAgent.Latency(SystemNanoClock.INSTANCE, stages.newRecorder(LatencyStage.DECODED_TO_APPLIED),
                    stages.newRecorder(LatencyStage.END_TO_END)),
                new BookAgent.Counters(counter(), counter(), counter()), 1024);
            final SyntheticOrderFlow flow = new SyntheticOrderFlow(config.simulator().instruments(), 3);
            final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
            final PacketEncoder encoder = new PacketEncoder();

            encoder.begin(packet, 0, 1, 0, 1, System.nanoTime(), 1);
            flow.definitions(encoder, System.nanoTime());
            process(packet, encoder.length(), gateway, book);

            final int warmupPackets = 200_000;
            final int measuredPackets = 250_000;
            long sequence = 2;
            for (int i = 0; i < warmupPackets; i++)
            {
                sequence = onePacket(flow, encoder, packet, sequence, gateway, book);
            }
            final long threadId = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < measuredPackets; i++)
            {
                sequence = onePacket(flow, encoder, packet, sequence, gateway, book);
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            final long events = (long)measuredPackets * BATCH;

            assertEquals(0, book.applier().undefinedInstrumentEvents());
            assertEquals(0, book.applier().rejected());
            assertEquals(0, counters.gaps().get());
            assertEquals(0, counters.journalErrors().get());
            assertEquals(events + 4, book.applier().applied() - warmupPackets * (long)BATCH, "every event applied");
            assertTrue(allocated < 16 * 1024,
                "allocated " + allocated + " bytes over " + events + " events (" + (double)allocated / events +
                " B/event)");
        }
    }

    private static long onePacket(
        final SyntheticOrderFlow flow,
        final PacketEncoder encoder,
        final UnsafeBuffer packet,
        final long sequence,
        final GatewayAgent gateway,
        final BookAgent book)
    {
        final long now = System.nanoTime();
        encoder.begin(packet, 0, 1, 0, sequence, now, 1);
        flow.next(encoder, BATCH, now);
        process(packet, encoder.length(), gateway, book);
        return sequence + 1;
    }

    private static void process(
        final UnsafeBuffer packet, final int length, final GatewayAgent gateway, final BookAgent book)
    {
        gateway.onPacket(PacketSource.INCREMENTAL_A, packet, 0, length, System.nanoTime());
        while (book.doWork() > 0)
        {
            // drain the ring
        }
    }
}
