package io.ticklane.book;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static io.ticklane.book.LevelAction.*;
import static io.ticklane.book.LevelBook.EMPTY;
import static io.ticklane.book.LevelBook.KNOWN;
import static io.ticklane.book.LevelBook.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MDPriceLevel semantics worked by hand, each case on both {@link DepthBook} and {@link ReferenceDepthBook}: what a
 * New pushes off, what a Delete and DeleteFrom leave behind (unknown, or empty when the bottom was known empty), the
 * refusals, implied kept apart from outright, the publication rule, and zero allocation per update.
 */
class DepthBookTest
{
    private static final int BID = Side.BID;
    private static final int ASK = Side.ASK;

    private static LevelBook[] books(final int depth, final int implied)
    {
        return new LevelBook[]{new DepthBook(1, "X", 1, 0, depth, implied), new ReferenceDepthBook(depth, implied)};
    }

    private static String describe(final LevelBook book, final int b, final int side)
    {
        final StringBuilder sb = new StringBuilder();
        for (int level = 1; level <= book.depth(b); level++)
        {
            final int state = book.levelState(b, side, level);
            sb.append(level > 1 ? " " : "").append(state == KNOWN ?
                book.levelQuantity(b, side, level) + "@" + book.levelPrice(b, side, level) :
                state == EMPTY ? "-" : "?");
        }
        return sb.toString();
    }

    @Test
    void aNewBookIsUnknownUntilClearedOrDetermined()
    {
        for (final LevelBook book : books(3, 2))
        {
            assertEquals("? ? ?", describe(book, OUTRIGHT, BID));
            assertFalse(book.isKnown(OUTRIGHT, BID));
            assertEquals(0, book.levels(OUTRIGHT, BID, 3, new long[3], new long[3], new int[3]));
            assertEquals(BookResult.OK, book.apply(OUTRIGHT, BID, NEW, 2, 99, 5, 1));
            assertEquals("? 5@99 ?", describe(book, OUTRIGHT, BID));
            assertEquals(0, book.levels(OUTRIGHT, BID, 3, new long[3], new long[3], new int[3]),
                "level 2 is known but level 1 is not: nothing is shown");
            assertEquals(BookResult.OK, book.apply(OUTRIGHT, BID, CHANGE, 1, 100, 7, 2));
            assertEquals("7@100 5@99 ?", describe(book, OUTRIGHT, BID));
            assertEquals(2, book.levels(OUTRIGHT, BID, 3, new long[3], new long[3], new int[3]));
            book.clear();
            assertEquals("- - -", describe(book, OUTRIGHT, BID));
            assertTrue(book.isKnown(OUTRIGHT, BID));
            assertTrue(book.isKnown(IMPLIED, ASK));
        }
    }

    @Test
    void newShiftsDownAndTheLastFallsOff()
    {
        for (final LevelBook book : books(3, 0))
        {
            book.clear();
            book.apply(OUTRIGHT, ASK, NEW, 1, 103, 3, 1);
            book.apply(OUTRIGHT, ASK, NEW, 1, 102, 2, 1);
            book.apply(OUTRIGHT, ASK, NEW, 1, 101, 1, 1);
            assertEquals("1@101 2@102 3@103", describe(book, OUTRIGHT, ASK));
            book.apply(OUTRIGHT, ASK, NEW, 2, 150, 9, 1); // any price: levels are positions, not prices
            assertEquals("1@101 9@150 2@102", describe(book, OUTRIGHT, ASK));
            book.apply(OUTRIGHT, ASK, NEW, 3, 160, 4, 1);
            assertEquals("1@101 9@150 4@160", describe(book, OUTRIGHT, ASK));
            assertEquals("- - -", describe(book, OUTRIGHT, BID));
        }
    }

    @Test
    void deleteShiftsUpAndLeavesTheBottomUnknownUnlessItWasEmpty()
    {
        for (final LevelBook book : books(3, 0))
        {
            book.clear();
            book.apply(OUTRIGHT, BID, NEW, 1, 100, 1, 1);
            book.apply(OUTRIGHT, BID, NEW, 2, 99, 2, 1);
            assertEquals("1@100 2@99 -", describe(book, OUTRIGHT, BID));
            book.apply(OUTRIGHT, BID, DELETE, 1, 0, 0, 0);
            assertEquals("2@99 - -", describe(book, OUTRIGHT, BID), "the bottom was empty: nothing below it");
            book.apply(OUTRIGHT, BID, NEW, 2, 98, 3, 1);
            book.apply(OUTRIGHT, BID, NEW, 3, 97, 4, 1);
            assertEquals("2@99 3@98 4@97", describe(book, OUTRIGHT, BID));
            book.apply(OUTRIGHT, BID, DELETE, 2, 0, 0, 0);
            assertEquals("2@99 4@97 ?", describe(book, OUTRIGHT, BID), "a level 4 may exist; the venue sends it");
            assertFalse(book.isKnown(OUTRIGHT, BID));
            assertEquals(2, book.levels(OUTRIGHT, BID, 3, new long[3], new long[3], new int[3]));
            book.apply(OUTRIGHT, BID, NEW, 3, 96, 5, 1);
            assertTrue(book.isKnown(OUTRIGHT, BID));
        }
    }

