package io.ticklane.venue.cme;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Layout of a CME MDP 3.0 packet: the payload of one UDP datagram on any of a channel's feeds. Little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      MsgSeqNum (uint32)                       |  0  per feed; the snapshot loop
 *  +---------------------------------------------------------------+       restarts at 1 each loop
 *  |                                                               |  4
 *  +                   SendingTime (uint64, ns UTC)                +
 *  |                                                               |
 *  +-------------------------------+-------------------------------+ 12
 *  |      MsgSize (uint16)         |  SBE message header:          |     MsgSize counts itself
 *  +-------------------------------+   BlockLength (uint16),       |
 *  |   TemplateId (uint16), SchemaId (uint16, 1), Version (uint16) |
 *  +---------------------------------------------------------------+ 12 + 10
 *  |   root block (BlockLength bytes), then each repeating group:  |
 *  |   dimension header (groupSize: BlockLength uint16 +           |
 *  |   NumInGroup uint8; groupSize8Byte: the same, NumInGroup at   |
 *  |   offset 7) and NumInGroup entries of BlockLength bytes       |
 *  +---------------------------------------------------------------+ 12 + MsgSize
 *  |   next message ... to the end of the datagram                 |
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class MdpPacketDescriptor
{
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    public static final int MSG_SEQ_NUM_OFFSET = 0;
    public static final int SENDING_TIME_OFFSET = 4;
    public static final int HEADER_LENGTH = 12;
    public static final int MSG_SIZE_LENGTH = 2;
    /** MsgSize plus the SBE message header. */
    public static final int MESSAGE_PREFIX_LENGTH = MSG_SIZE_LENGTH + 8;
    /** Largest UDP payload; CME packets stay well below 1,500. */
    public static final int MAX_PACKET_LENGTH = 65_507;
    /** MatchEventIndicator bit 7: last message of a Globex event. */
    public static final int END_OF_EVENT = 0x80;
    /** MatchEventIndicator bit 5: the message is sent during recovery. */
    public static final int RECOVERY_MSG = 0x20;

    private MdpPacketDescriptor()
    {
    }

    /**
     * @param buffer packet bytes.
     * @param offset packet start.
     * @return the packet's MsgSeqNum.
     */
    public static long msgSeqNum(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + MSG_SEQ_NUM_OFFSET, BYTE_ORDER) & 0xFFFF_FFFFL;
    }

    /**
     * @param buffer packet bytes.
     * @param offset packet start.
     * @return the packet's SendingTime, ns.
     */
    public static long sendingTimeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SENDING_TIME_OFFSET, BYTE_ORDER);
    }
}
