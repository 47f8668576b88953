package io.ticklane.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one "poll until X or fail after T" loop of the test suites: a condition is polled, with a back-off between
 * polls (spin, then yield, then park up to 1 ms), until it holds or the timeout passes; then the test fails naming
 * what it waited for and how long. Never a fixed sleep: a wait ends as soon as its condition holds.
 * <p>
 * Call from the test's own thread. An exception thrown by the condition ends the wait and fails the test with it.
 */
public final class Await
{
    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    private static final long MAX_PARK_NS = 1_000_000L;

    /**
     * A condition that may throw; a checked exception fails the wait.
     */
    @FunctionalInterface
    public interface Condition
    {
        /**
         * @return true once the awaited state is reached.
         * @throws Exception anything that makes waiting pointless.
         */
        boolean test() throws Exception;
    }

    /**
     * A value source that may throw; a checked exception fails the wait.
     *
     * @param <T> the value's type.
     */
    @FunctionalInterface
    public interface Source<T>
    {
        /**
         * @return the current value.
         * @throws Exception anything that makes waiting pointless.
         */
        T get() throws Exception;
    }

    private Await()
    {
    }

    /**
     * @param what      what is awaited, for the failure message (e.g. "the feed to finish").
     * @param timeout   most time to wait.
     * @param condition polled until true.
     * @throws AssertionError when the timeout passes first.
     */
    public static void until(final String what, final Duration timeout, final Condition condition)
    {
        until(() -> what, timeout, condition);
    }

    /**
     * @param what      what is awaited, evaluated only on failure (so it can include logs gathered meanwhile).
     * @param timeout   most time to wait.
     * @param condition polled until true.
     * @throws AssertionError when the timeout passes first.
     */
    public static void until(final Supplier<String> what, final Duration timeout, final Condition condition)
    {
        value(what, timeout, () -> condition.test() ? Boolean.TRUE : Boolean.FALSE, Boolean.TRUE::equals);
    }

    /**
     * The same wait for a caller that asserts itself (e.g. with a message gathered from several sources): no
     * failure on timeout, the result says whether the condition came to hold.
     *
     * @param timeout   most time to wait.
     * @param condition polled until true.
     * @return true when it held before the timeout.
     */
    public static boolean within(final Duration timeout, final Condition condition)
    {
        try
        {
            until("a condition", timeout, condition);
            return true;
        }
        catch (final AssertionError timedOut)
        {
            if (timedOut.getMessage() != null && timedOut.getMessage().startsWith("timed out"))
            {
                return false;
            }
            throw timedOut;
        }
    }

    /**
     * @param what    what is awaited, for the failure message.
     * @param timeout most time to wait.
     * @param source  polled for a value.
     * @param accept  true for the value waited for.
     * @param <T>     the value's type.
     * @return the first accepted value.
     * @throws AssertionError when the timeout passes first; its message ends with the last value seen.
     */
    public static <T> T value(
        final String what, final Duration timeout, final Source<T> source, final Predicate<? super T> accept)
    {
        return value(() -> what, timeout, source, accept);
    }

    private static <T> T value(
        final Supplier<String> what, final Duration timeout, final Source<T> source, final Predicate<? super T> accept)
    {
        final long startNs = System.nanoTime();
        final long timeoutNs = timeout.toNanos();
        T last = null;
        for (int attempt = 0; true; attempt++)
        {
            try
            {
                last = source.get();
            }
            catch (final RuntimeException | Error ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new AssertionError("while waiting for " + what.get() + ": " + ex, ex);
            }
            if (accept.test(last))
            {
                return last;
            }
            final long remainingNs = timeoutNs - (System.nanoTime() - startNs);
            if (remainingNs <= 0)
            {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what.get() +
                    (last instanceof Boolean ? "" : " (last value: " + last + ")"));
            }
            backOff(attempt, remainingNs);
        }
    }

    private static void backOff(final int attempt, final long remainingNs)
    {
        if (attempt < SPINS)
        {
            Thread.onSpinWait();
        }
        else if (attempt < SPINS + YIELDS)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(Math.min(MAX_PARK_NS, remainingNs));
            if (Thread.interrupted())
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting");
            }
        }
    }
}
