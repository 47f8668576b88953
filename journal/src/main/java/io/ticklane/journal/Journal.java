package io.ticklane.journal;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * A memory-mapped append log that many threads and processes write at once: a multi-process mmap append log with an
 * atomic shared cursor, and the commit protocol of Aeron's log buffers. A shared metadata file holds the write
 * cursor, claimed with an atomic get-and-add that works across processes on the mapped page; a frame is committed by
 * storing its length last with release. The data lives in numbered segment files that grow by chunks and are mapped
 * through a bounded ring of windows per process. Bytes in, bytes out: the journal knows nothing of the feed schema.
 * Layout: {@link JournalDescriptor}; operation, recovery, the panicked state, quarantine and durability:
 * docs/JOURNAL.md.
 * <p>
 * Opened read-only ({@link JournalOptions#readOnly(boolean)}), it writes nothing at all, so that inspection and
 * replay work on an archived journal on read-only media and never change a journal they look at.
 * <p>
 * Thread-safe: {@link #newAppender()}, {@link #newReader(long)} and the inspection methods may be called from any
 * thread; each appender and reader is then used by one thread. {@link #panicReason()} and {@link #describePanic()}
 * read the shared panic state with acquire, so any thread of any process may poll them. {@link #close()} only after
 * every appender and reader of this instance has stopped.
 */
public final class Journal implements AutoCloseable
{
    private final Path directory;
    private final JournalOptions options;
    private final MappedByteBuffer metadataMapped;
    private final JournalMetadata metadata;
    private final SegmentStore store;
    private final MappedWindows windows;
    private final int chunkSize;
    private final long segmentSize;
    private final int indexStride;
    private final boolean created;
    private final boolean readOnly;
    private final RecoveryReport recovery;
    /** Damage a read-only open found but may not record in the metadata: a reason code, or 0. */
    private final int localPanicReason;
    private final long localPanicPosition;
    private final long localPanicMs;
    private AgentRunner housekeeperRunner;
    private volatile boolean closed;
    private volatile String lastError;

    private Journal(final JournalOptions options, final MappedByteBuffer metadataMapped, final boolean created)
    {
        this.options = options;
        this.directory = options.directory();
        this.metadataMapped = metadataMapped;
        this.created = created;
        this.readOnly = options.readOnly();
        this.metadata = new JournalMetadata(new UnsafeBuffer(metadataMapped, 0, METADATA_LENGTH), readOnly);
        this.chunkSize = metadata.chunkSize();
        this.segmentSize = metadata.segmentSize();
        this.indexStride = metadata.indexStride();
        this.store = new SegmentStore(directory, metadata, options);
        this.windows = new MappedWindows(store, metadata, options.mappedWindows());
        if (created)
        {
            if (store.ensureGrown(chunkSize, false) != SegmentStore.OK)
            {
                throw new JournalException("cannot create journal " + directory + ": " + store.lastError());
            }
            metadata.buffer().putIntRelease(READY_OFFSET, 1);
            recovery = RecoveryReport.EMPTY;
            localPanicReason = PANIC_NONE;
            localPanicPosition = 0;
        }
        else
        {
            final long inconsistentAt = checkFiles();
            recovery = JournalRecovery.recover(this);
            if (readOnly && inconsistentAt >= 0)
            {
                localPanicReason = PANIC_INCONSISTENT;
                localPanicPosition = inconsistentAt;
            }
            else if (readOnly && recovery.brokenPosition() >= 0)
            {
                localPanicReason = PANIC_BROKEN_FRAME;
                localPanicPosition = recovery.brokenPosition();
            }
            else
            {
                localPanicReason = PANIC_NONE;
                localPanicPosition = 0;
            }
        }
        localPanicMs = System.currentTimeMillis();
        if (options.housekeeper())
        {
            housekeeperRunner = new AgentRunner(
                new SleepingMillisIdleStrategy(1), this::recordError, null, new JournalHousekeeper(this));
            AgentRunner.startOnThread(housekeeperRunner, r ->
            {
                final Thread thread = new Thread(r, "journal-housekeeper");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /**
     * Opens the journal in the directory, creating it when absent. When several processes open a new journal at
     * once, exactly one creates it (atomic exclusive creation of the metadata file) and the others wait, up to the
     * create timeout, for it to be ready. Opening an existing journal runs recovery over its tail.
     *
     * @param options where and how; validated here.
     * @return the open journal.
     * @throws JournalException when the files are not a journal of this version, cannot be created or mapped, or
     *                          the creator did not finish in time.
     */
    public static Journal open(final JournalOptions options)
    {
        options.conclude();
        final Path file = options.directory().resolve(METADATA_FILE_NAME);
        try
        {
            if (options.create())
            {
                Files.createDirectories(options.directory());
            }
            if (options.create())
            {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE))
                {
                    return new Journal(options, MetadataFile.create(channel, options), true);
                }
                catch (final FileAlreadyExistsException ignore)
                {
                    // another process or an earlier run created it: attach below
                }
            }
            else if (!Files.exists(file))
            {
                throw new JournalException("no journal at " + options.directory() + " (missing " + file + ")");
            }
            return new Journal(options, MetadataFile.awaitReady(file, options.createTimeoutNs(), options.readOnly()),
                false);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot open journal " + file + ": " + ex, ex);
        }
    }

    /**
     * A segment shorter than the metadata says it was grown to means the files were changed behind the journal's
     * back: panic rather than let a writer fault on a missing page (read-only: report it, see {@link #panicReason}).
     *
     * @return the position where the first short or missing segment file ends, or -1.
     */
    private long checkFiles()
    {
        final long grown = metadata.grownLimit();
        if (grown == 0)
        {
            return -1;
        }
        final long last = (grown - 1) / segmentSize;
        for (long segment = metadata.firstSegment(); segment <= last; segment++)
        {
            final long expected = segment == last ? grown - segment * segmentSize : segmentSize;
            long size;
            try
            {
                size = Files.size(store.segmentPath(segment));
            }
            catch (final IOException ex)
            {
                size = -1;
            }
            if (size < expected)
            {
                recordError("segment " + store.segmentPath(segment) + " is " + (size < 0 ? "missing" :
                    size + " bytes") + " but the journal was grown to " + expected + " bytes in it");
                final long at = segment * segmentSize + Math.max(0, size);
                if (!readOnly)
                {
                    metadata.panic(PANIC_INCONSISTENT, at);
                }
                return at;
            }
        }
        return -1;
    }

    /**
     * @return a new appender for the calling thread.
     */
    public JournalAppender newAppender()
    {
        if (readOnly)
        {
            throw new JournalException("journal " + directory + " is open read-only: no appender");
        }
        return new JournalAppender(this);
    }

    /**
     * A reader registered in the metadata, so that retention keeps its segment.
     *
     * @param fromPosition a frame boundary: 0, a position returned by an append, {@link #seekPosition},
     *                     {@link #seekTime} or {@link #endPosition()}.
     * @return a new reader for the calling thread.
     * @throws JournalException when the position is not a frame boundary or was deleted by retention.
     */
    public JournalReader newReader(final long fromPosition)
    {
        return newReader(fromPosition, true);
    }

    /**
     * @param fromPosition a frame boundary.
     * @param register     take a reader slot so that retention keeps this reader's segment (ignored read-only).
     * @return a new reader for the calling thread.
     */
    public JournalReader newReader(final long fromPosition, final boolean register)
    {
        checkBoundary(fromPosition);
        return new JournalReader(this, fromPosition, register && !readOnly);
    }

    /**
     * The read path built for replay and backtests: block reads into one buffer instead of page faults on mappings,
     * the same frames and damage reports as {@link #newReader(long)}; registered unless read-only.
     *
     * @param fromPosition a frame boundary.
     * @return a new reader for the calling thread.
     * @throws JournalException when the position is not a frame boundary or was deleted by retention.
     */
    public SequentialReader newSequentialReader(final long fromPosition)
    {
        checkBoundary(fromPosition);
        return new SequentialReader(this, fromPosition, !readOnly, SequentialReader.BLOCK_LENGTH_DEFAULT);
    }

    private void checkBoundary(final long fromPosition)
    {
        final long firstBase = metadata.firstSegment() * segmentSize;
        if (fromPosition < firstBase)
        {
            throw new JournalException("position " + fromPosition + " of journal " + directory +
                " was deleted by retention; the first available is " + firstBase);
        }
        if (fromPosition % FRAME_ALIGNMENT != 0 ||
            (fromPosition % segmentSize != 0 && fromPosition != endPosition() && seekPosition(fromPosition) !=
            fromPosition))
        {
            throw new JournalException("position " + fromPosition + " of journal " + directory +
                " is not a frame boundary; the frame holding it starts at " + seekPosition(fromPosition));
        }
    }

    /**
     * @param position any position.
     * @return the start of the frame holding it (found through the index, then a walk of at most one stride).
     */
    public long seekPosition(final long position)
    {
        return JournalIndex.seekPosition(this, position);
    }

    /**
     * @param timestampNs a frame timestamp.
     * @return position of the first data frame with a timestamp at or after it, found through the index; exact
     *         when timestamps do not decrease along the log (one writer), approximate with several.
     */
    public long seekTime(final long timestampNs)
    {
        return JournalIndex.seekTime(this, timestampNs);
    }

    /**
     * Walks {@code [from, to)} read-only and reports every frame, committed or not.
     *
     * @param from    a frame boundary.
     * @param to      end of the walk.
     * @param visitor receives the frames.
     * @return where the walk stopped.
     */
    public long walk(final long from, final long to, final FrameVisitor visitor)
    {
        return new FrameWalker(this).walk(from, to, visitor);
    }

    /**
     * @param position a log position.
     * @return "segment FILE offset N" for messages.
     */
    public String describe(final long position)
    {
        final long segment = position / segmentSize;
        return "segment " + segmentFileName(segment) + " offset " + (position - segment * segmentSize);
    }

    /**
     * The operator's way out of damage and of the panicked state; run it with no writer attached (see
     * docs/JOURNAL.md): restores short segment files, quarantines every damaged frame (kept, reported, skipped by
     * readers), seals abandoned claims, and clears the panic.
     *
     * @return what was found and done, one line per action, and whether the journal is clean now.
     * @throws JournalException when the journal is open read-only.
     */
    public JournalRepair.Report repair()
    {
        if (readOnly)
        {
            throw new JournalException("journal " + directory + " is open read-only: it cannot be repaired");
        }
        return JournalRepair.repair(this);
    }

    void recordError(final Throwable error)
    {
        recordError(error.toString());
    }

    void recordError(final String message)
    {
        lastError = message;
    }

    /**
     * @return the last error this process met (growth, I/O, housekeeping), or null.
     */
    public String lastError()
    {
        final String storeError = store.lastError();
        return null != storeError ? storeError : lastError;
    }

    boolean isClosed()
    {
        return closed;
    }

    JournalMetadata metadata()
    {
        return metadata;
    }

    SegmentStore store()
    {
        return store;
    }

    MappedWindows windows()
    {
        return windows;
    }

    JournalOptions options()
    {
        return options;
    }

    MappedByteBuffer metadataMapped()
    {
        return metadataMapped;
    }

    /**
     * @return the journal directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return true when opened read-only: nothing is ever written.
     */
    public boolean isReadOnly()
    {
        return readOnly;
    }

    /**
     * @return true when this call created the journal.
     */
    public boolean created()
    {
        return created;
    }

    /**
     * @return what recovery found in the tail when this process opened the journal.
     */
    public RecoveryReport recovery()
    {
        return recovery;
    }

    /**
     * @return the write cursor: bytes claimed so far (may run ahead of committed frames mid-append); a frame
     *         boundary.
     */
    public long endPosition()
    {
        return metadata.cursor();
    }

    /**
     * @return the size limit of the live segments ({@code maxSizeBytes}), or {@link Long#MAX_VALUE} when unlimited
     *         (the first version's fixed capacity).
     */
    public long capacity()
    {
        return options.maxSizeBytes() == 0 ? Long.MAX_VALUE : options.maxSizeBytes();
    }

    /**
     * @return positions below this are backed by segment files.
     */
    public long grownLimit()
    {
        return metadata.grownLimit();
    }

    /**
     * @return number of the oldest live segment.
     */
    public long firstSegment()
    {
        return metadata.firstSegment();
    }

    /**
     * @return position where the oldest live segment starts.
     */
    public long startPosition()
    {
        return metadata.firstSegment() * segmentSize;
    }

    public int chunkSize()
    {
        return chunkSize;
    }

    public long segmentSize()
    {
        return segmentSize;
    }

    public int indexStride()
    {
        return indexStride;
    }

    public long creatorPid()
    {
        return metadata.creatorPid();
    }

    public long createdEpochMs()
    {
        return metadata.createdMs();
    }

    /**
     * Cheap enough to poll from any thread (one acquire load of the shared word, which pairs with the release of
     * whoever panicked the journal, in any process), so an engine can refuse to start on a panicked journal and
     * notice at once when one of its writers' appends start returning {@link JournalAppender#PANICKED}.
     * <p>
     * Opened read-only, it also reports damage this open found but could not record: a segment file shorter than
     * the metadata says ({@link JournalDescriptor#PANIC_INCONSISTENT}) or a broken header in the tail
     * ({@link JournalDescriptor#PANIC_BROKEN_FRAME}).
     *
     * @return 0, or the panic reason ({@link JournalDescriptor#PANIC_BROKEN_FRAME}, ...).
     */
    public int panicReason()
    {
        final int shared = metadata.panicReason();
        return shared != PANIC_NONE ? shared : localPanicReason;
    }

    /**
     * @return true when {@link #panicReason()} is not 0.
     */
    public boolean isPanicked()
    {
        return panicReason() != PANIC_NONE;
    }

    /**
     * @return where the panic was found.
     */
    public long panicPosition()
    {
        return metadata.panicReason() != PANIC_NONE ? metadata.panicPosition() : localPanicPosition;
    }

    /**
     * @return which process panicked the journal.
     */
    public long panicPid()
    {
        return metadata.panicReason() != PANIC_NONE ? metadata.panicPid() : JournalMetadata.PID;
    }

    /**
     * @return when, epoch ms.
     */
    public long panicEpochMs()
    {
        return metadata.panicReason() != PANIC_NONE ? metadata.panicMs() : localPanicMs;
    }

    /**
     * One sentence for an operator: what is wrong, where, who found it when, and what to do. Any thread.
     *
     * @return the sentence, or null when the journal is not panicked.
     */
    public String describePanic()
    {
        final int reason = panicReason();
        if (reason == PANIC_NONE)
        {
            return null;
        }
        final long position = panicPosition();
        final long segment = position / segmentSize;
        final String where = segmentFileName(segment) + String.format(" offset %,d", position - segment * segmentSize);
        final String what = reason == PANIC_BROKEN_FRAME ? "broken frame at " + where :
            reason == PANIC_INCONSISTENT ? "a segment file is shorter than the journal was grown to, at " + where :
            "reason " + reason + " at " + where;
        final String found = metadata.panicReason() != PANIC_NONE ?
            " (pid " + panicPid() + ", " + java.time.Instant.ofEpochMilli(panicEpochMs()) + ")" :
            " (found by this read-only open, not recorded in the metadata)";
        return "journal " + directory + " is panicked: " + what + found + "; run 'engine journal repair --path " +
            directory + "' with no engine running, or set journal.enabled=false";
    }

    /**
     * @param counterOffset one of the metadata counter offsets ({@link JournalDescriptor#SEALED_CLAIMS_OFFSET}...).
     * @return its value.
     */
    public long counter(final int counterOffset)
    {
        return metadata.counter(counterOffset);
    }

    /**
     * @return readers registered by live processes.
     */
    public int liveReaders()
    {
        return metadata.liveReaders();
    }

    /**
     * @return position up to which some process has scanned the log (everything below is committed or padding).
     */
    public long scannedPosition()
    {
        return metadata.scannedPosition();
    }

    /**
     * @return position up to which the last periodic flush forced the log.
     */
    public long flushedPosition()
    {
        return metadata.flushedPosition();
    }

    /**
     * @return bytes this process has mapped now (bounded by the window ring).
     */
    public long mappedBytes()
    {
        return windows.mappedBytes();
    }

    /**
     * @param segment a segment number.
     * @return its file.
     */
    public Path segmentPath(final long segment)
    {
        return store.segmentPath(segment);
    }

    /**
     * Flushes dirty pages to the device (fsync of the live segments and the metadata; nothing read-only) and
     * unmaps. No appender or reader of this instance may be used afterwards.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.quietClose(housekeeperRunner);
        if (!readOnly)
        {
            try
            {
                flush();
            }
            catch (final IOException | RuntimeException ex)
            {
                recordError("flush at close failed: " + ex);
            }
        }
        windows.close();
        store.close();
        IoUtil.unmap(metadataMapped);
    }

    /**
     * Forces the segments written since the last flush, then the metadata.
     */
    void flush() throws IOException
    {
        final long cursor = metadata.cursor();
        final long grown = metadata.grownLimit();
        if (grown > 0)
        {
            final long from = Math.max(metadata.firstSegment(), metadata.flushedPosition() / segmentSize);
            store.force(from, (Math.min(cursor, grown) - 1) / segmentSize);
        }
        metadataMapped.force();
        metadata.advanceFlushedPosition(Math.min(cursor, grown));
    }
}
