package io.ticklane.latency;

import org.agrona.IoUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ticklane.latency.CountersFileDescriptor.*;

/**
 * The engine's counters in a memory-mapped file (layout: {@link CountersFileDescriptor}), so that another process
 * ({@code engine stat}, the console) can read them live without touching the engine.
 * <p>
 * The engine creates it with {@link #create}; counters are allocated on the main thread before agents start, and
 * each counter is then written by exactly one agent thread. Readers use {@link #openReadOnly}.
 */
public final class CountersFile implements AutoCloseable
{
    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer values;
    private final CountersManager manager;
    private final CountersReader reader;

    private CountersFile(final Path path, final MappedByteBuffer mapped, final boolean create, final EpochClock clock)
    {
        this.path = path;
        this.mapped = mapped;
        header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
        if (create)
        {
            manager = new CountersManager(metadata, values, StandardCharsets.US_ASCII, clock, 0);
            reader = manager;
        }
        else
        {
            manager = null;
            reader = new CountersReader(metadata, values, StandardCharsets.US_ASCII);
        }
    }

    /**
     * Creates (or replaces) the file.
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
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIME_OFFSET, clock.time());
        header.putLongRelease(HEARTBEAT_OFFSET, clock.time());
        header.putLongRelease(MAGIC_OFFSET, MAGIC); // last: readers that see the magic see the whole header
        return new CountersFile(path, mapped, true, clock);
    }

    /**
     * @param path an existing counters file.
     * @return a read-only view.
     * @throws IllegalStateException when the file is not a counters file of this version.
     */
    public static CountersFile openReadOnly(final Path path)
    {
        if (!Files.isRegularFile(path))
        {
            throw new IllegalStateException("no counters file at " + path + " (is the engine running? see counters.path)");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(path.toFile(), "counters");
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final long magic = header.getLongAcquire(MAGIC_OFFSET);
        final int version = header.getInt(VERSION_OFFSET);
        if (magic != MAGIC || version != VERSION)
        {
            IoUtil.unmap(mapped);
            throw new IllegalStateException("not a ticklane counters file of version " + VERSION + ": " + path +
                " (magic 0x" + Long.toHexString(magic) + ", version " + version + ")");
        }
        return new CountersFile(path, mapped, false, null);
    }

    /**
     * Main thread, before agents start.
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
     * @param epochMs current time; written with release semantics so a reader sees a live engine.
     */
    public void heartbeat(final long epochMs)
    {
        header.putLongRelease(HEARTBEAT_OFFSET, epochMs);
    }

    /**
     * @return last heartbeat, epoch ms.
     */
    public long heartbeatMs()
    {
        return header.getLongAcquire(HEARTBEAT_OFFSET);
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
     * @return the file.
     */
    public Path path()
    {
        return path;
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
