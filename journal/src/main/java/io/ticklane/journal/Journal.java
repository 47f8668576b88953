package io.ticklane.journal;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * A memory-mapped append log that many threads and processes can write at once: space is claimed with an atomic
 * get-and-add on a cursor in the shared mapping, the frame is written with its length unset, and the length is
 * stored last with release semantics to commit it (Aeron's log-buffer protocol). Readers stop at the first frame
 * whose length is still zero. Bytes in, bytes out: the journal knows nothing of the feed schema.
 * <p>
 * Thread-safe: {@link #newAppender()} and {@link #newReader(long)} may be called from any thread; each appender
 * and reader is then used by one thread.
 */
public final class Journal implements AutoCloseable
{
    private final Path directory;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer data;
    private final long capacity;

    private Journal(final Path directory, final MappedByteBuffer mapped, final long capacity)
    {
        this.directory = directory;
        this.mapped = mapped;
        this.capacity = capacity;
        metadata = new UnsafeBuffer(mapped, 0, METADATA_LENGTH);
        data = new UnsafeBuffer(mapped, METADATA_LENGTH, (int)capacity);
    }

    /**
     * Opens the journal in the directory, creating it when absent.
     *
     * @param options where and how big.
     * @return the open journal.
     * @throws JournalException when the file is not a journal of this version or cannot be mapped.
     */
    public static Journal open(final JournalOptions options)
    {
        final Path dir = options.directory();
        if (options.capacityBytes() > Integer.MAX_VALUE - METADATA_LENGTH)
        {
            throw new JournalException("journal capacity " + options.capacityBytes() + " exceeds the single-mapping " +
                "limit of this version (" + (Integer.MAX_VALUE - METADATA_LENGTH) + " bytes)");
        }
        final Path file = dir.resolve(DATA_FILE_NAME);
        try
        {
            Files.createDirectories(dir);
            final boolean created = !Files.exists(file);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                if (created)
                {
                    raf.setLength(METADATA_LENGTH + options.capacityBytes());
                }
                final long length = raf.length();
                final MappedByteBuffer mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
                final UnsafeBuffer meta = new UnsafeBuffer(mapped, 0, METADATA_LENGTH);
                if (created)
                {
                    meta.putInt(VERSION_OFFSET, VERSION);
                    meta.putLong(CAPACITY_OFFSET, options.capacityBytes());
                    meta.putLongRelease(MAGIC_OFFSET, MAGIC);
                }
                final long magic = meta.getLongAcquire(MAGIC_OFFSET);
                final int version = meta.getInt(VERSION_OFFSET);
                if (magic != MAGIC || version != VERSION)
                {
                    IoUtil.unmap(mapped);
                    throw new JournalException("cannot open journal " + file + ": found magic 0x" +
                        Long.toHexString(magic) + " version " + version + ", this build reads version " + VERSION);
                }
                return new Journal(dir, mapped, meta.getLong(CAPACITY_OFFSET));
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot open journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return a new appender for the calling thread.
     */
    public JournalAppender newAppender()
    {
        return new JournalAppender(metadata, data, capacity);
    }

    /**
     * @param fromPosition position of a frame boundary (0 for the start).
     * @return a new reader for the calling thread.
     */
    public JournalReader newReader(final long fromPosition)
    {
        return new JournalReader(data, fromPosition);
    }

    /**
     * @return bytes claimed so far (may run ahead of committed frames while writers are mid-append).
     */
    public long claimedPosition()
    {
        return Math.min(metadata.getLongVolatile(CURSOR_OFFSET), capacity);
    }

    /**
     * @return data capacity in bytes.
     */
    public long capacity()
    {
        return capacity;
    }

    /**
     * @return the journal directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Flushes dirty pages to the device (msync) and unmaps. No appender or reader may be used afterwards.
     */
    public void close()
    {
        mapped.force();
        IoUtil.unmap(mapped);
    }
}