    @Test
    void deleteFromRemovesTheTopNAndDeleteThruEmptiesTheSide()
    {
        for (final LevelBook book : books(4, 0))
        {
            book.clear();
            for (int i = 0; i < 4; i++)
            {
                book.apply(OUTRIGHT, ASK, NEW, i + 1, 101 + i, 10 + i, 1);
            }
            book.apply(OUTRIGHT, ASK, DELETE_FROM, 2, 0, 0, 0);
            assertEquals("12@103 13@104 ? ?", describe(book, OUTRIGHT, ASK));
            book.apply(OUTRIGHT, ASK, DELETE_FROM, 9, 0, 0, 0);
            assertEquals("? ? ? ?", describe(book, OUTRIGHT, ASK), "deleting past the depth determines nothing");
            book.apply(OUTRIGHT, ASK, DELETE_THRU, 0, 0, 0, 0);
            assertEquals("- - - -", describe(book, OUTRIGHT, ASK));
            book.apply(OUTRIGHT, ASK, NEW, 1, 105, 1, 1);
            book.apply(OUTRIGHT, ASK, DELETE_FROM, 1, 0, 0, 0);
            assertEquals("- - - -", describe(book, OUTRIGHT, ASK));
        }
    }

    @Test
    void changeAndOverlay()
    {
        for (final LevelBook book : books(2, 0))
        {
            book.clear();
            book.apply(OUTRIGHT, BID, NEW, 1, 100, 1, 1);
            assertEquals(BookResult.OK, book.apply(OUTRIGHT, BID, CHANGE, 1, 100, 8, 3));
            assertEquals(LevelResult.PRICE_MISMATCH, book.apply(OUTRIGHT, BID, CHANGE, 1, 101, 8, 3));
            assertEquals(LevelResult.EMPTY_LEVEL, book.apply(OUTRIGHT, BID, CHANGE, 2, 99, 8, 3));
            assertEquals(LevelResult.EMPTY_LEVEL, book.apply(OUTRIGHT, BID, DELETE, 2, 0, 0, 0));
            assertEquals(BookResult.OK, book.apply(OUTRIGHT, BID, OVERLAY, 1, 101, 4, 2));
            assertEquals("4@101 -", describe(book, OUTRIGHT, BID));
            assertEquals(2, book.levelOrders(OUTRIGHT, BID, 1));
        }
    }

    @Test
    void forgetMakesOneLevelUnknownAndNothingElse()
    {
        for (final LevelBook book : books(3, 0))
        {
            book.clear();
            book.apply(OUTRIGHT, BID, NEW, 1, 100, 1, 1);
            book.apply(OUTRIGHT, BID, NEW, 2, 99, 2, 1);
            assertEquals(BookResult.OK, book.apply(OUTRIGHT, BID, LevelAction.FORGET, 1, 0, 0, 0));
            assertEquals(LevelBook.UNKNOWN, book.levelState(OUTRIGHT, BID, 1));
            assertEquals(LevelBook.KNOWN, book.levelState(OUTRIGHT, BID, 2));
            assertEquals(LevelBook.EMPTY, book.levelState(OUTRIGHT, BID, 3));
            assertEquals(LevelResult.INVALID_LEVEL, book.apply(OUTRIGHT, BID, LevelAction.FORGET, 4, 0, 0, 0));
        }
    }

    @Test
    void refusalsLeaveTheBookUnchanged()
    {
        for (final LevelBook book : books(2, 0))
        {
            book.clear();
            book.apply(OUTRIGHT, BID, NEW, 1, 100, 1, 1);
            final long hash = book.stateHash();
            assertEquals(LevelResult.INVALID_LEVEL, book.apply(OUTRIGHT, BID, NEW, 0, 100, 1, 1));
            assertEquals(LevelResult.INVALID_LEVEL, book.apply(OUTRIGHT, BID, NEW, 3, 100, 1, 1));
            assertEquals(LevelResult.INVALID_LEVEL, book.apply(OUTRIGHT, BID, DELETE_FROM, 0, 0, 0, 0));
            assertEquals(LevelResult.INVALID_BOOK, book.apply(IMPLIED, BID, NEW, 1, 100, 1, 0));
            assertEquals(LevelResult.INVALID_BOOK, book.apply(7, BID, NEW, 1, 100, 1, 0));
            assertEquals(BookResult.INVALID_SIDE, book.apply(OUTRIGHT, 2, NEW, 1, 100, 1, 0));
            assertEquals(LevelResult.INVALID_ACTION, book.apply(OUTRIGHT, BID, LevelAction.COUNT, 1, 100, 1, 0));
            assertEquals(BookResult.INVALID_QUANTITY, book.apply(OUTRIGHT, BID, NEW, 1, 100, -1, 0));
            assertEquals(BookResult.INVALID_QUANTITY, book.apply(OUTRIGHT, BID, OVERLAY, 1, 100, 1, -1));
            assertEquals(BookResult.INVALID_PRICE, book.apply(OUTRIGHT, BID, NEW, 1, OrderBook.NULL_PRICE, 1, 0));
            assertEquals(hash, book.stateHash());
        }
    }

