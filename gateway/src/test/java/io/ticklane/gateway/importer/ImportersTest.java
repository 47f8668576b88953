package io.ticklane.gateway.importer;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.FeedDecoder;
import io.ticklane.gateway.FeedTranslator;
import io.ticklane.gateway.PacketEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The importers on the recorded files in ../shared/data: what they derive, what they skip, and that the feed they
 * make builds the same book in the fast book and in the reference model.
 */
class ImportersTest
{
    private static Path data(final String relative)
    {
        final String root = System.getProperty("ticklane.shared.data", "../../shared/data");
        final Path path = Path.of(root, relative);
        assumeTrue(Files.isReadable(path), "recorded data not found at " + path + " (../shared/data beside the project)");
        return path;
    }

    private record Fed(BookEventApplier fastBooks, BookEventApplier referenceBooks, long messages)
    {
        OrderBook fast(final int id)
        {
            return null == fastBooks.book(id) ? null : fastBooks.book(id).book();
        }

        OrderBook reference(final int id)
        {
            return null == referenceBooks.book(id) ? null : referenceBooks.book(id).book();
        }
    }

    private static Fed feed(final FeedImporter importer)
    {
        final BookEventApplier fast = new BookEventApplier(
            BookFactory.ladder(new OrderPool(1 << 16), BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
        final BookEventApplier reference = new BookEventApplier(BookFactory.reference(), BookListener.NONE);
        final FeedTranslator toFast = new FeedTranslator(fast, id -> { });
        final FeedTranslator toReference = new FeedTranslator(reference, id -> { });
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
        final PacketEncoder encoder = new PacketEncoder();
        final FeedDecoder decoder = new FeedDecoder();
        encoder.begin(buffer, 0, 1, 0, 1, 0, 1);
        for (final InstrumentSpec s : importer.instruments())
        {
            encoder.instrumentDefinition(0, s.id(), s.symbol(), s.tickSize(), s.priceExponent(), s.referencePrice(),
                s.bandTicks());
        }
        long messages = 0;
        long sequence = 2;
        while (true)
        {
            assertEquals(FeedDecoder.OK, decoder.decode(buffer, 0, encoder.length(), toFast));
            decoder.decode(buffer, 0, encoder.length(), toReference);
            fast.onEndOfEvent();
            reference.onEndOfEvent();
            encoder.begin(buffer, 0, 1, 0, sequence++, 0, 1);
            if (importer.next(encoder) == FeedImporter.END)
            {
                return new Fed(fast, reference, messages);
            }
            messages++;
        }
    }

    @Test
    void lobsterTenLevelSample()
    {
        try (LobsterImporter importer = LobsterImporter.open(
            data("lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv"), 7))
        {
            final InstrumentSpec spec = importer.instruments().get(0);
            assertEquals("AAPL", spec.symbol());
            assertEquals(7, spec.id());
            assertEquals(-4, spec.priceExponent());
            assertEquals(100, spec.tickSize(), "a cent at LOBSTER's scale");
            final Fed fed = feed(importer);
            assertEquals(importer.recordsRead(), fed.messages() + importer.recordsSkipped());
            assertTrue(importer.recordsRead() >= 998);
            assertTrue(importer.recordsSkipped() > 0, "the file cancels orders added before it starts");
            final OrderBook fast = fed.fast(7);
            final OrderBook reference = fed.reference(7);
            assertTrue(reference.orderCount() > 0);
            assertEquals(reference.stateHash(), fast.stateHash());
            assertTrue(reference.bestPrice(Side.BID) < reference.bestPrice(Side.ASK), "not crossed");
        }
    }

    @Test
    void lobsterFullDayZipBuildsTheSameBookInBothModels()
    {
        try (LobsterImporter importer = LobsterImporter.open(data("lobster/LOBSTER_SampleFile_AAPL_2012-06-21_1.zip"), 1))
        {
            final Fed fed = feed(importer);
            assertEquals(118_497, importer.recordsRead());
            assertEquals(fed.reference(1).stateHash(), fed.fast(1).stateHash());
            assertEquals(0, fed.fastBooks().rejected() - fed.referenceBooks().rejected(), "both refuse the same events");
        }
    }

    @Test
    void databentoHeadBuildsTheBookFromItsClear()
    {
        try (DatabentoMboImporter importer = DatabentoMboImporter.open(data("databento/ARL_2025-07-17_mbo_head300.csv")))
        {
            final InstrumentSpec spec = importer.instruments().get(0);
            assertEquals(1, importer.instruments().size());
            assertEquals("ARL", spec.symbol());
            assertEquals(1108, spec.id());
            assertEquals(-2, spec.priceExponent(), "prices need two decimals");
            assertEquals(0, spec.referencePrice() % spec.tickSize());
            final Fed fed = feed(importer);
            assertEquals(300, importer.recordsRead());
            assertEquals(0, fed.referenceBooks().rejected(), "every cancel refers to an order the day added");
            assertEquals(fed.reference(1108).stateHash(), fed.fast(1108).stateHash());
            assertTrue(fed.reference(1108).orderCount() > 10);
        }
    }

    @Test
    void databentoPricesKeepTheirExactDecimalValue()
    {
        assertEquals(551, DatabentoMboImporter.price("5.510000000", 2));
        assertEquals(2133, DatabentoMboImporter.price("21.33", 2));
        assertEquals(7, DatabentoMboImporter.price("7", 0));
        assertEquals(70_000, DatabentoMboImporter.price("7.0", 4));
    }

    @Test
    void fileNamesThatDoNotSaySymbolAndDateAreRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> LobsterImporter.open(Path.of("/tmp/messages.csv"), 1));
        assertTrue(ex.getMessage().contains("messages.csv"), ex.getMessage());
    }

    @Test
    void filesWithNothingToPublishAreRefusedNamingTheFile(@org.junit.jupiter.api.io.TempDir final Path dir)
        throws Exception
    {
        final Path emptyLobster = Files.writeString(dir.resolve("AAPL_2012-06-21_34200000_57600000_message_1.csv"), "");
        final IllegalArgumentException lobster = assertThrows(IllegalArgumentException.class,
            () -> LobsterImporter.open(emptyLobster, 1));
        assertEquals(emptyLobster + ": no messages, so nothing to publish (an empty LOBSTER message file)",
            lobster.getMessage());

        final Path headerOnly = Files.writeString(dir.resolve("mbo.csv"), "ts_recv,ts_event,rtype,publisher_id," +
            "instrument_id,action,side,price,size,channel_id,order_id,flags,ts_in_delta,sequence,symbol\n");
        final IllegalArgumentException databento = assertThrows(IllegalArgumentException.class,
            () -> DatabentoMboImporter.open(headerOnly));
        assertEquals(headerOnly + ": a header but no records, so nothing to publish", databento.getMessage());
    }
}
