package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Appends frames. Each instance is used by one thread; any number of instances, in any number of processes, may
 * append to the same journal at once.
 * <p>
 * An append claims space with an atomic get-and-add on the shared cursor, CASes the frame's first word from 0 to
 * "claimed" (length unset: {@code -L}), writes the header fields and the payload, stores the CRC32C, and commits with
 * a CAS of the first word to {@code +L} (release: everything written before it is visible to a reader that sees
 * the length). Frames up to a chunk are written through this process's mapped window; longer ones by positional
 * write. Steady-state appends allocate nothing.
 */
public final class JournalAppender implements AutoCloseable
{
    /** The journal's size limit is reached: growth would pass {@code maxSizeBytes}. */
    public static final long FULL = -1;
    /** Growing the journal failed (disk full, I/O error, metadata lock timeout); {@link Journal#lastError()}. */
    public static final long GROWTH_FAILED = -2;
    /** The claim outlived the claim timeout and was sealed as padding by a reader: nothing written; retry. */
    public static final long ABANDONED = -3;
    /**
     * The journal is panicked (see docs/JOURNAL.md): nothing is appended until an operator repairs it. Every append
     * path ({@code append} of any size, {@code tryClaim}) returns it from the first append after the panic was
     * published, in any process; {@link Journal#panicReason()} tells the same to a thread that polls, and
     * {@link Journal#describePanic()} says what to do.
     */
    public static final long PANICKED = -4;
    /** The journal is closed. */
    public static final long CLOSED = -5;
    /** The payload is longer than a segment allows (or than a chunk, for {@code tryClaim}). */
    public static final long TOO_LARGE = -6;
    /** Every window of this process's ring is held: raise {@code journal.mapped.windows}. */
    public static final long NO_WINDOW = -7;
    /** {@code tryClaim} or {@code append} while a claim of this appender is still open. */
    public static final long CLAIM_OPEN = -8;

    private static final long OK = 0;
    private static final long RETRY = Long.MIN_VALUE;
    private static final int LARGE_SCRATCH_LENGTH = 1 << 20;

    private final Journal journal;
    private final JournalMetadata metadata;
    private final UnsafeBuffer metadataBuffer;
    private final SegmentStore store;
    private final MappedWindows windows;
    private final int chunkSize;
    private final long segmentSize;
    private final int strideShift;
    private final int indexStride;
    private final int maxPayload;
    private final int pid = (int)JournalMetadata.PID;
    private final boolean forceEachAppend;

    private MappedWindows.Window window;
    private UnsafeBuffer buffer;
    private long windowStart;
    private long windowChunkEnd;
    private long windowEnd;
    private long indexSegment = -1;
    private UnsafeBuffer indexBuffer;
    private boolean claimOpen;
    private ByteBuffer largeScratch;
    private ByteBuffer largeHeader;
    private CRC32C largeCrc;

    JournalAppender(final Journal journal)
    {
        this.journal = journal;
        this.metadata = journal.metadata();
        this.metadataBuffer = metadata.buffer();
        this.store = journal.store();
        this.windows = journal.windows();
        this.chunkSize = metadata.chunkSize();
        this.segmentSize = metadata.segmentSize();
        this.indexStride = metadata.indexStride();
        this.strideShift = Integer.numberOfTrailingZeros(indexStride);
        this.maxPayload = (int)Math.min(Integer.MAX_VALUE - 2 * FRAME_ALIGNMENT, segmentSize - HEADER_LENGTH);
        this.forceEachAppend = journal.options().durability() == Durability.PER_APPEND;
    }

    /**
     * @param recordType  caller-defined type, carried in the frame header.
     * @param timestampNs caller's timestamp, carried in the frame header.
     * @param src         payload buffer.
     * @param srcOffset   payload offset.
     * @param length      payload length.
     * @return position of the committed frame, or a negative error code of this class.
     */
    public long append(
        final int recordType, final long timestampNs, final DirectBuffer src, final int srcOffset, final int length)
    {
        final long unusable = unusable(length);
        if (unusable != OK)
        {
            return unusable;
        }
        final int frameLength = HEADER_LENGTH + length;
        final int aligned = alignedFrameLength(length);
        if (aligned > chunkSize)
        {
            return appendLarge(recordType, timestampNs, src, srcOffset, length);
        }
        final long position = claimFrame(recordType, timestampNs, frameLength, aligned);
        if (position < 0)
        {
            return position;
        }
        final UnsafeBuffer buffer = this.buffer;
        final int offset = (int)(position - windowStart);
        buffer.putBytes(offset + HEADER_LENGTH, src, srcOffset, length);
        return commit(buffer, offset, frameLength, position, position + aligned, timestampNs);
    }

