package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Recovery when a process opens a journal, and the operator's repair out of the panicked state.
 * <p>
 * Recovery does not wait for or seal claims itself (a writer in another process may still be mid-append): it
 * classifies the tail, panics on a broken header, and moves the cursor past committed frames it finds beyond the
 * cursor, which only a power loss that kept data pages but not the metadata page can leave (a process crash cannot:
 * both live in the shared page cache). Sealing is left to readers and the housekeeper, after the claim timeout.
 * <p>
 * Static; called on the thread that opens the journal or runs the tool.
 */
final class JournalRecovery
{
    private JournalRecovery()
    {
    }

    /**
     * Counts what a walk finds.
     */
    private static final class Classifier implements FrameVisitor
    {
        long committed;
        long torn;
        long padding;
        long claimed;
        long empty;
        long broken = -1;
        long firstUncommitted = -1;

        public void onData(final long position, final int recordType, final long timestampNs,
            final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
        {
            if (crcValid)
            {
                committed++;
            }
            else
            {
                torn++;
            }
        }

        public void onPadding(final long position, final int frameLength, final int frameType)
        {
            padding++;
        }

        public void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
        {
            if (headerSeen)
            {
                claimed++;
            }
            else
            {
                empty++;
            }
            if (firstUncommitted < 0)
            {
                firstUncommitted = position;
            }
        }

        public void onBroken(final long position, final long word)
        {
            if (broken < 0)
            {
                broken = position;
            }
        }

        public boolean keepGoing()
        {
            return broken < 0;
        }
    }

    /**
     * Follows committed frames past the cursor; stops at the first thing that is not one.
     */
    private static final class BeyondCursor implements FrameVisitor
    {
        long end;
        boolean stopped;

        BeyondCursor(final long cursor)
        {
            end = cursor;
        }

        public void onData(final long position, final int recordType, final long timestampNs,
            final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
        {
            if (crcValid)
            {
                end = position + alignedFrameLength(length);
            }
            else
            {
                stopped = true;
            }
        }

        public void onPadding(final long position, final int frameLength, final int frameType)
        {
            end = position + BitUtil.align(frameLength, FRAME_ALIGNMENT);
        }

        public void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
        {
            stopped = true;
        }

        public void onBroken(final long position, final long word)
        {
            stopped = true;
        }

        public boolean keepGoing()
        {
            return !stopped;
        }
    }

    static RecoveryReport recover(final Journal journal)
    {
        final JournalMetadata metadata = journal.metadata();
        final long cursor = metadata.cursor();
        return recover(journal, cursor, metadata.grownLimit());
    }

    /**
     * @param cursor the cursor as read when recovery started.
     * @param grown  the grown limit as read just after it: writers in other processes may have claimed, grown and
     *               committed past both by the time the walk gets there.
     */
    static RecoveryReport recover(final Journal journal, final long cursor, final long grown)
    {
        final JournalMetadata metadata = journal.metadata();
        final long firstBase = metadata.firstSegment() * journal.segmentSize();
        final long to = Math.min(cursor, grown);
        final long from = scanStart(journal, Math.max(metadata.scannedPosition(), firstBase), to);
        final Classifier classifier = new Classifier();
        final long walked = from < to ? journal.walk(from, to, classifier) : from;
        if (classifier.broken >= 0)
        {
            metadata.panic(PANIC_BROKEN_FRAME, classifier.broken);
        }
        long advanced = 0;
        if (classifier.broken < 0 && cursor < grown && cursor >= firstBase)
        {
            final BeyondCursor beyond = new BeyondCursor(cursor);
            journal.walk(cursor, grown, beyond);
            if (beyond.end > cursor && metadata.casCursor(cursor, beyond.end))
            {
                advanced = beyond.end - cursor;
            }
        }
        // Not `to`: the grown limit read above may lie inside a frame that was being claimed across it and has been
        // grown over and committed since; the walk went past it to the frame's end. The scanned position must be a
        // frame boundary, since every process's housekeeper resumes its scan there.
        final long scanned = classifier.broken >= 0 ? classifier.broken :
            classifier.firstUncommitted >= 0 ? classifier.firstUncommitted : Math.min(walked, cursor);
        metadata.advanceScannedPosition(scanned);
        metadata.increment(RECOVERIES_OFFSET);
        return new RecoveryReport(from, to, classifier.committed, classifier.torn, classifier.padding,
            classifier.claimed, classifier.empty, classifier.broken, advanced);
    }

