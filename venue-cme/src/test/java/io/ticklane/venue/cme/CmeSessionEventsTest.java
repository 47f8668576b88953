package io.ticklane.venue.cme;

import io.ticklane.book.BookState;
import io.ticklane.book.DepthLevels;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import io.ticklane.book.ReferenceOrderBook;
import io.ticklane.book.Side;
import io.ticklane.book.TradingStatus;
import io.ticklane.gateway.PacketSource;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.ticklane.venue.cme.MdpPacketBuilder.EOE;
import static io.ticklane.venue.cme.MdpPacketBuilder.level;
import static io.ticklane.venue.cme.MdpPacketBuilder.levels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@link CmeSession}'s translation worked by hand, packet by packet: channel reset (the books empty and rebuild
 * with nothing left over, epam/java-cme-mdp3-handler#30), publication only at the end of a Globex event, market by
 * order from 47 and from the order group of 46 with a chunked snapshot on a late join, definitions and trading
 * status, template 32 of version 8, and a gap that only a snapshot reveals.
 */
class CmeSessionEventsTest
{
    private static final int ID = 500;
    private static final long P = 1_000_000_000L; // one price unit, 9 decimals

    private final BookSink sink = new BookSink();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private final MdpPacketBuilder b = new MdpPacketBuilder();
    private CmeSession session;
    private long time = 1;

    private void open(final int books, final int depth)
    {
        session = new CmeSession(SessionRun.channel(depth, 2, books), new CmeSessionOptions(), sink);
    }

    private void send(final int source)
    {
        buffer.wrap(b.buffer(), 0, b.length());
        session.onPacket(source, buffer, 0, b.length(), time++);
    }

    private void incremental()
    {
        send(PacketSource.INCREMENTAL_A);
        send(PacketSource.INCREMENTAL_B);
    }

    private String bids()
    {
        return BookSink.describe(sink.books(ID).depth, LevelAction.OUTRIGHT, Side.BID);
    }

    @Test
    void aChannelResetEmptiesEveryBookAndTheyRebuildWithNothingLeftOver()
    {
        open(InstrumentDefinition.BOOK_LEVELS, 10);
        final MdpPacketBuilder.Level[] six = new MdpPacketBuilder.Level[6];
        for (int i = 0; i < 6; i++)
        {
            six[i] = level(ID, i + 1, '0', LevelAction.NEW, i + 1, (98_770 - 5 * i) * P / 10, 10 + i, 1);
        }
        b.begin(1, 0).book46(EOE, six);
        incremental();
        b.begin(2, 0).book46(EOE, levels(level(ID + 1, 1, '1', LevelAction.NEW, 1, 9_900 * P, 7, 1)));
        incremental();
        assertEquals("10@9877000000000(1) 11@9876500000000(1) 12@9876000000000(1) 13@9875500000000(1) " +
            "14@9875000000000(1) 15@9874500000000(1) - - - -", bids());
        b.begin(3, 0).channelReset(EOE, 310);
        incremental();
        assertEquals("- - - - - - - - - -", bids());
        assertEquals("- - - - - - - - - -", BookSink.describe(sink.books(ID + 1).depth, LevelAction.OUTRIGHT,
            Side.ASK));
        final MdpPacketBuilder.Level[] five = new MdpPacketBuilder.Level[5];
        for (int i = 0; i < 5; i++)
        {
            five[i] = level(ID, i + 1, '0', LevelAction.NEW, i + 1, (98_775 - 5 * i) * P / 10, 61 + i, 2);
        }
        b.begin(4, 0).book46(EOE, five);
        incremental();
        assertEquals("61@9877500000000(2) 62@9877000000000(2) 63@9876500000000(2) 64@9876000000000(2) " +
            "65@9875500000000(2) - - - - -", bids(), "no level 6 from before the reset");
        assertEquals(1, session.channelResets());
        assertEquals(0, session.staleInstruments());
        // A snapshot taken before the reset is stale: CME deleted the channel's snapshots.
        b.begin(1, 0).snapshot52(2, 6, ID, 17, levels(level(0, 0, '0', 0, 1, 9_000 * P, 1, 1)));
        send(PacketSource.SNAPSHOT_A);
        assertEquals(1, session.snapshots().beforeReset());
        assertTrue(bids().startsWith("61@"));
        assertNull(sink.disagreement);
    }

