package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Reads committed frames in log order, zero-copy, from any frame boundary, and tails a journal that other threads
 * or processes are still writing: it stops at the first frame not yet committed and resumes there on the next poll.
 * It never hands out a torn frame: a frame is delivered only once its length is committed (acquire) and its CRC32C
 * matches; one whose CRC does not match is skipped and counted.
 * <p>
 * A claim that stays uncommitted for the claim timeout is sealed as padding (see {@link FrameSealer}), so a dead
 * writer cannot wedge the reader. A frame header with an impossible length or type panics the journal and stops
 * the reader at it (see docs/JOURNAL.md).
 * <p>
 * A registered reader publishes its position in the metadata, so that retention never deletes the segment it is
 * on. One thread per instance; steady-state polling allocates nothing.
 */
public final class JournalReader implements AutoCloseable
{
    private final Journal journal;
    private final JournalMetadata metadata;
    private final MappedWindows windows;
    private final int chunkSize;
    private final long segmentSize;
    private final LargeFrames largeFrames;
    private final long claimTimeoutNs;
    private final int slot;
    private final boolean scanOnly;
    private long scanLimit = Long.MAX_VALUE;

    private MappedWindows.Window window;
    private UnsafeBuffer buffer;
    private long windowStart;
    private long windowChunkEnd;
    private long windowEnd;
    private long segmentEnd;
    private long position;
    private long publishedPosition = -1;

    private long stuckPosition = -1;
    private long stuckWord;
    private long stuckSinceNs;
    private long stuckCursor;
    /** Where a region this reader sealed was cut at a window end; a zero claim found there is sealed at once. */
    private long sealNextPosition = -1;

    private long corruptFrames;
    private long paddingFrames;
    private long sealedClaims;
    private long skippedBytes;
    private long brokenPosition = -1;

    JournalReader(final Journal journal, final long fromPosition, final boolean register)
    {
        this(journal, fromPosition, register, false);
    }

    /**
     * @param scanOnly walk headers only, for the housekeeper: no CRC, nothing delivered, abandoned claims sealed.
     */
    JournalReader(final Journal journal, final long fromPosition, final boolean register, final boolean scanOnly)
    {
        this.scanOnly = scanOnly;
        this.journal = journal;
        this.metadata = journal.metadata();
        this.windows = journal.windows();
        this.chunkSize = metadata.chunkSize();
        this.segmentSize = metadata.segmentSize();
        this.largeFrames = new LargeFrames(journal.store(), segmentSize);
        this.claimTimeoutNs = journal.options().claimTimeoutNs();
        this.position = fromPosition;
        this.slot = register ? metadata.registerReader(fromPosition) : -1;
    }

    /**
     * @param handler receives each committed frame.
     * @param limit   most frames to deliver.
     * @return frames delivered or skipped as corrupt (0 when there is nothing new).
     */
    public int poll(final FrameHandler handler, final int limit)
    {
        int frames = 0;
        while (frames < limit && !journal.isClosed() && position < scanLimit)
        {
            if (position >= windowChunkEnd || position + HEADER_LENGTH > windowEnd)
            {
                if (!moveWindow(position + HEADER_LENGTH))
                {
                    break;
                }
            }
            final int offset = (int)(position - windowStart);
            final long word = buffer.getLongVolatile(offset);
            final int frameLength = frameLength(word);
            if (frameLength <= 0)
            {
                if (!onUncommitted(offset, word))
                {
                    break;
                }
                continue;
            }
            final int type = frameType(word);
            if (frameLength < HEADER_LENGTH || frameLength > segmentEnd - position ||
                (type != TYPE_DATA && type != TYPE_PAD && type != TYPE_SEALED))
            {
                brokenPosition = position;
                metadata.panic(PANIC_BROKEN_FRAME, position);
                break;
            }
            final int aligned = BitUtil.align(frameLength, FRAME_ALIGNMENT);
            if (type == TYPE_DATA)
            {
                if (buffer.getInt(offset + FRAME_LENGTH_COPY_OFFSET) != frameLength)
                {
                    brokenPosition = position;
                    metadata.panic(PANIC_BROKEN_FRAME, position);
                    break;
                }
                if (position + aligned > windowEnd)
                {
                    if (aligned <= chunkSize)
                    {
                        if (!moveWindow(position + aligned))
                        {
                            break;
                        }
                        continue;
                    }
                    if (!scanOnly && !deliverLarge(handler, frameLength))
                    {
                        break;
                    }
                }
                else if (!scanOnly)
                {
                    deliver(handler, offset, frameLength);
                }
                frames++;
            }
            else
            {
                paddingFrames++;
            }
            position += aligned;
        }
        if (slot >= 0 && position != publishedPosition)
        {
            metadata.readerPosition(slot, position);
            publishedPosition = position;
        }
        return frames;
    }

    private void deliver(final FrameHandler handler, final int offset, final int frameLength)
    {
        final UnsafeBuffer buffer = this.buffer;
        final int crc = Crc32c.INSTANCE.compute(
            buffer.addressOffset(), offset + CRC_START_OFFSET, frameLength - CRC_START_OFFSET);
        if (crc != buffer.getInt(offset + CRC_OFFSET))
        {
            corruptFrames++;
            return;
        }
        handler.onFrame(
            buffer.getInt(offset + RECORD_TYPE_OFFSET),
            buffer.getLong(offset + TIMESTAMP_OFFSET),
            buffer,
            offset + HEADER_LENGTH,
            frameLength - HEADER_LENGTH,
            position);
    }

