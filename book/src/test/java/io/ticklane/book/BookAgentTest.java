package io.ticklane.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        public void onBook(final BookView book)
        {
            heard.add("book " + book.instrumentId());
        }
    });

    @Test
    void appliesEventsCountsRejectsAndReportsTradesAndState()
    {
        final BookEventRingWriter w = harness.writer;
        harness.define(5, "AAPL", 100, 5_850_000, 512);
        w.onAdd(5, 1, Side.BID, 5_849_900, 100);
        w.onAdd(5, 2, Side.ASK, 5_850_100, 200);
        w.onExecute(5, 2, 50);
        w.onModify(5, 1, 5_849_800, 100);
        w.onTrade(5, 5_850_100, 10, Side.BID);
        w.onDelete(5, 99); // unknown order
        w.onAdd(6, 1, Side.BID, 100, 1); // undefined instrument
        harness.drain();
        harness.raw(42, 5); // unknown type
        harness.drain();

        final InstrumentBook instrument = harness.book(5);
        assertEquals("AAPL", instrument.symbol());
        final OrderBook book = instrument.book();
        assertEquals(2, book.orderCount());
        assertEquals(5_849_800, book.bestPrice(Side.BID));
        assertEquals(6, harness.applied.get());
        assertEquals(3, harness.rejected.get());
        assertEquals(1, harness.agent.applier().rejects(BookResult.UNKNOWN_ORDER));
        assertEquals(1, harness.agent.applier().undefinedInstrumentEvents());
        assertEquals(1, harness.agent.unknownTypeEvents());
        assertEquals(2, harness.poolUsed.get());
        assertEquals(List.of("trade 5 50@5850100 0", "trade 5 10@5850100 0", "book 5"), heard,
            "trades as they happen, the book once at the end of the venue event");

        final TopOfBook top = new TopOfBook();
        assertNotNull(instrument.reader());
        instrument.reader().read(top);
        assertEquals(5_850_100, top.askPrice());
        assertEquals(150, top.askQuantity());
    }

    @Test
    void readersSeeABookOnlyAtTheEndOfAVenueEvent()
    {
        final BookEventRingWriter w = harness.writer;
        harness.define(1, "X", 1, 1000, 16).drain();
        final TopOfBook top = new TopOfBook();
        w.onAdd(1, 1, Side.BID, 999, 5);
        w.onAdd(1, 2, Side.ASK, 1001, 7);
        while (harness.ring.size() > 0)
        {
            harness.agent.doWork(); // applied, but the venue event has not ended
        }
        assertEquals(2, harness.book(1).book().orderCount());
        assertFalse(harness.book(1).reader().tryRead(top), "half an event is never published");
        harness.drain();
        assertTrue(harness.book(1).reader().tryRead(top));
        assertEquals(999, top.bidPrice());
        assertEquals(1001, top.askPrice());
    }

    @Test
    void staleUntilTheGatewaySaysLiveAfterASnapshot()
    {
        final BookEventRingWriter w = harness.writer;
        harness.define(1, "X", 1, 1000, 16);
        w.onAdd(1, 1, Side.BID, 999, 5);
        w.onStale(1);
        harness.drain();
        final OrderBook book = harness.book(1).book();
        assertEquals(BookState.STALE, book.state());
        assertEquals(1, book.orderCount(), "stale keeps the book as it was");

        assertTrue(harness.book(1).isStale());
        w.onSnapshotBegin(1, 10, 1);
        w.onSnapshotOrder(1, 7, Side.ASK, 1001, 3);
        w.onSnapshotEnd(1, 10);
        harness.drain();
        assertEquals(BookState.STALE, book.state(), "live only when the gateway says the book caught up");
        assertEquals(1, book.orderCount());
        assertEquals(1001, book.bestPrice(Side.ASK));
        assertEquals(OrderBook.NULL_PRICE, book.bestPrice(Side.BID), "the snapshot replaced the old book");

        w.onLive(1);
        w.onStale(9); // an instrument not defined yet: ignored, not counted
        harness.drain();
        assertEquals(BookState.LIVE, book.state());
        assertFalse(harness.book(1).isStale());
        assertEquals(0, harness.agent.applier().undefinedInstrumentEvents());
        final TopOfBook top = new TopOfBook();
        harness.book(1).reader().read(top);
        assertEquals(BookState.LIVE, top.state());
        w.onStale(1);
        w.onStale(1);
        w.onLive(1);
        harness.drain();
        heard.removeIf(s -> s.startsWith("book"));
        assertEquals(List.of("state 1 stale", "state 1 live", "state 1 stale", "state 1 live"), heard);
    }

    @Test
    void aChangedDefinitionReplacesTheBookAndReturnsItsSlots()
    {
        harness.define(1, "X", 1, 1000, 16);
        harness.writer.onAdd(1, 1, Side.BID, 999, 5);
        harness.define(1, "X", 1, 1000, 16); // same: kept
        harness.drain();
        assertEquals(1, harness.book(1).book().orderCount());
        harness.define(1, "X", 2, 1000, 16); // new tick: replaced
        harness.drain();
        assertEquals(0, harness.book(1).book().orderCount());
        assertEquals(0, harness.pool.used());
        assertNull(harness.book(2));
    }

    @Test
    void aRedefinitionKeepsTheInstrumentStaleUntilTheGatewaySaysLive()
    {
        harness.define(1, "X", 1, 1000, 16);
        harness.writer.onStale(1);
        harness.define(1, "X", 2, 1000, 16);
        harness.drain();
        assertTrue(harness.book(1).isStale(), "a new definition does not make a stale book trustworthy");
    }
}
