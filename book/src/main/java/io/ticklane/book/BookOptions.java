package io.ticklane.book;

/**
 * How a {@link LadderOrderBook} is built, beyond its instrument's definition. Immutable.
 *
 * @param snapshotDepth  levels per side published to readers on other threads, 1..{@value
 *                       BookSnapshotDescriptor#MAX_DEPTH}.
 * @param overflowLevels levels per side the overflow can hold outside the ladder's window, &gt;= 1.
 * @param stride         bytes per ladder level: 64 (the measured choice) or 128; 32 only for measurements.
 * @param recentre       whether the window moves to the touch when the touch leaves it (see {@link LadderOrderBook}).
 */
public record BookOptions(int snapshotDepth, int overflowLevels, int stride, boolean recentre)
{
    /** Snapshot depth when not configured. */
    public static final int DEFAULT_SNAPSHOT_DEPTH = 10;
    /** Overflow levels per side when not configured. */
    public static final int DEFAULT_OVERFLOW_LEVELS = 1024;
    /** What the engine uses unless configured otherwise. */
    public static final BookOptions DEFAULT = new BookOptions(
        DEFAULT_SNAPSHOT_DEPTH, DEFAULT_OVERFLOW_LEVELS, LadderLevelDescriptor.DEFAULT_STRIDE, true);

    /**
     * @throws IllegalArgumentException naming the first field out of range.
     */
    public BookOptions
    {
        if (snapshotDepth < 1 || snapshotDepth > BookSnapshotDescriptor.MAX_DEPTH)
        {
            throw new IllegalArgumentException("snapshot depth " + snapshotDepth + "; allowed: 1.." +
                BookSnapshotDescriptor.MAX_DEPTH);
        }
        if (overflowLevels < 1)
        {
            throw new IllegalArgumentException("overflow levels " + overflowLevels + "; allowed: >= 1");
        }
        if (!LadderLevelDescriptor.isValidStride(stride))
        {
            throw new IllegalArgumentException("ladder stride " + stride + "; allowed: 32, 64, 128");
        }
    }

    /**
     * @param depth levels per side to publish.
     * @return a copy with that snapshot depth.
     */
    public BookOptions withSnapshotDepth(final int depth)
    {
        return new BookOptions(depth, overflowLevels, stride, recentre);
    }
}
