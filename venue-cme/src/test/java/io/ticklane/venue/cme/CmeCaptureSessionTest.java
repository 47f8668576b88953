package io.ticklane.venue.cme;

import io.ticklane.book.LevelAction;
import io.ticklane.book.LevelBook;
import io.ticklane.book.Side;
import io.ticklane.book.TradingStatus;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.capture.CaptureIngress;
import io.ticklane.venue.cme.config.CmeChannelConfig;
import io.ticklane.venue.cme.config.CmeConfig;
import io.ticklane.venue.cme.config.CmeConfigException;
import io.ticklane.venue.cme.config.CmeConfigParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared captures through the whole phase-1 path: {@link CaptureIngress} with the sample configuration's
 * lookup, one {@link CmeSession} per channel, the test sink's books. The captures start mid-week and carry no
 * snapshots, so books are built with {@link CmeSessionOptions#applyWithoutSnapshot}: every level the capture never
 * determined stays unknown, and every level it did must be consistent (each side's known levels strictly ordered,
 * no update refused by the book).
 */
class CmeCaptureSessionTest
{
    static CmeConfig sample() throws CmeConfigException, IOException
    {
        try (InputStream in = CmeCaptureSessionTest.class.getResourceAsStream("/cme-sample-config.xml"))
        {
            return CmeConfigParser.parse(in, "cme-sample-config.xml");
        }
    }

    private static CmeSession run(final String capture, final CmeChannelConfig channel, final boolean applyAnyway,
        final BookSink sink) throws IOException
    {
        final CmeSession session = new CmeSession(channel, new CmeSessionOptions().applyWithoutSnapshot(applyAnyway),
            sink);
        try (CaptureIngress ingress = CaptureIngress.open(SharedCaptures.path(capture), channel))
        {
            while (!ingress.isDone())
            {
                ingress.poll(session::onPacket, 64);
            }
        }
        return session;
    }

    private static void assertOrdered(final LevelBook book, final String where)
    {
        for (int b = 0; b < 2; b++)
        {
            for (int side = Side.BID; side <= Side.ASK; side++)
            {
                final long[] prices = new long[book.depth(b)];
                final int n = book.levels(b, side, prices.length, prices, new long[prices.length],
                    new int[prices.length]);
                for (int i = 1; i < n; i++)
                {
                    assertTrue(side == Side.BID ? prices[i] < prices[i - 1] : prices[i] > prices[i - 1],
                        where + " " + LevelBook.bookName(b) + " " + Side.name(side) + " level " + (i + 1));
                }
            }
        }
    }

    @Test
    void v8CaptureBuildsConsistentBooksWithUnknownLevelsWhereTheCaptureIsSilent() throws Exception
    {
        final BookSink sink = new BookSink();
        sink.logLevels = false;
        final CmeSession session = run(SharedCaptures.V8, sample().channel(320), true, sink);
        assertEquals(5_000, session.packets(PacketSource.INCREMENTAL_A));
        assertEquals(5_000, session.packets(PacketSource.INCREMENTAL_B));
        assertEquals(0, session.refused(PacketSource.INCREMENTAL_A) + session.refused(PacketSource.INCREMENTAL_B));
        assertEquals(0, session.gaps());
        assertEquals(1, session.lateJoins(), "MsgSeqNum starts at 17,347,815");
        assertEquals(5_000, session.arbiter().lineDuplicates(0) + session.arbiter().lineDuplicates(1));
        assertEquals(0, session.arbiter().lineLosses(0) + session.arbiter().lineLosses(1));
        assertEquals(9_796 / 2, session.decoder().messages(32), "each packet's messages once, from the line first");
        assertEquals(39, session.instruments().size());
        assertNull(sink.disagreement);
        int knownTops = 0;
        for (final CmeInstrument instrument : session.instruments())
        {
            final BookSink.Books books = sink.books(instrument.securityId());
            assertEquals(0, books.levelRefusals, instrument + ": " + sink.log);
            assertEquals(0, instrument.rptSeqGaps(), instrument.toString());
            assertEquals(CmeInstrument.LIVE, instrument.levelsState());
            assertOrdered(books.depth, instrument.toString());
            assertEquals(TradingStatus.UNKNOWN, books.tradingStatus, "group statuses name no configured instrument");
            knownTops += books.depth.levelState(LevelAction.OUTRIGHT, Side.BID, 1) == LevelBook.KNOWN ? 1 : 0;
        }
        assertTrue(knownTops > 5, "tops determined by the capture: " + knownTops);
        assertEquals(99, session.groupStatusUnmatched(), "33 groups: pre-open, new price indication, ready to trade");
        final long trades = session.instruments().stream().mapToLong(i -> sink.books(i.securityId()).trades.size())
            .sum();
        assertEquals(session.incremental().tradeEntries(), trades);
        assertEquals(63, trades, "the 60 trade summaries of a line hold 63 entries");
    }

    @Test
    void withoutTheOptionAMidWeekCaptureLeavesEveryInstrumentStale() throws Exception
    {
        final BookSink sink = new BookSink();
        final CmeSession session = run(SharedCaptures.V8, sample().channel(320), false, sink);
        assertEquals(39, session.instruments().size());
        assertEquals(39, session.staleInstruments());
        assertEquals(0, sink.log.stream().filter(s -> s.startsWith("level")).count());
        assertEquals(0, session.incremental().levelEntries());
    }

    @Test
    void v9StreamArbitratesEveryChannelWithoutAGap() throws Exception
    {
        final CmeConfig config = sample();
        long lineLosses = 0;
        long instruments = 0;
        long orderEntries = 0;
        for (final int channel : new int[]{312, 313, 314, 315, 316, 317, 348, 360, 361})
        {
            final BookSink sink = new BookSink();
            final CmeSession session = run(SharedCaptures.V9_STREAM, config.channel(channel), true, sink);
            assertEquals(0, session.gaps(), "channel " + channel);
            assertEquals(0, session.refused(PacketSource.INCREMENTAL_A) + session.refused(PacketSource.INCREMENTAL_B));
            lineLosses += session.arbiter().lineLosses(0) + session.arbiter().lineLosses(1);
            instruments += session.instruments().size();
            orderEntries += session.incremental().orderEntries();
            assertNull(sink.disagreement);
            for (final CmeInstrument instrument : session.instruments())
            {
                assertEquals(0, sink.books(instrument.securityId()).levelRefusals, "channel " + channel + " " +
                    instrument + " " + sink.log);
                assertEquals(0, instrument.rptSeqGaps(), "channel " + channel + " " + instrument);
                assertOrdered(sink.books(instrument.securityId()).depth, "channel " + channel + " " + instrument);
            }
        }
        assertEquals(4, lineLosses, "holes filled by the other line: 315 A, 348 B, 360 A, 361 A");
        assertTrue(instruments > 200, "instruments " + instruments);
        assertTrue(orderEntries > 0, "market-by-order entries on 314 and 360");
    }
}
