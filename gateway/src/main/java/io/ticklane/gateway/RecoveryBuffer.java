package io.ticklane.gateway;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A bounded, pre-allocated FIFO of packets with their receive times: what a {@link FeedChannel} keeps while
 * instruments are stale. When full, the oldest packets are dropped to make room. Records never wrap: a record that
 * does not fit before the end of the buffer is placed at the start, and the tail end is marked as padding.
 * <pre>
 *  record: | length (int32, bytes of packet) | reserved (int32) | receive time ns (int64) | packet ... | pad to 8 |
 *  padding: | -1 (int32) |
 * </pre>
 * Single thread. No allocation after construction.
 */
public final class RecoveryBuffer
{
    /** Visits kept packets. */
    @FunctionalInterface
    public interface PacketVisitor
    {
        /**
         * @param buffer        holds the packet.
         * @param offset        packet start.
         * @param length        packet length.
         * @param receiveTimeNs when it arrived.
         */
        void onPacket(DirectBuffer buffer, int offset, int length, long receiveTimeNs);
    }

    private static final int HEADER_LENGTH = 16;
    private static final int PADDING = -1;

    private final UnsafeBuffer buffer;
    private final int capacity;
    private long head;
    private long tail;
    private int count;

    /**
     * @param capacity bytes of storage, a multiple of 8.
     */
    public RecoveryBuffer(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    private static int recordLength(final int packetLength)
    {
        return BitUtil.align(HEADER_LENGTH + packetLength, 8);
    }

    /**
     * @param packetLength a packet's length.
     * @return true when a packet of that length can ever be kept.
     */
    public boolean fits(final int packetLength)
    {
        return recordLength(packetLength) <= capacity;
    }

    /**
     * Appends a packet, dropping the oldest ones while there is no room.
     *
     * @param src           packet bytes.
     * @param offset        packet start.
     * @param length        packet length; must satisfy {@link #fits(int)}.
     * @param receiveTimeNs arrival time.
     * @return packets dropped to make room.
     */
    public int append(final DirectBuffer src, final int offset, final int length, final long receiveTimeNs)
    {
        final int recordLength = recordLength(length);
        if (recordLength > capacity)
        {
            throw new IllegalArgumentException("packet of " + length + " bytes cannot fit a " + capacity +
                "-byte recovery buffer");
        }
        int dropped = 0;
        while (true)
        {
            if (count == 0)
            {
                head = 0; // empty: start at offset 0 so that any record that fits at all fits
                tail = 0;
            }
            final int tailOffset = (int)(tail % capacity);
            final int toEnd = capacity - tailOffset;
            final long needed = recordLength <= toEnd ? recordLength : toEnd + recordLength;
            if (capacity - (tail - head) >= needed)
            {
                if (recordLength > toEnd)
                {
                    buffer.putInt(tailOffset, PADDING);
                    tail += toEnd;
                }
                final int at = (int)(tail % capacity);
                buffer.putInt(at, length);
                buffer.putLong(at + 8, receiveTimeNs);
                buffer.putBytes(at + HEADER_LENGTH, src, offset, length);
                tail += recordLength;
                count++;
                return dropped;
            }
            dropOldest();
            dropped++;
        }
    }

    /**
     * Drops the oldest packet (and any padding in front of it).
     */
    public void dropOldest()
    {
        skipPadding();
        if (count == 0)
        {
            return;
        }
        head += recordLength(buffer.getInt((int)(head % capacity)));
        count--;
        skipPadding();
    }

    private void skipPadding()
    {
        while (head < tail && buffer.getInt((int)(head % capacity)) == PADDING)
        {
            head += capacity - (int)(head % capacity);
        }
    }

    /**
     * Visits every kept packet, oldest first, without removing any.
     *
     * @param visitor receives each packet.
     */
    public void forEach(final PacketVisitor visitor)
    {
        long position = head;
        for (int i = 0; i < count; i++)
        {
            int at = (int)(position % capacity);
            if (buffer.getInt(at) == PADDING)
            {
                position += capacity - at;
                at = 0;
            }
            final int length = buffer.getInt(at);
            visitor.onPacket(buffer, at + HEADER_LENGTH, length, buffer.getLong(at + 8));
            position += recordLength(length);
        }
    }

    /**
     * Empties the buffer.
     */
    public void clear()
    {
        head = 0;
        tail = 0;
        count = 0;
    }

    /**
     * @return packets kept.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return bytes in use, padding included.
     */
    public long bytesUsed()
    {
        return tail - head;
    }
}
