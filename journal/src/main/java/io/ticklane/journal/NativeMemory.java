package io.ticklane.journal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.agrona.BufferUtil;

/**
 * The optional native helper ({@code src/main/c/ticklane_journal.c}, built by the module's pom when gcc is present):
 * {@code madvise(MADV_POPULATE_WRITE)} to fault a whole range in, writable, in one call, {@code madvise(MADV_HUGEPAGE)},
 * and {@code fallocate}. Where it was not built or cannot load, {@link #isAvailable()} is false, {@link #reason()}
 * says why, and the journal does the same work in pure Java (zero writes, one touch per page). Measurements and the
 * choice: docs/JOURNAL.md, "Pre-faulting".
 * <p>
 * Loaded on first use by a housekeeper, never in a static initializer of a class the hot path touches. Thread-safe.
 */
final class NativeMemory
{
    /** Set to {@code false} to never load the helper (pure-Java fallback everywhere). */
    static final String ENABLED_PROP_NAME = "ticklane.journal.native";

    private static final String RESOURCE = "/native/linux-" + System.getProperty("os.arch") +
        "/libticklane_journal.so";
    private static volatile boolean loaded;
    private static volatile String reason;

    private NativeMemory()
    {
    }

    static native int populateWrite(long address, long length);

    static native int adviseHugePages(long address, long length);

    private static native int fallocate(long pathAddress, long offset, long length);

    /**
     * Loads the helper once.
     *
     * @return true when it is loaded.
     */
    static synchronized boolean isAvailable()
    {
        if (loaded || null != reason)
        {
            return loaded;
        }
        if ("false".equals(System.getProperty(ENABLED_PROP_NAME)))
        {
            reason = "disabled by -D" + ENABLED_PROP_NAME + "=false";
            return false;
        }
        try (InputStream in = NativeMemory.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                reason = "native helper " + RESOURCE + " was not built (gcc missing when the journal module was " +
                    "built, or not Linux)";
                return false;
            }
            final Path library = Files.createTempFile("ticklane-journal", ".so");
            library.toFile().deleteOnExit();
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            System.load(library.toString());
            loaded = true;
        }
        catch (final IOException | LinkageError | SecurityException ex)
        {
            reason = "native helper unavailable: " + ex;
        }
        return loaded;
    }

    /**
     * @return why the helper is not used, or null when it is.
     */
    static String reason()
    {
        return reason;
    }

    /**
     * @param file   an existing file.
     * @param offset first byte to allocate.
     * @param length bytes to allocate.
     * @return 0, or a negative errno.
     */
    static int fallocate(final Path file, final long offset, final long length)
    {
        final byte[] path = file.toString().getBytes(StandardCharsets.UTF_8);
        final ByteBuffer buffer = ByteBuffer.allocateDirect(path.length + 1);
        buffer.put(path).put((byte)0);
        final int result = fallocate(BufferUtil.address(buffer), offset, length);
        Reference.reachabilityFence(buffer);
        return result;
    }
}
