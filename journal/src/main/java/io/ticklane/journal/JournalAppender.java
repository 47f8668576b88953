package io.ticklane.journal;

import org.agrona.DirectBuffer;
import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Appends frames. Each instance is used by one thread; any number of instances, in any number of processes, may
 * append to the same journal at once.
 */
public final class JournalAppender
{
    /** Returned by {@link #append} when the journal has no room left. */
    public static final long FULL = -1;

    private final UnsafeBuffer metadata;
    private final UnsafeBuffer data;
    private final long capacity;

    JournalAppender(final UnsafeBuffer metadata, final UnsafeBuffer data, final long capacity)
    {
        this.metadata = metadata;
        this.data = data;
        this.capacity = capacity;
    }

    /**
     * @param recordType  caller-defined type, carried in the frame header.
     * @param timestampNs caller's timestamp, carried in the frame header.
     * @param src         payload buffer.
     * @param srcOffset   payload offset.
     * @param length      payload length.
     * @return position of the committed frame, or {@link #FULL}.
     */
    public long append(
        final int recordType, final long timestampNs, final DirectBuffer src, final int srcOffset, final int length)
    {
        final int frameLength = HEADER_LENGTH + length;
        final int aligned = alignedFrameLength(length);
        final long position = metadata.getAndAddLong(CURSOR_OFFSET, aligned); // atomic claim, across processes
        if (position + aligned > capacity)
        {
            return FULL;
        }
        final int offset = (int)position;
        data.putInt(offset + RECORD_TYPE_OFFSET, recordType);
        data.putLong(offset + TIMESTAMP_OFFSET, timestampNs);
        data.putBytes(offset + HEADER_LENGTH, src, srcOffset, length);
        data.putInt(offset + CRC_OFFSET, Crc32c.INSTANCE.compute(data.addressOffset(), offset + HEADER_LENGTH, length));
        data.putIntRelease(offset + FRAME_LENGTH_OFFSET, frameLength); // commit: everything above is visible first
        return position;
    }
}
