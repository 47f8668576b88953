package io.ticklane.book;

/**
 * The hash function behind {@link OrderBook#stateHash()}, so that every implementation folds the same values in
 * the same order.
 */
public final class BookStateHash
{
    /** Starting value. */
    public static final long SEED = 0x9E3779B97F4A7C15L;

    private BookStateHash()
    {
    }

    /**
     * @param hash  running hash.
     * @param value next value.
     * @return new running hash (a multiply-xorshift mix).
     */
    public static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return h * 0x94D049BB133111EBL;
    }
}
