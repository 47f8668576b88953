package io.ticklane.journal;

/**
 * When committed frames reach the device. A process crash (SIGKILL included) loses nothing under any policy: the
 * frames are in the kernel's page cache, shared by every mapping of the file, and written back by the kernel. The
 * policies differ on power loss or a kernel crash. See docs/JOURNAL.md. Immutable; any thread.
 */
public enum Durability
{
    /** Never forced: the kernel writes back when it likes (typically within 30 s). Power loss loses that much. */
    PAGE_CACHE("page-cache"),
    /** The housekeeper forces the segments and metadata every flush interval: power loss loses one interval. */
    PERIODIC("periodic"),
    /** Every append forces its frame's pages before returning: power loss loses no returned append. Slow. */
    PER_APPEND("per-append");

    private final String configName;

    Durability(final String configName)
    {
        this.configName = configName;
    }

    /**
     * @return the name used in configuration.
     */
    public String configName()
    {
        return configName;
    }

    /**
     * @param name a configuration name.
     * @return the policy.
     * @throws IllegalArgumentException when unknown.
     */
    public static Durability fromConfigName(final String name)
    {
        for (final Durability durability : values())
        {
            if (durability.configName.equalsIgnoreCase(name))
            {
                return durability;
            }
        }
        throw new IllegalArgumentException("unknown durability '" + name + "'");
    }
}