    @Test
    void readersSeeABookOnlyAtTheEndOfAGlobexEvent()
    {
        open(InstrumentDefinition.BOOK_LEVELS, 5);
        b.begin(1, 0).book46((short)0, levels(level(ID, 1, '0', LevelAction.NEW, 1, 100 * P, 5, 1)));
        incremental();
        final DepthLevels copy = new DepthLevels(5);
        sink.books(ID).depth.reader().read(copy);
        assertEquals(0, copy.levels(LevelAction.OUTRIGHT, Side.BID), "the event is still open");
        assertEquals(0, sink.endOfEvents);
        b.begin(2, 0).book46(EOE, levels(level(ID, 2, '1', LevelAction.NEW, 1, 101 * P, 3, 1)));
        incremental();
        sink.books(ID).depth.reader().read(copy);
        assertEquals(1, sink.endOfEvents);
        assertEquals(1, copy.levels(LevelAction.OUTRIGHT, Side.BID));
        assertEquals(1, copy.levels(LevelAction.OUTRIGHT, Side.ASK));
        assertEquals(100 * P, copy.price(LevelAction.OUTRIGHT, Side.BID, 0));
        assertTrue(copy.isKnown(LevelAction.OUTRIGHT, Side.BID), "RptSeq 1: the book started empty");
        b.begin(3, 0).heartbeat();
        incremental();
        assertEquals(1, sink.endOfEvents, "a heartbeat changes nothing");
    }

    @Test
    void marketByOrderFrom47AndFromTheOrderGroupOf46()
    {
        open(InstrumentDefinition.BOOK_LEVELS | InstrumentDefinition.BOOK_ORDERS, 5);
        final long tick = VenueSimulator.TICK;
        b.begin(1, 0).orders47(EOE,
            new MdpPacketBuilder.Order(ID, 11, 1, 400 * tick, 5, '0', 0, 0),
            new MdpPacketBuilder.Order(ID, 12, 2, 400 * tick, 7, '0', 0, 0),
            new MdpPacketBuilder.Order(ID, 13, 3, 401 * tick, 2, '1', 0, 0));
        incremental();
        b.begin(2, 0).book46(EOE, levels(level(ID, 1, '0', LevelAction.NEW, 1, 400 * tick, 15, 3)),
            new MdpPacketBuilder.Order(0, 14, 4, 0, 3, '0', 0, 1),
            new MdpPacketBuilder.Order(0, 11, 5, 0, 4, '0', 1, 1));
        incremental();
        b.begin(3, 0).orders47(EOE, new MdpPacketBuilder.Order(ID, 12, 2, 400 * tick, 7, '0', 2, 0));
        incremental();
        final ReferenceOrderBook expected = new ReferenceOrderBook(ID, tick);
        expected.add(11, Side.BID, 400 * tick, 5);
        expected.add(12, Side.BID, 400 * tick, 7);
        expected.add(13, Side.ASK, 401 * tick, 2);
        expected.add(14, Side.BID, 400 * tick, 3);
        expected.modify(11, 400 * tick, 4);
        expected.delete(12);
        assertEquals(0, sink.books(ID).orderRefusals);
        assertEquals(expected.stateHash(), sink.books(ID).orders.stateHash(),
            "the level book's first RptSeq empties the level book only");
        assertEquals("15@100000000000(3) - - - -", bids());
        assertEquals(CmeInstrument.LIVE, session.instrumentOrNull(ID).ordersState());
    }

    @Test
    void aLateJoinerRecoversItsOrderBookFromAChunkedSnapshotAndReplaysWhatFollowed()
    {
        open(InstrumentDefinition.BOOK_LEVELS | InstrumentDefinition.BOOK_ORDERS, 5);
        final long tick = VenueSimulator.TICK;
        b.begin(100, 0).orders47(EOE, new MdpPacketBuilder.Order(ID, 21, 10, 400 * tick, 5, '0', 0, 0));
        incremental();
        assertEquals(CmeInstrument.STALE, session.instrumentOrNull(ID).ordersState(), "joined mid-stream");
        assertTrue(session.instrumentOrNull(ID).stale());
        b.begin(101, 0).orders47(EOE, new MdpPacketBuilder.Order(ID, 22, 11, 401 * tick, 6, '1', 0, 0),
            new MdpPacketBuilder.Order(ID, 20, 3, 400 * tick, 9, '0', 1, 0));
        incremental();
        // The snapshot as of packet 100, in two chunks, each sent on both lines, interleaved.
        final byte[] chunk1 = new MdpPacketBuilder().begin(1, 0).snapshot53(100, ID, 2, 1,
            new MdpPacketBuilder.Order(ID, 21, 10, 400 * tick, 5, '0', 0, 0),
            new MdpPacketBuilder.Order(ID, 20, 3, 400 * tick, 8, '0', 0, 0)).bytes();
        final byte[] chunk2 = new MdpPacketBuilder().begin(2, 0).snapshot53(100, ID, 2, 2,
            new MdpPacketBuilder.Order(ID, 19, 1, 399 * tick, 4, '0', 0, 0)).bytes();
        for (final byte[] chunk : new byte[][]{chunk1, chunk1, chunk2, chunk2})
        {
            buffer.wrap(chunk);
            session.onPacket(PacketSource.SNAPSHOT_A, buffer, 0, chunk.length, time++);
        }
        final ReferenceOrderBook expected = new ReferenceOrderBook(ID, tick);
        expected.add(20, Side.BID, 400 * tick, 8); // priority 3
        expected.add(21, Side.BID, 400 * tick, 5); // priority 10
        expected.add(19, Side.BID, 399 * tick, 4);
        expected.add(22, Side.ASK, 401 * tick, 6); // replayed from packet 101
        expected.modify(20, 400 * tick, 9);
        assertEquals(expected.stateHash(), sink.books(ID).orders.stateHash());
        assertEquals(0, sink.books(ID).orderRefusals);
        assertEquals(CmeInstrument.LIVE, session.instrumentOrNull(ID).ordersState());
        assertEquals(1, session.snapshots().orderSnapshotsApplied());
        assertTrue(sink.log.contains("order snapshot " + ID + " at 100 of 3"), sink.log.toString());
    }

