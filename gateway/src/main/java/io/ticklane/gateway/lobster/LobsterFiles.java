package io.ticklane.gateway.lobster;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens a LOBSTER message or orderbook file given either as the plain CSV or as the zip LOBSTER distributes (one
 * zip holds both files; the entry is chosen by its name: {@code _message_} or {@code _orderbook_}).
 */
public final class LobsterFiles
{
    /** Which of the two files of a LOBSTER sample. */
    public enum Kind
    {
        MESSAGE("_message_"),
        ORDERBOOK("_orderbook_");

        private final String marker;

        Kind(final String marker)
        {
            this.marker = marker;
        }
    }

    private LobsterFiles()
    {
    }

    /**
     * A stream over the file's CSV text, with a display name for messages.
     */
    public static final class Source implements AutoCloseable
    {
        private final String name;
        private final InputStream in;
        private final AutoCloseable owner;

        Source(final String name, final InputStream in, final AutoCloseable owner)
        {
            this.name = name;
            this.in = in;
            this.owner = owner;
        }

        /**
         * @return file name, with the zip entry for a zip.
         */
        public String name()
        {
            return name;
        }

        /**
         * @return the CSV bytes.
         */
        public InputStream in()
        {
            return in;
        }

        public void close() throws IOException
        {
            try
            {
                in.close();
            }
            finally
            {
                if (null != owner)
                {
                    try
                    {
                        owner.close();
                    }
                    catch (final IOException | RuntimeException ex)
                    {
                        throw ex;
                    }
                    catch (final Exception ex)
                    {
                        throw new IOException(ex);
                    }
                }
            }
        }
    }

    /**
     * @param path a plain CSV, or a zip holding exactly one entry of the kind.
     * @param kind which file is wanted from a zip.
     * @return an open source; the caller closes it.
     * @throws IOException when the file cannot be read, or a zip has no or several entries of the kind.
     */
    public static Source open(final Path path, final Kind kind) throws IOException
    {
        if (!Files.isRegularFile(path))
        {
            throw new IOException("no such file: " + path);
        }
        if (!isZip(path))
        {
            return new Source(path.toString(), new BufferedInputStream(Files.newInputStream(path), 1 << 16), null);
        }
        final ZipFile zip = new ZipFile(path.toFile());
        try
        {
            final List<ZipEntry> matches = new ArrayList<>();
            final Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements())
            {
                final ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().contains(kind.marker) &&
                    entry.getName().toLowerCase().endsWith(".csv"))
                {
                    matches.add(entry);
                }
            }
            if (matches.size() != 1)
            {
                throw new IOException(path + ": expected one *" + kind.marker + "*.csv entry in the zip, found " +
                    matches.size());
            }
            final ZipEntry entry = matches.get(0);
            return new Source(path + "!" + entry.getName(),
                new BufferedInputStream(zip.getInputStream(entry), 1 << 16), zip);
        }
        catch (final IOException | RuntimeException ex)
        {
            zip.close();
            throw ex;
        }
    }

    private static boolean isZip(final Path path) throws IOException
    {
        try (InputStream in = Files.newInputStream(path))
        {
            final byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }
}
