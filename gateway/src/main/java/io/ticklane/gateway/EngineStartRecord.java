package io.ticklane.gateway;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The payload of a {@link JournalRecordTypes#ENGINE_START} record: an engine began a run on this journal, so every
 * session and book state before it belongs to an earlier run. Replay starts afresh at each one, as the engine did.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Engine PID (int64)                         |  0
 *  +---------------------------------------------------------------+
 *  |                     Start Time, epoch ms (int64)               |  8
 *  +---------------------------------------------------------------+
 * </pre>
 * Little-endian; the frame timestamp is the engine's nano clock at start.
 */
public final class EngineStartRecord
{
    public static final int PID_OFFSET = 0;
    public static final int EPOCH_MS_OFFSET = 8;
    public static final int LENGTH = 16;

    private EngineStartRecord()
    {
    }

    /**
     * @param buffer  destination, at least {@link #LENGTH} bytes from offset.
     * @param offset  where.
     * @param pid     the engine's process id.
     * @param epochMs when it started.
     */
    public static void write(final MutableDirectBuffer buffer, final int offset, final long pid, final long epochMs)
    {
        buffer.putLong(offset + PID_OFFSET, pid, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + EPOCH_MS_OFFSET, epochMs, ByteOrder.LITTLE_ENDIAN);
    }

    public static long pid(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + PID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    public static long epochMs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + EPOCH_MS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the record type of an engine start (venue and channel 0).
     */
    public static int recordType()
    {
        return JournalRecordTypes.recordType(0, JournalRecordTypes.ENGINE_START, 0);
    }
}
