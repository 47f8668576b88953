package io.ticklane.journal;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Creating and attaching to the metadata file, race-free between processes: exactly one process creates it
 * ({@code CREATE_NEW}), sizes it, writes the geometry and then the magic (release), and finally the ready flag; every
 * other process waits for the size, the magic and ready, and checks the version (docs/JOURNAL.md, "Creation").
 * <p>
 * Static; the thread that opens the journal.
 */
final class MetadataFile
{
    /** A metadata file short of its size for longer than this was left by a creator that died. */
    static final long STALE_CREATION_MS = 1_000;

    private MetadataFile()
    {
    }

    static MappedByteBuffer create(final FileChannel channel, final JournalOptions options)
        throws IOException
    {
        SegmentStore.writeFully(channel, ByteBuffer.allocate(METADATA_LENGTH), 0);
        final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, METADATA_LENGTH);
        final UnsafeBuffer buffer = new UnsafeBuffer(mapped, 0, METADATA_LENGTH);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putInt(METADATA_LENGTH_OFFSET, METADATA_LENGTH);
        buffer.putInt(PAGE_SIZE_OFFSET, PAGE_SIZE);
        buffer.putInt(CHUNK_SIZE_OFFSET, options.chunkSize());
        buffer.putLong(SEGMENT_SIZE_OFFSET, options.segmentSize());
        buffer.putInt(INDEX_STRIDE_OFFSET, options.indexStride());
        buffer.putLong(CREATOR_PID_OFFSET, JournalMetadata.PID);
        buffer.putLong(CREATED_MS_OFFSET, System.currentTimeMillis());
        buffer.putLongRelease(MAGIC_OFFSET, MAGIC);
        return mapped;
    }

    /**
     * Waits for the creator: first for the file to reach its size (it cannot be mapped before), then for the
     * magic, then checks the version, then waits for the ready flag. A metadata file still short of its size long
     * after it was last written was left by a creator that died: that fails at once, see {@link #checkNotStale}.
     */
    static MappedByteBuffer awaitReady(final Path file, final long timeoutNs, final boolean readOnly)
        throws IOException
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        MappedByteBuffer mapped = null;
        try
        {
            while (true)
            {
                if (null == mapped)
                {
                    if (Files.size(file) >= METADATA_LENGTH)
                    {
                        try (FileChannel channel = readOnly ? FileChannel.open(file, StandardOpenOption.READ) :
                            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
                        {
                            mapped = channel.map(readOnly ? FileChannel.MapMode.READ_ONLY :
                                FileChannel.MapMode.READ_WRITE, 0, METADATA_LENGTH);
                        }
                    }
                    else
                    {
                        checkNotStale(file);
                    }
                }
                if (null != mapped)
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(mapped, 0, METADATA_LENGTH);
                    final long magic = buffer.getLongVolatile(MAGIC_OFFSET);
                    if (magic != 0 && magic != MAGIC)
                    {
                        throw new JournalException("cannot open journal " + file + ": not a journal metadata file " +
                            "(magic 0x" + Long.toHexString(magic) + ", expected 0x" + Long.toHexString(MAGIC) + ")");
                    }
                    if (magic == MAGIC)
                    {
                        final int version = buffer.getInt(VERSION_OFFSET);
                        if (version < MIN_READ_VERSION || version > VERSION)
                        {
                            throw new JournalException("cannot open journal " + file + ": its format version is " +
                                version + ", this build reads versions " + MIN_READ_VERSION + " to " + VERSION +
                                " and creates version " + VERSION);
                        }
                        if (buffer.getIntVolatile(READY_OFFSET) == 1)
                        {
                            final MappedByteBuffer ready = mapped;
                            mapped = null;
                            return ready;
                        }
                    }
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new JournalException(notReadyMessage(file, mapped, timeoutNs));
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
        catch (final NoSuchFileException ex)
        {
            throw new JournalException("cannot open journal " + file + ": it disappeared while being created", ex);
        }
        finally
        {
            if (null != mapped)
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    /**
     * The creator sizes the metadata file right after creating it, so a file still short of its size a second after
     * it was last written was left by a creator that died before writing anything: no frame can be in the journal.
     */
    private static void checkNotStale(final Path file) throws IOException
    {
        final long size = Files.size(file);
        final long ageMs = System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
        if (ageMs > STALE_CREATION_MS)
        {
            throw new JournalException("journal metadata " + file + " is " + (size == 0 ? "empty (0 bytes)" :
                "only " + size + " of " + METADATA_LENGTH + " bytes") + ", last written " + ageMs / 1000 + " s ago: " +
                "a process died while creating the journal, before any frame could be written; delete " + file +
                " (or the whole directory) and open the journal again");
        }
    }

    private static String notReadyMessage(final Path file, final MappedByteBuffer mapped, final long timeoutNs)
    {
        final long creator = null == mapped ? 0 : new UnsafeBuffer(mapped, 0, METADATA_LENGTH).getLong(
            CREATOR_PID_OFFSET);
        final String who = 0 == creator ? "its creator" :
            "its creator (pid " + creator + ", " + (JournalMetadata.isAlive(creator) ? "alive" : "dead") + ")";
        return "journal " + file + " was not made ready by " + who + " within " + timeoutNs / 1_000_000 +
            " ms; if the creator died mid-creation the directory holds no data yet: delete it and open again";
    }
}
