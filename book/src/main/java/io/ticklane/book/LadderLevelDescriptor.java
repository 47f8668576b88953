package io.ticklane.book;

/**
 * Layout of one price level in a {@link PriceLadder} side: a slot of {@link #DEFAULT_STRIDE} bytes (a cache line,
 * so that a reader polling one level never shares a line with the writer updating its neighbour), native byte
 * order, slot {@code i} at {@code i * stride} of a cache-line-aligned buffer.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          Aggregate Quantity (int64, release store)            |  0
 *  +---------------------------------------------------------------+
 *  |          Order Count (int32, release store)                   |  8
 *  +---------------------------------------------------------------+
 *  |          FIFO Head Slot (int32, writer only)                  | 12
 *  +---------------------------------------------------------------+
 *  |          FIFO Tail Slot (int32, writer only)                  | 16
 *  +---------------------------------------------------------------+
 *  |          Padding to the stride                               ...| 20
 *  +---------------------------------------------------------------+
 * </pre>
 * The stride is 64 bytes: the false-sharing benchmark ({@code LadderStrideBenchmark}, results in
 * {@code docs/BENCHMARKS.md}) measured no gain from 128 on the machines tried, and 128 doubles the ladder.
 */
public final class LadderLevelDescriptor
{
    public static final int QUANTITY_OFFSET = 0;
    public static final int ORDERS_OFFSET = 8;
    public static final int HEAD_OFFSET = 12;
    public static final int TAIL_OFFSET = 16;
    /** Bytes a level needs without padding. */
    public static final int LEVEL_LENGTH = 20;
    /** Stride used by the engine's books. */
    public static final int DEFAULT_STRIDE = 64;

    private LadderLevelDescriptor()
    {
    }

    /**
     * @param stride a candidate stride.
     * @return true for 32, 64 or 128 (32 exists only to measure false sharing).
     */
    public static boolean isValidStride(final int stride)
    {
        return stride == 32 || stride == 64 || stride == 128;
    }
}
