package io.ticklane.latency;

import org.agrona.IoUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.ConcurrentCountersManager;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import static io.ticklane.latency.CountersFileDescriptor.*;

/**
 * The engine's counters in a memory-mapped file (layout: {@link CountersFileDescriptor}), so that another process
 * ({@code engine stat}, the console) can read them live without touching the engine.
 * <p>
 * The engine creates it with {@link #create}; counters are allocated on the main thread before agents start, and
 * each counter is then written by exactly one agent thread. Readers use {@link #openReadOnly}, which maps the file
 * read-only: a reader can never disturb the engine. A read-only instance may be used by one thread at a time.
 */
public final class CountersFile implements AutoCloseable
{
    /** A heartbeat older than this means the owner is not responding (it stamps every 100 ms). */
    public static final long STALE_HEARTBEAT_MS = 2_000;

    /** What a reader can tell about the file's owner. */
    public enum Liveness
    {
        /** Heartbeat fresh. */
        RUNNING,
        /** Heartbeat stale but the owner process exists: hung, stopped by a debugger, or starved of CPU. */
        NOT_RESPONDING,
        /** The owner closed the file cleanly; values are final. */
        STOPPED,
        /** The owner process is gone without closing the file: it crashed or was killed. */
        DEAD
    }

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersManager manager;
    private final CountersReader reader;
    private final Object fileKey;
    private boolean closed;

    private CountersFile(
        final Path path, final MappedByteBuffer mapped, final boolean create, final EpochClock clock)
    {
        this.path = path;
        this.mapped = mapped;
        header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        final UnsafeBuffer metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        final UnsafeBuffer values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
        if (create)
        {
            manager = new ConcurrentCountersManager(metadata, values, StandardCharsets.US_ASCII, clock, 0);
            reader = manager;
        }
        else
        {
            manager = null;
            reader = new CountersReader(metadata, values, StandardCharsets.US_ASCII);
        }
        fileKey = fileKey(path);
    }