    /**
     * A frame longer than a chunk was written by positional write; read it the same way into a buffer that grows
     * to the largest such frame seen.
     */
    private boolean deliverLarge(final FrameHandler handler, final int frameLength)
    {
        final UnsafeBuffer frame;
        try
        {
            frame = largeFrames.read(position, frameLength);
            if (null == frame)
            {
                throw new IOException("end of file");
            }
        }
        catch (final IOException ex)
        {
            journal.recordError("cannot read the " + frameLength + "-byte frame at " + position + ": " + ex);
            return false;
        }
        final int crc = Crc32c.INSTANCE.compute(
            frame.addressOffset(), CRC_START_OFFSET, frameLength - CRC_START_OFFSET);
        if (crc != frame.getInt(CRC_OFFSET))
        {
            corruptFrames++;
            return true;
        }
        handler.onFrame(
            frame.getInt(RECORD_TYPE_OFFSET),
            frame.getLong(TIMESTAMP_OFFSET),
            frame,
            HEADER_LENGTH,
            frameLength - HEADER_LENGTH,
            position);
        return true;
    }

    private boolean moveWindow(final long requiredEnd)
    {
        releaseWindow();
        final long firstBase = metadata.firstSegment() * segmentSize;
        if (position < firstBase)
        {
            skippedBytes += firstBase - position;
            position = firstBase;
            return false;
        }
        final long required = Math.max(requiredEnd, position + HEADER_LENGTH);
        if (required > metadata.grownLimit())
        {
            return false;
        }
        final MappedWindows.Window acquired = windows.acquire(position, required);
        if (null == acquired)
        {
            return false;
        }
        window = acquired;
        buffer = acquired.buffer;
        windowStart = acquired.start;
        windowChunkEnd = acquired.start + chunkSize;
        windowEnd = acquired.end;
        segmentEnd = (position / segmentSize + 1) * segmentSize;
        return true;
    }

    /**
     * The frame at the position is not committed. At the end of the log that is normal; below the cursor it is a
     * claim in progress, sealed once it has stayed exactly as it is for the claim timeout.
     *
     * @return true when the word changed or was sealed (read it again), false to stop this poll.
     */
    private boolean onUncommitted(final int offset, final long word)
    {
        final long cursor = metadata.cursor();
        if (word == 0 && cursor <= position)
        {
            stuckPosition = -1;
            return false;
        }
        final long nowNs = System.nanoTime();
        if (stuckPosition != position || stuckWord != word)
        {
            // only the rest of the region just sealed, which is as old as the region: a claim met anywhere else
            // (after a committed frame at the cut, say) was not seen before and gets the full claim timeout
            final boolean continuing = position == sealNextPosition && frameLength(word) == 0;
            sealNextPosition = -1;
            stuckPosition = position;
            stuckWord = word;
            if (!continuing)
            {
                // claims below the cursor seen now are at least this old when the timeout expires
                stuckCursor = cursor;
                stuckSinceNs = nowNs;
                return false;
            }
            stuckSinceNs = nowNs - claimTimeoutNs;
        }
        if (nowNs - stuckSinceNs < claimTimeoutNs)
        {
            return false;
        }
        if (frameLength(word) < 0)
        {
            if (FrameSealer.sealClaim(buffer, offset, word))
            {
                onSealed();
            }
        }
        else
        {
            final long limit = Math.min(Math.min(stuckCursor, segmentEnd), windowEnd);
            final int sealed = FrameSealer.sealEmpty(buffer, offset, (int)(limit - windowStart));
            if (sealed > 0)
            {
                onSealed();
                sealNextPosition = position + sealed == limit && limit < stuckCursor ? limit : -1;
            }
        }
        if (buffer.getLongVolatile(offset) == word)
        {
            stuckSinceNs = nowNs;
            return false;
        }
        stuckPosition = -1;
        return true;
    }

    private void onSealed()
    {
        sealedClaims++;
        metadata.increment(SEALED_CLAIMS_OFFSET);
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
     * Keeps a scan-only reader below {@code limit}, away from the cache lines writers are still writing.
     */
    void scanLimit(final long limit)
    {
        scanLimit = limit;
    }

    /**
     * Moves a scan-only reader forward to a boundary another process has already scanned to.
     */
    void skipTo(final long boundary)
    {
        if (boundary > position)
        {
            releaseWindow();
            position = boundary;
            stuckPosition = -1;
            sealNextPosition = -1;
        }
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

    /**
     * @return padding frames passed (segment tails, aborted and sealed claims).
     */
    public long paddingFrames()
    {
        return paddingFrames;
    }

    /**
     * @return abandoned claims this reader sealed.
     */
    public long sealedClaims()
    {
        return sealedClaims;
    }

    /**
     * @return bytes skipped because retention had deleted them before this (unregistered) reader got there.
     */
    public long skippedBytes()
    {
        return skippedBytes;
    }

    /**
     * @return position of a broken frame header the reader stopped at, or -1.
     */
    public long brokenPosition()
    {
        return brokenPosition;
    }

    /**
     * @return true when this reader holds a slot in the metadata (retention protects its segment).
     */
    public boolean isRegistered()
    {
        return slot >= 0;
    }

    /**
     * Releases the window and the reader slot.
     */
    public void close()
    {
        releaseWindow();
        if (slot >= 0)
        {
            metadata.releaseReader(slot);
        }
    }
}
