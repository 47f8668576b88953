package io.ticklane.gateway;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Merges the A and B lines of one feed channel into one gap-free sequence where possible. The first copy of each
 * sequence to arrive wins and later copies are dropped. A packet that arrives ahead of its turn is held in a
 * reorder window until the missing ones arrive on either line; the channel only declares a gap when the window
 * fills or the oldest hole has waited {@code gapTimeoutNs}. So a loss on one line that the other line fills, or a
 * packet overtaken on the wire, is never a gap.
 * <p>
 * Each line's health is tracked: packets received, duplicates, the highest sequence seen, and losses (holes in
 * that line's own sequence, whether or not the other line filled them).
 * <p>
 * A corrupt sequence number must neither stall the channel nor poison it: a packet more than {@code maxJump}
 * ahead of (or behind) the expected sequence is refused as implausible, unless {@link #RESYNC_RUN} consecutive
 * packets confirm the new position, in which case the hole becomes a gap (ahead) or the channel joins afresh
 * (behind: a venue sequence reset).
 * <p>
 * A publisher that goes quiet announces its last sequence ({@link #onAnnounced}, from a heartbeat): if the channel
 * has not delivered up to it, the missing tail waits {@code gapTimeoutNs} like any hole and then becomes a gap, so a
 * lost tail is never mistaken for a quiet feed.
 * <p>
 * Deterministic: time enters only through the receive timestamps and {@link #onTimer}, so journal replay makes
 * the same decisions. Single thread. Holding a packet copies it into a pre-allocated slot; no allocation.
 */
public final class LineArbiter
{
    /** Lines a channel may have. */
    public static final int MAX_LINES = 2;
    /** {@link #onPacket} result: delivered now or held for its turn. */
    public static final int ACCEPTED = 0;
    /** {@link #onPacket} result: a copy of a sequence already delivered, held or declared lost. */
    public static final int DUPLICATE = 1;
    /** {@link #onPacket} result: a sequence implausibly far ahead; refused unless a run of packets confirms it. */
    public static final int IMPLAUSIBLE = 2;
    /** Consecutive packets that confirm an implausible jump (a venue that really moved its sequence on). */
    public static final int RESYNC_RUN = 32;

    private final int window;
    private final int mask;
    private final int maxPacketLength;
    private final long gapTimeoutNs;
    private final long maxJump;
    private final UnsafeBuffer[] slots;
    private final long[] slotSequence;
    private final int[] slotLength;
    private final long[] slotReceiveNs;
    private final long[] lineHighest = new long[MAX_LINES];
    private final long[] lineReceived = new long[MAX_LINES];
    private final long[] lineDuplicates = new long[MAX_LINES];
    private final long[] lineLosses = new long[MAX_LINES];
    private long expected = -1;
    private long announced = -1;
    private long announcedSinceNs;
    private int held;
    private long oldestHeldSinceNs;
    private long gaps;
    private long packetsLost;
    private long oversizeDropped;
    private long implausibleNext = -1;
    private int implausibleRun;
    private long resyncs;

    /**
     * @param window          packets that may be held out of order; a power of two.
     * @param maxPacketLength largest packet that can be held.
     * @param gapTimeoutNs    how long the oldest hole may wait before it is declared a gap.
     * @param maxJump         largest forward jump of the sequence accepted from a single packet; a larger one is
     *                        refused as implausible (a corrupt sequence must not stall or poison the channel)
     *                        until {@link #RESYNC_RUN} consecutive packets confirm it.
     */
    public LineArbiter(final int window, final int maxPacketLength, final long gapTimeoutNs, final long maxJump)
    {
        if (Integer.bitCount(window) != 1)
        {
            throw new IllegalArgumentException("window must be a power of two: " + window);
        }
        this.window = window;
        this.mask = window - 1;
        this.maxPacketLength = maxPacketLength;
        this.gapTimeoutNs = gapTimeoutNs;
        this.maxJump = Math.max(maxJump, window);
        slots = new UnsafeBuffer[window];
        slotSequence = new long[window];
        slotLength = new int[window];
        slotReceiveNs = new long[window];
        for (int i = 0; i < window; i++)
        {
            slots[i] = new UnsafeBuffer(ByteBuffer.allocateDirect(maxPacketLength));
            slotSequence[i] = -1;
        }
    }

    /**
     * @param line          0 (A) or 1 (B).
     * @param sequence      the packet's sequence.
     * @param buffer        packet bytes.
     * @param offset        packet start.
     * @param length        packet length.
     * @param receiveTimeNs arrival time.
     * @param handler       receives packets in order, gaps and a late join.
     * @return {@link #ACCEPTED}, {@link #DUPLICATE} or {@link #IMPLAUSIBLE}.
     */
    public int onPacket(
        final int line,
        final long sequence,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long receiveTimeNs,
        final SequencedPacketHandler handler)
    {
        if (expected > 0 && sequence - expected > maxJump)
        {
            if (!confirmsJump(sequence))
            {
                return IMPLAUSIBLE;
            }
            advanceTo(sequence, handler); // confirmed: everything before it that no line delivered is lost
        }
        if (expected > 0 && expected - sequence > maxJump)
        {
            if (!confirmsJump(sequence))
            {
                return IMPLAUSIBLE;
            }
            restart(); // the venue restarted its sequence (or our first packet was garbage): join afresh
        }
        lineReceived[line]++;
        final long highest = lineHighest[line];
        if (highest > 0 && sequence > highest + 1)
        {
            lineLosses[line] += sequence - highest - 1;
        }
        if (sequence > highest)
        {
            lineHighest[line] = sequence;
        }

        if (expected < 0)
        {
            expected = sequence;
            if (sequence != 1)
            {
                handler.onLateJoin(sequence);
            }
        }
        if (sequence < expected || (held > 0 && isHeld(sequence)))
        {
            lineDuplicates[line]++;
            return DUPLICATE;
        }
        if (sequence == expected)
        {
            handler.onSequencedPacket(buffer, offset, length, sequence, receiveTimeNs);
            expected++;
            releaseInOrder(handler);
            return ACCEPTED;
        }
        if (sequence - expected >= window)
        {
            advanceTo(sequence - window + 1, handler); // the window is full: the oldest holes become gaps now
            if (sequence == expected)
            {
                handler.onSequencedPacket(buffer, offset, length, sequence, receiveTimeNs);
                expected++;
                releaseInOrder(handler);
                return ACCEPTED;
            }
        }
        hold(sequence, buffer, offset, length, receiveTimeNs);
        return ACCEPTED;
    }

    /**
     * Forgets the sequence: the next packet is the channel's first (a publisher that restarted, a venue reset).
     * Held packets are dropped; per-line counters are kept.
     */
    public void restart()
    {
        for (int i = 0; i < window; i++)
        {
            slotSequence[i] = -1;
        }
        held = 0;
        expected = -1;
        announced = -1;
        Arrays.fill(lineHighest, 0);
    }

    /**
     * The publisher says it has sent every sequence up to {@code lastSequence} (an unsequenced heartbeat). If the
     * channel has not delivered up to there, the missing tail waits {@code gapTimeoutNs} from now for any line to
     * bring it, and then becomes a gap ({@link #onTimer}).
     *
     * @param lastSequence  the last sequence the publisher sent.
     * @param receiveTimeNs arrival time of the announcement.
     * @return true when it announced sequences not yet delivered.
     */
    public boolean onAnnounced(final long lastSequence, final long receiveTimeNs)
    {
        if (expected < 0 || lastSequence < expected || lastSequence - expected > maxJump)
        {
            return false; // before the first packet (a late join starts with the next one), nothing missing, or absurd
        }
        if (lastSequence > announced)
        {
            if (announced < expected)
            {
                announcedSinceNs = receiveTimeNs;
            }
            announced = lastSequence;
        }
        return true;
    }

    private boolean confirmsJump(final long sequence)
    {
        if (sequence == implausibleNext - 1)
        {
            return false; // the other line's copy of the packet just counted
        }
        implausibleRun = sequence == implausibleNext ? implausibleRun + 1 : 1;
        implausibleNext = sequence + 1;
        if (implausibleRun < RESYNC_RUN)
        {
            return false;
        }
        implausibleRun = 0;
        implausibleNext = -1;
        resyncs++;
        return true; // the feed really moved on: the hole up to here becomes a gap and the channel recovers
    }

    /**
     * Declares the oldest hole a gap when it has waited long enough.
     *
     * @param nowNs   current time on the receive clock.
     * @param handler receives the gap and the held packets it releases.
     * @return 1 when a gap was declared, else 0.
     */
    public int onTimer(final long nowNs, final SequencedPacketHandler handler)
    {
        if (held == 0)
        {
            if (announced >= expected && expected > 0 && nowNs - announcedSinceNs >= gapTimeoutNs)
            {
                reportGap(expected, announced, handler); // the announced tail never came on any line
                expected = announced + 1;
                return 1;
            }
            return 0;
        }
        if (nowNs - oldestHeldSinceNs < gapTimeoutNs)
        {
            return 0;
        }
        final long firstHeld = firstHeldSequence();
        reportGap(expected, firstHeld - 1, handler);
        expected = firstHeld;
        releaseInOrder(handler);
        return 1;
    }

    private void hold(
        final long sequence, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        if (length > maxPacketLength)
        {
            oversizeDropped++; // cannot hold it; if no line delivers it in order it becomes a gap
            return;
        }
        final int slot = (int)(sequence & mask);
        slots[slot].putBytes(0, buffer, offset, length);
        slotSequence[slot] = sequence;
        slotLength[slot] = length;
        slotReceiveNs[slot] = receiveTimeNs;
        if (held++ == 0)
        {
            oldestHeldSinceNs = receiveTimeNs;
        }
    }

    private void releaseInOrder(final SequencedPacketHandler handler)
    {
        while (held > 0)
        {
            final int slot = (int)(expected & mask);
            if (slotSequence[slot] != expected)
            {
                break;
            }
            deliverHeld(slot, handler);
        }
        if (held > 0)
        {
            oldestHeldSinceNs = slotReceiveNs[(int)(firstHeldSequence() & mask)];
        }
    }

    private void deliverHeld(final int slot, final SequencedPacketHandler handler)
    {
        slotSequence[slot] = -1;
        held--;
        final long sequence = expected++;
        handler.onSequencedPacket(slots[slot], 0, slotLength[slot], sequence, slotReceiveNs[slot]);
    }

    private boolean isHeld(final long sequence)
    {
        return slotSequence[(int)(sequence & mask)] == sequence;
    }

    private void advanceTo(final long mustReach, final SequencedPacketHandler handler)
    {
        while (expected < mustReach)
        {
            if (held > 0 && isHeld(expected))
            {
                deliverHeld((int)(expected & mask), handler);
                continue;
            }
            long end = mustReach - 1;
            if (held > 0)
            {
                end = expected; // held packets lie within the window: at most window steps to the next
                while (end + 1 < mustReach && !isHeld(end + 1))
                {
                    end++;
                }
            }
            reportGap(expected, end, handler);
            expected = end + 1;
        }
        releaseInOrder(handler);
    }

    private long firstHeldSequence()
    {
        for (long s = expected; s < expected + window; s++)
        {
            if (slotSequence[(int)(s & mask)] == s)
            {
                return s;
            }
        }
        throw new IllegalStateException("held=" + held + " but no held packet within the window");
    }

    private void reportGap(final long from, final long to, final SequencedPacketHandler handler)
    {
        gaps++;
        packetsLost += to - from + 1;
        handler.onGap(from, to);
    }

    /**
     * @return next sequence the channel waits for, or -1 before the first packet.
     */
    public long expected()
    {
        return expected;
    }

    /**
     * @return packets held out of order right now.
     */
    public int held()
    {
        return held;
    }

    /**
     * @return gaps declared.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return packets lost on every line.
     */
    public long packetsLost()
    {
        return packetsLost;
    }

    /**
     * @return implausible jumps accepted after a confirming run.
     */
    public long resyncs()
    {
        return resyncs;
    }

    /**
     * @return out-of-order packets too large to hold.
     */
    public long oversizeDropped()
    {
        return oversizeDropped;
    }

    /**
     * @param line 0 or 1.
     * @return packets received on the line.
     */
    public long lineReceived(final int line)
    {
        return lineReceived[line];
    }

    /**
     * @param line 0 or 1.
     * @return copies that arrived after the other line's (or were repeated).
     */
    public long lineDuplicates(final int line)
    {
        return lineDuplicates[line];
    }

    /**
     * @param line 0 or 1.
     * @return holes in the line's own sequence.
     */
    public long lineLosses(final int line)
    {
        return lineLosses[line];
    }

    /**
     * @param line 0 or 1.
     * @return highest sequence seen on the line (0 when none).
     */
    public long lineHighest(final int line)
    {
        return lineHighest[line];
    }
}
