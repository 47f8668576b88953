package io.ticklane.engine;

import io.ticklane.book.BookAgent;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventRingWriter;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderPool;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.PacketHeaderDescriptor;
import io.ticklane.gateway.SnapshotWriter;
import io.ticklane.gateway.SyntheticOrderFlow;
import io.ticklane.gateway.TicklaneSession;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
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

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Back pressure is never a silent drop: when a book agent stops draining its ring, the gateway retries for
 * {@code ring.full.timeout}, then drops the event, counts it, and marks that instrument stale; once the book agent
 * drains again, the instrument is rebuilt from the next snapshot and ends equal to the feed, while the instrument
 * on the other book agent never stops being live.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackPressureRecoveryTest
{
    private static AtomicCounter counter()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[128]), 0);
    }


    @Test
    void ringFullPastItsBoundMakesOnlyThatInstrumentStaleUntilASnapshotRebuildsIt()
    {
        final List<InstrumentSpec> instruments = List.of(
            new InstrumentSpec("SLOW", 1, 100, -4, 1_000_000, 2048, 0, 0),
            new InstrumentSpec("FAST", 2, 100, -4, 2_000_000, 2048, 1, 0));
        final SyntheticOrderFlow flow = new SyntheticOrderFlow(instruments, 17);
        final StageRegistry stages = new StageRegistry(10_000_000_000L);
        final RingBuffer[] rings = new RingBuffer[2];
        final BookAgent[] agents = new BookAgent[2];
        for (int i = 0; i < 2; i++)
        {
            rings[i] = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
                (i == 0 ? 16 * 1024 : 1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
            final OrderPool pool = new OrderPool(1 << 14);
            agents[i] = new BookAgent("book." + i, rings[i], pool,
                new BookEventApplier(BookFactory.ladder(pool, BookOptions.DEFAULT, BookListener.NONE),
                    BookListener.NONE),
                new BookAgent.Latency(SystemNanoClock.INSTANCE, stages.newRecorder(LatencyStage.DECODED_TO_APPLIED),
                    stages.newRecorder(LatencyStage.END_TO_END)),
                new BookAgent.Counters(counter(), counter(), counter()), 4096);
        }
        final Int2IntHashMap shards = new Int2IntHashMap(-1);
        shards.put(1, 0);
        shards.put(2, 1);
        final AtomicCounter dropped = counter();
        final BookEventRingWriter router = new BookEventRingWriter(rings, shards, NoOpIdleStrategy.INSTANCE,
            new AtomicCounter[]{counter(), counter()}, SystemNanoClock.INSTANCE,
            stages.newRecorder(LatencyStage.RECEIVE_TO_DECODED), TimeUnit.MICROSECONDS.toNanos(200), dropped);
        final GatewayCounters counters = GatewayCounters.unmapped();
        final TicklaneSession channel = new TicklaneSession(1, new LineArbiter(64, FeedPublisher.MAX_PACKET_LENGTH,
            1_000_000, 1 << 20), router, counters, stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE), null,
            1 << 20);

        final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedPublisher.MAX_PACKET_LENGTH));
        final PacketEncoder encoder = new PacketEncoder();
        long sequence = 1;
        long time = 1;
        encoder.begin(packet, 0, 1, 0, sequence++, time, 3);
        flow.definitions(encoder, time);
        channel.onLinePacket(0, packet, 0, encoder.length(), time);
        drain(agents);

        // book.0 stops draining: its small ring fills, events for SLOW are dropped past the bound
        for (int i = 0; i < 3_000; i++)
        {
            time += 1_000;
            encoder.begin(packet, 0, 1, 0, sequence++, time, 3);
            flow.next(encoder, 4, time);
            channel.onLinePacket(0, packet, 0, encoder.length(), time);
            agents[1].doWork(); // book.1 keeps up
        }
        assertTrue(dropped.get() > 0, "events were dropped past the bound, and counted");
        assertEquals(1, counters.staleInstruments().get(), "only the instrument behind the full ring is stale");

        drain(agents); // book.0 catches up; the stale marker that did not fit is written now
        router.retryPending();
        drain(agents);
        assertTrue(agents[0].applier().book(1).isStale(), "readers of SLOW see it stale");
        assertFalse(agents[1].applier().book(2).isStale(), "FAST never stopped being live");

        final long lastSequence = sequence - 1;
        final long[] snapshotSequence = {1};
        final UnsafeBuffer snapshot = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedPublisher.MAX_PACKET_LENGTH));
        final long snapshotTime = time;
        for (int i = 0; i < flow.instrumentCount(); i++)
        {
            new SnapshotWriter().write(flow, i, lastSequence, snapshotTime, new SnapshotWriter.PacketSink()
            {
                public PacketEncoder begin(final long nowNs)
                {
                    return encoder.begin(snapshot, 0, 1, PacketHeaderDescriptor.FLAG_SNAPSHOT, snapshotSequence[0]++,
                        nowNs, 3);
                }

                public void send()
                {
                    channel.onSnapshotPacket(snapshot, 0, encoder.length(), snapshotTime);
                    drain(agents);
                }
            });
        }
        router.retryPending();
        drain(agents);
        assertEquals(1, counters.recoveries().get());
        assertEquals(0, counters.staleInstruments().get());
        for (int i = 0; i < 2; i++)
        {
            final InstrumentBook book = agents[i].applier().book(i + 1);
            assertFalse(book.isStale(), book.symbol());
            assertEquals(flow.mirror(i).stateHash(), book.book().stateHash(), book.symbol() + " equals the feed");
        }
    }

    private static void drain(final BookAgent[] agents)
    {
        for (final BookAgent agent : agents)
        {
            while (agent.doWork() > 0)
            {
                // drain
            }
        }
    }
}
