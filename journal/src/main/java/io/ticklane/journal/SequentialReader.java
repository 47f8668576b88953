package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * The read path built for replay: committed frames in log order, read with positional reads ({@code pread}) of a
 * whole block at a time into one reused buffer, and handed out zero-copy from it. A mapped reader pays a page fault,
 * and on a virtual machine a hypervisor exit, for every page it maps; a block read copies from the page cache through
 * the kernel's own mapping and pays neither (docs/JOURNAL.md, "Reading for replay", has the figures).
 * <p>
 * It delivers a frame only when, in the bytes read, its first word says committed data, its length matches the
 * CRC-covered copy and its CRC32C matches. Anything else (the end of what is committed, a claim in progress, padding
 * it cannot step over, damage, a frame longer than the buffer, a frame a writer committed while the block was being
 * read, whose bytes were therefore copied partly before the commit) is handed at that position to a mapped
 * {@link JournalReader}, which settles it with an acquire load of the commit word, exactly as it does for any
 * reader: waiting for, sealing or stepping over claims, reporting and skipping damage, reading large frames. So the
 * two readers deliver the same frames in the same order, and the same damage; this one is only faster.
 * <p>
 * Registered like a {@link JournalReader} (its position is published, so retention keeps its segment), unless the
 * journal is open read-only. One thread per instance; steady-state polling allocates nothing.
 */
public final class SequentialReader implements AutoCloseable
{
    /** Bytes read per block by default: large enough to amortise the call, small enough to stay in cache. */
    public static final int BLOCK_LENGTH_DEFAULT = 256 << 10;

    private final Journal journal;
    private final JournalMetadata metadata;
    private final SegmentStore store;
    private final long segmentSize;
    private final JournalReader mapped;
    private final ByteBuffer block;
    private final UnsafeBuffer buffer;
    private final int capacity;
    private long blockStart;
    private int blockLength;
    private long blockSegmentEnd;
    private long position;
    private long blocksRead;
    private long settledByMappedReader;

    SequentialReader(final Journal journal, final long fromPosition, final boolean register, final int blockLength)
    {
        this.journal = journal;
        this.metadata = journal.metadata();
        this.store = journal.store();
        this.segmentSize = journal.segmentSize();
        this.mapped = new JournalReader(journal, fromPosition, register);
        this.capacity = Math.max(BitUtil.align(blockLength, FRAME_ALIGNMENT), 2 * HEADER_LENGTH);
        this.block = ByteBuffer.allocateDirect(capacity);
        this.buffer = new UnsafeBuffer(block);
        this.position = fromPosition;
        this.blockStart = fromPosition;
    }

    /**
     * @param handler receives each damaged or skipped region, as {@link JournalReader#skipDamage} describes; null to
     *                stop at a broken header.
     * @return this.
     */
    public SequentialReader skipDamage(final DamageHandler handler)
    {
        mapped.skipDamage(handler);
        return this;
    }

    /**
     * Reads every frame up to the end the log has now, going on past damage, as
     * {@link JournalReader#readToEnd} does.
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
        return report.readToEnd(this::poll, this::position, handler, batch, onBatch, mapped.claimTimeoutNs());
    }

    /**
     * @param handler receives each committed frame; its buffer is valid during the call only.
     * @param limit   most frames to deliver.
     * @return frames delivered (or skipped as damaged); 0 when there is nothing new.
     */
    public int poll(final FrameHandler handler, final int limit)
    {
        int frames = 0;
        while (frames < limit && !journal.isClosed())
        {
            frames += scan(handler, limit - frames);
            if (frames >= limit || refill())
            {
                continue;
            }
            // something the bytes read cannot settle: the mapped reader decides, then reading resumes after it
            final long before = position;
            mapped.seek(position);
            final int settled = mapped.poll(handler, 1);
            position = mapped.position();
            frames += settled;
            settledByMappedReader++;
            if (settled == 0 && position == before)
            {
                break;
            }
        }
        mapped.seek(position);
        return frames;
    }

    /**
     * Hands out the clean committed frames of the block from the position on.
     *
     * @return frames delivered; stops at the block's end or at the first frame it cannot settle.
     */
    private int scan(final FrameHandler handler, final int limit)
    {
        final UnsafeBuffer buffer = this.buffer;
        final long start = blockStart;
        final long end = start + blockLength;
        final long segmentEnd = blockSegmentEnd;
        long at = position;
        int frames = 0;
        while (frames < limit && at >= start && at + HEADER_LENGTH <= end)
        {
            final int offset = (int)(at - start);
            final long word = buffer.getLong(offset);
            final int frameLength = frameLength(word);
            final int type = frameType(word);
            if (frameLength < HEADER_LENGTH || frameLength > segmentEnd - at)
            {
                break;
            }
            final int aligned = BitUtil.align(frameLength, FRAME_ALIGNMENT);
            if (type == TYPE_DATA)
            {
                if (at + aligned > end || buffer.getInt(offset + FRAME_LENGTH_COPY_OFFSET) != frameLength ||
                    !FrameProtocol.crcMatches(buffer, offset, frameLength))
                {
                    break;
                }
                handler.onFrame(
                    buffer.getInt(offset + RECORD_TYPE_OFFSET),
                    buffer.getLong(offset + TIMESTAMP_OFFSET),
                    buffer,
                    offset + HEADER_LENGTH,
                    frameLength - HEADER_LENGTH,
                    at);
                frames++;
            }
            else if (type != TYPE_PAD && type != TYPE_SEALED)
            {
                break;
            }
            at += aligned;
        }
        position = at;
        return frames;
    }

    /**
     * Reads the next block from the position: up to the buffer's capacity, the segment's end and what the log holds
     * (the cursor, bounded by the grown limit, both acquire).
     *
     * @return true when it read bytes the last block did not have; false leaves the position to the mapped reader.
     */
    private boolean refill()
    {
        final long readable = Math.min(metadata.cursor(), metadata.grownLimit());
        final long segmentEnd = (position / segmentSize + 1) * segmentSize;
        final long want = Math.min(capacity, Math.min(readable, segmentEnd) - position);
        if (want < HEADER_LENGTH || (position == blockStart && want <= blockLength) ||
            position < metadata.firstSegment() * segmentSize)
        {
            return false;
        }
        final long segment = position / segmentSize;
        final ByteBuffer block = this.block;
        block.clear().limit((int)want);
        try
        {
            final FileChannel channel = store.channel(segment);
            long at = position - segment * segmentSize;
            while (block.hasRemaining())
            {
                final int read = channel.read(block, at);
                if (read <= 0)
                {
                    break;
                }
                at += read;
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        final boolean more = position != blockStart || block.position() > blockLength;
        blockStart = position;
        blockLength = block.position();
        blockSegmentEnd = segmentEnd;
        blocksRead++;
        return more && blockLength >= HEADER_LENGTH;
    }

    /**
     * @return position of the next frame to read.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return blocks read with positional reads so far.
     */
    public long blocksRead()
    {
        return blocksRead;
    }

    /**
     * @return times a position was handed to the mapped reader (ends of the log, claims, padding, damage).
     */
    public long settledByMappedReader()
    {
        return settledByMappedReader;
    }

    /**
     * @return the mapped reader that settles what the blocks cannot: its counters (damage, padding, claims) are
     *         this reader's.
     */
    public JournalReader mappedReader()
    {
        return mapped;
    }

    /**
     * Releases the mapped reader (its window and slot).
     */
    public void close()
    {
        mapped.close();
    }
}