    @Test
    void impliedIsKeptApartFromOutright()
    {
        for (final LevelBook book : books(3, 2))
        {
            book.clear();
            book.apply(OUTRIGHT, BID, NEW, 1, 100, 1, 1);
            book.apply(IMPLIED, BID, NEW, 1, 101, 5, 0);
            book.apply(IMPLIED, BID, NEW, 1, 102, 6, 0);
            book.apply(IMPLIED, BID, NEW, 1, 103, 7, 0);
            assertEquals("7@103 6@102", describe(book, IMPLIED, BID));
            assertEquals("1@100 - -", describe(book, OUTRIGHT, BID));
            book.apply(OUTRIGHT, BID, DELETE_THRU, 0, 0, 0, 0);
            assertEquals("7@103 6@102", describe(book, IMPLIED, BID));
        }
    }

    @Test
    void aChannelResetLeavesNoLevelBehind()
    {
        // epam/java-cme-mdp3-handler#30: after a channel reset a level 6 from before the reset was still shown.
        for (final LevelBook book : books(10, 2))
        {
            book.clear();
            for (int i = 0; i < 6; i++)
            {
                book.apply(OUTRIGHT, BID, NEW, i + 1, 98_770 - 5 * i, 10 + i, 1);
            }
            book.clear();
            for (int i = 0; i < 5; i++)
            {
                book.apply(OUTRIGHT, BID, NEW, i + 1, 98_775 - 5 * i, 61 + i, 2);
            }
            assertEquals("61@98775 62@98770 63@98765 64@98760 65@98755 - - - - -", describe(book, OUTRIGHT, BID));
        }
    }

    @Test
    void readersSeeOnlyWhatWasPublished()
    {
        final DepthBook book = new DepthBook(1, "X", 1, 0, 3, 1);
        final DepthLevels levels = new DepthLevels(3);
        final TopOfBook top = new TopOfBook();
        book.clear();
        book.publish();
        book.apply(OUTRIGHT, BID, NEW, 1, 100, 4, 2);
        book.apply(IMPLIED, ASK, NEW, 1, 103, 9, 0);
        assertTrue(book.reader().tryRead(levels));
        assertEquals(0, levels.levels(OUTRIGHT, BID), "not published yet");
        assertTrue(book.publish());
        assertFalse(book.publish(), "nothing changed since");
        assertTrue(book.reader().tryRead(levels));
        assertEquals(1, levels.levels(OUTRIGHT, BID));
        assertEquals(100, levels.price(OUTRIGHT, BID, 0));
        assertEquals(9, levels.quantity(IMPLIED, ASK, 0));
        assertTrue(levels.isKnown(OUTRIGHT, ASK));
        assertTrue(book.reader().tryRead(top));
        assertEquals(100, top.bidPrice());
        assertEquals(OrderBook.NULL_PRICE, top.askPrice());
        book.apply(OUTRIGHT, BID, DELETE, 1, 0, 0, 0);
        book.apply(OUTRIGHT, BID, NEW, 1, 99, 1, 1);
        book.forget();
        book.state(BookState.STALE);
        book.publish();
        assertTrue(book.reader().tryRead(levels));
        assertEquals(0, levels.levels(OUTRIGHT, BID));
        assertFalse(levels.isKnown(OUTRIGHT, BID));
        assertEquals(BookState.STALE, levels.state());
    }

    @Test
    void aMillionUpdatesAllocateNothing()
    {
        final DepthBook book = new DepthBook(1, "X", 1, 0, 10, 2);
        final RandomLevelOps ops = new RandomLevelOps(42, 10, 2, 2);
        final DepthLevels levels = new DepthLevels(10);
        final TopOfBook top = new TopOfBook();
        for (int i = 0; i < 200_000; i++) // warm up exactly the path measured below
        {
            ops.next(book);
            ops.apply(book);
            if ((i & 3) == 0)
            {
                book.publish();
                book.reader().tryRead(top);
                book.reader().tryRead(levels);
            }
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        long applied = 0;
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1_000_000; i++)
        {
            ops.next(book);
            applied += ops.apply(book) == BookResult.OK ? 1 : 0;
            if ((i & 3) == 0)
            {
                book.publish();
                book.reader().tryRead(top);
                book.reader().tryRead(levels);
            }
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(applied > 500_000, "applied " + applied); // the rest: Changes and Deletes of empty levels, refused
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 1M updates");
    }
}
