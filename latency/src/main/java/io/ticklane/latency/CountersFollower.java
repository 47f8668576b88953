package io.ticklane.latency;

import java.nio.file.Path;

/**
 * Keeps a read-only view of whatever counters file is at a path: opens it once it appears, and when the engine
 * restarts (a new file replaces the old one) or the file is removed, lets go of the old mapping and opens the new
 * one. Used by {@code engine stat} and the console. One reader thread.
 */
public final class CountersFollower implements AutoCloseable
{
    private final Path path;
    private CountersFile current;
    private String problem;
    private boolean switched;

    /**
     * @param path where the engine writes its counters file ({@code counters.path}).
     */
    public CountersFollower(final Path path)
    {
        this.path = path;
    }

    /**
     * @return the file to read now, or null when there is none (see {@link #problem()}).
     */
    public CountersFile poll()
    {
        switched = false;
        if (null != current && current.isReplaced())
        {
            current.close();
            current = null;
            switched = true;
        }
        if (null == current)
        {
            try
            {
                current = CountersFile.openReadOnly(path);
                problem = null;
                switched = true;
            }
            catch (final IllegalStateException ex)
            {
                problem = ex.getMessage();
            }
        }
        return current;
    }

    /**
     * @return why the last {@link #poll()} found no file, or null.
     */
    public String problem()
    {
        return problem;
    }

    /**
     * @return true when the last {@link #poll()} opened a file or dropped a replaced one.
     */
    public boolean switched()
    {
        return switched;
    }

    /**
     * @return the path followed.
     */
    public Path path()
    {
        return path;
    }

    public void close()
    {
        if (null != current)
        {
            current.close();
            current = null;
        }
    }
}
