package io.ticklane.config;

/**
 * Where one agent runs and how it idles. Immutable.
 *
 * @param name display and key name, e.g. {@code gateway} or {@code book.0}.
 * @param cpu  CPU to pin to, or {@link #UNPINNED}.
 * @param idle idle strategy.
 */
public record AgentSpec(String name, int cpu, IdleSpec idle)
{
    /** CPU value meaning "let the OS schedule this thread". */
    public static final int UNPINNED = -1;

    /**
     * @return true when the agent is pinned to a CPU.
     */
    public boolean pinned()
    {
        return cpu != UNPINNED;
    }
}