    /**
     * Earlier builds could publish a scanned position inside a frame (the grown limit; see {@link #recover}); a walk
     * from there reads payload as a header and panics a journal that is intact. Starts from the frame that holds
     * it instead, and moves the shared position back to that frame if no one has moved it meanwhile.
     */
    private static long scanStart(final Journal journal, final long scanned, final long to)
    {
        if (scanned >= to || scanned % journal.segmentSize() == 0)
        {
            return scanned;
        }
        final long boundary = JournalIndex.seekPosition(journal, scanned);
        if (boundary != scanned)
        {
            journal.recordError("the scanned position " + scanned + " of " + journal.directory() + " is inside the " +
                "frame at " + boundary + " (" + journal.describe(boundary) + "), as an earlier build could leave it; " +
                "recovery starts at that frame");
            journal.metadata().casScannedPosition(scanned, boundary);
        }
        return boundary;
    }

    static String repair(final Journal journal)
    {
        final JournalMetadata metadata = journal.metadata();
        final int reason = metadata.panicReason();
        if (reason == PANIC_NONE)
        {
            return "journal " + journal.directory() + " is not panicked: nothing to repair";
        }
        if (reason == PANIC_INCONSISTENT)
        {
            return restoreSegments(journal);
        }
        final long broken = metadata.panicPosition();
        final long segmentSize = journal.segmentSize();
        final long segmentEnd = (broken / segmentSize + 1) * segmentSize;
        final long to = Math.min(Math.min(metadata.cursor(), metadata.grownLimit()), segmentEnd);
        final long resume = resumePoint(journal, broken, to);
        final MappedWindows.Window window = journal.windows().acquire(broken, broken + HEADER_LENGTH);
        if (null == window)
        {
            return "cannot map the broken frame at " + journal.describe(broken) + ": no window free";
        }
        try
        {
            final UnsafeBuffer buffer = window.buffer;
            final int offset = (int)(broken - window.start);
            buffer.putLongRelease(offset, headerWord((int)(resume - broken), TYPE_SEALED));
        }
        finally
        {
            journal.windows().release(window);
        }
        metadata.clearPanic();
        return "sealed " + (resume - broken) + " bytes [" + broken + ", " + resume + ") as padding over the broken " +
            "frame at " + journal.describe(broken) + "; panic cleared";
    }

    /**
     * The first position after a broken header where a frame evidently starts: an index entry, a data frame with a
     * valid CRC, or the end of the segment's written part.
     */
    private static long resumePoint(final Journal journal, final long broken, final long to)
    {
        long limit = to;
        final long segment = broken / journal.segmentSize();
        final UnsafeBuffer index = journal.store().index(segment);
        if (null != index)
        {
            final long base = segment * journal.segmentSize();
            final int shift = Integer.numberOfTrailingZeros(journal.indexStride());
            for (long entry = INDEX_HEADER_LENGTH + (((broken - base) >> shift) + 1) * INDEX_ENTRY_LENGTH;
                entry + INDEX_ENTRY_LENGTH <= index.capacity();
                entry += INDEX_ENTRY_LENGTH)
            {
                final long value = index.getLongVolatile((int)entry);
                if (value - 1 > broken)
                {
                    limit = Math.min(limit, value - 1);
                    break;
                }
            }
        }
        final long[] found = { limit };
        for (long slot = broken + FRAME_ALIGNMENT; slot < limit; slot += FRAME_ALIGNMENT)
        {
            final long candidate = slot;
            journal.walk(candidate, candidate + 1, new FrameVisitor()
            {
                public void onData(final long position, final int recordType, final long timestampNs,
                    final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
                {
                    if (crcValid && position == candidate)
                    {
                        found[0] = candidate;
                    }
                }
            });
            if (found[0] == candidate)
            {
                return candidate;
            }
        }
        return limit;
    }

    private static String restoreSegments(final Journal journal)
    {
        final JournalMetadata metadata = journal.metadata();
        final long grown = metadata.grownLimit();
        final long segmentSize = journal.segmentSize();
        final long last = (grown - 1) / segmentSize;
        int restored = 0;
        for (long segment = metadata.firstSegment(); segment <= last; segment++)
        {
            final long expected = segment == last ? grown - segment * segmentSize : segmentSize;
            try (FileChannel channel = FileChannel.open(journal.segmentPath(segment), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE))
            {
                if (channel.size() < expected)
                {
                    SegmentStore.writeFully(channel, ByteBuffer.allocate(1), expected - 1);
                    restored++;
                }
            }
            catch (final IOException ex)
            {
                return "cannot restore " + journal.segmentPath(segment) + ": " + ex + "; still panicked";
            }
        }
        metadata.clearPanic();
        return "extended " + restored + " short or missing segment file(s) with zeros to the grown limit " + grown +
            " (their lost frames are gone; readers will seal the zero regions as abandoned claims); panic cleared";
    }
}
