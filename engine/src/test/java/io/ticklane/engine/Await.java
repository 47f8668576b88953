package io.ticklane.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for a condition with a deadline (tests only): polls every millisecond, fails with the given message when the
 * deadline passes.
 */
final class Await
{
    private Await()
    {
    }

    static void until(final BooleanSupplier condition, final long timeoutNs, final String what)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
