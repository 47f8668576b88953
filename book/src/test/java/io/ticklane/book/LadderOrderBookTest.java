package io.ticklane.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LadderOrderBookTest
{
    private static final long TICK = 100;

    private final OrderPool pool = new OrderPool(64);
    private final LadderOrderBook book = new LadderOrderBook(7, TICK, 10_000 * TICK, 10, pool);

    private static long px(final long ticks)
    {
        return ticks * TICK;
    }

    @Test
    void addsJoinTheBackAndPartialReductionKeepsPlace()
    {
        assertEquals(BookResult.OK, book.add(1, Side.BID, px(9_999), 100));
        assertEquals(BookResult.OK, book.add(2, Side.BID, px(9_999), 200));
        assertEquals(BookResult.OK, book.add(3, Side.BID, px(9_999), 300));
        assertEquals(0, book.queuePosition(1));
        assertEquals(2, book.queuePosition(3));
        assertEquals(300, book.quantityAhead(3));

        assertEquals(BookResult.OK, book.modify(1, px(9_999), 50));
        assertEquals(0, book.queuePosition(1), "a reduction keeps priority");
        assertEquals(550, levelQuantity(Side.BID, 0));

        assertEquals(BookResult.OK, book.modify(1, px(9_999), 60));
        assertEquals(2, book.queuePosition(1), "an increase goes to the back");
        assertEquals(2, book.frontOrderId(Side.BID));

        assertEquals(BookResult.OK, book.modify(2, px(10_000), 200));
        assertEquals(0, book.queuePosition(2));
        assertEquals(px(10_000), book.bestPrice(Side.BID), "a price change moves the order to the new level");
        assertEquals(-1, book.queuePosition(99));
    }

    @Test
    void executionsReduceInPlaceAndRemoveAtZero()
    {
        book.add(1, Side.ASK, px(10_001), 100);
        book.add(2, Side.ASK, px(10_001), 100);
        book.add(3, Side.ASK, px(10_003), 100);
        assertEquals(BookResult.OK, book.execute(1, 40));
        assertEquals(0, book.queuePosition(1));
        assertEquals(60, book.orderQuantity(1));
        assertEquals(BookResult.OK, book.execute(1, 60));
        assertEquals(-1, book.orderQuantity(1));
        assertEquals(BookResult.OK, book.execute(2, 100));
        assertEquals(px(10_003), book.bestPrice(Side.ASK), "next best found when the best level empties");
        assertEquals(1, book.orderCount());
    }

    @Test
    void invalidEventsAreRejectedCountedAndChangeNothing()
    {
        book.add(1, Side.BID, px(9_990), 100);
        book.add(2, Side.ASK, px(10_010), 100);
        final long hash = book.stateHash();
        final long version = book.reader().version();

        assertEquals(BookResult.UNKNOWN_ORDER, book.delete(3));
        assertEquals(BookResult.UNKNOWN_ORDER, book.modify(3, px(9_990), 10));
        assertEquals(BookResult.UNKNOWN_ORDER, book.execute(3, 10));
        assertEquals(BookResult.DUPLICATE_ORDER, book.add(1, Side.ASK, px(10_020), 5));
        assertEquals(BookResult.INVALID_QUANTITY, book.add(4, Side.BID, px(9_990), 0));
        assertEquals(BookResult.INVALID_QUANTITY, book.add(4, Side.BID, px(9_990), -5));
        assertEquals(BookResult.INVALID_QUANTITY, book.modify(1, px(9_990), 0));
        assertEquals(BookResult.INVALID_QUANTITY, book.execute(1, 0));
        assertEquals(BookResult.INVALID_QUANTITY, book.execute(1, -1));
        assertEquals(BookResult.EXECUTION_TOO_LARGE, book.execute(1, 101));
        assertEquals(BookResult.INVALID_PRICE, book.add(4, Side.BID, px(9_990) + 1, 5));
        assertEquals(BookResult.INVALID_PRICE, book.add(4, Side.BID, 0, 5));
        assertEquals(BookResult.INVALID_PRICE, book.add(4, Side.BID, -px(5), 5));
        assertEquals(BookResult.INVALID_PRICE, book.modify(1, px(9_990) - 1, 5));
        assertEquals(BookResult.INVALID_SIDE, book.add(4, 2, px(9_990), 5));

        assertEquals(hash, book.stateHash());
        assertEquals(version, book.reader().version(), "a rejected event publishes nothing");
        assertEquals(3, book.rejects(BookResult.UNKNOWN_ORDER));
        assertEquals(1, book.rejects(BookResult.DUPLICATE_ORDER));
        assertEquals(5, book.rejects(BookResult.INVALID_QUANTITY));
        assertEquals(1, book.rejects(BookResult.EXECUTION_TOO_LARGE));
        assertEquals(4, book.rejects(BookResult.INVALID_PRICE));
        assertEquals(1, book.rejects(BookResult.INVALID_SIDE));
        assertEquals(BookState.LIVE, book.state(), "invalid input does not make the book stale");
    }

    @Test
    void poolExhaustionIsCountedRefusedAndMarksStale()
    {
        final OrderPool small = new OrderPool(2);
        final LadderOrderBook tiny = new LadderOrderBook(1, TICK, px(100), 5, small);
        assertEquals(BookResult.OK, tiny.add(1, Side.BID, px(99), 1));
        assertEquals(BookResult.OK, tiny.add(2, Side.BID, px(99), 1));
        final long hash = tiny.stateHash();
        assertEquals(BookResult.POOL_EXHAUSTED, tiny.add(3, Side.BID, px(98), 1));
        assertEquals(hash, tiny.stateHash());
        assertEquals(1, small.exhaustions());
        assertEquals(1, tiny.rejects(BookResult.POOL_EXHAUSTED));
        assertEquals(BookState.STALE, tiny.state());
        final TopOfBook top = new TopOfBook();
        tiny.reader().read(top);
        assertEquals(BookState.STALE, top.state());
        tiny.markLive();
        tiny.reader().read(top);
        assertEquals(BookState.LIVE, top.state());
    }

    @Test
    void pricesOutsideTheWindowStayExactAndAreCounted()
    {
        final LadderOrderBook narrow = new LadderOrderBook(1, TICK, px(1_000), 2, pool,
            new BookOptions(3, 4, 64, false));
        final ReferenceOrderBook reference = new ReferenceOrderBook(1, TICK);
        final long[][] adds = {
            {1, Side.BID, 999, 10}, {2, Side.BID, 990, 20}, {3, Side.BID, 1_010, 30}, {4, Side.ASK, 1_001, 40},
            {5, Side.ASK, 5_000, 50}, {6, Side.ASK, 1_002, 60}, {7, Side.BID, 1, 70}};
        for (final long[] a : adds)
        {
            assertEquals(BookResult.OK, narrow.add(a[0], (int)a[1], px(a[2]), a[3]));
            reference.add(a[0], (int)a[1], px(a[2]), a[3]);
        }
        assertEquals(reference.stateHash(), narrow.stateHash());
        assertEquals(px(1_010), narrow.bestPrice(Side.BID), "an out-of-band bid above the window is the best");
        assertEquals(4, narrow.outOfBandEvents());
        assertEquals(0, narrow.recentres(), "re-centring disabled");
        assertEquals(BookResult.OK, narrow.delete(3));
        reference.delete(3);
        assertEquals(px(999), narrow.bestPrice(Side.BID));
        assertEquals(BookResult.OK, narrow.delete(1));
        reference.delete(1);
        assertEquals(px(990), narrow.bestPrice(Side.BID), "next best found in the overflow");
        assertEquals(reference.stateHash(), narrow.stateHash());
        assertEquals(5, narrow.outOfBandEvents(), "4 out-of-band adds and the delete of 1,010");
        assertEquals(-1, narrow.ladder().quantityAt(Side.BID, px(990), TICK), "outside the window");
        assertEquals(60, narrow.ladder().quantityAt(Side.ASK, px(1_002), TICK));
    }

    @Test
    void aBestLevelOutsideTheWindowRecentresItWithoutMovingOrders()
    {
        final LadderOrderBook narrow = new LadderOrderBook(1, TICK, px(1_000), 3, pool,
            new BookOptions(5, 16, 64, true));
        final ReferenceOrderBook reference = new ReferenceOrderBook(1, TICK);
        final long[][] steps = { // {type 0 add / 1 delete, id, side, ticks, qty}
            {0, 1, Side.BID, 999, 10}, {0, 2, Side.ASK, 1_001, 10}, {0, 3, Side.ASK, 1_001, 15},
            {1, 1}, {0, 4, Side.ASK, 1_060, 20}, {0, 6, Side.ASK, 1_060, 30}, {1, 2}, {1, 3}};
        for (final long[] s : steps)
        {
            if (s[0] == 0)
            {
                assertEquals(BookResult.OK, narrow.add(s[1], (int)s[2], px(s[3]), s[4]));
                reference.add(s[1], (int)s[2], px(s[3]), s[4]);
            }
            else
            {
                assertEquals(BookResult.OK, narrow.delete(s[1]));
                reference.delete(s[1]);
            }
        }
        assertEquals(0, narrow.recentres(), "a best level reached by removals does not move the window");
        assertEquals(px(1_060), narrow.bestPrice(Side.ASK));
        assertEquals(1, narrow.overflowLevels(Side.ASK));

        assertEquals(BookResult.OK, narrow.add(5, Side.BID, px(1_055), 5)); // the market has moved
        reference.add(5, Side.BID, px(1_055), 5);
        assertEquals(1, narrow.recentres());
        assertEquals(1_057 - 3, narrow.ladder().baseTick(), "centred on the mid");
        assertEquals(0, narrow.overflowLevels(Side.ASK) + narrow.overflowLevels(Side.BID));
        assertEquals(50, narrow.ladder().quantityAt(Side.ASK, px(1_060), TICK));
        assertEquals(5, narrow.ladder().quantityAt(Side.BID, px(1_055), TICK));
        assertEquals(1, narrow.queuePosition(6), "queues survive the move");
        assertEquals(reference.stateHash(), narrow.stateHash());
    }

    @Test
    void aFullOverflowRefusesTheEventAndMarksStale()
    {
        final LadderOrderBook narrow = new LadderOrderBook(1, TICK, px(1_000), 1, pool,
            new BookOptions(3, 2, 64, false));
        assertEquals(BookResult.OK, narrow.add(1, Side.BID, px(900), 1));
        assertEquals(BookResult.OK, narrow.add(2, Side.BID, px(901), 1));
        assertEquals(BookResult.OK, narrow.add(3, Side.BID, px(901), 1), "an existing overflow level has room");
        final long hash = narrow.stateHash();
        assertEquals(BookResult.OVERFLOW_FULL, narrow.add(4, Side.BID, px(902), 1));
        assertEquals(BookResult.OVERFLOW_FULL, narrow.modify(3, px(903), 1));
        assertEquals(hash, narrow.stateHash());
        assertEquals(BookState.STALE, narrow.state());
        assertEquals(BookResult.OK, narrow.modify(1, px(903), 1), "its level empties, so the new one fits");
        assertEquals(2, narrow.rejects(BookResult.OVERFLOW_FULL));
    }

    @Test
    void listenerHearsTradeLevelsThenTopAfterTheEvent()
    {
        final List<String> heard = new ArrayList<>();
        book.listener(new BookListener()
        {
            public void onTopOfBook(
                final int instrumentId, final long bidPrice, final long bidQty, final long askPrice, final long askQty)
            {
                heard.add("top " + bidQty + "@" + bidPrice + " " + askQty + "@" + askPrice);
            }

            public void onLevel(
                final int instrumentId, final int side, final long price, final long quantity, final int orders)
            {
                assertEquals(7, instrumentId);
                heard.add("level " + Side.name(side) + " " + quantity + "@" + price + "/" + orders);
            }

            public void onTrade(final int instrumentId, final long price, final long quantity, final int aggressor)
            {
                heard.add("trade " + quantity + "@" + price + " by " + Side.name(aggressor) +
                    " book now " + book.orderQuantity(1));
            }

            public void onStateChanged(final int instrumentId, final int state)
            {
                heard.add("state " + BookState.name(state));
            }
        });
        book.add(1, Side.BID, px(9_999), 100);
        book.add(2, Side.BID, px(9_998), 50);
        book.execute(1, 30);
        book.modify(2, px(10_000), 50);
        book.markStale();
        book.markStale();
        book.markLive();
        book.trade(px(9_999), 5, Side.ASK);
        assertEquals(List.of(
            "level bid 100@999900/1", "top 100@999900 0@" + Long.MIN_VALUE,
            "level bid 50@999800/1",
            "trade 30@999900 by ask book now 70", "level bid 70@999900/1", "top 70@999900 0@" + Long.MIN_VALUE,
            "level bid 0@999800/0", "level bid 50@1000000/1", "top 50@1000000 0@" + Long.MIN_VALUE,
            "state stale", "state live", "trade 5@999900 by ask book now 70"), heard);
    }

    @Test
    void clearFreesEverySlotAndEmptiesTheSnapshot()
    {
        for (int i = 1; i <= 20; i++)
        {
            book.add(i, i % 2, px(i % 2 == 0 ? 9_990 - i : 10_010 + i), i);
        }
        book.add(99, Side.ASK, px(20_000), 1); // in the overflow
        assertEquals(21, pool.used());
        book.clear();
        assertEquals(0, pool.used());
        assertEquals(0, book.orderCount());
        assertEquals(OrderBook.NULL_PRICE, book.bestPrice(Side.BID));
        final BookDepth depth = new BookDepth(4);
        book.reader().read(depth);
        assertEquals(0, depth.levels(Side.BID) + depth.levels(Side.ASK));
        assertEquals(new ReferenceOrderBook(7, TICK).stateHash(), book.stateHash());
        assertEquals(BookResult.OK, book.add(1, Side.BID, px(9_999), 1), "ids are free again");
    }

    @Test
    void snapshotVersionIsEvenBetweenEventsAndAdvancesOncePerEvent()
    {
        final long v0 = book.reader().version();
        book.add(1, Side.BID, px(9_999), 1);
        final long v1 = book.reader().version();
        book.modify(1, px(10_002), 1); // two level changes, one bracket
        final long v2 = book.reader().version();
        assertEquals(0, v0 % 2);
        assertEquals(v0 + 2, v1);
        assertEquals(v1 + 2, v2);
        final TopOfBook top = new TopOfBook();
        assertTrue(book.reader().tryRead(top));
        assertEquals(px(10_002), top.bidPrice());
        assertEquals(v2, top.version());
    }

    private long levelQuantity(final int side, final int rank)
    {
        final long[] prices = new long[rank + 1];
        final long[] quantities = new long[rank + 1];
        final int[] counts = new int[rank + 1];
        book.levels(side, rank + 1, prices, quantities, counts);
        return quantities[rank];
    }
}
