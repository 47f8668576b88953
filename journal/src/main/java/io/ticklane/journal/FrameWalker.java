package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * A read-only walk over a range of the log that reports every frame as it is, committed or not, to a
 * {@link FrameVisitor}. Unlike a {@link JournalReader} it neither waits at nor seals uncommitted claims: it steps
 * over them (by the claimed length, or over the zero region a sealer would seal) and carries on. After a broken
 * header it resumes where a frame evidently starts ({@link #resync}); bytes the segment file lacks are reported and
 * the walk resumes at the next segment, which starts on a frame boundary.
 * <p>
 * Writers in other processes may be appending while it walks, so every position it steps to is a frame boundary
 * however the log changes under it; a position inside a frame would read payload as a header and report a frame
 * as broken that is not (recovery panics on that). The one step that needs care is over a region of zeros, see
 * {@link #stepOverEmpty}.
 * <p>
 * Used by one thread per instance; allocates per walk, not per frame.
 */
final class FrameWalker
{
    private final Journal journal;
    private final SegmentStore store;
    private final MappedWindows windows;
    private final int chunkSize;
    private final long segmentSize;
    private MappedWindows.Window window;
    private boolean stopped;
    private final LargeFrames largeFrames;

    FrameWalker(final Journal journal)
    {
        this.journal = journal;
        this.store = journal.store();
        this.windows = journal.windows();
        this.chunkSize = journal.chunkSize();
        this.segmentSize = journal.segmentSize();
        this.largeFrames = new LargeFrames(journal.store(), segmentSize);
    }

    /**
     * @param from    a frame boundary.
     * @param to      walk frames that start below this.
     * @param visitor receives what is found.
     * @return the frame boundary the walk stopped at: at or past {@code to} when it got there (exactly {@code to}
     *         only when a region of zeros, reported as uncommitted, runs up to it), else where it could not go on.
     */
    long walk(final long from, final long to, final FrameVisitor visitor)
    {
        long position = from;
        stopped = false;
        try
        {
            while (position < to && !stopped && visitor.keepGoing())
            {
                if (!ensureWindow(position, position + HEADER_LENGTH))
                {
                    final long next = skipMissing(position, position + HEADER_LENGTH, to, visitor);
                    if (next == position)
                    {
                        break;
                    }
                    position = next;
                    continue;
                }
                position = step(position, to, visitor);
            }
        }
        finally
        {
            releaseWindow();
        }
        return position;
    }

    private void releaseWindow()
    {
        windows.release(window);
        window = null;
    }

    /**
     * No window reaches {@code requiredEnd}: if that is because the segment file ends before it, while the metadata
     * says the log was grown past it, report the missing bytes and go on at the next segment.
     *
     * @return where to go on, or {@code position} when the cause is something else (not grown yet, no window free).
     */
    private long skipMissing(final long position, final long requiredEnd, final long to, final FrameVisitor visitor)
    {
        final long segment = position / segmentSize;
        final long segmentBase = segment * segmentSize;
        final long fileEnd = segmentBase + Math.max(0, store.segmentFileLength(segment));
        if (fileEnd >= requiredEnd || requiredEnd > journal.grownLimit())
        {
            return position;
        }
        final long resume = Math.min(to, segmentBase + segmentSize);
        visitor.onMissing(position, resume - position);
        return resume;
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

    /**
     * Where the log evidently goes on after a broken header at {@code broken}: the first frame start an index entry
     * records after it, or an earlier aligned slot holding a data frame whose length matches its CRC-covered copy
     * and whose CRC matches (a false match needs a payload that forges both), or {@code limit}.
     *
     * @param broken position of the broken header.
     * @param limit  end of the search: the segment end or the end of the walk.
     * @return the next frame boundary to go on from.
     */
    long resync(final long broken, final long limit)
    {
        final long bound = JournalIndex.nextIndexedFrame(journal, broken, limit);
        final long segmentEnd = (broken / segmentSize + 1) * segmentSize;
        for (long slot = broken + FRAME_ALIGNMENT; slot < bound; slot += FRAME_ALIGNMENT)
        {
            if (!ensureWindow(slot, slot + HEADER_LENGTH))
            {
                return slot;
            }
            if (isIntactDataFrame(slot, segmentEnd))
            {
                return slot;
            }
        }
        return bound;
    }

    private boolean isIntactDataFrame(final long slot, final long segmentEnd)
    {
        final UnsafeBuffer buffer = window.buffer;
        final int offset = (int)(slot - window.start);
        final long word = buffer.getLongVolatile(offset);
        final int frameLength = frameLength(word);
        if (frameType(word) != TYPE_DATA || frameLength < HEADER_LENGTH || frameLength > segmentEnd - slot ||
            buffer.getInt(offset + FRAME_LENGTH_COPY_OFFSET) != frameLength)
        {
            return false;
        }
        final int aligned = BitUtil.align(frameLength, FRAME_ALIGNMENT);
        if (aligned <= chunkSize)
        {
            if (!ensureWindow(slot, slot + aligned))
            {
                return false;
            }
            return FrameProtocol.crcMatches(window.buffer, (int)(slot - window.start), frameLength);
        }
        final UnsafeBuffer frame = readLarge(slot, frameLength);
        return null != frame && FrameProtocol.crcMatches(frame, 0, frameLength);
    }


    /**
     * For a read-only reader that has seen a claim without header stay empty for the claim timeout and steps over
     * it instead of sealing it: the end of the empty region, as {@link #stepOverEmpty} finds it.
     *
     * @param position the empty slot.
     * @param limit    end of the search (the cursor seen when the claim was first met, or the segment end).
     * @return the next frame boundary, or {@code position} when that cannot be told yet.
     */
    long emptyRegionEnd(final long position, final long limit)
    {
        stopped = false;
        try
        {
            final long end = firstNonEmpty(position + FRAME_ALIGNMENT, limit);
            return !stopped && firstNonEmpty(position, end) == end ? end : position;
        }
        finally
        {
            releaseWindow();
        }
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
            return stepOverEmpty(position, Math.min(to, segmentEnd), visitor);
        }
        final long limit = Math.min(to, segmentEnd);
        if (frameLength < 0)
        {
            final long claimed = -(long)frameLength;
            if (type != TYPE_CLAIM || claimed < HEADER_LENGTH || claimed > segmentEnd - position)
            {
                return broken(position, word, limit, visitor);
            }
            visitor.onUncommitted(position, (int)claimed, true);
            return position + BitUtil.align((int)claimed, FRAME_ALIGNMENT);
        }
        if (frameLength < HEADER_LENGTH || frameLength > segmentEnd - position ||
            (type != TYPE_DATA && type != TYPE_PAD && type != TYPE_SEALED && type != TYPE_QUARANTINED))
        {
            return broken(position, word, limit, visitor);
        }
        final int aligned = BitUtil.align(frameLength, FRAME_ALIGNMENT);
        if (type != TYPE_DATA)
        {
            visitor.onPadding(position, frameLength, type);
            return position + aligned;
        }
        if (buffer.getInt(offset + FRAME_LENGTH_COPY_OFFSET) != frameLength)
        {
            return broken(position, word, limit, visitor);
        }
        if (position + aligned <= window.end)
        {
            visitData(visitor, position, buffer, offset, frameLength);
        }
        else if (aligned <= chunkSize)
        {
            if (!ensureWindow(position, position + aligned))
            {
                final long next = skipMissing(position, position + aligned, to, visitor);
                return next != position ? next : broken(position, word, limit, visitor);
            }
            visitData(visitor, position, window.buffer, (int)(position - window.start), frameLength);
        }
        else
        {
            final UnsafeBuffer frame = readLarge(position, frameLength);
            if (null == frame)
            {
                final long next = skipMissing(position, position + aligned, to, visitor);
                return next != position ? next : broken(position, word, limit, visitor);
            }
            visitData(visitor, position, frame, 0, frameLength);
        }
        return position + aligned;
    }

    private long broken(final long position, final long word, final long limit, final FrameVisitor visitor)
    {
        final long resumeAt = resync(position, limit);
        visitor.onBroken(position, word, resumeAt);
        return resumeAt;
    }

    /**
     * The first word at {@code position} is 0 (a claim whose header is not down yet, or whose writer died before
     * it) or FILL (a sealer is at work there). A sealer takes each slot with a CAS before looking further, so the
     * first slot it cannot take is a frame start; a read-only walk cannot, and the region may change while it looks:
     * the claim's writer may put its header down and write its payload (by positional write for a frame longer than
     * a chunk) after the walk has read its first word as 0. So the walk finds the first slot after it that is neither
     * 0 nor FILL, across windows (a claim may be longer than a window), then reads the region again from
     * {@code position}, and trusts that slot only if the whole region is still empty. It is a frame start then: a
     * header, once down, never goes back to 0 or FILL, and no byte of a frame is written before its header, so a
     * frame holding that slot would have its header, non-empty, in the region. Otherwise the step is taken again
     * from {@code position} (each retry means a slot of the region has turned non-empty for good, so retries are
     * bounded). In particular the walk never goes on from a window end, which may lie inside a frame.
     *
     * @param limit the walk's end or the segment end, whichever is first.
     * @return where the walk goes on: the next frame, {@code limit}, or {@code position} to look again.
     */
    private long stepOverEmpty(final long position, final long limit, final FrameVisitor visitor)
    {
        final long end = firstNonEmpty(position + FRAME_ALIGNMENT, limit);
        if (!stopped && firstNonEmpty(position, end) == end)
        {
            visitor.onUncommitted(position, (int)(end - position), false);
            return end;
        }
        if (stopped)
        {
            // the region runs into what cannot be mapped (not grown yet, or no window free): report what was seen
            // and end the walk here, at the last boundary known
            final long reached = end >= 0 ? end : -end - 1;
            visitor.onUncommitted(position, (int)Math.max(reached - position, FRAME_ALIGNMENT), false);
        }
        return position;
    }

    /**
     * @return the first aligned slot in {@code [from, limit)} that is neither 0 nor FILL, or {@code limit} when
     *         there is none; when a window cannot be had on the way, sets {@link #stopped} and returns
     *         {@code -(reached + 1)}.
     */
    private long firstNonEmpty(final long from, final long limit)
    {
        long slot = from;
        while (slot < limit)
        {
            if (!ensureWindow(slot, slot + Long.BYTES))
            {
                stopped = true;
                return -(slot + 1);
            }
            final UnsafeBuffer buffer = window.buffer;
            final long windowLimit = Math.min(limit, window.start + chunkSize);
            while (slot < windowLimit && slot + Long.BYTES <= window.end) // a window over a short file ends early
            {
                final long word = buffer.getLongVolatile((int)(slot - window.start));
                if (word != 0 && word != FILL_WORD)
                {
                    return slot;
                }
                slot += FRAME_ALIGNMENT;
            }
        }
        return limit;
    }

    private static void visitData(
        final FrameVisitor visitor, final long position, final UnsafeBuffer buffer, final int offset, final int length)
    {
        visitor.onData(
            position,
            buffer.getInt(offset + RECORD_TYPE_OFFSET),
            buffer.getLong(offset + TIMESTAMP_OFFSET),
            buffer,
            offset + HEADER_LENGTH,
            length - HEADER_LENGTH,
            FrameProtocol.crcMatches(buffer, offset, length));
    }

    private UnsafeBuffer readLarge(final long position, final int frameLength)
    {
        try
        {
            return largeFrames.read(position, frameLength);
        }
        catch (final IOException | RuntimeException ex)
        {
            journal.recordError("cannot read the " + frameLength + "-byte frame at " + position + ": " + ex);
            return null;
        }
    }
}
