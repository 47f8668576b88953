package io.ticklane.book;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast depth book against the list-based reference over long random sequences: after every step the result
 * code, the state hash (every slot: state, price, quantity, count), each slot's state, the known levels of every
 * side and book, whether each side is fully known, and, when published, the seqlock snapshot must agree. A refusal
 * must leave the book unchanged. There is no permitted difference.
 */
class DepthVersusReferenceTest
{
    @Property(tries = 80)
    void agreesWithReferenceAfterEveryStep(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 12) final int depth,
        @ForAll @IntRange(min = 0, max = 3) final int impliedDepth,
        @ForAll @IntRange(min = 0, max = 10) final int invalidPercent)
    {
        final DepthBook fast = new DepthBook(7, "TEST", 1, -2, depth, impliedDepth);
        final ReferenceDepthBook reference = new ReferenceDepthBook(depth, impliedDepth);
        final RandomLevelOps ops = new RandomLevelOps(seed, depth, impliedDepth, invalidPercent);
        final Views views = new Views(Math.max(depth, impliedDepth));
        views.compare(fast, reference, "seed " + seed + " at start");
        if (seed % 2 == 0)
        {
            fast.clear();
            reference.clear();
        }
        for (int step = 0; step < 5000; step++)
        {
            ops.next(reference);
            final long before = fast.stateHash();
            final String where = "seed " + seed + " step " + step + " " + ops;
            final int expected = ops.apply(reference);
            final int result = ops.apply(fast);
            assertEquals(LevelResult.name(expected), LevelResult.name(result), where);
            if (result != BookResult.OK)
            {
                assertEquals(before, fast.stateHash(), where + ": refused but changed");
            }
            views.compare(fast, reference, where);
            if (step % 7 == 0)
            {
                fast.publish();
                views.compareSnapshot(fast, reference, where);
            }
        }
    }

    /** Reusable arrays for comparing two books' visible state. */
    static final class Views
    {
        final long[] fastPrices;
        final long[] fastQuantities;
        final int[] fastCounts;
        final long[] refPrices;
        final long[] refQuantities;
        final int[] refCounts;
        final DepthLevels snapshot;

        Views(final int capacity)
        {
            fastPrices = new long[capacity];
            fastQuantities = new long[capacity];
            fastCounts = new int[capacity];
            refPrices = new long[capacity];
            refQuantities = new long[capacity];
            refCounts = new int[capacity];
            snapshot = new DepthLevels(capacity);
        }

        void compare(final LevelBook fast, final LevelBook reference, final String where)
        {
            assertEquals(reference.stateHash(), fast.stateHash(), () -> where + ": state hash\n" + reference);
            for (int book = 0; book < 2; book++)
            {
                assertEquals(reference.depth(book), fast.depth(book), where);
                for (int side = 0; side < 2; side++)
                {
                    final String what = where + ": " + LevelBook.bookName(book) + " " + Side.name(side);
                    assertEquals(reference.isKnown(book, side), fast.isKnown(book, side), what + " known");
                    for (int level = 1; level <= reference.depth(book); level++)
                    {
                        assertEquals(reference.levelState(book, side, level), fast.levelState(book, side, level),
                            what + " level " + level);
                    }
                    fill();
                    final int n = reference.levels(book, side, refPrices.length, refPrices, refQuantities, refCounts);
                    assertEquals(n, fast.levels(book, side, fastPrices.length, fastPrices, fastQuantities,
                        fastCounts), what + " levels");
                    assertArrayEquals(refPrices, fastPrices, what + " prices");
                    assertArrayEquals(refQuantities, fastQuantities, what + " quantities");
                    assertArrayEquals(refCounts, fastCounts, what + " counts");
                }
            }
        }

        void compareSnapshot(final DepthBook fast, final LevelBook reference, final String where)
        {
            assertTrue(fast.reader().tryRead(snapshot), where + ": snapshot left open");
            assertEquals(fast.state(), snapshot.state(), where);
            for (int book = 0; book < 2; book++)
            {
                for (int side = 0; side < 2; side++)
                {
                    final String what = where + ": snapshot " + LevelBook.bookName(book) + " " + Side.name(side);
                    fill();
                    final int n = reference.levels(book, side, refPrices.length, refPrices, refQuantities, refCounts);
                    assertEquals(n, snapshot.levels(book, side), what);
                    assertEquals(reference.depth(book) > 0 && reference.isKnown(book, side),
                        snapshot.isKnown(book, side), what + " known");
                    for (int r = 0; r < n; r++)
                    {
                        assertEquals(refPrices[r], snapshot.price(book, side, r), what + " price " + r);
                        assertEquals(refQuantities[r], snapshot.quantity(book, side, r), what + " qty " + r);
                        assertEquals(refCounts[r], snapshot.orders(book, side, r), what + " orders " + r);
                    }
                }
            }
        }

        private void fill()
        {
            java.util.Arrays.fill(fastPrices, 0);
            java.util.Arrays.fill(refPrices, 0);
            java.util.Arrays.fill(fastQuantities, 0);
            java.util.Arrays.fill(refQuantities, 0);
            java.util.Arrays.fill(fastCounts, 0);
            java.util.Arrays.fill(refCounts, 0);
        }
    }
}
