package io.ticklane.gateway;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.OrderBook;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Over a million random and mutated packets, mixed into a live stream on both lines and the snapshot stream:
 * nothing throws out of the gateway, nothing hangs, a packet that fails validation delivers nothing (so it changes
 * no book), and whatever valid-looking garbage does get through leaves the fast book identical to the reference
 * model fed the same events.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatewayFuzzTest
{
    private static final int PACKETS = 1_000_000;

    @Test
    void randomAndMutatedPacketsNeverThrowNeverLeakIntoBooks()
    {
        final SplittableRandom random = new SplittableRandom(20261123);
        final FeedScript feed = new FeedScript(4, 5);
        final BookEventApplier fast = TestBooks.ladder(1 << 16).maxBandTicks(4096); // as the engine caps
        final BookEventApplier reference = TestBooks.reference();
        final TeeSink sink = new TeeSink(fast, reference);
        final GatewayCounters counters = GatewayCounters.unmapped();
        final TicklaneSession channel = new TicklaneSession(FeedScript.CHANNEL_ID,
            new LineArbiter(256, FeedPublisher.MAX_PACKET_LENGTH, 50_000, 1 << 20), sink, counters,
            new StageRegistry(1_000_000_000L).newRecorder(LatencyStage.PUBLISH_TO_RECEIVE), null, 1 << 20);
        final UnsafeBuffer mutant = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedPublisher.MAX_PACKET_LENGTH + 64));
        final List<byte[]> recent = new ArrayList<>();
        final List<byte[]> snapshots = new ArrayList<>();
        recent.add(feed.definitions());
        channel.onLinePacket(0, new UnsafeBuffer(recent.get(0)), 0, recent.get(0).length, 0);

        long now = 1_000;
        long rejected = 0;
        long accepted = 0;
        for (int i = 0; i < PACKETS; i++)
        {
            now += 1_000;
            final int choice = random.nextInt(100);
            if (choice < 10)
            {
                final byte[] packet = feed.next(4);
                recent.add(packet);
                if (recent.size() > 64)
                {
                    recent.remove(0);
                }
                channel.onLinePacket(random.nextInt(2), new UnsafeBuffer(packet), 0, packet.length, now);
            }
            else if (choice < 11)
            {
                snapshots.clear();
                snapshots.addAll(feed.snapshotRound());
                for (final byte[] packet : snapshots)
                {
                    channel.onSnapshotPacket(new UnsafeBuffer(packet), 0, packet.length, now);
                }
            }
            else
            {
                final boolean toSnapshot = choice < 20 && !snapshots.isEmpty();
                final byte[] base = toSnapshot ? snapshots.get(random.nextInt(snapshots.size())) :
                    recent.get(random.nextInt(recent.size()));
                final int length = mutate(random, base, mutant);
                final long eventsBefore = sink.events;
                final long malformedBefore = counters.malformed().get();
                if (toSnapshot)
                {
                    channel.onSnapshotPacket(mutant, 0, length, now);
                }
                else
                {
                    channel.onLinePacket(random.nextInt(2), mutant, 0, length, now);
                }
                if (counters.malformed().get() != malformedBefore)
                {
                    rejected++;
                    assertEquals(eventsBefore, sink.events, "a rejected packet delivered events (iteration " + i + ")");
                }
                else
                {
                    accepted++;
                }
            }
            channel.onTimer(now);
        }

        assertTrue(rejected > 500_000, "most mutants are caught: " + rejected);
        assertTrue(accepted > 0, "some mutants are valid packets (duplicates, or plausible content)");
        for (int i = 0; i < feed.instruments.size(); i++)
        {
            final int id = feed.instruments.get(i).id();
            final OrderBook a = TestBooks.book(fast, id);
            final OrderBook b = TestBooks.book(reference, id);
            if (null != a || null != b)
            {
                assertNotNull(a);
                assertNotNull(b);
                assertEquals(b.stateHash(), a.stateHash(), "fast book and reference model agree on instrument " + id);
                assertEquals(b.orderCount(), a.orderCount());
            }
        }
    }

    /**
     * @return length of the mutant written into {@code out}.
     */
    private static int mutate(final SplittableRandom random, final byte[] base, final UnsafeBuffer out)
    {
        final int kind = random.nextInt(8);
        if (kind == 0)
        {
            final int length = random.nextInt(300);
            for (int i = 0; i < length; i++)
            {
                out.putByte(i, (byte)random.nextInt(256));
            }
            return length;
        }
        out.putBytes(0, base);
        int length = base.length;
        switch (kind)
        {
            case 1:
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--)
                {
                    final int bit = random.nextInt(length * 8);
                    out.putByte(bit >> 3, (byte)(out.getByte(bit >> 3) ^ (1 << (bit & 7))));
                }
                break;
            case 2:
                length = random.nextInt(length);
                break;
            case 3:
                for (int extra = 1 + random.nextInt(40); extra > 0; extra--)
                {
                    out.putByte(length++, (byte)random.nextInt(256));
                }
                break;
            case 4:
                out.putShort(PacketHeaderDescriptor.MESSAGE_COUNT_OFFSET, (short)random.nextInt(65536),
                    ByteOrder.LITTLE_ENDIAN);
                break;
            case 5:
                out.putLong(PacketHeaderDescriptor.SEQUENCE_OFFSET, random.nextLong(-5, 1L << 40),
                    ByteOrder.LITTLE_ENDIAN);
                break;
            case 6:
                final int at = random.nextInt(length);
                out.putByte(at, (byte)random.nextInt(256));
                break;
            default:
                final int field = PacketHeaderDescriptor.HEADER_LENGTH + random.nextInt(8);
                if (field < length)
                {
                    out.putByte(field, (byte)random.nextInt(256)); // message header: block length, template, schema
                }
                break;
        }
        return length;
    }
}
