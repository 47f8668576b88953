package io.ticklane.gateway;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The packet header in front of the SBE messages of every feed packet (one Aeron message), little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Channel Id (uint32)                        |  0
 *  +-------------------------------+-------------------------------+
 *  |     Message Count (uint16)    |          Flags (uint16)       |  4
 *  +-------------------------------+-------------------------------+
 *  |                  Sequence (int64), first is 1                  |  8
 *  +---------------------------------------------------------------+
 *  |                Sending Time, ns (int64)                        | 16
 *  +---------------------------------------------------------------+
 *  |                Publisher Session Id (int32, not 0)             | 24
 *  +---------------------------------------------------------------+
 *  |                Reserved (int32, 0)                             | 28
 *  +---------------------------------------------------------------+
 *  |   messageHeader (8) + body, repeated Message Count times       | 32
 *  +---------------------------------------------------------------+
 * </pre>
 * Sequences count packets per channel and publisher session. Snapshot packets ({@link #FLAG_SNAPSHOT}) have their
 * own sequence space. A publisher picks a new session id each time it starts, the same for its lines A and B and its
 * snapshot stream, so a receiver tells a restarted publisher (whose sequence starts again at 1) from a duplicate.
 * A heartbeat packet ({@link #FLAG_HEARTBEAT}) uses no sequence of its own: its sequence field is the last sequence
 * the publisher has sent, so a receiver that has not seen it knows the tail is missing; {@link #FLAG_END_OF_SESSION}
 * on a heartbeat says nothing follows.
 */
public final class PacketHeaderDescriptor
{
    public static final int CHANNEL_ID_OFFSET = 0;
    public static final int MESSAGE_COUNT_OFFSET = 4;
    public static final int FLAGS_OFFSET = 6;
    public static final int SEQUENCE_OFFSET = 8;
    public static final int SENDING_TIME_OFFSET = 16;
    public static final int SESSION_ID_OFFSET = 24;
    public static final int RESERVED_OFFSET = 28;
    public static final int HEADER_LENGTH = 32;

    /** The packet belongs to a snapshot stream rather than the incremental stream. */
    public static final int FLAG_SNAPSHOT = 1;
    /** An unsequenced heartbeat: the sequence field is the last sequence the publisher sent. */
    public static final int FLAG_HEARTBEAT = 2;
    /** On a heartbeat: the publisher's session ends here, nothing follows. */
    public static final int FLAG_END_OF_SESSION = 4;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private PacketHeaderDescriptor()
    {
    }

    public static int channelId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + CHANNEL_ID_OFFSET, ORDER);
    }

    public static int messageCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MESSAGE_COUNT_OFFSET, ORDER) & 0xFFFF;
    }

    public static int flags(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + FLAGS_OFFSET, ORDER) & 0xFFFF;
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    }

    public static long sendingTimeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SENDING_TIME_OFFSET, ORDER);
    }

    public static int sessionId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SESSION_ID_OFFSET, ORDER);
    }

    /**
     * @param buffer        destination.
     * @param offset        packet start.
     * @param channelId     channel.
     * @param messageCount  messages that follow.
     * @param flags         flags.
     * @param sequence      packet sequence.
     * @param sendingTimeNs send time.
     * @param sessionId     publisher session, not 0.
     */
    public static void write(
        final MutableDirectBuffer buffer,
        final int offset,
        final int channelId,
        final int messageCount,
        final int flags,
        final long sequence,
        final long sendingTimeNs,
        final int sessionId)
    {
        buffer.putInt(offset + SESSION_ID_OFFSET, sessionId, ORDER);
        buffer.putInt(offset + RESERVED_OFFSET, 0, ORDER);
        buffer.putInt(offset + CHANNEL_ID_OFFSET, channelId, ORDER);
        buffer.putShort(offset + MESSAGE_COUNT_OFFSET, (short)messageCount, ORDER);
        buffer.putShort(offset + FLAGS_OFFSET, (short)flags, ORDER);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ORDER);
        buffer.putLong(offset + SENDING_TIME_OFFSET, sendingTimeNs, ORDER);
    }

    /**
     * @param buffer        packet.
     * @param offset        packet start.
     * @param messageCount  new count.
     */
    public static void messageCount(final MutableDirectBuffer buffer, final int offset, final int messageCount)
    {
        buffer.putShort(offset + MESSAGE_COUNT_OFFSET, (short)messageCount, ORDER);
    }

    /**
     * @param buffer        packet.
     * @param offset        packet start.
     * @param sendingTimeNs new send time.
     */
    public static void sendingTimeNs(final MutableDirectBuffer buffer, final int offset, final long sendingTimeNs)
    {
        buffer.putLong(offset + SENDING_TIME_OFFSET, sendingTimeNs, ORDER);
    }
}
