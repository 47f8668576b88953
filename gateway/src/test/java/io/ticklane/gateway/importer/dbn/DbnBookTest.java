package io.ticklane.gateway.importer.dbn;

import io.ticklane.book.BookStateHash;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.gateway.FeedTranslator;
import io.ticklane.gateway.FeedDecoder;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.importer.FeedImporter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.ticklane.gateway.importer.dbn.DbnTestFiles.shared;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Books built from DBN files through the translator (and through the importer's feed) against an independent
 * reconstruction written here from the raw records, the way Databento's own book example builds one: A appends, C
 * takes its size off in place, M moves to the back unless it only shrinks, R clears, T and F change nothing.
 */
class DbnBookTest
{
    private static final String ESM4 = "orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn.zst";

    /** The independent book: per side, price to orders in queue order (id to size), prices in 1e-9 units. */
    private static final class MapBook
    {
        @SuppressWarnings("unchecked")
        final TreeMap<Long, LinkedHashMap<Long, Long>>[] sides = new TreeMap[]{new TreeMap<>(), new TreeMap<>()};
        final Map<Long, long[]> orders = new HashMap<>(); // id -> side, price

        void apply(final DbnMbo r)
        {
            final long id = r.orderId();
            switch (r.action())
            {
                case 'R' -> { sides[0].clear(); sides[1].clear(); orders.clear(); }
                case 'A' -> {
                    final int side = r.side() == 'B' ? 0 : 1;
                    sides[side].computeIfAbsent(r.price(), p -> new LinkedHashMap<>()).put(id, r.size());
                    orders.put(id, new long[]{side, r.price()});
                }
                case 'C' -> {
                    final long[] o = orders.get(id);
                    final LinkedHashMap<Long, Long> level = sides[(int)o[0]].get(o[1]);
                    final long left = level.get(id) - r.size();
                    if (left > 0)
                    {
                        level.put(id, left);
                    }
                    else
                    {
                        remove(id);
                    }
                }
                case 'M' -> {
                    final long[] o = orders.get(id);
                    final long size = sides[(int)o[0]].get(o[1]).get(id);
                    if (o[1] == r.price() && r.size() <= size)
                    {
                        sides[(int)o[0]].get(o[1]).put(id, r.size());
                    }
                    else
                    {
                        final int side = (int)o[0];
                        remove(id);
                        sides[side].computeIfAbsent(r.price(), p -> new LinkedHashMap<>()).put(id, r.size());
                        orders.put(id, new long[]{side, r.price()});
                    }
                }
                default -> { } // T, F: the book change follows as C or M
            }
        }

        private void remove(final long id)
        {
            final long[] o = orders.remove(id);
            final LinkedHashMap<Long, Long> level = sides[(int)o[0]].get(o[1]);
            level.remove(id);
            if (level.isEmpty())
            {
                sides[(int)o[0]].remove(o[1]);
            }
        }

        long stateHash(final long divisor)
        {
            long hash = BookStateHash.SEED;
            for (int side = Side.BID; side <= Side.ASK; side++)
            {
                hash = BookStateHash.mix(hash, side);
                for (final Map.Entry<Long, LinkedHashMap<Long, Long>> e :
                    (side == Side.BID ? sides[side].descendingMap() : sides[side]).entrySet())
                {
                    long quantity = 0;
                    for (final long q : e.getValue().values())
                    {
                        quantity += q;
                    }
                    hash = BookStateHash.mix(hash, e.getKey() / divisor);
                    hash = BookStateHash.mix(hash, quantity);
                    hash = BookStateHash.mix(hash, e.getValue().size());
                    for (final Map.Entry<Long, Long> o : e.getValue().entrySet())
                    {
                        hash = BookStateHash.mix(hash, o.getKey());
                        hash = BookStateHash.mix(hash, o.getValue());
                    }
                }
            }
            return hash;
        }
    }

    private static MapBook reconstruct(final Path file)
    {
        final MapBook book = new MapBook();
        try (DbnReader reader = DbnReader.open(file))
        {
            final DbnMbo mbo = new DbnMbo();
            while (reader.next())
            {
                book.apply(mbo.wrap(reader.buffer(), reader.offset()));
            }
        }
        return book;
    }

    private static OrderBookSink translate(final Path file, final List<Path> definitions)
    {
        final Map<Integer, DbnInstrument> instruments = DbnInstruments.scan(file, definitions);
        final OrderBookSink sink = new OrderBookSink();
        final BookEventApplier applier = new BookEventApplier(
            BookFactory.ladder(new OrderPool(1 << 15), BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
        final DbnEventTranslator translator = new DbnEventTranslator(instruments, new TeeHandler(sink, applier));
        translator.defineAll(0);
        try (DbnReader reader = DbnReader.open(file))
        {
            while (reader.next())
            {
                translator.onRecord(reader);
            }
        }
        translator.finish();
        assertEquals(0, translator.skippedUnknownOrder());
        assertEquals(0, applier.rejected(), "the engine's applier refuses nothing");
        for (final Map.Entry<Integer, LadderOrderBook> e : sink.books.entrySet())
        {
            assertEquals(e.getValue().stateHash(), applier.book(e.getKey()).stateHash(),
                "the engine's applier builds the same book");
        }
        return sink;
    }

    @Test
    void esm4InstrumentFromItsDefinitionFile()
    {
        final Map<Integer, DbnInstrument> instruments =
            DbnInstruments.scan(shared(ESM4), List.of(shared("orderbooks_definition.dbn.zst")));
        final DbnInstrument es = instruments.get(5602);
        assertEquals("ESM4", es.symbol());
        assertEquals(25, es.tickSize());
        assertEquals(-2, es.priceExponent());
        assertEquals(10_000_000L, es.priceDivisor());
        assertEquals(1, instruments.size());
    }

    @Test
    void esm4FinalBookEqualsTheIndependentReconstruction()
    {
        final Path file = shared(ESM4);
        final OrderBookSink sink = translate(file, List.of(shared("orderbooks_definition.dbn.zst")));
        final MapBook expected = reconstruct(file);
        final LadderOrderBook book = sink.books.get(5602);
        assertEquals(0, sink.refused, "every event applies");
        assertEquals(expected.orders.size(), book.orderCount());
        assertEquals(13_598, book.orderCount());
        assertEquals(expected.stateHash(10_000_000L), book.stateHash());
        assertEquals(521_400, book.bestPrice(Side.BID), "5214.00");
        assertEquals(521_425, book.bestPrice(Side.ASK), "5214.25");
        assertEquals(5, sink.executes, "the five F records are executions");
        assertEquals(0, sink.trades, "every T was matched by F records");
        assertEquals(1, sink.clears);
        assertTrue(sink.endsOfEvent > 100);
    }

    @Test
    void esh4SnapshotBookEqualsTheIndependentReconstruction()
    {
        final Path file = shared("esh4-glbx-mdp3-20231224.mbo.dbn.zst");
        final OrderBookSink sink = translate(file, List.of());
        final LadderOrderBook book = sink.books.get(17077);
        assertEquals(8725, book.orderCount());
        final long divisor = DbnInstruments.scan(file, List.of()).get(17077).priceDivisor();
        assertEquals(reconstruct(file).stateHash(divisor), book.stateHash());
    }

    @Test
    void importerFeedBuildsTheSameEsm4Book()
    {
        final Path file = shared(ESM4);
        final BookEventApplier fast = new BookEventApplier(
            BookFactory.ladder(new OrderPool(1 << 15), BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
        final FeedTranslator translator = new FeedTranslator(fast, id -> { });
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
        final PacketEncoder encoder = new PacketEncoder();
        final FeedDecoder decoder = new FeedDecoder();
        long messages = 0;
        try (DbnImporter importer = DbnImporter.open(file, List.of(shared("orderbooks_definition.dbn.zst"))))
        {
            assertTrue(importer.describe().contains("ESM4 id 5602 tick 25 at 1e-2 orders"), importer.describe());
            encoder.begin(buffer, 0, 0, 0, 1, 0, 1);
            for (final InstrumentSpec s : importer.instruments())
            {
                encoder.instrumentDefinition(0, s.id(), s.symbol(), s.tickSize(), s.priceExponent(),
                    s.referencePrice(), s.bandTicks());
            }
            long sequence = 2;
            while (true)
            {
                assertEquals(FeedDecoder.OK, decoder.decode(buffer, 0, encoder.length(), translator));
                fast.onEndOfEvent();
                encoder.begin(buffer, 0, 0, 0, sequence++, 0, 1);
                if (importer.next(encoder) == FeedImporter.END)
                {
                    break;
                }
                messages += encoder.messageCount();
            }
            assertEquals(13_796, importer.recordsRead());
        }
        final OrderBook book = fast.book(5602).book();
        assertEquals(0, fast.rejected());
        assertEquals(reconstruct(file).stateHash(10_000_000L), book.stateHash());
        assertTrue(messages > 13_700);
    }

    @Test
    void mbp1LevelsFollowEveryRecord()
    {
        final Path file = shared("futures_mbp-1_2024-07-01T23-58_2024-07-02T00-02.dbn.zst");
        final Map<Integer, DbnInstrument> instruments = DbnInstruments.scan(file, List.of());
        final DbnInstrument es = instruments.get(118);
        assertEquals("ESU4", es.symbol());
        assertEquals(1, es.depth());
        final OrderBookSink sink = new OrderBookSink();
        final DbnEventTranslator translator = new DbnEventTranslator(instruments, sink);
        translator.defineAll(0);
        long trades = 0;
        try (DbnReader reader = DbnReader.open(file))
        {
            final DbnMbp mbp = new DbnMbp();
            while (reader.next())
            {
                translator.onRecord(reader);
                mbp.wrap(reader.buffer(), reader.offset(), reader.length());
                trades += mbp.action() == 'T' ? 1 : 0;
                for (int side = 0; side < 2; side++)
                {
                    final List<long[]> levels = sink.levels.get(118)[side];
                    final long price = mbp.levelPrice(0, side == 1);
                    if (price == DbnDescriptor.UNDEF_PRICE || mbp.levelSize(0, side == 1) == 0)
                    {
                        assertTrue(levels.isEmpty());
                    }
                    else
                    {
                        assertEquals(1, levels.size());
                        assertEquals(es.scale(price), levels.get(0)[0]);
                        assertEquals(mbp.levelSize(0, side == 1), levels.get(0)[1]);
                        assertEquals(mbp.levelCount(0, side == 1), levels.get(0)[2]);
                    }
                }
            }
        }
        assertEquals(120, trades);
        assertEquals(trades, sink.trades);
        assertEquals(2288, sink.endsOfEvent - 1, "one event per record, plus the definitions");
    }

    @Test
    void mbp10RecordsBecomeTenLevelsAndTheImporterPublishesThemAsLevelOrders(@TempDir final Path dir)
        throws IOException
    {
        final long tick = 250_000_000L;
        final long bid = 5_000_000_000_000L;
        final ByteArrayOutputStream records = new ByteArrayOutputStream();
        final int[] full = {5, 4, 3, 2, 1, 6, 7, 8, 9, 10};
        final int[] shallow = {5, 4, 3, 0, 0, 0, 0, 0, 0, 0};
        final int[] changed = {9, 4, 3, 2, 1, 6, 7, 8, 9, 11};
        records.write(DbnTestFiles.definitionV3(7, tick, 10, "ESZ5"));
        records.write(DbnTestFiles.mbp10(7, 10, 'A', 'B', bid, 5, bid, bid + tick, tick, full, full));
        records.write(DbnTestFiles.mbp10(7, 20, 'C', 'A', bid + 4 * tick, 2, bid, bid + tick, tick, full, shallow));
        records.write(DbnTestFiles.mbp10(7, 30, 'T', 'B', bid + tick, 1, bid, bid + tick, tick, changed, changed));
        records.write(DbnTestFiles.mbp10(7, 40, 'A', 'B', bid + tick, 1, bid + tick, bid + 2 * tick, tick, full,
            shallow));
        final Path file = dir.resolve("mbp10.v3.dbn");
        Files.write(file, DbnTestFiles.file(3, 2, records.toByteArray()));

        final Map<Integer, DbnInstrument> instruments = DbnInstruments.scan(file, List.of());
        assertEquals(10, instruments.get(7).depth());
        assertEquals("ESZ5", instruments.get(7).symbol());
        final OrderBookSink sink = new OrderBookSink();
        final DbnEventTranslator translator = new DbnEventTranslator(instruments, sink);
        translator.defineAll(0);
        final List<String> afterEach = new ArrayList<>();
        try (DbnReader reader = DbnReader.open(file))
        {
            while (reader.next())
            {
                translator.onRecord(reader);
                afterEach.add(describe(sink.levels.get(7)));
            }
            assertEquals(4, reader.count(DbnDescriptor.RTYPE_MBP_10));
            assertEquals(1, reader.count(DbnDescriptor.RTYPE_DEFINITION));
        }
        final DbnInstrument es = instruments.get(7);
        assertEquals(es.scale(bid + tick), sink.levels.get(7)[0].get(0)[0]);
        assertEquals(10, sink.levels.get(7)[0].size());
        assertEquals(3, sink.levels.get(7)[1].size());
        assertEquals(1, sink.trades);
        assertEquals(expected(es, bid, bid + tick, tick, full, shallow), afterEach.get(2));
        assertEquals(expected(es, bid + tick, bid + 2 * tick, tick, full, shallow), afterEach.get(4));

        // the importer: one synthetic order per level, built into an order book, gives the same levels
        final BookEventApplier fed = new BookEventApplier(
            BookFactory.ladder(new OrderPool(1 << 10), BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
        final FeedTranslator feed = new FeedTranslator(fed, id -> { });
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
        final PacketEncoder encoder = new PacketEncoder();
        final FeedDecoder decoder = new FeedDecoder();
        try (DbnImporter importer = DbnImporter.open(file, List.of()))
        {
            final InstrumentSpec s = importer.instruments().get(0);
            encoder.begin(buffer, 0, 0, 0, 1, 0, 1);
            encoder.instrumentDefinition(0, s.id(), s.symbol(), s.tickSize(), s.priceExponent(), s.referencePrice(),
                s.bandTicks());
            long sequence = 2;
            do
            {
                assertEquals(FeedDecoder.OK, decoder.decode(buffer, 0, encoder.length(), feed));
                fed.onEndOfEvent();
                encoder.begin(buffer, 0, 0, 0, sequence++, 0, 1);
            }
            while (importer.next(encoder) != FeedImporter.END);
        }
        assertEquals(0, fed.rejected());
        final OrderBook book = fed.book(7).book();
        final long[] prices = new long[10];
        final long[] quantities = new long[10];
        final int[] counts = new int[10];
        assertEquals(10, book.levels(Side.BID, 10, prices, quantities, counts));
        assertEquals(es.scale(bid + tick), prices[0]);
        assertEquals(3, book.levels(Side.ASK, 10, prices, quantities, counts));
        assertEquals(5, quantities[0]);
    }

    private static String describe(final List<long[]>[] levels)
    {
        final StringBuilder sb = new StringBuilder();
        for (int side = 0; side < 2; side++)
        {
            sb.append(side == 0 ? "bids" : " asks");
            for (final long[] l : levels[side])
            {
                sb.append(' ').append(l[0]).append('x').append(l[1]);
            }
        }
        return sb.toString();
    }

    private static String expected(final DbnInstrument es, final long bid, final long ask, final long tick,
        final int[] bids, final int[] asks)
    {
        final StringBuilder sb = new StringBuilder("bids");
        for (int i = 0; i < 10 && bids[i] > 0; i++)
        {
            sb.append(' ').append(es.scale(bid - i * tick)).append('x').append(bids[i]);
        }
        sb.append(" asks");
        for (int i = 0; i < 10 && asks[i] > 0; i++)
        {
            sb.append(' ').append(es.scale(ask + i * tick)).append('x').append(asks[i]);
        }
        return sb.toString();
    }
}
