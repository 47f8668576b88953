package io.ticklane.config;

/**
 * The memory-mapped journal of every inbound packet.
 *
 * @param enabled       journal every packet (default true).
 * @param path          journal directory.
 * @param capacityBytes data capacity pre-sized for the log.
 */
public record JournalSettings(boolean enabled, String path, long capacityBytes)
{
    static JournalSettings from(final ConfigSource source)
    {
        return new JournalSettings(
            source.getBoolean("journal.enabled", true),
            source.getString("journal.path", "data/journal"),
            source.getSizeBytes("journal.capacity", 1L << 30, 1L << 16, 1L << 40, false));
    }
}
