package io.ticklane.venue.cme;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.DepthBook;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.gateway.PacketSource;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's steady state allocates nothing: validation, A/B arbitration with holes filled by the other line,
 * the recovery buffer, RptSeq checks, translation and snapshots of live instruments, into a sink that applies the
 * events to depth books; measured with the thread's allocation counter around the session calls only.
 */
class CmeSessionAllocationTest
{
    /** Applies level events to depth books; allocates only on a definition. */
    private static final class DepthSink implements BookEventHandler
    {
        final Int2ObjectHashMap<DepthBook> books = new Int2ObjectHashMap<>();
        long levels;

        public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
        {
        }

        public int onDefinition(final InstrumentDefinition definition)
        {
            books.put(definition.instrumentId(), new DepthBook(definition));
            return DELIVERED;
        }

        public int onAdd(final int id, final long orderId, final int side, final long price, final long quantity)
        {
            return DELIVERED;
        }

        public int onModify(final int id, final long orderId, final long price, final long quantity)
        {
            return DELIVERED;
        }

        public int onDelete(final int id, final long orderId)
        {
            return DELIVERED;
        }

        public int onExecute(final int id, final long orderId, final long quantity)
        {
            return DELIVERED;
        }

        public int onTrade(final int id, final long price, final long quantity, final int aggressorSide)
        {
            return DELIVERED;
        }

        public int onClear(final int id)
        {
            books.get(id).clear();
            return DELIVERED;
        }

        public int onSnapshotBegin(final int id, final long lastSequence, final long count)
        {
            return DELIVERED;
        }

        public int onSnapshotOrder(final int id, final long orderId, final int side, final long price, final long qty)
        {
            return DELIVERED;
        }

        public int onSnapshotEnd(final int id, final long lastSequence)
        {
            return DELIVERED;
        }

        public int onLevel(final int id, final int book, final int side, final int action, final int level,
            final long price, final long quantity, final int orderCount)
        {
            levels++;
            books.get(id).apply(book, side, action, level, price, quantity, orderCount);
            return DELIVERED;
        }

        public int onTradingStatus(final int id, final int status)
        {
            return DELIVERED;
        }

        public void onStale(final int id)
        {
        }

        public void onLive(final int id)
        {
        }

        public void onEndOfEvent()
        {
            for (final DepthBook book : books.values())
            {
                book.publish();
            }
        }
    }

    @Test
    void steadyStateAllocatesNothingPerPacket()
    {
        final VenueSimulator venue = new VenueSimulator(31, 4, 10, 2, 1, 1);
        final List<byte[]> packets = new ArrayList<>();
        for (int e = 0; e < 30_000; e++)
        {
            packets.addAll(venue.nextEvent(e));
        }
        final DepthSink sink = new DepthSink();
        final CmeSession session = new CmeSession(SessionRun.channel(10, 2, InstrumentDefinition.BOOK_LEVELS),
            new CmeSessionOptions(), sink);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        final SplittableRandom random = new SplittableRandom(3);
        final byte[][] snapshots = new byte[packets.size()][];
        final boolean[] dropA = new boolean[packets.size()];
        for (int i = 0; i < packets.size(); i++)
        {
            snapshots[i] = i % 500 == 499 ? venue.snapshot(1, i, i % 4) : null;
            dropA[i] = random.nextInt(10) == 0;
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        final long[] time = {1};
        run(session, packets, snapshots, dropA, buffer, 0, 5_000, time);
        final long before = threads.getThreadAllocatedBytes(id);
        run(session, packets, snapshots, dropA, buffer, 5_000, packets.size(), time);
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        final long measured = packets.size() - 5_000;
        assertEquals(0, session.gaps());
        assertEquals(0, session.staleInstruments());
        assertTrue(sink.levels > 50_000, "levels " + sink.levels);
        // Any allocation per packet is at least 16 bytes, over 400 KB here; a few one-off allocations (a lazily made
        // iterator, a deoptimization) stay far below the bound, as in the engine's HotPathAllocationTest.
        assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes over " + measured + " packets");
    }

    private static void run(
        final CmeSession session,
        final List<byte[]> packets,
        final byte[][] snapshots,
        final boolean[] dropA,
        final UnsafeBuffer buffer,
        final int from,
        final int to,
        final long[] time)
    {
        for (int i = from; i < to; i++)
        {
            final byte[] packet = packets.get(i);
            buffer.wrap(packet);
            if (!dropA[i])
            {
                session.onPacket(PacketSource.INCREMENTAL_A, buffer, 0, packet.length, time[0]);
            }
            session.onPacket(PacketSource.INCREMENTAL_B, buffer, 0, packet.length, time[0]);
            session.onTimer(time[0]);
            if (snapshots[i] != null)
            {
                buffer.wrap(snapshots[i]);
                session.onPacket(PacketSource.SNAPSHOT_A, buffer, 0, snapshots[i].length, time[0]);
            }
            time[0] += 1_000;
        }
    }
}
