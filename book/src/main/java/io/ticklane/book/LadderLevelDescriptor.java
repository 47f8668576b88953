package io.ticklane.book;

/**
 * Layout of one price level of a {@link PriceLadder} side as readers on other threads see it: one 64-bit word,
 * {@code quantity << 24 | orderCount}, stored by the writer with release semantics and read with acquire, so a
 * reader always gets a quantity and a count that belong together. Words sit {@link #DEFAULT_STRIDE} bytes apart in
 * a {@code long[]} (a whole cache line per level), so a reader polling one level never shares a line with the
 * writer updating its neighbour; an 8-byte word never straddles a line, whatever the array's alignment.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-----------------------------------------------+---------------+
 *  |       Order Count (bits 0-23)                 | Quantity ...  |  0
 *  +-----------------------------------------------+---------------+
 *  |       ... Aggregate Quantity (bits 24-63)                     |  4
 *  +---------------------------------------------------------------+
 *  |       Padding to the stride                                 ...|  8
 *  +---------------------------------------------------------------+
 * </pre>
 * The level's FIFO head and tail are writer-only and live in dense arrays beside it. The stride is 64 bytes: see
 * {@code LadderStrideBenchmark} and {@code docs/BENCHMARKS.md} for the false-sharing measurement behind the choice.
 */
public final class LadderLevelDescriptor
{
    /** Bits of the word holding the order count. */
    public static final int ORDERS_BITS = 24;
    /** Most orders one level can hold. */
    public static final int MAX_LEVEL_ORDERS = (1 << ORDERS_BITS) - 1;
    /** Largest aggregate quantity one level can hold. */
    public static final long MAX_LEVEL_QUANTITY = (1L << (64 - ORDERS_BITS)) - 1;
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

    /**
     * @param quantity aggregate quantity, 0..{@link #MAX_LEVEL_QUANTITY}.
     * @param orders   order count, 0..{@link #MAX_LEVEL_ORDERS}.
     * @return the level word.
     */
    public static long pack(final long quantity, final int orders)
    {
        return quantity << ORDERS_BITS | orders;
    }

    /**
     * @param word a level word.
     * @return its quantity.
     */
    public static long quantity(final long word)
    {
        return word >>> ORDERS_BITS;
    }

    /**
     * @param word a level word.
     * @return its order count.
     */
    public static int orders(final long word)
    {
        return (int)word & MAX_LEVEL_ORDERS;
    }
}
