package io.ticklane.gateway;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class LineArbiterTest
{
    private static final int A = 0;
    private static final int B = 1;

    private final List<Long> delivered = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();
    private long lateJoin = -1;
    private final SequencedPacketHandler handler = new SequencedPacketHandler()
    {
        public void onSequencedPacket(
            final DirectBuffer buffer, final int offset, final int length, final long sequence, final long receiveNs)
        {
            assertEquals(sequence, buffer.getLong(offset), "the bytes delivered are the packet's own");
            delivered.add(sequence);
        }

        public void onGap(final long from, final long to)
        {
            gaps.add(from + "-" + to);
        }

        public void onLateJoin(final long first)
        {
            lateJoin = first;
        }
    };

    private static UnsafeBuffer packet(final long sequence)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        buffer.putLong(0, sequence);
        return buffer;
    }

    private void send(final LineArbiter arbiter, final int line, final long sequence, final long nowNs)
    {
        arbiter.onPacket(line, sequence, packet(sequence), 0, 16, nowNs, handler);
    }

    private static List<Long> range(final long from, final long to)
    {
        final List<Long> list = new ArrayList<>();
        for (long s = from; s <= to; s++)
        {
            list.add(s);
        }
        return list;
    }

    @Test
    void lossOnOneLineFilledByTheOtherIsNotAGap()
    {
        final LineArbiter arbiter = new LineArbiter(64, 64, 1_000_000, 1 << 20);
        final SplittableRandom random = new SplittableRandom(1);
        for (long s = 1; s <= 10_000; s++)
        {
            final boolean dropA = random.nextInt(20) == 0;
            final boolean dropB = !dropA && random.nextInt(20) == 0;
            final boolean bFirst = random.nextBoolean();
            if (bFirst && !dropB)
            {
                send(arbiter, B, s, s);
            }
            if (!dropA)
            {
                send(arbiter, A, s, s);
            }
            if (!bFirst && !dropB)
            {
                send(arbiter, B, s, s);
            }
        }
        assertEquals(range(1, 10_000), delivered);
        assertTrue(gaps.isEmpty(), gaps.toString());
        assertTrue(arbiter.lineLosses(A) > 300 && arbiter.lineLosses(B) > 300, "both lines lost some");
        assertEquals(10_000 - arbiter.lineLosses(A), arbiter.lineReceived(A));
        assertEquals(arbiter.lineReceived(A) + arbiter.lineReceived(B) - 10_000,
            arbiter.lineDuplicates(A) + arbiter.lineDuplicates(B), "every second copy is a duplicate");
    }

    @Test
    void laggingLineFillsAHoleInsideTheWindow()
    {
        final LineArbiter arbiter = new LineArbiter(64, 64, 1_000_000, 1 << 20);
        send(arbiter, A, 1, 0);
        send(arbiter, A, 3, 10);
        send(arbiter, A, 4, 20);
        assertEquals(List.of(1L), delivered);
        assertEquals(2, arbiter.held());
        send(arbiter, B, 1, 30);
        send(arbiter, B, 2, 40);
        assertEquals(List.of(1L, 2L, 3L, 4L), delivered);
        send(arbiter, B, 3, 50);
        send(arbiter, B, 4, 60);
        assertEquals(4, delivered.size());
        assertTrue(gaps.isEmpty());
        assertEquals(3, arbiter.lineDuplicates(B));
    }

    @Test
    void holeNoLineFillsBecomesAGapAfterTheTimeout()
    {
        final LineArbiter arbiter = new LineArbiter(64, 64, 1_000, 1 << 20);
        send(arbiter, A, 1, 0);
        send(arbiter, A, 4, 100);
        send(arbiter, A, 5, 200);
        assertEquals(0, arbiter.onTimer(1_099, handler), "not yet");
        assertTrue(gaps.isEmpty());
        assertEquals(1, arbiter.onTimer(1_100, handler));
        assertEquals(List.of("2-3"), gaps);
        assertEquals(List.of(1L, 4L, 5L), delivered);
        send(arbiter, B, 2, 1_200);
        assertEquals(3, delivered.size(), "a late copy of a lost packet is dropped");
        assertEquals(2, arbiter.packetsLost());
    }

    @Test
    void fullWindowDeclaresTheOldestHoleAsEachNewPacketNeedsRoom()
    {
        final LineArbiter arbiter = new LineArbiter(16, 64, Long.MAX_VALUE / 2, 1 << 20);
        send(arbiter, A, 1, 0);
        send(arbiter, A, 5, 0);
        for (long s = 7; s <= 30; s++)
        {
            send(arbiter, A, s, 0);
        }
        assertEquals(List.of("2-2", "3-3", "4-4", "6-6"), gaps);
        assertEquals(range(7, 30).size() + 2, delivered.size());
        assertEquals(30, delivered.get(delivered.size() - 1));
        assertEquals(0, arbiter.held());
    }

    @Test
    void joiningARunningFeedIsReportedOnce()
    {
        final LineArbiter arbiter = new LineArbiter(16, 64, 1_000, 1 << 20);
        send(arbiter, B, 500, 0);
        send(arbiter, A, 500, 0);
        send(arbiter, A, 501, 0);
        assertEquals(500, lateJoin);
        assertEquals(List.of(500L, 501L), delivered);
        assertTrue(gaps.isEmpty());
    }

    @Test
    void packetTooLargeToHoldBecomesAGapUnlessDeliveredInOrder()
    {
        final LineArbiter arbiter = new LineArbiter(16, 8, 1_000, 1 << 20);
        send(arbiter, A, 1, 0);
        arbiter.onPacket(A, 3, packet(3), 0, 16, 0, handler);
        assertEquals(1, arbiter.oversizeDropped());
        assertEquals(0, arbiter.held());
        send(arbiter, A, 2, 0);
        arbiter.onPacket(A, 3, packet(3), 0, 16, 0, handler);
        assertEquals(List.of(1L, 2L, 3L), delivered, "in order it needs no holding");
    }

    @Test
    void oneCorruptSequenceFarAheadIsRefusedAndChangesNothing()
    {
        final LineArbiter arbiter = new LineArbiter(16, 64, 1_000, 1_000);
        send(arbiter, A, 1, 0);
        assertEquals(LineArbiter.IMPLAUSIBLE,
            arbiter.onPacket(A, 1L << 40, packet(1L << 40), 0, 16, 0, handler));
        send(arbiter, A, 2, 0);
        assertEquals(List.of(1L, 2L), delivered);
        assertTrue(gaps.isEmpty());
        assertEquals(3, arbiter.expected());
    }

    @Test
    void aConfirmedForwardJumpBecomesAGap()
    {
        final LineArbiter arbiter = new LineArbiter(16, 64, 1_000, 1_000);
        send(arbiter, A, 1, 0);
        final long jump = 1_000_000;
        for (long s = jump; s < jump + LineArbiter.RESYNC_RUN; s++)
        {
            send(arbiter, A, s, 0);
            send(arbiter, B, s, 0); // the other line's copies do not break the run
        }
        assertEquals(1, arbiter.resyncs());
        assertEquals(List.of("2-" + (jump + LineArbiter.RESYNC_RUN - 2)), gaps, "one gap up to the confirming packet");
        assertEquals(jump + LineArbiter.RESYNC_RUN - 1, (long)delivered.get(delivered.size() - 1));
    }

    @Test
    void aConfirmedSequenceResetJoinsAfresh()
    {
        final LineArbiter arbiter = new LineArbiter(16, 64, 1_000, 1_000);
        for (long s = 1; s <= 5_000; s++)
        {
            send(arbiter, A, s, 0);
        }
        for (long s = 1; s <= LineArbiter.RESYNC_RUN + 3; s++)
        {
            send(arbiter, A, s, 0); // the venue restarted at 1
        }
        assertEquals(1, arbiter.resyncs());
        assertEquals(LineArbiter.RESYNC_RUN, lateJoin, "joined at the packet that confirmed the reset");
        assertEquals(List.of((long)LineArbiter.RESYNC_RUN, LineArbiter.RESYNC_RUN + 1L, LineArbiter.RESYNC_RUN + 2L,
            LineArbiter.RESYNC_RUN + 3L), delivered.subList(5_000, delivered.size()));
    }
}
