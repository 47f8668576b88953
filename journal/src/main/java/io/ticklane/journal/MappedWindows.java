package io.ticklane.journal;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * This process's bounded ring of mappings ("windows"), so that a process never maps the whole log: its mapped and
 * resident size stay bounded however long the journal grows. Window {@code k} of a
 * segment maps chunks {@code k} and {@code k + 1}, so every frame that starts in chunk {@code k} and is no longer
 * than a chunk lies whole inside it: frames straddle chunk ends without being split. A window is handed out with a
 * reference count; when the ring is full, the unreferenced window lowest in the log is unmapped to make room, so
 * that the process's mapped (and resident) size is bounded by {@code windows * 2 * chunk}, not by the journal.
 * <p>
 * A window never reaches past the end of its segment file: mapping past it would extend the file (or, read-only,
 * fail), and a file shorter than the metadata says is damage that readers report, not something to paper over.
 * A journal opened read-only maps read-only.
 * <p>
 * Thread-safe: all methods synchronise on the ring. Each window is used by the thread that acquired it until it
 * releases it; the ring only unmaps windows nobody holds.
 */
final class MappedWindows implements AutoCloseable
{
    /**
     * One mapping. Fields other than {@code refs} and {@code lastUse} are fixed once mapped.
     */
    static final class Window
    {
        final long segment;
        final long start;
        final long end;
        final MappedByteBuffer mapped;
        final UnsafeBuffer buffer;
        int refs;

        Window(final long segment, final long start, final long end, final MappedByteBuffer mapped)
        {
            this.segment = segment;
            this.start = start;
            this.end = end;
            this.mapped = mapped;
            this.buffer = new UnsafeBuffer(mapped, 0, mapped.capacity());
        }
    }

    private final SegmentStore store;
    private final JournalMetadata metadata;
    private final Window[] ring;
    private final int chunkSize;
    private final long segmentSize;
    private final FileChannel.MapMode mapMode;
    private boolean closed;

    MappedWindows(final SegmentStore store, final JournalMetadata metadata, final int capacity)
    {
        this.store = store;
        this.metadata = metadata;
        this.ring = new Window[capacity];
        this.chunkSize = metadata.chunkSize();
        this.segmentSize = metadata.segmentSize();
        this.mapMode = store.isReadOnly() ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE;
    }

    /**
     * @param position    a log position; the window is the one of the chunk that holds it.
     * @param requiredEnd the window must reach at least this position.
     * @return the window, referenced, or null when {@code requiredEnd} is not grown yet, lies past the end of the
     *         segment file (or the file is missing), or every window is held.
     */
    synchronized Window acquire(final long position, final long requiredEnd)
    {
        if (closed)
        {
            return null;
        }
        final long segment = position / segmentSize;
        final long segmentBase = segment * segmentSize;
        final long start = segmentBase + ((position - segmentBase) / chunkSize) * chunkSize;
        for (final Window window : ring)
        {
            if (null != window && window.start == start && window.end >= requiredEnd)
            {
                window.refs++;
                return window;
            }
        }
        long end = Math.min(Math.min(start + 2L * chunkSize, segmentBase + segmentSize), metadata.grownLimit());
        if (end < requiredEnd || end <= position)
        {
            return null;
        }
        final long fileLength = store.segmentFileLength(segment);
        end = Math.min(end, segmentBase + Math.max(0, fileLength));
        if (end < requiredEnd || end <= position)
        {
            return null;
        }
        final int slot = freeSlot();
        if (slot < 0)
        {
            return null;
        }
        final MappedByteBuffer mapped;
        try
        {
            final FileChannel channel = store.channel(segment);
            mapped = channel.map(mapMode, start - segmentBase, end - start);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot map " + store.segmentPath(segment) + " at " + (start - segmentBase) +
                ": " + ex, ex);
        }
        final Window window = new Window(segment, start, end, mapped);
        if (store.usesNative())
        {
            // 2 MiB pages where the file system offers them on request (tmpfs huge=advise); harmless elsewhere
            NativeMemory.adviseHugePages(window.buffer.addressOffset(), end - start);
        }
        window.refs = 1;
        ring[slot] = window;
        return window;
    }

    private int freeSlot()
    {
        int victim = -1;
        for (int i = 0; i < ring.length; i++)
        {
            final Window window = ring[i];
            if (null == window)
            {
                return i;
            }
            if (window.refs == 0 && (victim < 0 || window.start < ring[victim].start))
            {
                victim = i;
            }
        }
        if (victim >= 0)
        {
            unmap(victim);
        }
        return victim;
    }

    private void unmap(final int slot)
    {
        IoUtil.unmap(ring[slot].mapped);
        ring[slot] = null;
    }

    /**
     * @param window a window from {@link #acquire}; null is ignored.
     */
    synchronized void release(final Window window)
    {
        if (null != window)
        {
            window.refs--;
        }
    }

    /**
     * Unmaps every unreferenced window of segments below {@code segment} (retention deleted their files).
     *
     * @param segment first live segment.
     */
    synchronized void dropBelow(final long segment)
    {
        for (int i = 0; i < ring.length; i++)
        {
            if (null != ring[i] && ring[i].segment < segment && ring[i].refs == 0)
            {
                unmap(i);
            }
        }
    }

    /**
     * Forces the dirty pages of the mapped windows that overlap {@code [from, to)} (msync).
     */
    synchronized void force(final long from, final long to)
    {
        for (final Window window : ring)
        {
            if (null != window && window.end > from && window.start < to)
            {
                window.mapped.force();
            }
        }
    }

    /**
     * @return bytes currently mapped.
     */
    synchronized long mappedBytes()
    {
        long total = 0;
        for (final Window window : ring)
        {
            if (null != window)
            {
                total += window.end - window.start;
            }
        }
        return total;
    }

    public synchronized void close()
    {
        closed = true;
        for (int i = 0; i < ring.length; i++)
        {
            if (null != ring[i])
            {
                unmap(i);
            }
        }
    }
}
