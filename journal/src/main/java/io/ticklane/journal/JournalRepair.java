package io.ticklane.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * The operator's repair: it brings a damaged or panicked journal back to one that {@code verify} passes, and says
 * what it did. Run it with no writer attached (see docs/JOURNAL.md, "Quarantine and repair").
 * <ol>
 *     <li>Segment files shorter than the metadata says (cut short, or deleted) are extended with zeros to the grown
 *     limit; the bytes they lost are named, and quarantined in step 2 so that readers report them.</li>
 *     <li>Every frame of the log is walked. A committed frame whose CRC does not match is quarantined: its first word
 *     becomes {@code (L, QUARANTINED)}, every other byte is kept. A broken header is quarantined with the bytes up to
 *     the next position where a frame evidently starts. A region of zeros the files lost is quarantined. Claims left
 *     uncommitted by dead writers are sealed as padding, as a reader would after the claim timeout.</li>
 *     <li>Index entries that pointed inside a quarantined region point at its start. Each quarantined region is
 *     appended to {@value JournalDescriptor#QUARANTINE_FILE_NAME} with the first word it replaced; a version 2
 *     journal is raised to version 3, which has the quarantine type. The panic is cleared.</li>
 *     <li>The journal is verified again; the report says whether it is clean, or what remains.</li>
 * </ol>
 * Nothing committed is discarded: a damaged frame stays on disk, marked, listed and counted by every reader.
 * <p>
 * Static; the thread that runs the tool.
 */
public final class JournalRepair
{
    /**
     * What repair found and did.
     *
     * @param actions one line per thing found and done.
     * @param clean   true when the journal verifies clean (errors: none) afterwards.
     */
    public record Report(List<String> actions, boolean clean)
    {
        public String toString()
        {
            return String.join(System.lineSeparator(), actions);
        }
    }

    private static final int QUARANTINE_FRAME = 1;
    private static final int QUARANTINE_REGION = 2;
    private static final int SEAL = 3;

    private record Action(int kind, long position, long length, long word, String reason)
    {
    }

    private JournalRepair()
    {
    }

    static Report repair(final Journal journal)
    {
        final List<String> lines = new ArrayList<>();
        final JournalMetadata metadata = journal.metadata();
        final int panicReason = metadata.panicReason();
        final long panicPosition = metadata.panicPosition();
        final List<long[]> restored = new ArrayList<>();
        if (!restoreSegments(journal, restored, lines))
        {
            return new Report(Collections.unmodifiableList(lines), false);
        }

        final Collector collector = new Collector(journal, restored);
        final long to = Math.min(metadata.cursor(), metadata.grownLimit());
        if (journal.startPosition() < to)
        {
            journal.walk(journal.startPosition(), to, collector);
        }
        int quarantined = 0;
        int sealed = 0;
        for (final Action action : collector.actions)
        {
            if (!apply(journal, action))
            {
                lines.add("could not change the frame at " + journal.describe(action.position) + " (position " +
                    action.position + "): it changed during repair; is a writer still running?");
                continue;
            }
            if (action.kind == SEAL)
            {
                sealed++;
                continue;
            }
            quarantined++;
            lines.add("quarantined " + action.length + " bytes at " + journal.describe(action.position) +
                " (position " + action.position + "): " + action.reason);
            fixIndex(journal, action.position, action.position + action.length);
            record(journal, action, lines);
        }
        if (sealed > 0)
        {
            lines.add("sealed " + sealed + " claim(s) left uncommitted by writers that died, as padding (no data)");
        }
        if (quarantined > 0)
        {
            metadata.raiseVersion(VERSION);
        }
        if (panicReason != PANIC_NONE)
        {
            metadata.clearPanic();
            lines.add("cleared the panic (reason " + panicReason + " at " + journal.describe(panicPosition) + ")");
        }
        final JournalVerifier.Report verified = JournalVerifier.verify(journal, null);
        if (verified.ok())
        {
            lines.add((lines.isEmpty() ? "nothing to repair: " : "repaired: ") + "journal " + journal.directory() +
                " verifies clean (" + verified.dataFrames() + " data frames, " + verified.quarantinedFrames() +
                " quarantined region(s) listed in " + QUARANTINE_FILE_NAME + ")");
            return new Report(Collections.unmodifiableList(lines), true);
        }
        lines.add("journal " + journal.directory() + " still has " + verified.errors() + " error(s) after repair, " +
            "the first: " + verified.problems().get(0) + "; stop every process using it and run repair again, " +
            "or move the directory away and start a new journal (the old segments stay readable with " +
            "'engine journal dump')");
        return new Report(Collections.unmodifiableList(lines), false);
    }

    /**
     * Extends short or missing segment files with zeros to the grown limit.
     *
     * @param restored receives each refilled range {from, to} of log positions.
     * @return false when a file cannot be extended.
     */
    private static boolean restoreSegments(final Journal journal, final List<long[]> restored, final List<String> lines)
    {
        final long grown = journal.grownLimit();
        if (grown == 0)
        {
            return true;
        }
        final long segmentSize = journal.segmentSize();
        final long last = (grown - 1) / segmentSize;
        for (long segment = journal.firstSegment(); segment <= last; segment++)
        {
            final long expected = segment == last ? grown - segment * segmentSize : segmentSize;
            try (FileChannel channel = FileChannel.open(journal.segmentPath(segment), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE))
            {
                final long size = channel.size();
                if (size < expected)
                {
                    SegmentStore.writeFully(channel, ByteBuffer.allocate(1), expected - 1);
                    final long base = segment * segmentSize;
                    restored.add(new long[]{ base + size, base + expected });
                    final long written = Math.max(0, Math.min(expected, journal.endPosition() - base) - size);
                    lines.add("segment " + segmentFileName(segment) + " was " + (size == 0 ? "missing or empty" :
                        size + " bytes") + " but the journal was grown to " + expected + " bytes in it: extended " +
                        "with zeros; whatever was committed in the " + written + " lost bytes written from offset " +
                        size + " is gone, and quarantined below");
                }
            }
            catch (final IOException ex)
            {
                lines.add("cannot extend " + journal.segmentPath(segment) + ": " + ex + "; nothing else was changed");
                return false;
            }
        }
        return true;
    }

    private static boolean apply(final Journal journal, final Action action)
    {
        final MappedWindows.Window window = journal.windows().acquire(action.position,
            action.position + HEADER_LENGTH);
        if (null == window)
        {
            return false;
        }
        try
        {
            final int offset = (int)(action.position - window.start);
            final int type = action.kind == SEAL ? TYPE_SEALED : TYPE_QUARANTINED;
            final long update = headerWord((int)action.length, type);
            // a region without header may start with the FILL of a sealer that died mid-seal
            return window.buffer.compareAndSetLong(offset, action.word, update) ||
                action.word == 0 && window.buffer.compareAndSetLong(offset, FILL_WORD, update);
        }
        finally
        {
            journal.windows().release(window);
        }
    }

    /**
     * Index entries are frame starts; those that pointed at frames inside a quarantined region now point at it.
     */
    private static void fixIndex(final Journal journal, final long from, final long to)
    {
        final long segmentSize = journal.segmentSize();
        final long segment = from / segmentSize;
        final UnsafeBuffer index = journal.store().index(segment);
        if (null == index)
        {
            return;
        }
        final long base = segment * segmentSize;
        final int shift = Integer.numberOfTrailingZeros(journal.indexStride());
        for (long entry = INDEX_HEADER_LENGTH + ((from - base) >> shift) * INDEX_ENTRY_LENGTH;
            entry + INDEX_ENTRY_LENGTH <= index.capacity() && base + ((entry - INDEX_HEADER_LENGTH) /
                INDEX_ENTRY_LENGTH << shift) < to;
            entry += INDEX_ENTRY_LENGTH)
        {
            final long value = index.getLongVolatile((int)entry);
            if (value - 1 > from && value - 1 < to)
            {
                index.putLong((int)entry + 8, NO_TIMESTAMP);
                index.putLongRelease((int)entry, from + 1);
            }
        }
    }

    private static void record(final Journal journal, final Action action, final List<String> lines)
    {
        final String line = Instant.now() + " position " + action.position + " " + journal.describe(action.position) +
            " length " + action.length + " replaced-word 0x" + Long.toHexString(action.word) + " reason " +
            action.reason + System.lineSeparator();
        try
        {
            Files.writeString(journal.directory().resolve(QUARANTINE_FILE_NAME), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            lines.add("cannot record it in " + QUARANTINE_FILE_NAME + ": " + ex + " (the frame is quarantined anyway)");
        }
    }

    /**
     * Collects what to change while walking; the changes are made after the walk.
     */
    private static final class Collector implements FrameVisitor
    {
        private final Journal journal;
        private final List<long[]> restored;
        final List<Action> actions = new ArrayList<>();

        Collector(final Journal journal, final List<long[]> restored)
        {
            this.journal = journal;
            this.restored = restored;
        }

        public void onData(final long position, final int recordType, final long timestampNs,
            final DirectBuffer buffer, final int offset, final int length, final boolean crcValid)
        {
            if (!crcValid)
            {
                final int frameLength = length + HEADER_LENGTH;
                actions.add(new Action(QUARANTINE_FRAME, position, frameLength, headerWord(frameLength, TYPE_DATA),
                    "CRC32C mismatch in a committed " + length + "-byte frame (record type " + recordType +
                    "); its bytes are kept"));
            }
        }

        public void onBroken(final long position, final long word, final long resumeAt)
        {
            actions.add(new Action(QUARANTINE_REGION, position, resumeAt - position, word,
                "broken frame header 0x" + Long.toHexString(word) + "; the bytes up to the next intact frame at " +
                journal.describe(resumeAt) + " are kept"));
        }

        public void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
        {
            if (headerSeen)
            {
                actions.add(new Action(SEAL, position, frameLength, headerWord(-frameLength, TYPE_CLAIM), null));
                return;
            }
            for (final long[] range : restored)
            {
                if (position >= range[0] && position < range[1])
                {
                    actions.add(new Action(QUARANTINE_REGION, position, frameLength, 0,
                        "lost with the part of its segment file that was missing (now zeros)"));
                    return;
                }
            }
            actions.add(new Action(SEAL, position, frameLength, 0, null));
        }

        public void onMissing(final long position, final long length)
        {
            // restoreSegments extended every short file first: a file still short changed during repair, which the
            // final verify reports
        }
    }
}
