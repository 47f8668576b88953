package io.ticklane.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One engine per journal and per counters file: an exclusive OS file lock on {@code <path>.lock}, holding the
 * owner's pid. The kernel releases it when the owner dies, however it dies (kill -9 included), so a stale lock file
 * never blocks a restart. A second engine is refused with the first one's pid.
 * <p>
 * Threading: taken and released by the engine's controlling thread.
 */
final class EngineLock implements AutoCloseable
{
    private final Path lockPath;
    private final FileChannel channel;
    private final FileLock lock;

    private EngineLock(final Path lockPath, final FileChannel channel, final FileLock lock)
    {
        this.lockPath = lockPath;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param path what is owned (a journal directory, a counters file): the lock is {@code <path>.lock} beside it.
     * @param what how to name it in the error, e.g. {@code journal} or {@code counters file}.
     * @param key  the configuration key that chooses it, for the error.
     * @return the held lock.
     * @throws OperatorException when another live process holds it.
     */
    static EngineLock acquire(final Path path, final String what, final String key)
    {
        final Path absolute = path.toAbsolutePath();
        final Path lockPath = absolute.resolveSibling(absolute.getFileName() + ".lock");
        FileChannel channel = null;
        try
        {
            Files.createDirectories(lockPath.getParent());
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                lock = null; // this very process holds it
            }
            if (null == lock)
            {
                final String owner = readOwner(channel);
                channel.close();
                throw new OperatorException("the " + what + " " + absolute + " is in use by another engine (" + owner +
                    "); stop it, or give this one its own " + key);
            }
            final byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new EngineLock(lockPath, channel, lock);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new OperatorException("cannot lock the " + what + " " + absolute + " (" + lockPath + "): " +
                ex.getMessage());
        }
    }

    private static String readOwner(final FileChannel channel)
    {
        try
        {
            final ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            final String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? "pid unknown" : "pid " + text;
        }
        catch (final IOException ex)
        {
            return "pid unknown";
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing on a failure path
            }
        }
    }

    /**
     * @return the lock file.
     */
    Path path()
    {
        return lockPath;
    }

    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ignore)
        {
            // the channel's close releases it too
        }
        closeQuietly(channel);
    }
}
