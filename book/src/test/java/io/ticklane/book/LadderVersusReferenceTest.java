package io.ticklane.book;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast book against the reference model over long random sequences: after every step the result code, the
 * state hash (every level and every order in queue order), the order count, the top levels and the published
 * snapshot must agree. Two books share one small pool, with overlapping order ids, small ladders and small
 * overflows, so that the id index, out-of-band levels, re-centring and both kinds of refusal are exercised. A
 * refusal for want of room ({@link BookResult#POOL_EXHAUSTED}, {@link BookResult#OVERFLOW_FULL}) is the one
 * permitted difference: the fast book must then be unchanged (and stale), and the reference does not apply it.
 */
class LadderVersusReferenceTest
{
    private static final long TICK = 25;
    private static final int DEPTH = 5;

    @Property(tries = 60)
    void agreesWithReferenceAfterEveryStep(
        @ForAll final long seed,
        @ForAll @IntRange(min = 0, max = 24) final int bandTicks,
        @ForAll @IntRange(min = 2, max = 64) final int overflowLevels,
        @ForAll @IntRange(min = 8, max = 200) final int poolCapacity,
        @ForAll @IntRange(min = 0, max = 10) final int farJumpPercent,
        @ForAll @LongRange(min = 50, max = 5000) final long startMidTicks)
    {
        final OrderPool pool = new OrderPool(poolCapacity);
        final BookOptions options = new BookOptions(DEPTH, overflowLevels, 64, true);
        final LadderOrderBook[] fast = {
            new LadderOrderBook(1, TICK, startMidTicks * TICK, bandTicks, pool, options),
            new LadderOrderBook(2, TICK, (startMidTicks + 7) * TICK, bandTicks, pool, options)};
        final ReferenceOrderBook[] reference = {new ReferenceOrderBook(1, TICK), new ReferenceOrderBook(2, TICK)};
        final RandomBookOps[] ops = {
            new RandomBookOps(seed, TICK, startMidTicks, 48, farJumpPercent),
            new RandomBookOps(~seed, TICK, startMidTicks + 7, 48, farJumpPercent)};
        final Views views = new Views();
        final java.util.SplittableRandom pick = new java.util.SplittableRandom(seed * 31);
        for (int step = 0; step < 4000; step++)
        {
            final int b = pick.nextInt(2);
            ops[b].next();
            final long before = fast[b].stateHash();
            final int result = ops[b].apply(fast[b]);
            final String where = "seed " + seed + " step " + step + " book " + b + " " + ops[b];
            if (result == BookResult.POOL_EXHAUSTED || result == BookResult.OVERFLOW_FULL)
            {
                assertEquals(before, fast[b].stateHash(), where + ": refused but changed");
                assertEquals(BookState.STALE, fast[b].state(), where);
                assertEquals(BookState.STALE, readState(fast[b]), where);
                continue;
            }
            final int expected = ops[b].apply(reference[b]);
            assertEquals(BookResult.name(expected), BookResult.name(result), where);
            if (result != BookResult.OK)
            {
                assertEquals(before, fast[b].stateHash(), where + ": rejected but changed");
            }
            views.compare(fast[b], reference[b], where);
            if (step % 97 == 0)
            {
                views.compare(fast[1 - b], reference[1 - b], where + " (other book)");
            }
        }
        assertTrue(pool.used() <= poolCapacity);
        assertEquals(pool.used(), fast[0].orderCount() + fast[1].orderCount());
    }

    @Property(tries = 20)
    void clearReturnsEverySlotAndKeepsAgreeing(
        @ForAll final long seed, @ForAll @IntRange(min = 0, max = 8) final int band)
    {
        final OrderPool pool = new OrderPool(256);
        final LadderOrderBook fast = new LadderOrderBook(1, TICK, 1000 * TICK, band, pool,
            new BookOptions(DEPTH, 512, 128, true));
        final ReferenceOrderBook reference = new ReferenceOrderBook(1, TICK);
        final RandomBookOps ops = new RandomBookOps(seed, TICK, 1000, 200, 5);
        final Views views = new Views();
        for (int round = 0; round < 5; round++)
        {
            for (int step = 0; step < 600; step++)
            {
                ops.next();
                assertEquals(ops.apply(reference), ops.apply(fast), "seed " + seed + " " + ops);
            }
            views.compare(fast, reference, "seed " + seed + " round " + round);
            fast.clear();
            reference.clear();
            assertEquals(0, pool.used());
            views.compare(fast, reference, "after clear");
        }
    }

    private static int readState(final LadderOrderBook book)
    {
        final TopOfBook top = new TopOfBook();
        book.reader().read(top);
        return top.state();
    }

    /** Reusable arrays for comparing two books' visible state. */
    static final class Views
    {
        final long[] fastPrices = new long[DEPTH];
        final long[] fastQuantities = new long[DEPTH];
        final int[] fastCounts = new int[DEPTH];
        final long[] refPrices = new long[DEPTH];
        final long[] refQuantities = new long[DEPTH];
        final int[] refCounts = new int[DEPTH];
        final BookDepth depth = new BookDepth(DEPTH);
        final TopOfBook top = new TopOfBook();

        void compare(final LadderOrderBook fast, final ReferenceOrderBook reference, final String where)
        {
            assertEquals(reference.stateHash(), fast.stateHash(), where + ": state hash");
            assertEquals(reference.orderCount(), fast.orderCount(), where + ": order count");
            assertTrue(fast.reader().tryRead(depth), where + ": snapshot left open");
            assertTrue(fast.reader().tryRead(top), where + ": snapshot left open");
            for (int side = Side.BID; side <= Side.ASK; side++)
            {
                assertEquals(reference.bestPrice(side), fast.bestPrice(side), where + ": best " + Side.name(side));
                java.util.Arrays.fill(fastPrices, 0);
                java.util.Arrays.fill(refPrices, 0);
                java.util.Arrays.fill(fastQuantities, 0);
                java.util.Arrays.fill(refQuantities, 0);
                java.util.Arrays.fill(fastCounts, 0);
                java.util.Arrays.fill(refCounts, 0);
                final int n = reference.levels(side, DEPTH, refPrices, refQuantities, refCounts);
                assertEquals(n, fast.levels(side, DEPTH, fastPrices, fastQuantities, fastCounts), where);
                assertArrayEquals(refPrices, fastPrices, where + ": prices " + Side.name(side));
                assertArrayEquals(refQuantities, fastQuantities, where + ": quantities " + Side.name(side));
                assertArrayEquals(refCounts, fastCounts, where + ": counts " + Side.name(side));
                assertEquals(n, depth.levels(side), where + ": snapshot levels " + Side.name(side));
                for (int r = 0; r < n; r++)
                {
                    assertEquals(refPrices[r], depth.price(side, r), where + ": snapshot price rank " + r);
                    assertEquals(refQuantities[r], depth.quantity(side, r), where + ": snapshot qty rank " + r);
                    assertEquals(refCounts[r], depth.orders(side, r), where + ": snapshot orders rank " + r);
                }
            }
            assertEquals(reference.bestPrice(Side.BID), top.bidPrice(), where + ": snapshot bid");
            assertEquals(reference.bestPrice(Side.ASK), top.askPrice(), where + ": snapshot ask");
            assertEquals(depth.levels(Side.BID) > 0 ? depth.quantity(Side.BID, 0) : 0, top.bidQuantity(), where);
            assertEquals(depth.levels(Side.ASK) > 0 ? depth.quantity(Side.ASK, 0) : 0, top.askQuantity(), where);
        }
    }
}
