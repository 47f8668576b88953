package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Reads committed frames in log order, zero-copy, from any frame boundary, and tails a journal that other threads
 * or processes are still writing: it stops at the first frame not yet committed and resumes there on the next poll.
 * It never hands out a torn frame: a frame is delivered only once its length is committed (acquire) and its CRC32C
 * matches; one whose CRC does not match is skipped, counted and reported to the {@link DamageHandler}, as are
 * regions repair quarantined.
 * <p>
 * A claim that stays uncommitted for the claim timeout is sealed as padding (see {@link FrameSealer}), so a dead
 * writer cannot wedge the reader; a reader of a journal opened read-only never writes, and steps over such a claim
 * instead. A frame header with an impossible length or type stops the reader at it ({@link #brokenPosition()}), or,
 * with {@link #skipDamage(DamageHandler)}, is reported and skipped up to the next position where a frame evidently
 * starts. A reader never panics the journal: only the housekeeper's scan and recovery at open, in processes that
 * write, do (see docs/JOURNAL.md).
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
    private final boolean readOnly;
    private long scanLimit = Long.MAX_VALUE;
    private DamageHandler damageHandler;
    private boolean skipDamage;
    private FrameWalker walker;

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
    /** Read-only: every claim below this was made at least a claim timeout ago (a cursor seen that long ago). */
    private long agedBelow;

    private long corruptFrames;
    private long paddingFrames;
    private long sealedClaims;
    private long skippedBytes;
    private long quarantinedFrames;
    private long steppedClaims;
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
        this.readOnly = journal.isReadOnly();
        this.slot = register && !readOnly ? metadata.registerReader(fromPosition) : -1;
    }

    /**
     * Reports what this reader skips, and goes on past damage where the structure allows: past a frame whose CRC
     * does not match (always), past a broken header to the next position where a frame evidently starts (an index
     * entry, or a data frame whose CRC matches), past bytes missing from a segment file to the next segment.
     *
     * @param handler hears each skip; null to stop at a broken header again.
     * @return this.
     */
    public JournalReader skipDamage(final DamageHandler handler)
    {
        damageHandler = handler;
        skipDamage = null != handler;
        return this;
    }

    /**
     * Reads every frame up to the end the log has now (the cursor, bounded by the grown limit), going on past
     * damage ({@link #skipDamage}) and over abandoned claims: it waits for a claim in progress up to the claim
     * timeout, then seals it or, read-only, steps over it. For replay and backtests: the report says whether
     * anything was skipped, where, and whether the read got to the end.
     *
     * @param handler receives each committed frame.
     * @param batch   frames per poll.
     * @param onBatch called after each poll (progress), or null.
     * @return what was skipped.
     */
    public DamageReport readToEnd(final FrameHandler handler, final int batch, final Runnable onBatch)
    {
        final DamageReport report = new DamageReport(journal);
        skipDamage(report);
        return report.readToEnd(this::poll, this::position, handler, batch, onBatch, claimTimeoutNs);
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
                    if (skipMissing(position + HEADER_LENGTH))
                    {
                        continue;
                    }
                    break;
                }
            }
            final int offset = (int)(position - windowStart);
            final long word = FrameProtocol.word(buffer, offset);
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
            if (frameLength < HEADER_LENGTH || frameLength > segmentEnd - position)
            {
                if (!onBroken(word))
                {
                    break;
                }
                continue;
            }
            final int aligned = BitUtil.align(frameLength, FRAME_ALIGNMENT);
            if (type == TYPE_DATA)
            {
                if (buffer.getInt(offset + FRAME_LENGTH_COPY_OFFSET) != frameLength)
                {
                    if (!onBroken(word))
                    {
                        break;
                    }
                    continue;
                }
                if (position + aligned > windowEnd)
                {
                    if (aligned <= chunkSize)
                    {
                        if (!moveWindow(position + aligned))
                        {
                            if (skipMissing(position + aligned))
                            {
                                continue;
                            }
                            break;
                        }
                        continue;
                    }
                    if (!scanOnly && !deliverLarge(handler, frameLength))
                    {
                        if (skipMissing(position + aligned))
                        {
                            continue;
                        }
                        break;
                    }
                }
                else if (!scanOnly)
                {
                    deliver(handler, offset, frameLength);
                }
                frames++;
            }
            else if (type == TYPE_PAD || type == TYPE_SEALED)
            {
                paddingFrames++;
            }
            else if (type == TYPE_QUARANTINED)
            {
                quarantinedFrames++;
                damage(DamageHandler.QUARANTINED, position, frameLength, word);
            }
            else
            {
                if (!onBroken(word))
                {
                    break;
                }
                continue;
            }
            position += aligned;
        }
        publishPosition();
        return frames;
    }

    private void deliver(final FrameHandler handler, final int offset, final int frameLength)
    {
        final UnsafeBuffer buffer = this.buffer;
        if (!FrameProtocol.crcMatches(buffer, offset, frameLength))
        {
            corruptFrames++;
            damage(DamageHandler.CRC_MISMATCH, position, frameLength, buffer.getLong(offset));
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
        catch (final IOException | RuntimeException ex)
        {
            journal.recordError("cannot read the " + frameLength + "-byte frame at " + position + ": " + ex);
            return false;
        }
        if (!FrameProtocol.crcMatches(frame, 0, frameLength))
        {
            corruptFrames++;
            damage(DamageHandler.CRC_MISMATCH, position, frameLength, frame.getLong(0));
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

    private void damage(final int kind, final long at, final long length, final long word)
    {
        if (null != damageHandler)
        {
            damageHandler.onDamage(kind, at, length, word);
        }
    }

    private FrameWalker walker()
    {
        if (null == walker)
        {
            walker = new FrameWalker(journal);
        }
        return walker;
    }

    /**
     * A header that cannot be a frame. The housekeeper's scan, in a process that writes, panics the journal (its
     * writers must stop until an operator repairs it); any other reader stops here, or, skipping damage, reports it
     * and goes on where a frame evidently starts.
     *
     * @return true to go on (position moved), false to stop this poll.
     */
    private boolean onBroken(final long word)
    {
        brokenPosition = position;
        if (scanOnly && !readOnly)
        {
            metadata.panic(PANIC_BROKEN_FRAME, position);
        }
        if (!skipDamage)
        {
            return false;
        }
        final long limit = Math.min(segmentEnd, Math.min(metadata.cursor(), metadata.grownLimit()));
        final long resume = walker().resync(position, Math.max(limit, position + FRAME_ALIGNMENT));
        damage(DamageHandler.BROKEN_HEADER, position, resume - position, word);
        moveTo(resume);
        return true;
    }

    /**
     * No window reaches {@code requiredEnd}. When the log was grown past it but the segment file ends before it, the
     * bytes are missing (the file was cut short or deleted): skipping damage, report them and go on at the next
     * segment.
     *
     * @return true when the position moved past missing bytes.
     */
    private boolean skipMissing(final long requiredEnd)
    {
        if (!skipDamage || requiredEnd > metadata.grownLimit() || position < metadata.firstSegment() * segmentSize)
        {
            return false;
        }
        final long segment = position / segmentSize;
        final long segmentBase = segment * segmentSize;
        if (segmentBase + journal.store().segmentFileLength(segment) >= requiredEnd)
        {
            return false;
        }
        final long next = segmentBase + segmentSize;
        damage(DamageHandler.MISSING, position, Math.min(next, metadata.grownLimit()) - position, 0);
        moveTo(next);
        return true;
    }

    /**
     * Moves this reader to a frame boundary another reader of this process found (a {@link SequentialReader} that
     * hands a position it cannot settle to this one), and publishes it if registered.
     */
    void seek(final long next)
    {
        if (next != position)
        {
            moveTo(next);
        }
        publishPosition();
    }

    private void publishPosition()
    {
        if (slot >= 0 && position != publishedPosition)
        {
            metadata.readerPosition(slot, position);
            publishedPosition = position;
        }
    }

    long claimTimeoutNs()
    {
        return claimTimeoutNs;
    }

    private void moveTo(final long next)
    {
        releaseWindow();
        position = next;
        stuckPosition = -1;
        sealNextPosition = -1;
    }

    /**
     * The frame at the position is not committed. At the end of the log that is normal; below the cursor it is a
     * claim in progress, sealed once it has stayed exactly as it is for the claim timeout (read-only: stepped over,
     * see {@link #stepOver}).
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
            final boolean continuing = position == sealNextPosition && frameLength(word) == 0 ||
                readOnly && position < agedBelow;
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
        if (readOnly)
        {
            agedBelow = Math.max(agedBelow, stuckCursor);
            return stepOver(word);
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

    /**
     * Read-only: a claim unchanged for the claim timeout is abandoned; step over it without sealing it, by its
     * claimed length, or, with no header down, to the first frame after its empty region (found as a read-only walk
     * finds it, see {@link FrameWalker#emptyRegionEnd}).
     *
     * @return true when the position moved.
     */
    private boolean stepOver(final long word)
    {
        final long claimed = -(long)frameLength(word);
        final long next;
        if (claimed > 0)
        {
            if (frameType(word) != TYPE_CLAIM || claimed < HEADER_LENGTH || claimed > segmentEnd - position)
            {
                return onBroken(word);
            }
            next = position + BitUtil.align((int)claimed, FRAME_ALIGNMENT);
        }
        else
        {
            // only up to a cursor seen a claim timeout ago: a zero slot past it may be a live claim still to commit
            next = walker().emptyRegionEnd(position, Math.min(agedBelow, segmentEnd));
            if (next == position)
            {
                return false;
            }
        }
        steppedClaims++;
        damage(DamageHandler.ABANDONED_CLAIM, position, next - position, word);
        moveTo(next);
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
     * @return regions repair quarantined that this reader skipped.
     */
    public long quarantinedFrames()
    {
        return quarantinedFrames;
    }

    /**
     * @return abandoned claims this (read-only) reader stepped over instead of sealing them.
     */
    public long steppedClaims()
    {
        return steppedClaims;
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
     * @return position of the last broken frame header the reader met (and stopped at, unless skipping damage),
     *         or -1.
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
