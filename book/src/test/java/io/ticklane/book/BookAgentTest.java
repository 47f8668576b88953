package io.ticklane.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ticklane.book.BookEventDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class BookAgentTest
{
    private final List<String> heard = new ArrayList<>();
    private final BookAgentHarness harness = new BookAgentHarness(1024, BookOptions.DEFAULT, new BookListener()
    {
        public void onTrade(final int instrumentId, final long price, final long quantity, final int aggressor)
        {
            heard.add("trade " + instrumentId + " " + quantity + "@" + price + " " + aggressor);
        }

        public void onStateChanged(final int instrumentId, final int state)
        {
            heard.add("state " + instrumentId + " " + BookState.name(state));
        }
    });

    @Test
    void appliesEventsCountsRejectsAndReportsTradesAndState()
    {
        harness.define(5, "AAPL", 100, 5_850_000, 512);
        harness.event(ADD, 5, Side.BID, 1, 5_849_900, 100);
        harness.event(ADD, 5, Side.ASK, 2, 5_850_100, 200);
        harness.event(EXECUTE, 5, 0, 2, 0, 50);
        harness.event(MODIFY, 5, 0, 1, 5_849_800, 100);
        harness.event(TRADE, 5, Side.BID, 77, 5_850_100, 10);
        harness.event(DELETE, 5, 0, 99, 0, 0); // unknown order
        harness.event(ADD, 6, Side.BID, 1, 100, 1); // undefined instrument
        harness.event(42, 5, 0, 0, 0, 0); // unknown type
        harness.drain();

        final InstrumentBook instrument = harness.agent.book(5);
        assertEquals("AAPL", instrument.symbol());
        final OrderBook book = instrument.book();
        assertEquals(2, book.orderCount());
        assertEquals(5_849_800, book.bestPrice(Side.BID));
        assertEquals(6, harness.applied.get());
        assertEquals(3, harness.rejected.get());
        assertEquals(1, harness.agent.rejects(BookResult.UNKNOWN_ORDER));
        assertEquals(1, harness.agent.undefinedInstrumentEvents());
        assertEquals(1, harness.agent.unknownTypeEvents());
        assertEquals(2, harness.poolUsed.get());
        assertEquals(List.of("trade 5 50@5850100 0", "trade 5 10@5850100 0"), heard);

        final TopOfBook top = new TopOfBook();
        assertNotNull(instrument.reader());
        instrument.reader().read(top);
        assertEquals(5_850_100, top.askPrice());
        assertEquals(150, top.askQuantity());
    }

    @Test
    void staleUntilTheGatewaySaysLiveAfterASnapshot()
    {
        harness.define(1, "X", 1, 1000, 16);
        harness.event(ADD, 1, Side.BID, 1, 999, 5);
        harness.event(STALE, 1, 0, 0, 0, 0);
        harness.drain();
        final OrderBook book = harness.agent.book(1).book();
        assertEquals(BookState.STALE, book.state());
        assertEquals(1, book.orderCount(), "stale keeps the book as it was");

        assertTrue(harness.agent.book(1).isStale());
        harness.event(SNAPSHOT_BEGIN, 1, 0, 10, 0, 1);
        harness.event(SNAPSHOT_ORDER, 1, Side.ASK, 7, 1001, 3);
        harness.event(SNAPSHOT_END, 1, 0, 10, 0, 0);
        harness.drain();
        assertEquals(BookState.STALE, book.state(), "live only when the gateway says the book caught up");
        assertEquals(1, book.orderCount());
        assertEquals(1001, book.bestPrice(Side.ASK));
        assertEquals(OrderBook.NULL_PRICE, book.bestPrice(Side.BID), "the snapshot replaced the old book");

        harness.event(LIVE, 1, 0, 0, 0, 0);
        harness.event(STALE, 9, 0, 0, 0, 0); // an instrument not defined yet: ignored, not counted
        harness.drain();
        assertEquals(BookState.LIVE, book.state());
        assertFalse(harness.agent.book(1).isStale());
        assertEquals(0, harness.agent.undefinedInstrumentEvents());
        final TopOfBook top = new TopOfBook();
        harness.agent.book(1).reader().read(top);
        assertEquals(BookState.LIVE, top.state());
        harness.event(STALE, 1, 0, 0, 0, 0);
        harness.event(STALE, 1, 0, 0, 0, 0);
        harness.event(LIVE, 1, 0, 0, 0, 0);
        harness.drain();
        assertEquals(List.of("state 1 stale", "state 1 live", "state 1 stale", "state 1 live"), heard);
    }

    @Test
    void aChangedDefinitionReplacesTheBookAndReturnsItsSlots()
    {
        harness.define(1, "X", 1, 1000, 16);
        harness.event(ADD, 1, Side.BID, 1, 999, 5);
        harness.define(1, "X", 1, 1000, 16); // same: kept
        harness.drain();
        assertEquals(1, harness.agent.book(1).book().orderCount());
        harness.define(1, "X", 2, 1000, 16); // new tick: replaced
        harness.drain();
        assertEquals(0, harness.agent.book(1).book().orderCount());
        assertEquals(0, harness.pool.used());
        assertNull(harness.agent.book(2));
    }
}