    /**
     * Creates (or replaces) the file. A reader still mapping a replaced file keeps the old one; it notices through
     * {@link #isReplaced()}.
     *
     * @param path        file, ideally on tmpfs ({@code /dev/shm}).
     * @param maxCounters capacity.
     * @param clock       wall clock.
     * @return the writable file.
     */
    public static CountersFile create(final Path path, final int maxCounters, final EpochClock clock)
    {
        final int metadataLength = metadataLength(maxCounters);
        final int valuesLength = valuesLength(maxCounters);
        final long length = (long)HEADER_LENGTH + metadataLength + valuesLength;
        try
        {
            final Path parent = path.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create counters file " + path, ex);
        }
        final MappedByteBuffer mapped = IoUtil.mapNewFile(path.toFile(), length, true);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        header.putInt(VERSION_OFFSET, VERSION);
        header.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        header.putInt(STATE_OFFSET, STATE_RUNNING);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIME_OFFSET, clock.time());
        header.putLongRelease(HEARTBEAT_OFFSET, clock.time());
        header.putLongRelease(MAGIC_OFFSET, MAGIC); // last: readers that see the magic see the whole header
        return new CountersFile(path, mapped, true, clock);
    }

    /**
     * @param path an existing counters file.
     * @return a read-only view.
     * @throws IllegalStateException when there is no file, or it is not (yet) a complete counters file of this
     *                               version; the message says which.
     */
    public static CountersFile openReadOnly(final Path path)
    {
        if (!Files.isRegularFile(path))
        {
            throw new IllegalStateException(
                "no counters file at " + path + " (is the engine running? see counters.path)");
        }
        final long size;
        try
        {
            size = Files.size(path);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read counters file " + path + ": " + ex.getMessage(), ex);
        }
        if (size < HEADER_LENGTH)
        {
            throw new IllegalStateException("counters file " + path + " is being created (" + size + " bytes)");
        }
        final MappedByteBuffer mapped =
            IoUtil.mapExistingFile(path.toFile(), FileChannel.MapMode.READ_ONLY, "counters");
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final long magic = header.getLongAcquire(MAGIC_OFFSET);
        final int version = header.getInt(VERSION_OFFSET);
        final long needed = (long)HEADER_LENGTH + header.getInt(METADATA_LENGTH_OFFSET) +
            header.getInt(VALUES_LENGTH_OFFSET);
        if (magic != MAGIC || version != VERSION || needed > size)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException("not a complete ticklane counters file of version " + VERSION + ": " +
                path + " (magic 0x" + Long.toHexString(magic) + ", version " + version + ", " + size + " bytes)");
        }
        return new CountersFile(path, mapped, false, null);
    }

    private static Object fileKey(final Path path)
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Any thread (allocation takes a lock: start-up, or the first time something new is counted, never per event).
     *
     * @param label  readable label.
     * @param typeId one of {@link CounterTypes}.
     * @return the counter.
     */
    public AtomicCounter newCounter(final String label, final int typeId)
    {
        if (null == manager)
        {
            throw new IllegalStateException("counters file opened read-only: " + path);
        }
        return manager.newCounter(label, typeId);
    }

    /**
     * Owner only (its housekeeping thread).
     *
     * @param epochMs current time; written with release semantics so a reader sees a live engine.
     */
    public void heartbeat(final long epochMs)
    {
        if (null != manager)
        {
            header.putLongRelease(HEARTBEAT_OFFSET, epochMs);
        }
    }

    /**
     * @return last heartbeat, epoch ms (acquire).
     */
    public long heartbeatMs()
    {
        return header.getLongAcquire(HEARTBEAT_OFFSET);
    }

    /**
     * @return {@link CountersFileDescriptor#STATE_RUNNING} or {@link CountersFileDescriptor#STATE_CLOSED} (acquire).
     */
    public int state()
    {
        return header.getIntAcquire(STATE_OFFSET);
    }

    /**
     * @param nowMs the reader's wall clock, epoch ms.
     * @return what the file says about its owner.
     */
    public Liveness liveness(final long nowMs)
    {
        if (state() == STATE_CLOSED)
        {
            return Liveness.STOPPED;
        }
        if (nowMs - heartbeatMs() <= STALE_HEARTBEAT_MS)
        {
            return Liveness.RUNNING;
        }
        final boolean alive = ProcessHandle.of(ownerPid()).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Liveness.NOT_RESPONDING : Liveness.DEAD;
    }

    /**
     * @return true when the path now names a different file (the engine restarted) or none (it was removed).
     */
    public boolean isReplaced()
    {
        final Object current = fileKey(path);
        return null == current || !current.equals(fileKey);
    }

    /**
     * @return pid of the process that created the file.
     */
    public long ownerPid()
    {
        return header.getLong(PID_OFFSET);
    }

    /**
     * @return start time of the owner, epoch ms.
     */
    public long startTimeMs()
    {
        return header.getLong(START_TIME_OFFSET);
    }

    /**
     * @return reader over the counters (works for both the writer and read-only opens).
     */
    public CountersReader reader()
    {
        return reader;
    }

    /**
     * Reads every allocated counter: labels, types and current values (each value read with acquire semantics).
     * Allocates; for tools, not for the engine's hot path.
     *
     * @return the counters in id order.
     */
    public List<CounterSample> snapshot()
    {
        final List<CounterSample> samples = new ArrayList<>();
        reader.forEach((counterId, typeId, keyBuffer, label) ->
            samples.add(new CounterSample(counterId, typeId, label, reader.getCounterValue(counterId))));
        return samples;
    }

    /**
     * @return the file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Owner: marks the file closed (release), so readers show final values as such, then unmaps. Reader: unmaps.
     * Idempotent; no counter may be used afterwards.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null != manager)
        {
            header.putIntRelease(STATE_OFFSET, STATE_CLOSED);
        }
        IoUtil.unmap(mapped);
    }
}
