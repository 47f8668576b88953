package io.ticklane.journal;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Recovery when a process opens a journal (the operator's repair is {@link JournalRepair}).
 * <p>
 * Recovery does not wait for or seal claims itself (a writer in another process may still be mid-append): it
 * classifies the tail, panics on a broken header, and moves the cursor past committed frames it finds beyond the
 * cursor, which only a power loss that kept data pages but not the metadata page can leave (a process crash cannot:
 * both live in the shared page cache). Sealing is left to readers and the housekeeper, after the claim timeout.
 * A journal opened read-only is only classified: nothing is panicked, moved or counted in the metadata.
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

        public void onBroken(final long position, final long word, final long resumeAt)
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

        public void onBroken(final long position, final long word, final long resumeAt)
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
        final boolean readOnly = journal.isReadOnly();
        final long firstBase = metadata.firstSegment() * journal.segmentSize();
        final long to = Math.min(cursor, grown);
        final long from = scanStart(journal, Math.max(metadata.scannedPosition(), firstBase), to);
        final Classifier classifier = new Classifier();
        final long walked = from < to ? journal.walk(from, to, classifier) : from;
        if (readOnly)
        {
            return new RecoveryReport(from, to, classifier.committed, classifier.torn, classifier.padding,
                classifier.claimed, classifier.empty, classifier.broken, 0);
        }
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
            if (!journal.isReadOnly())
            {
                journal.metadata().casScannedPosition(scanned, boundary);
            }
        }
        return boundary;
    }
}
