package io.ticklane.config;

/**
 * Book agents and the queues that feed them.
 *
 * @param agents            number of book agents; instruments are sharded over them.
 * @param orderPoolCapacity resting orders each book agent can hold (pre-allocated).
 * @param ringCapacityBytes capacity of each book agent's many-to-one ring buffer (power of two).
 * @param ringFullTimeoutNs how long a gateway retries a full ring before it drops the event and marks the
 *                          instrument stale (to be recovered from a snapshot).
 * @param snapshotDepth     levels per side each book publishes to readers on other threads ({@code book.depth}).
 * @param overflowLevels    levels per side a book can hold outside its ladder's window ({@code book.overflow.levels}).
 * @param recentre          whether a ladder's window follows the touch when it moves out ({@code book.recentre}).
 * @param maxBandTicks      cap on the ladder half-width a definition may ask for ({@code book.max.band}); prices
 *                          beyond it are kept in the overflow.
 */
public record BookSettings(
    int agents,
    int orderPoolCapacity,
    int ringCapacityBytes,
    long ringFullTimeoutNs,
    int snapshotDepth,
    int overflowLevels,
    boolean recentre,
    int maxBandTicks)
{
    static BookSettings from(final ConfigSource source)
    {
        return new BookSettings(
            source.getInt("book.agents", 1, 1, 64),
            source.getInt("book.order.pool", 1 << 20, 16, 1 << 28),
            (int)source.getSizeBytes("ring.capacity", 1 << 20, 4096, 1L << 30, true),
            source.getDurationNs("ring.full.timeout", 100_000_000L, 1_000L, 60_000_000_000L),
            source.getInt("book.depth", 10, 1, 1024),
            source.getInt("book.overflow.levels", 1024, 1, 1 << 20),
            source.getBoolean("book.recentre", true),
            source.getInt("book.max.band", 1 << 16, 16, 1 << 22));
    }
}