    /**
     * Claims a frame and hands its payload region, inside the mapping, to the caller to write in place; the caller
     * then calls {@link JournalClaim#commit()} or {@link JournalClaim#abort()}. One open claim per appender.
     *
     * @param recordType  caller-defined type.
     * @param timestampNs caller's timestamp.
     * @param length      payload length, at most a chunk less the header.
     * @param claim       flyweight to wrap the claimed region.
     * @return position of the claimed frame, or a negative error code of this class.
     */
    public long tryClaim(final int recordType, final long timestampNs, final int length, final JournalClaim claim)
    {
        final long unusable = unusable(length);
        if (unusable != OK)
        {
            return unusable;
        }
        final int frameLength = HEADER_LENGTH + length;
        final int aligned = alignedFrameLength(length);
        if (aligned > chunkSize)
        {
            return TOO_LARGE;
        }
        final long position = claimFrame(recordType, timestampNs, frameLength, aligned);
        if (position < 0)
        {
            return position;
        }
        claimOpen = true;
        claim.wrap(this, buffer, (int)(position - windowStart), frameLength, position, timestampNs);
        return position;
    }

    /**
     * Claims {@code aligned} bytes of the log, maps them, takes the frame's first word with a CAS and writes the
     * header but for the committed length word.
     *
     * @return position of the claimed frame, or a negative error code of this class.
     */
    private long claimFrame(final int recordType, final long timestampNs, final int frameLength, final int aligned)
    {
        while (true)
        {
            final long position = metadata.claim(aligned);
            final long end = position + aligned;
            if (position >= windowChunkEnd || end > windowEnd)
            {
                final long prepared = prepare(position, end);
                if (prepared == RETRY)
                {
                    continue;
                }
                if (prepared != OK)
                {
                    return prepared;
                }
            }
            if (!FrameProtocol.claim(buffer, (int)(position - windowStart), frameLength, recordType, timestampNs, pid))
            {
                return ABANDONED;
            }
            return position;
        }
    }

    long commitClaim(
        final UnsafeBuffer buffer, final int offset, final int frameLength, final long position, final long timestampNs)
    {
        claimOpen = false;
        final long end = position + BitUtil.align(frameLength, FRAME_ALIGNMENT);
        return commit(buffer, offset, frameLength, position, end, timestampNs);
    }

    void abortClaim(final UnsafeBuffer buffer, final int offset, final int frameLength)
    {
        claimOpen = false;
        FrameProtocol.abort(buffer, offset, frameLength);
    }

    private long unusable(final int length)
    {
        if (journal.isClosed())
        {
            return CLOSED;
        }
        if (metadataBuffer.getIntVolatile(PANIC_REASON_OFFSET) != PANIC_NONE)
        {
            return PANICKED;
        }
        if (claimOpen)
        {
            return CLAIM_OPEN;
        }
        if (length < 0 || length > maxPayload)
        {
            return TOO_LARGE;
        }
        return OK;
    }

    private long commit(
        final UnsafeBuffer buffer,
        final int offset,
        final int frameLength,
        final long position,
        final long end,
        final long timestampNs)
    {
        if (!FrameProtocol.commit(buffer, offset, frameLength))
        {
            return ABANDONED;
        }
        if (((position - 1) >> strideShift) != ((end - 1) >> strideShift))
        {
            indexFrame(position, end, timestampNs);
        }
        if (forceEachAppend)
        {
            window.mapped.force(offset, (int)(end - position));
        }
        return position;
    }

    /**
     * Slow path of an inline append: roll to the next segment, grow, or move to the window of the claim's chunk.
     */
    private long prepare(final long position, final long end)
    {
        final long segmentEnd = (position / segmentSize + 1) * segmentSize;
        if (end > segmentEnd)
        {
            final long padded = padStraddle(position, end, segmentEnd);
            return padded == OK ? RETRY : padded;
        }
        final long grown = grow(end);
        if (grown != OK)
        {
            return grown;
        }
        releaseWindow();
        final MappedWindows.Window acquired = windows.acquire(position, end);
        if (null == acquired)
        {
            return NO_WINDOW;
        }
        window = acquired;
        buffer = acquired.buffer;
        windowStart = acquired.start;
        windowChunkEnd = acquired.start + chunkSize;
        windowEnd = acquired.end;
        return OK;
    }

    private long grow(final long end)
    {
        switch (store.ensureGrown(end, false))
        {
            case SegmentStore.OK:
                return OK;
            case SegmentStore.LIMIT_REACHED:
                return FULL;
            default:
                return GROWTH_FAILED;
        }
    }

    /**
     * The claim straddles the segment end: pad the rest of this segment and the claimed head of the next one, so
     * that every byte of the claim is accounted for, then the caller claims again (in the next segment).
     */
    private long padStraddle(final long position, final long end, final long segmentEnd)
    {
        final long grown = grow(end);
        if (grown != OK)
        {
            return grown;
        }
        final long first = writePad(position, (int)(segmentEnd - position));
        if (first != OK)
        {
            return first;
        }
        return end > segmentEnd ? writePad(segmentEnd, (int)(end - segmentEnd)) : OK;
    }

