package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * A read-only walk over a range of the log that reports every frame as it is, committed or not, to a
 * {@link FrameVisitor}. Unlike a {@link JournalReader} it neither waits at nor seals uncommitted claims: it steps
 * over them (by the claimed length, or over the zero region a sealer would seal) and carries on. A broken header
 * ends the walk of its segment; the walk resumes at the next segment, which starts on a frame boundary.
 * <p>
 * Used by one thread per instance; allocates per walk, not per frame.
 */
final class FrameWalker
{
    private final Journal journal;
    private final MappedWindows windows;
    private final SegmentStore store;
    private final int chunkSize;
    private final long segmentSize;
    private MappedWindows.Window window;
    private UnsafeBuffer largeFrame;
    private ByteBuffer largeFrameBytes;

    FrameWalker(final Journal journal)
    {
        this.journal = journal;
        this.windows = journal.windows();
        this.store = journal.store();
        this.chunkSize = journal.chunkSize();
        this.segmentSize = journal.segmentSize();
    }

    /**
     * @param from    a frame boundary.
     * @param to      walk frames that start below this.
     * @param visitor receives what is found.
     * @return the position the walk stopped at.
     */
    long walk(final long from, final long to, final FrameVisitor visitor)
    {
        long position = from;
        try
        {
            while (position < to && visitor.keepGoing())
            {
                if (!ensureWindow(position, position + HEADER_LENGTH))
                {
                    break;
                }
                position = step(position, to, visitor);
            }
        }
        finally
        {
            windows.release(window);
            window = null;
        }
        return position;
    }

    private boolean ensureWindow(final long position, final long requiredEnd)
    {
        if (null != window && position < window.start + chunkSize && requiredEnd <= window.end &&
            position >= window.start)
        {
            return true;
        }
        windows.release(window);
        window = windows.acquire(position, requiredEnd);
        return null != window;
    }

    private long step(final long position, final long to, final FrameVisitor visitor)
    {
        final UnsafeBuffer buffer = window.buffer;
        final int offset = (int)(position - window.start);
        final long segmentEnd = (position / segmentSize + 1) * segmentSize;
        final long word = buffer.getLongVolatile(offset);
        final int frameLength = frameLength(word);
        final int type = frameType(word);
        if (word == 0 || word == FILL_WORD)
        {
            final long limit = Math.min(Math.min(to, segmentEnd), window.end);
            final int end = Math.max(
                FrameSealer.emptyRegionEnd(buffer, offset, (int)(limit - window.start)), offset + FRAME_ALIGNMENT);
            visitor.onUncommitted(position, end - offset, false);
            return window.start + end;
        }
        if (frameLength < 0)
        {
            final long claimed = -(long)frameLength;
            if (type != TYPE_CLAIM || claimed < HEADER_LENGTH || claimed > segmentEnd - position)
            {
                visitor.onBroken(position, word);
                return segmentEnd;
            }
            visitor.onUncommitted(position, (int)claimed, true);
            return position + BitUtil.align((int)claimed, FRAME_ALIGNMENT);
        }
        if (frameLength < HEADER_LENGTH || frameLength > segmentEnd - position ||
            (type != TYPE_DATA && type != TYPE_PAD && type != TYPE_SEALED))
        {
            visitor.onBroken(position, word);
            return segmentEnd;
        }
        final int aligned = BitUtil.align(frameLength, FRAME_ALIGNMENT);
        if (type != TYPE_DATA)
        {
            visitor.onPadding(position, frameLength, type);
            return position + aligned;
        }
        if (buffer.getInt(offset + FRAME_LENGTH_COPY_OFFSET) != frameLength)
        {
            visitor.onBroken(position, word);
            return segmentEnd;
        }
        if (position + aligned <= window.end)
        {
            visitData(visitor, position, buffer, offset, frameLength);
        }
        else if (aligned <= chunkSize)
        {
            if (ensureWindow(position, position + aligned))
            {
                visitData(visitor, position, window.buffer, (int)(position - window.start), frameLength);
            }
            else
            {
                visitor.onBroken(position, word);
                return segmentEnd;
            }
        }
        else
        {
            final UnsafeBuffer frame = readLarge(position, frameLength);
            if (null == frame)
            {
                visitor.onBroken(position, word);
                return segmentEnd;
            }
            visitData(visitor, position, frame, 0, frameLength);
        }
        return position + aligned;
    }

    private static void visitData(
        final FrameVisitor visitor, final long position, final UnsafeBuffer buffer, final int offset, final int length)
    {
        final int crc = Crc32c.INSTANCE.compute(
            buffer.addressOffset(), offset + CRC_START_OFFSET, length - CRC_START_OFFSET);
        visitor.onData(
            position,
            buffer.getInt(offset + RECORD_TYPE_OFFSET),
            buffer.getLong(offset + TIMESTAMP_OFFSET),
            buffer,
            offset + HEADER_LENGTH,
            length - HEADER_LENGTH,
            crc == buffer.getInt(offset + CRC_OFFSET));
    }

    private UnsafeBuffer readLarge(final long position, final int frameLength)
    {
        if (null == largeFrameBytes || largeFrameBytes.capacity() < frameLength)
        {
            largeFrameBytes = ByteBuffer.allocateDirect(BitUtil.findNextPositivePowerOfTwo(frameLength));
            largeFrame = new UnsafeBuffer(largeFrameBytes);
        }
        final long segment = position / segmentSize;
        try
        {
            final FileChannel channel = store.channel(segment);
            final ByteBuffer dst = largeFrameBytes.duplicate();
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
            return largeFrame;
        }
        catch (final IOException ex)
        {
            journal.recordError("cannot read the " + frameLength + "-byte frame at " + position + ": " + ex);
            return null;
        }
    }
}
