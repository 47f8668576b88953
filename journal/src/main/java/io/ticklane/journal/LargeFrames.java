package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a frame longer than a chunk, which an appender wrote by positional write rather than through a mapped
 * window, the same way back into a direct buffer that grows to the largest such frame seen. One per reader or
 * walker; used by one thread.
 */
final class LargeFrames
{
    private final SegmentStore store;
    private final long segmentSize;
    private ByteBuffer bytes;
    private UnsafeBuffer frame;

    LargeFrames(final SegmentStore store, final long segmentSize)
    {
        this.store = store;
        this.segmentSize = segmentSize;
    }

    /**
     * @param position    log position of the frame.
     * @param frameLength its length, header included.
     * @return the whole frame at offset 0 of a buffer reused by the next call, or null if its segment file ends
     *         before the frame does.
     * @throws IOException if the segment cannot be read.
     */
    UnsafeBuffer read(final long position, final int frameLength) throws IOException
    {
        if (null == bytes || bytes.capacity() < frameLength)
        {
            bytes = ByteBuffer.allocateDirect(BitUtil.findNextPositivePowerOfTwo(frameLength));
            frame = new UnsafeBuffer(bytes);
        }
        final long segment = position / segmentSize;
        final FileChannel channel = store.channel(segment);
        final ByteBuffer dst = bytes.duplicate();
        dst.clear().limit(frameLength);
        long at = position - segment * segmentSize;
        while (dst.hasRemaining())
        {
            final int read = channel.read(dst, at);
            if (read < 0)
            {
                return null;
            }
            at += read;
        }
        return frame;
    }
}
