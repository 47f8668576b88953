package io.ticklane.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a request to stop, and holds JVM exit until the main thread has shut the engine down
 * cleanly and printed its summary (bounded, so a wedged shutdown cannot hang the process forever).
 */
final class StopSignal
{
    private static final long EXIT_GRACE_MS = 15_000;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopSignal()
    {
        hook = new Thread(() ->
        {
            stopRequested.countDown();
            try
            {
                finished.await(EXIT_GRACE_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }, "ticklane-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @param timeoutNs most time to wait.
     * @return true when a stop was requested, false on timeout.
     */
    boolean await(final long timeoutNs)
    {
        try
        {
            return stopRequested.await(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * @return true once a stop was requested.
     */
    boolean requested()
    {
        return stopRequested.getCount() == 0;
    }

    /**
     * The main thread is done: let the JVM exit, and drop the hook when no signal came.
     */
    void finished()
    {
        finished.countDown();
        if (!requested())
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignore)
            {
                // shutdown already in progress
            }
        }
    }
}