    @Test
    void definitionsAndTradingStatus()
    {
        open(InstrumentDefinition.BOOK_LEVELS, 10);
        b.begin(1, 0).definition54(ID, "ESZ6", "ES", 250_000_000L, 10, 2)
            .definition54(ID + 1, "ESH7", "ES", 250_000_000L, 5, 0);
        send(PacketSource.DEFINITION_A);
        send(PacketSource.DEFINITION_B); // the same again: no redefinition
        assertEquals(2, sink.log.stream().filter(s -> s.startsWith("definition")).count(), sink.log.toString());
        final InstrumentDefinition es = sink.books(ID).definition;
        assertEquals("ESZ6", es.symbol());
        assertEquals(250_000_000L, es.tickSize());
        assertEquals(-9, es.priceExponent());
        assertEquals(10, es.depth());
        assertEquals(2, es.impliedDepth());
        assertEquals(5, sink.books(ID + 1).definition.depth());
        assertTrue(session.instrumentOrNull(ID).definedByFeed());
        b.begin(1, 0).status30(EOE, Integer.MAX_VALUE, "ES", 21);
        incremental();
        assertEquals(TradingStatus.PRE_OPEN, sink.books(ID).tradingStatus);
        assertEquals(TradingStatus.PRE_OPEN, sink.books(ID + 1).tradingStatus);
        b.begin(2, 0).status30(EOE, ID + 1, "ES", 17).status30(EOE, Integer.MAX_VALUE, "ZN", 2);
        incremental();
        assertEquals(TradingStatus.OPEN, sink.books(ID + 1).tradingStatus);
        assertEquals(TradingStatus.PRE_OPEN, sink.books(ID).tradingStatus);
        assertEquals(1, session.groupStatusUnmatched(), "no instrument of group ZN");
    }

    @Test
    void template32OfVersion8IsReadThroughTheVersion9Schema()
    {
        open(InstrumentDefinition.BOOK_LEVELS, 5);
        b.begin(1, 0).book32(EOE, level(ID, 1, '1', LevelAction.NEW, 1, 75_845_000_000L, 2, 1),
            level(ID, 2, 'E', LevelAction.NEW, 1, 75_840_000_000L, 9, 0));
        incremental();
        assertEquals(1, session.decoder().messages(32));
        assertEquals("2@7584500000000(1) - - - -", BookSink.describe(sink.books(ID).depth, LevelAction.OUTRIGHT,
            Side.ASK), "PRICE (7 decimals) normalized to 9");
        assertEquals("9@7584000000000(0) -", BookSink.describe(sink.books(ID).depth, LevelAction.IMPLIED, Side.BID));
    }

    @Test
    void aGapThatNoLaterEntryRevealsIsFoundByTheSnapshotLoop()
    {
        open(InstrumentDefinition.BOOK_LEVELS, 5);
        b.begin(1, 0).book46(EOE, levels(level(ID, 1, '0', LevelAction.NEW, 1, 100 * P, 5, 1)));
        incremental();
        // Packet 2 (RptSeq 2 of ID) is lost on both lines; the instrument is quiet afterwards.
        b.begin(3, 0).book46(EOE, levels(level(ID + 1, 1, '0', LevelAction.NEW, 1, 50 * P, 1, 1)));
        incremental();
        time += 20_000_000;
        session.onTimer(time);
        assertEquals(1, session.gaps());
        assertFalse(session.instrumentOrNull(ID).stale(), "nothing has told it yet");
        b.begin(1, 0).snapshot52(3, 2, ID, 17, levels(level(0, 0, '0', 0, 1, 100 * P, 9, 2)));
        send(PacketSource.SNAPSHOT_A);
        assertEquals(1, session.snapshots().silentGaps());
        assertEquals("9@100000000000(2) - - - -", bids());
        assertEquals(BookState.LIVE, sink.books(ID).state);
        assertTrue(sink.log.contains("stale " + ID) && sink.log.contains("live " + ID));
        assertEquals(2, session.instrumentOrNull(ID).rptSeq());
    }
}
