package io.ticklane.journal;

import org.agrona.IoUtil;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * This process's view of the segment files: open channels, index mappings, growth and retention.
 * <p>
 * Growth: a writer whose claim ends past the grown limit raises the shared requested limit (a speculative size
 * ratchet, so that concurrent growers agree on the largest size needed), takes the cross-process metadata lock,
 * extends the segment files by whole chunks up to the highest requested limit, publishes the new grown limit with
 * release, and unlocks. Threads of this process serialise on a monitor first, since the lock's owner is a PID. A
 * lock held by a dead process is broken.
 * <p>
 * Read-only (a journal opened with {@link JournalOptions#readOnly(boolean)}): channels are opened for reading and
 * indexes mapped read-only; growth and retention are refused.
 * <p>
 * Thread-safe.
 */
final class SegmentStore implements AutoCloseable
{
    static final int OK = 0;
    static final int LIMIT_REACHED = 1;
    static final int IO_FAILED = 2;
    static final int LOCK_TIMEOUT = 3;

    private static final int ZERO_BUFFER_LENGTH = 1 << 20;
    private static final int EOPNOTSUPP = -95;

    private final Path directory;
    private final JournalMetadata metadata;
    private final JournalOptions options;
    private final int chunkSize;
    private final long segmentSize;
    private final int indexStride;
    private final boolean readOnly;
    private final boolean useNative;
    private final Long2ObjectHashMap<FileChannel> channels = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<MappedByteBuffer> indexes = new Long2ObjectHashMap<>();
    private final Object growthMonitor = new Object();
    private ByteBuffer zeros;
    private volatile String lastError;
    private boolean closed;

    SegmentStore(final Path directory, final JournalMetadata metadata, final JournalOptions options)
    {
        this.directory = directory;
        this.metadata = metadata;
        this.options = options;
        this.chunkSize = metadata.chunkSize();
        this.segmentSize = metadata.segmentSize();
        this.indexStride = metadata.indexStride();
        this.readOnly = options.readOnly();
        this.useNative = !readOnly && options.nativeMemory() && NativeMemory.isAvailable();
    }

    boolean isReadOnly()
    {
        return readOnly;
    }

    /**
     * @return true when the native helper is loaded and allowed (growth by fallocate, huge-page advice).
     */
    boolean usesNative()
    {
        return useNative;
    }

    Path segmentPath(final long segment)
    {
        return directory.resolve(segmentFileName(segment));
    }

    Path indexPath(final long segment)
    {
        return directory.resolve(indexFileName(segment));
    }

    /**
     * @return the last growth or retention error of this process, or null.
     */
    String lastError()
    {
        return lastError;
    }

    /**
     * @param segment an existing segment.
     * @return its channel, opened once per process.
     * @throws IOException when the file is missing or cannot be opened.
     */
    synchronized FileChannel channel(final long segment) throws IOException
    {
        if (closed)
        {
            throw new IOException("journal closed");
        }
        FileChannel channel = channels.get(segment);
        if (null == channel)
        {
            channel = readOnly ? FileChannel.open(segmentPath(segment), StandardOpenOption.READ) :
                FileChannel.open(segmentPath(segment), StandardOpenOption.READ, StandardOpenOption.WRITE);
            channels.put(segment, channel);
        }
        return channel;
    }

    /**
     * @param segment a segment.
     * @return the length of its file now, or -1 when it is missing or cannot be opened.
     */
    long segmentFileLength(final long segment)
    {
        try
        {
            return channel(segment).size();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * @param segment an existing segment.
     * @return a view of its index file, mapped once per process; null when the file is missing.
     */
    synchronized UnsafeBuffer index(final long segment)
    {
        if (closed)
        {
            return null;
        }
        MappedByteBuffer mapped = indexes.get(segment);
        if (null == mapped)
        {
            final Path path = indexPath(segment);
            if (!Files.exists(path))
            {
                return null;
            }
            try (FileChannel channel = readOnly ? FileChannel.open(path, StandardOpenOption.READ) :
                FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                mapped = channel.map(readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0,
                    Math.min(channel.size(), indexFileLength()));
            }
            catch (final IOException ex)
            {
                return null;
            }
            indexes.put(segment, mapped);
        }
        return new UnsafeBuffer(mapped, 0, mapped.capacity());
    }

    long indexFileLength()
    {
        return INDEX_HEADER_LENGTH + (segmentSize / indexStride) * INDEX_ENTRY_LENGTH;
    }

    /**
     * Makes sure every position below {@code end} is backed by a segment file.
     *
     * @param end         exclusive end of the claim.
     * @param speculative true for the housekeeper's growth ahead: capped at the size limit, never counted as a
     *                    failure.
     * @return {@link #OK}, {@link #LIMIT_REACHED}, {@link #IO_FAILED} or {@link #LOCK_TIMEOUT}.
     */
    int ensureGrown(final long end, final boolean speculative)
    {
        if (end <= metadata.grownLimit())
        {
            return OK;
        }
        if (readOnly)
        {
            lastError = "journal " + directory + " is open read-only: it cannot grow";
            return IO_FAILED;
        }
        if (speculative)
        {
            return growAhead(end);
        }
        final long target = chunkCeil(end);
        if (!speculative)
        {
            metadata.ratchetRequestedLimit(target);
        }
        synchronized (growthMonitor)
        {
            final long deadlineNs = System.nanoTime() + options.lockTimeoutNs();
            int backoff = 0;
            while (true)
            {
                if (end <= metadata.grownLimit())
                {
                    return OK;
                }
                if (metadata.tryLock() || breakDeadLock())
                {
                    try
                    {
                        return growLocked(end, speculative);
                    }
                    finally
                    {
                        metadata.unlock();
                    }
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    lastError = "metadata lock of " + directory + " held by pid " + metadata.lockOwner() +
                        " for longer than " + options.lockTimeoutNs() / 1_000_000 + " ms";
                    return LOCK_TIMEOUT;
                }
                backoff = backoff(backoff);
            }
        }
    }

    /**
     * The housekeeper's growth ahead of the cursor: one chunk per call, and only when the lock is free now, so that
     * the housekeepers of several processes do not queue up to grow the same chunks and a writer that does need
     * growth never waits behind more than one chunk.
     */
    private int growAhead(final long end)
    {
        final int[] result = { OK };
        final long next = Math.min(end, metadata.grownLimit() + chunkSize);
        if (!tryWithLock(() -> result[0] = growLocked(next, true)))
        {
            return LOCK_TIMEOUT;
        }
        return result[0];
    }

    static int backoff(final int attempt)
    {
        if (attempt < 100)
        {
            Thread.onSpinWait();
        }
        else if (attempt < 200)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(50_000);
        }
        return attempt + 1;
    }

    private boolean breakDeadLock()
    {
        final long owner = metadata.lockOwner();
        if (0 != owner && owner != JournalMetadata.PID && !JournalMetadata.isAlive(owner))
        {
            return metadata.breakLock(owner);
        }
        return false;
    }

    /**
     * Runs {@code action} under the metadata lock if it can be had now, for housekeeping that can wait.
     *
     * @return true when the action ran.
     */
    boolean tryWithLock(final Runnable action)
    {
        synchronized (growthMonitor)
        {
            if (metadata.tryLock() || breakDeadLock())
            {
                try
                {
                    action.run();
                    return true;
                }
                finally
                {
                    metadata.unlock();
                }
            }
            return false;
        }
    }

    private long chunkCeil(final long position)
    {
        return ((position + chunkSize - 1) / chunkSize) * chunkSize;
    }

    private int growLocked(final long end, final boolean speculative)
    {
        long grown = metadata.grownLimit();
        if (end <= grown)
        {
            return OK;
        }
        long target = Math.max(chunkCeil(end), speculative ? 0 : metadata.requestedLimit());
        final long maxSize = options.maxSizeBytes();
        if (maxSize > 0)
        {
            final long firstBase = metadata.firstSegment() * segmentSize;
            final long maxEnd = firstBase + (maxSize / chunkSize) * chunkSize;
            target = Math.min(target, maxEnd);
            if (end > maxEnd)
            {
                if (!speculative)
                {
                    metadata.increment(GROWTH_FAILURES_OFFSET);
                    lastError = "journal " + directory + " reached its size limit of " + maxSize +
                        " bytes (live segments from position " + firstBase + " to " + grown + ")";
                }
                return LIMIT_REACHED;
            }
        }
        try
        {
            while (grown < target)
            {
                final long segment = grown / segmentSize;
                final long segmentBase = segment * segmentSize;
                // one chunk at a time, each published at once: writers waiting on the lock see progress early
                final long upTo = Math.min(Math.min(target, segmentBase + segmentSize), grown + chunkSize);
                final FileChannel channel = openOrCreate(segment, grown == segmentBase);
                extend(segment, channel, grown - segmentBase, upTo - segmentBase);
                metadata.grownLimitRelease(upTo);
                grown = upTo;
            }
            return OK;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (!speculative)
            {
                metadata.increment(GROWTH_FAILURES_OFFSET);
            }
            lastError = "cannot grow journal " + directory + " to position " + target + ": " + ex;
            return IO_FAILED;
        }
    }

    private FileChannel openOrCreate(final long segment, final boolean mayCreate) throws IOException
    {
        final Path path = segmentPath(segment);
        if (mayCreate && !Files.exists(path))
        {
            createIndex(segment);
            try (FileChannel ignored = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
            {
                ignored.force(true);
            }
        }
        try
        {
            return channel(segment);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IOException("segment file " + path + " is missing", ex);
        }
    }

    private void createIndex(final long segment) throws IOException
    {
        final Path path = indexPath(segment);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            final ByteBuffer header = ByteBuffer.allocate(INDEX_HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(INDEX_MAGIC_OFFSET, INDEX_MAGIC);
            header.putInt(INDEX_VERSION_OFFSET, VERSION);
            header.putLong(INDEX_SEGMENT_OFFSET, segment);
            header.putLong(INDEX_BASE_OFFSET, segment * segmentSize);
            header.putInt(INDEX_STRIDE_HEADER_OFFSET, indexStride);
            channel.truncate(0);
            writeFully(channel, header, 0);
            if (options.preallocate())
            {
                fillZeros(channel, INDEX_HEADER_LENGTH, indexFileLength());
            }
            else
            {
                writeFully(channel, ByteBuffer.allocate(1), indexFileLength() - 1);
            }
        }
    }

    private void extend(final long segment, final FileChannel channel, final long from, final long to)
        throws IOException
    {
        if (options.preallocate())
        {
            if (useNative)
            {
                // allocates the blocks (tmpfs: zeroed pages) without copying zeros through the page cache
                final int result = NativeMemory.fallocate(segmentPath(segment), from, to - from);
                if (result == 0)
                {
                    return;
                }
                if (result != EOPNOTSUPP)
                {
                    throw new IOException("fallocate of " + segmentPath(segment) + " [" + from + ", " + to +
                        ") failed: errno " + -result);
                }
            }
            fillZeros(channel, from, to);
        }
        else if (channel.size() < to)
        {
            writeFully(channel, ByteBuffer.allocate(1), to - 1);
        }
    }

    private void fillZeros(final FileChannel channel, final long from, final long to) throws IOException
    {
        if (null == zeros)
        {
            zeros = ByteBuffer.allocateDirect(ZERO_BUFFER_LENGTH);
        }
        long position = from;
        while (position < to)
        {
            final ByteBuffer slice = zeros.duplicate();
            slice.limit((int)Math.min(ZERO_BUFFER_LENGTH, to - position));
            writeFully(channel, slice, position);
            position += slice.limit();
        }
    }

    static void writeFully(final FileChannel channel, final ByteBuffer buffer, final long position) throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            at += channel.write(buffer, at);
        }
    }

    /**
     * Deletes old segments that break a retention bound, never the segment a registered reader is on, the segment
     * being written or the one before it. Runs under the metadata lock.
     *
     * @param windows this process's windows, to unmap the deleted segments'.
     * @return segments deleted.
     */
    int applyRetention(final MappedWindows windows)
    {
        if (readOnly || options.retainSegments() == 0 && options.retainBytes() == 0 && options.retainAgeNs() == 0)
        {
            return 0;
        }
        final long grown = metadata.grownLimit();
        if (grown == 0)
        {
            return 0;
        }
        final long lastSegment = (grown - 1) / segmentSize;
        final long writingSegment = Math.min(metadata.cursor(), grown - 1) / segmentSize;
        final long minReader = metadata.minReaderPosition();
        final long protectFrom = Math.min(writingSegment - 1,
            minReader == Long.MAX_VALUE ? Long.MAX_VALUE : minReader / segmentSize);
        int deleted = 0;
        long first = metadata.firstSegment();
        while (first < protectFrom)
        {
            final long liveSegments = lastSegment - first + 1;
            final long liveBytes = grown - first * segmentSize;
            boolean expired = options.retainSegments() > 0 && liveSegments > options.retainSegments();
            expired |= options.retainBytes() > 0 && liveBytes > options.retainBytes();
            if (!expired && options.retainAgeNs() > 0)
            {
                final long ageMs = System.currentTimeMillis() - lastModifiedMs(first);
                expired = ageMs * 1_000_000L > options.retainAgeNs();
            }
            if (!expired)
            {
                break;
            }
            closeSegment(first);
            try
            {
                Files.deleteIfExists(segmentPath(first));
                Files.deleteIfExists(indexPath(first));
            }
            catch (final IOException ex)
            {
                lastError = "retention cannot delete segment " + segmentPath(first) + ": " + ex;
                break;
            }
            first++;
            metadata.firstSegmentRelease(first);
            metadata.increment(SEGMENTS_DELETED_OFFSET);
            deleted++;
        }
        if (deleted > 0 && null != windows)
        {
            windows.dropBelow(first);
        }
        return deleted;
    }

    private long lastModifiedMs(final long segment)
    {
        try
        {
            return Files.getLastModifiedTime(segmentPath(segment)).toMillis();
        }
        catch (final IOException ex)
        {
            return System.currentTimeMillis();
        }
    }

    /**
     * Closes this process's channel and index mapping of a segment (deleted by retention here or elsewhere).
     */
    synchronized void closeSegment(final long segment)
    {
        final FileChannel channel = channels.remove(segment);
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing a channel of a file about to be deleted: nothing to recover
            }
        }
        final MappedByteBuffer index = indexes.remove(segment);
        if (null != index)
        {
            IoUtil.unmap(index);
        }
    }

    /**
     * Forces segment files in {@code [fromSegment, toSegment]} to the device.
     */
    void force(final long fromSegment, final long toSegment) throws IOException
    {
        for (long segment = fromSegment; segment <= toSegment; segment++)
        {
            final FileChannel channel;
            synchronized (this)
            {
                channel = Files.exists(segmentPath(segment)) ? channel(segment) : null;
            }
            if (null != channel)
            {
                channel.force(false);
            }
        }
    }

    public synchronized void close()
    {
        closed = true;
        channels.values().forEach(channel ->
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing: the data is in the page cache either way
            }
        });
        channels.clear();
        indexes.values().forEach(IoUtil::unmap);
        indexes.clear();
    }
}
