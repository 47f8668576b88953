package io.ticklane.gateway.importer.dbn;

import io.airlift.compress.zstd.ZstdInputStream;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Streams the records of one Databento DBN file ({@code .dbn}, or zstd-compressed {@code .dbn.zst}, recognised by
 * its magic number), versions 1 to 3. {@link #next()} makes the next record current; {@link #buffer()} holds it at
 * {@link #offset()} for flyweights ({@link DbnMbo}, {@link DbnMbp}, {@link DbnDefinition}). Records of any type are
 * counted by rtype ({@link #count(int)}) whatever the caller does with them, so unknown types are counted and skipped.
 * <p>
 * Reads through a fixed 256 KiB window that is compacted and refilled as records are consumed: no allocation per
 * record, and the file is never held whole (zstd streaming through aircompressor's pure-Java decoder).
 * <p>
 * Single thread.
 */
public final class DbnReader implements AutoCloseable
{
    private static final int WINDOW_BYTES = 256 * 1024;
    private static final int ZSTD_MAGIC = 0xFD2FB528;

    private final Path file;
    private final InputStream in;
    private final DbnMetadata metadata;
    private final byte[] window = new byte[WINDOW_BYTES];
    private final UnsafeBuffer buffer = new UnsafeBuffer(window);
    private final long[] counts = new long[256];
    private int start;
    private int limit;
    private int recordOffset;
    private int recordLength;
    private long records;
    private long bytesRead;
    private boolean eof;

    private DbnReader(final Path file, final InputStream in) throws IOException
    {
        this.file = file;
        this.in = in;
        fill(DbnDescriptor.PRELUDE_LENGTH);
        if (limit < DbnDescriptor.PRELUDE_LENGTH || window[0] != 'D' || window[1] != 'B' || window[2] != 'N')
        {
            throw new IllegalArgumentException(file + ": not a DBN file (no 'DBN' prelude)");
        }
        final int version = window[3] & 0xFF;
        if (version < 1 || version > DbnDescriptor.MAX_VERSION)
        {
            throw new IllegalArgumentException(file + ": DBN version " + version + "; supported: 1.." +
                DbnDescriptor.MAX_VERSION);
        }
        final int length = buffer.getInt(4, ByteOrder.LITTLE_ENDIAN);
        if (length < 0 || length > 64 * 1024 * 1024)
        {
            throw new IllegalArgumentException(file + ": DBN metadata length " + length + " is implausible");
        }
        start = DbnDescriptor.PRELUDE_LENGTH;
        final byte[] block = new byte[length];
        int copied = 0;
        while (copied < length)
        {
            if (start == limit)
            {
                start = 0;
                limit = 0;
                fill(1);
                if (limit == 0)
                {
                    throw new IllegalArgumentException(file + ": DBN metadata truncated at " + copied + " of " +
                        length + " bytes");
                }
            }
            final int n = Math.min(length - copied, limit - start);
            System.arraycopy(window, start, block, copied, n);
            copied += n;
            start += n;
        }
        metadata = DbnMetadata.parse(version, block, file.toString());
    }

    /**
     * @param file a {@code .dbn} or {@code .dbn.zst} file.
     * @return a reader positioned before the first record.
     * @throws IllegalArgumentException naming the file when it is missing or not DBN.
     * @throws UncheckedIOException when it cannot be read.
     */
    public static DbnReader open(final Path file)
    {
        InputStream raw = null;
        try
        {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(4);
            final byte[] magic = raw.readNBytes(4);
            raw.reset();
            final boolean zstd = magic.length == 4 &&
                ((magic[0] & 0xFF) | (magic[1] & 0xFF) << 8 | (magic[2] & 0xFF) << 16 | (magic[3] & 0xFF) << 24) ==
                ZSTD_MAGIC;
            return new DbnReader(file, zstd ? new ZstdInputStream(raw) : raw);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("no such file: " + file);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(raw);
            if (ex instanceof IllegalArgumentException)
            {
                throw (IllegalArgumentException)ex;
            }
            if (ex instanceof IOException)
            {
                throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), (IOException)ex);
            }
            throw new IllegalArgumentException(file + ": cannot decode (" + ex + ")", ex);
        }
    }

    private static void closeQuietly(final InputStream in)
    {
        if (null != in)
        {
            try
            {
                in.close();
            }
            catch (final IOException ignore)
            {
                // already failing
            }
        }
    }

    /**
     * Makes the next record current.
     *
     * @return false at the end of the file.
     * @throws IllegalArgumentException naming the file and byte position of a truncated or impossible record.
     */
    public boolean next()
    {
        start += recordLength;
        recordLength = 0;
        if (limit - start < 1)
        {
            compactAndFill(1);
            if (limit - start < 1)
            {
                return false;
            }
        }
        final int length = (window[start] & 0xFF) * 4;
        if (length < DbnDescriptor.HEADER_LENGTH)
        {
            throw new IllegalArgumentException(file + ": impossible record length " + length + " at record " +
                (records + 1) + " (byte " + (bytesRead - (limit - start)) + " of the decoded stream)");
        }
        if (limit - start < length)
        {
            compactAndFill(length);
            if (limit - start < length)
            {
                throw new IllegalArgumentException(file + ": truncated record " + (records + 1) + ": " +
                    (limit - start) + " of " + length + " bytes");
            }
        }
        recordOffset = start;
        recordLength = length;
        records++;
        counts[window[start + DbnDescriptor.RTYPE_OFFSET] & 0xFF]++;
        return true;
    }

    private void compactAndFill(final int needed)
    {
        final int remaining = limit - start;
        if (start > 0)
        {
            System.arraycopy(window, start, window, 0, remaining);
            limit = remaining;
            start = 0;
        }
        try
        {
            fill(needed);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void fill(final int needed) throws IOException
    {
        while (!eof && limit - start < needed)
        {
            final int n = in.read(window, limit, window.length - limit);
            if (n < 0)
            {
                eof = true;
            }
            else
            {
                limit += n;
                bytesRead += n;
            }
        }
    }

    /**
     * @return the window holding the current record (valid until the next call to {@link #next()}).
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the current record in {@link #buffer()}.
     */
    public int offset()
    {
        return recordOffset;
    }

    /**
     * @return length of the current record in bytes.
     */
    public int length()
    {
        return recordLength;
    }

    /**
     * @return the current record's rtype.
     */
    public int rtype()
    {
        return window[recordOffset + DbnDescriptor.RTYPE_OFFSET] & 0xFF;
    }

    /**
     * @return the current record's instrument id.
     */
    public int instrumentId()
    {
        return buffer.getInt(recordOffset + DbnDescriptor.INSTRUMENT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the current record's ts_event, ns since the epoch.
     */
    public long tsEvent()
    {
        return buffer.getLong(recordOffset + DbnDescriptor.TS_EVENT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return the file's metadata.
     */
    public DbnMetadata metadata()
    {
        return metadata;
    }

    /**
     * @return the file's DBN version.
     */
    public int version()
    {
        return metadata.version();
    }

    /**
     * @param rtype a record type.
     * @return records of that type read so far.
     */
    public long count(final int rtype)
    {
        return counts[rtype & 0xFF];
    }

    /**
     * @return records read so far.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return the file.
     */
    public Path file()
    {
        return file;
    }

    public void close()
    {
        try
        {
            in.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + file, ex);
        }
    }
}
