package io.ticklane.config;

/**
 * Book agents and the queues that feed them.
 *
 * @param agents            number of book agents; instruments are sharded over them.
 * @param orderPoolCapacity resting orders each book agent can hold (pre-allocated).
 * @param ringCapacityBytes capacity of each book agent's many-to-one ring buffer (power of two).
 * @param ringFullTimeoutNs how long a gateway retries a full ring before it drops the event and marks the
 *                          instrument stale (to be recovered from a snapshot).
 */
public record BookSettings(int agents, int orderPoolCapacity, int ringCapacityBytes, long ringFullTimeoutNs)
{
    static BookSettings from(final ConfigSource source)
    {
        return new BookSettings(
            source.getInt("book.agents", 1, 1, 64),
            source.getInt("book.order.pool", 1 << 20, 16, 1 << 28),
            (int)source.getSizeBytes("ring.capacity", 1 << 20, 4096, 1L << 30, true),
            source.getDurationNs("ring.full.timeout", 100_000_000L, 1_000L, 60_000_000_000L));
    }
}
