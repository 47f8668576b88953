package io.ticklane.journal;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Checks the structure and the CRC32C of every frame of a journal, read-only, and lists each problem with its
 * segment file and offset. Errors: a data frame whose CRC does not match, a broken header (the walk goes on where a
 * frame evidently starts), bytes missing from a segment file, a panicked journal. Warnings (the log stays usable):
 * regions repair quarantined (damage it kept and reported), uncommitted claims (a crash leaves them), and claims
 * past the grown limit after a failed growth.
 * <p>
 * Static; any thread.
 */
public final class JournalVerifier
{
    /**
     * One problem.
     *
     * @param position log position.
     * @param where    segment file and offset.
     * @param error    true for an error, false for a warning.
     * @param message  what is wrong.
     */
    public record Problem(long position, String where, boolean error, String message)
    {
        public String toString()
        {
            return (error ? "ERROR " : "WARN  ") + where + " (position " + position + "): " + message;
        }
    }

    /**
     * The outcome.
     *
     * @param fromPosition  first position checked.
     * @param toPosition    end of the check.
     * @param dataFrames    data frames checked.
     * @param dataBytes     their payload bytes.
     * @param paddingFrames padding frames.
     * @param sealedFrames  of which sealed claims.
     * @param uncommitted   uncommitted claims (with or without header).
     * @param quarantinedFrames regions repair quarantined.
     * @param errors        error count.
     * @param problems      the first problems found, in log order (at most {@link #MAX_PROBLEMS}).
     */
    public record Report(long fromPosition, long toPosition, long dataFrames, long dataBytes, long paddingFrames,
        long sealedFrames, long uncommitted, long quarantinedFrames, long errors, List<Problem> problems)
    {
        /**
         * @return true when no error was found.
         */
        public boolean ok()
        {
            return errors == 0;
        }
    }

    /** Problems kept in a report; the counts go on. */
    public static final int MAX_PROBLEMS = 1000;

    private JournalVerifier()
    {
    }

    /**
     * @param journal  an open journal.
     * @param progress called with the position reached every 64 MiB, or null.
     * @return the report.
     */
    public static Report verify(final Journal journal, final LongConsumer progress)
    {
        final long from = journal.startPosition();
        final long cursor = journal.endPosition();
        final long grown = journal.grownLimit();
        final long to = Math.min(cursor, grown);
        final Checker checker = new Checker(journal, progress);
        if (from < to)
        {
            journal.walk(from, to, checker);
        }
        if (cursor > grown)
        {
            checker.add(grown, false, (cursor - grown) + " bytes claimed past the grown limit " + grown +
                " (a growth failed: size limit or disk full); appends fail until space is freed");
        }
        if (journal.panicReason() != JournalDescriptor.PANIC_NONE)
        {
            checker.add(journal.panicPosition(), true, journal.describePanic());
        }
        return new Report(from, to, checker.data, checker.dataBytes, checker.padding, checker.sealed,
            checker.uncommitted, checker.quarantined, checker.errors, Collections.unmodifiableList(checker.problems));
    }

    private static final class Checker implements FrameVisitor
    {
        private static final long PROGRESS_STEP = 64L << 20;
        private final Journal journal;
        private final LongConsumer progress;
        private final List<Problem> problems = new ArrayList<>();
        private long nextProgress = PROGRESS_STEP;
        long data;
        long dataBytes;
        long padding;
        long sealed;
        long uncommitted;
        long quarantined;
        long errors;

        Checker(final Journal journal, final LongConsumer progress)
        {
            this.journal = journal;
            this.progress = progress;
        }

        void add(final long position, final boolean error, final String message)
        {
            if (error)
            {
                errors++;
            }
            if (problems.size() < MAX_PROBLEMS)
            {
                problems.add(new Problem(position, journal.describe(position), error, message));
            }
        }

        public void onData(final long position, final int recordType, final long timestampNs,
            final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
        {
            data++;
            dataBytes += length;
            if (!crcValid)
            {
                add(position, true, "CRC32C mismatch in a committed " + length + "-byte frame (record type " +
                    recordType + ")");
            }
            if (null != progress && position >= nextProgress)
            {
                progress.accept(position);
                nextProgress = position + PROGRESS_STEP;
            }
        }

        public void onPadding(final long position, final int frameLength, final int frameType)
        {
            if (frameType == JournalDescriptor.TYPE_QUARANTINED)
            {
                quarantined++;
                add(position, false, "quarantined region of " + frameLength + " bytes: damage repair found and " +
                    "kept (see " + JournalDescriptor.QUARANTINE_FILE_NAME + "); readers skip and report it; its " +
                    "bytes stay in the segment file at that offset for forensics");
                return;
            }
            padding++;
            if (frameType == JournalDescriptor.TYPE_SEALED)
            {
                sealed++;
            }
        }

        public void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
        {
            uncommitted++;
            add(position, false, (headerSeen ? "claim of " + frameLength + " bytes with header" :
                "claimed region of " + frameLength + " bytes without header") +
                " not committed: a writer mid-append, or one that died (sealed after the claim timeout)");
        }

        public void onBroken(final long position, final long word, final long resumeAt)
        {
            add(position, true, "broken frame header 0x" + Long.toHexString(word) + " (length " +
                JournalDescriptor.frameLength(word) + ", type " +
                JournalDescriptor.typeName(JournalDescriptor.frameType(word)) + "): the " + (resumeAt - position) +
                " bytes up to the next intact frame at " + journal.describe(resumeAt) + " cannot be read; " +
                "'engine journal repair' quarantines them");
        }

        public void onMissing(final long position, final long length)
        {
            add(position, true, length + " bytes the journal was grown to are missing from the segment file (cut " +
                "short or deleted); 'engine journal repair' restores the file with zeros and quarantines them");
        }
    }
}
