package io.ticklane.journal;

import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Reads committed frames in order, zero-copy, and can tail a journal that other threads or processes are still
 * writing: it stops at the first uncommitted frame and resumes there on the next poll. One thread per instance.
 */
public final class JournalReader
{
    private final UnsafeBuffer data;
    private long position;
    private long corruptFrames;

    JournalReader(final UnsafeBuffer data, final long fromPosition)
    {
        this.data = data;
        this.position = fromPosition;
    }

    /**
     * @param handler receives each committed frame.
     * @param limit   most frames to deliver.
     * @return frames delivered.
     */
    public int poll(final FrameHandler handler, final int limit)
    {
        int frames = 0;
        while (frames < limit && position + HEADER_LENGTH <= data.capacity())
        {
            final int offset = (int)position;
            final int frameLength = data.getIntAcquire(offset + FRAME_LENGTH_OFFSET); // pairs with the commit store
            if (frameLength <= 0)
            {
                break;
            }
            final int length = frameLength - HEADER_LENGTH;
            final int crc = Crc32c.INSTANCE.compute(data.addressOffset(), offset + HEADER_LENGTH, length);
            if (crc != data.getInt(offset + CRC_OFFSET))
            {
                corruptFrames++;
            }
            else
            {
                handler.onFrame(
                    data.getInt(offset + RECORD_TYPE_OFFSET),
                    data.getLong(offset + TIMESTAMP_OFFSET),
                    data,
                    offset + HEADER_LENGTH,
                    length,
                    position);
            }
            position += alignedFrameLength(length);
            frames++;
        }
        return frames;
    }

    /**
     * @return position of the next frame to read.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return frames skipped because their CRC did not match.
     */
    public long corruptFrames()
    {
        return corruptFrames;
    }
}
