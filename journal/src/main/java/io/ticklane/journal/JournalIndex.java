package io.ticklane.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Seeking through the per-segment index files: an entry per index stride holds the start and timestamp of the
 * frame that contains the stride's first byte, so a seek reads one entry and walks at most one stride of frames.
 * Writers fill entries after they commit; a missing entry (writer died, padding) falls back to the one before it,
 * then to the segment start, which is always a frame boundary.
 * <p>
 * Static; any thread (allocates: for tools and reader set-up, not the hot path).
 */
final class JournalIndex
{
    private JournalIndex()
    {
    }

    /**
     * Publishes an index entry: the timestamp first, then the position with release, so that a reader that sees
     * the position (acquire, {@link #entryPosition}) sees the timestamp that goes with it.
     *
     * @param index       the index file's buffer.
     * @param entry       offset of the entry.
     * @param position    start of the frame that holds the stride's first byte.
     * @param timestampNs its timestamp, or {@link JournalDescriptor#NO_TIMESTAMP} for padding.
     */
    static void publishEntry(final UnsafeBuffer index, final int entry, final long position, final long timestampNs)
    {
        index.putLong(entry + 8, timestampNs);
        index.putLongRelease(entry, position + 1);
    }

    /**
     * @return the frame start an entry holds plus one (0 when unset), acquire: pairs with {@link #publishEntry}.
     */
    static long entryPosition(final UnsafeBuffer index, final int entry)
    {
        return index.getLongVolatile(entry);
    }

    static long seekPosition(final Journal journal, final long position)
    {
        final long firstBase = journal.startPosition();
        final long end = Math.min(journal.endPosition(), journal.grownLimit());
        if (position <= firstBase)
        {
            return firstBase;
        }
        final long target = Math.min(position, end);
        final long segmentSize = journal.segmentSize();
        final long segment = target / segmentSize;
        final long base = segment * segmentSize;
        long start = base;
        final UnsafeBuffer index = journal.store().index(segment);
        if (null != index)
        {
            final int shift = Integer.numberOfTrailingZeros(journal.indexStride());
            for (long entry = INDEX_HEADER_LENGTH + ((target - base) >> shift) * INDEX_ENTRY_LENGTH;
                entry >= INDEX_HEADER_LENGTH;
                entry -= INDEX_ENTRY_LENGTH)
            {
                if (entry + INDEX_ENTRY_LENGTH > index.capacity())
                {
                    continue;
                }
                final long value = entryPosition(index, (int)entry);
                if (value > 0 && value - 1 <= target && value - 1 >= base)
                {
                    start = value - 1;
                    break;
                }
            }
        }
        if (start == target)
        {
            return target;
        }
        final long[] last = { start };
        journal.walk(start, target + 1, new FrameVisitor()
        {
            public void onData(final long at, final int recordType, final long timestampNs,
                final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
            {
                last[0] = at;
            }

            public void onPadding(final long at, final int frameLength, final int frameType)
            {
                last[0] = at;
            }

            public void onUncommitted(final long at, final int frameLength, final boolean headerSeen)
            {
                last[0] = at;
            }

            public void onBroken(final long at, final long word, final long resumeAt)
            {
                last[0] = at;
            }
        });
        return last[0];
    }

    /**
     * @param after a position (a broken header, say).
     * @param limit end of the search, in the segment of {@code after}.
     * @return the first frame start an index entry records after {@code after} and below {@code limit}, or
     *         {@code limit}.
     */
    static long nextIndexedFrame(final Journal journal, final long after, final long limit)
    {
        final long segment = after / journal.segmentSize();
        final UnsafeBuffer index = journal.store().index(segment);
        if (null == index)
        {
            return limit;
        }
        final long base = segment * journal.segmentSize();
        final int shift = Integer.numberOfTrailingZeros(journal.indexStride());
        for (long entry = INDEX_HEADER_LENGTH + (((after - base) >> shift) + 1) * INDEX_ENTRY_LENGTH;
            entry + INDEX_ENTRY_LENGTH <= index.capacity();
            entry += INDEX_ENTRY_LENGTH)
        {
            final long value = entryPosition(index, (int)entry);
            if (value - 1 >= limit)
            {
                break;
            }
            if (value - 1 > after)
            {
                return value - 1;
            }
        }
        return limit;
    }

    static long seekTime(final Journal journal, final long timestampNs)
    {
        final long segmentSize = journal.segmentSize();
        final long end = Math.min(journal.endPosition(), journal.grownLimit());
        long start = journal.startPosition();
        final long lastSegment = end == 0 ? 0 : (end - 1) / segmentSize;
        search:
        for (long segment = journal.firstSegment(); segment <= lastSegment; segment++)
        {
            final UnsafeBuffer index = journal.store().index(segment);
            if (null == index)
            {
                continue;
            }
            for (int entry = INDEX_HEADER_LENGTH; entry + INDEX_ENTRY_LENGTH <= index.capacity();
                entry += INDEX_ENTRY_LENGTH)
            {
                final long value = entryPosition(index, entry);
                if (value == 0)
                {
                    continue;
                }
                final long entryTime = index.getLong(entry + 8);
                if (entryTime == NO_TIMESTAMP)
                {
                    continue;
                }
                if (entryTime >= timestampNs)
                {
                    break search;
                }
                start = value - 1;
            }
        }
        final long[] found = { end };
        journal.walk(start, end, new FrameVisitor()
        {
            public void onData(final long at, final int recordType, final long frameTimeNs,
                final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
            {
                if (frameTimeNs >= timestampNs && found[0] == end)
                {
                    found[0] = at;
                }
            }

            public boolean keepGoing()
            {
                return found[0] == end;
            }
        });
        return found[0];
    }
}
