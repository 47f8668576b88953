package io.ticklane.stream;

import io.ticklane.stream.sbe.MessageHeaderDecoder;
import io.ticklane.stream.sbe.PacketDecoder;

/**
 * Layout constants of the normalized book stream ({@code ticklane-stream.xml}, docs/STREAM.md).
 * <pre>
 *   +==========================================+  one Aeron message = one packet
 *   | messageHeader (8) | Packet (27)          |  stream sequence, sending time, venue sending time,
 *   |                   |                      |  messageCount, kind
 *   +==========================================+
 *   | messageHeader (8) | block                |  message 1 (templates 2..14 are incrementals,
 *   +------------------------------------------+             20..23 served snapshots, 30 a request)
 *   | ...                                      |
 *   +==========================================+
 *
 *   every incremental block starts  | instrumentId int32 | instrumentSequence int64 | ...
 * </pre>
 * Sequences: a packet's {@code sequence} is its publisher's (one Aeron session's) packet count, +1 per packet,
 * including packets lost to back pressure; an incremental's {@code instrumentSequence} is its instrument's event
 * count at the gateway, 1 for the first. A served snapshot is "as of" an instrument sequence: the client applies
 * the incrementals after it.
 */
public final class StreamDescriptor
{
    /** Incremental packet that ends a venue event: the client publishes its books after it. */
    public static final int KIND_END_OF_EVENT = 0;
    /** Snapshot packet. */
    public static final int KIND_SNAPSHOT = 1;
    /** Incremental packet of a venue event too large for one packet: more of the event follows. */
    public static final int KIND_CONTINUED = 2;

    /** Level slot states of a served market-by-price snapshot (as {@code DepthSnapshotDescriptor}). */
    public static final int SLOT_UNKNOWN = 0;
    public static final int SLOT_EMPTY = 1;
    public static final int SLOT_KNOWN = 2;

    /** Offset of the instrument id in every incremental block (after the message header). */
    public static final int INSTRUMENT_ID_OFFSET = 0;
    /** Offset of the instrument sequence in every incremental block. */
    public static final int INSTRUMENT_SEQUENCE_OFFSET = 4;

    /** Bytes of the packet prefix: message header and Packet block. */
    public static final int PACKET_HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH + PacketDecoder.BLOCK_LENGTH;
    /** Largest packet the publisher builds (fits an IPC or UDP publication of 64 KiB terms and more). */
    public static final int MAX_PACKET_LENGTH = 4096;

    /** First and last incremental template ids. */
    public static final int FIRST_INCREMENTAL_TEMPLATE = 2;
    public static final int LAST_INCREMENTAL_TEMPLATE = 14;

    private StreamDescriptor()
    {
    }

    /**
     * @param templateId a template id.
     * @return true for the incrementals (book events with an instrument sequence).
     */
    public static boolean isIncremental(final int templateId)
    {
        return templateId >= FIRST_INCREMENTAL_TEMPLATE && templateId <= LAST_INCREMENTAL_TEMPLATE;
    }
}
