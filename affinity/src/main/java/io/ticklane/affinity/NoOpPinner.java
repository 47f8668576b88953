package io.ticklane.affinity;

/**
 * Pinning disabled: the OS schedules agent threads freely.
 */
final class NoOpPinner implements ThreadPinner
{
    static final NoOpPinner INSTANCE = new NoOpPinner();

    public boolean pin(final int cpu)
    {
        return false;
    }

    public String describe()
    {
        return "no-op (threads are not pinned)";
    }
}