    private long writePad(final long position, final int length)
    {
        final MappedWindows.Window padWindow = windows.acquire(position, position + HEADER_LENGTH);
        if (null == padWindow)
        {
            return NO_WINDOW;
        }
        try
        {
            padWindow.buffer.compareAndSetLong((int)(position - padWindow.start), 0, headerWord(length, TYPE_PAD));
        }
        finally
        {
            windows.release(padWindow);
        }
        if (((position - 1) >> strideShift) != ((position + length - 1) >> strideShift))
        {
            indexFrame(position, position + length, NO_TIMESTAMP);
        }
        return OK;
    }

    private long appendLarge(
        final int recordType, final long timestampNs, final DirectBuffer src, final int srcOffset, final int length)
    {
        final int frameLength = HEADER_LENGTH + length;
        final int aligned = alignedFrameLength(length);
        while (true)
        {
            final long position = metadata.claim(aligned);
            final long end = position + aligned;
            final long segmentEnd = (position / segmentSize + 1) * segmentSize;
            if (end > segmentEnd)
            {
                final long padded = padStraddle(position, end, segmentEnd);
                if (padded != OK)
                {
                    return padded;
                }
                continue;
            }
            final long grown = grow(end);
            if (grown != OK)
            {
                return grown;
            }
            final MappedWindows.Window headerWindow = windows.acquire(position, position + HEADER_LENGTH);
            if (null == headerWindow)
            {
                return NO_WINDOW;
            }
            try
            {
                return writeLarge(headerWindow, position, end, recordType, timestampNs, src, srcOffset, length,
                    frameLength);
            }
            finally
            {
                windows.release(headerWindow);
            }
        }
    }

    private long writeLarge(
        final MappedWindows.Window headerWindow,
        final long position,
        final long end,
        final int recordType,
        final long timestampNs,
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final int frameLength)
    {
        final UnsafeBuffer header = headerWindow.buffer;
        final int offset = (int)(position - headerWindow.start);
        final long claimWord = headerWord(-frameLength, TYPE_CLAIM);
        if (!FrameProtocol.claim(header, offset, frameLength, recordType, timestampNs, pid))
        {
            return ABANDONED;
        }
        if (null == largeScratch)
        {
            largeScratch = ByteBuffer.allocateDirect(LARGE_SCRATCH_LENGTH);
            largeHeader = ByteBuffer.allocate(HEADER_LENGTH - CRC_START_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
            largeCrc = new CRC32C();
        }
        largeHeader.clear();
        largeHeader.putInt(recordType).putLong(timestampNs).putInt(pid).putInt(frameLength).flip();
        largeCrc.reset();
        largeCrc.update(largeHeader);
        final long segment = position / segmentSize;
        final long fileOffset = position - segment * segmentSize + HEADER_LENGTH;
        try
        {
            final FileChannel channel = store.channel(segment);
            int done = 0;
            while (done < length)
            {
                final int chunk = Math.min(LARGE_SCRATCH_LENGTH, length - done);
                largeScratch.clear();
                src.getBytes(srcOffset + done, largeScratch, chunk);
                largeScratch.flip();
                largeCrc.update(largeScratch.duplicate());
                SegmentStore.writeFully(channel, largeScratch, fileOffset + done);
                done += chunk;
            }
            header.putInt(offset + CRC_OFFSET, (int)largeCrc.getValue());
            if (!header.compareAndSetLong(offset, claimWord, headerWord(frameLength, TYPE_DATA)))
            {
                return ABANDONED;
            }
            indexFrame(position, end, timestampNs);
            if (forceEachAppend)
            {
                channel.force(false);
                headerWindow.mapped.force(offset, HEADER_LENGTH);
            }
            return position;
        }
        catch (final IOException ex)
        {
            header.compareAndSetLong(offset, claimWord, headerWord(frameLength, TYPE_PAD));
            journal.recordError("positional write of a " + length + "-byte frame at " + position + " failed: " + ex);
            return GROWTH_FAILED;
        }
    }

    private void indexFrame(final long position, final long end, final long timestampNs)
    {
        final long segment = position / segmentSize;
        if (segment != indexSegment)
        {
            indexBuffer = store.index(segment);
            indexSegment = segment;
        }
        final UnsafeBuffer index = indexBuffer;
        if (null == index)
        {
            return;
        }
        final long segmentBase = segment * segmentSize;
        for (long boundary = ((position + indexStride - 1) >> strideShift) << strideShift;
            boundary < end;
            boundary += indexStride)
        {
            final long entry = INDEX_HEADER_LENGTH + ((boundary - segmentBase) >> strideShift) * INDEX_ENTRY_LENGTH;
            if (entry + INDEX_ENTRY_LENGTH > index.capacity())
            {
                break;
            }
            JournalIndex.publishEntry(index, (int)entry, position, timestampNs);
        }
    }

    private void releaseWindow()
    {
        if (null != window)
        {
            windows.release(window);
            window = null;
            buffer = null;
            windowStart = 0;
            windowChunkEnd = 0;
            windowEnd = 0;
        }
    }

    /**
     * Releases this appender's window. The appender may not be used afterwards.
     */
    public void close()
    {
        releaseWindow();
    }
}
