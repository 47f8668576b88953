package io.ticklane.engine;

import java.nio.file.Path;

/**
 * A child JVM for {@link EngineLockTest}: takes the engine lock on the path given, prints {@code locked}, and holds
 * it until killed.
 */
public final class EngineLockHolder
{
    private EngineLockHolder()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final EngineLock lock = EngineLock.acquire(Path.of(args[0]), "journal", "journal.path");
        System.out.println("locked " + lock.path());
        System.out.flush();
        while (System.in.read() >= 0)
        {
            // hold the lock until killed (or stdin closes)
        }
        lock.close();
    }
}
