package io.ticklane.gateway.importer.dbn;

import io.ticklane.book.InstrumentDefinition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the instruments of a DBN data file in a first pass: the symbol and tick from definition records (in the
 * file itself or in separate definition files such as {@code orderbooks_definition.dbn.zst}), else the symbol from
 * the metadata's mappings and the tick from the greatest common divisor of the prices; the book kind from the record
 * types (MBO: order-by-order; MBP-1 / MBP-10: 1 or 10 levels); the price scale from the largest power of ten that
 * divides every price and the tick; a ladder centred on the price range. Allocates; not for the hot path.
 */
public final class DbnInstruments
{
    private static final int BAND_MARGIN = 64;
    private static final int MAX_BAND = 1 << 16;

    private static final class Scan
    {
        final int id;
        String symbol;
        long definedTick;
        long gcd;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int books;
        int depth;

        Scan(final int id)
        {
            this.id = id;
        }

        void price(final long price)
        {
            if (price == DbnDescriptor.UNDEF_PRICE || price <= 0)
            {
                return;
            }
            min = Math.min(min, price);
            max = Math.max(max, price);
            gcd = gcd(gcd, price);
        }
    }

    private DbnInstruments()
    {
    }

    /**
     * @param data        the DBN data file (MBO, MBP-1 or MBP-10; definitions in it are used too).
     * @param definitions further DBN files holding definition records (may be empty).
     * @return the instruments in order of first appearance in the data file.
     * @throws IllegalArgumentException naming a file that is missing or not DBN.
     */
    public static Map<Integer, DbnInstrument> scan(final Path data, final List<Path> definitions)
    {
        final Map<Integer, Scan> scans = new LinkedHashMap<>();
        final Map<Integer, Scan> defined = new LinkedHashMap<>();
        for (final Path file : definitions)
        {
            try (DbnReader reader = DbnReader.open(file))
            {
                readDefinitions(reader, defined);
            }
        }
        DbnMetadata metadata;
        try (DbnReader reader = DbnReader.open(data))
        {
            metadata = reader.metadata();
            final DbnMbo mbo = new DbnMbo();
            final DbnMbp mbp = new DbnMbp();
            final DbnDefinition definition = new DbnDefinition();
            while (reader.next())
            {
                final int rtype = reader.rtype();
                if (rtype == DbnDescriptor.RTYPE_DEFINITION)
                {
                    definition.wrap(reader.buffer(), reader.offset(), reader.version());
                    define(defined.computeIfAbsent(definition.instrumentId(), Scan::new), definition);
                    continue;
                }
                if (rtype != DbnDescriptor.RTYPE_MBO && rtype != DbnDescriptor.RTYPE_MBP_1 &&
                    rtype != DbnDescriptor.RTYPE_MBP_10)
                {
                    continue;
                }
                final Scan s = scans.computeIfAbsent(reader.instrumentId(), Scan::new);
                if (rtype == DbnDescriptor.RTYPE_MBO)
                {
                    s.books = InstrumentDefinition.BOOK_ORDERS;
                    s.price(mbo.wrap(reader.buffer(), reader.offset()).price());
                }
                else
                {
                    mbp.wrap(reader.buffer(), reader.offset(), reader.length());
                    s.books = InstrumentDefinition.BOOK_LEVELS;
                    s.depth = Math.max(s.depth, mbp.levelCount());
                    s.price(mbp.price());
                    for (int i = 0; i < mbp.levelCount(); i++)
                    {
                        s.price(mbp.levelPrice(i, false));
                        s.price(mbp.levelPrice(i, true));
                    }
                }
            }
        }
        final Map<Integer, DbnInstrument> out = new LinkedHashMap<>();
        for (final Scan s : scans.values())
        {
            final Scan d = defined.get(s.id);
            final String symbol = null != d && null != d.symbol && !d.symbol.isEmpty() ? d.symbol :
                null != metadata.symbolOf(s.id) ? metadata.symbolOf(s.id) : "ID" + s.id;
            out.put(s.id, instrument(s, null == d ? 0 : d.definedTick, symbol));
        }
        return out;
    }

    private static void readDefinitions(final DbnReader reader, final Map<Integer, Scan> defined)
    {
        final DbnDefinition definition = new DbnDefinition();
        while (reader.next())
        {
            if (reader.rtype() == DbnDescriptor.RTYPE_DEFINITION)
            {
                definition.wrap(reader.buffer(), reader.offset(), reader.version());
                define(defined.computeIfAbsent(definition.instrumentId(), Scan::new), definition);
            }
        }
    }

    private static void define(final Scan s, final DbnDefinition definition)
    {
        s.symbol = definition.rawSymbol();
        final long tick = definition.minPriceIncrement();
        if (tick > 0 && tick != DbnDescriptor.UNDEF_PRICE)
        {
            s.definedTick = tick;
        }
    }

    private static DbnInstrument instrument(final Scan s, final long definedTick, final String symbol)
    {
        long tick = definedTick > 0 ? definedTick : s.gcd > 0 ? s.gcd : 1;
        final long exact = gcd(tick, s.gcd); // every price and the tick are multiples of it
        long divisor = 1;
        int exponent = DbnDescriptor.PRICE_EXPONENT;
        while (exponent < 0 && exact % (divisor * 10) == 0)
        {
            divisor *= 10;
            exponent++;
        }
        tick /= divisor;
        if (definedTick > 0 && s.gcd > 0 && (s.gcd / divisor) % tick != 0)
        {
            tick = gcd(tick, s.gcd / divisor); // a price off the defined tick: keep the book exact
        }
        final long reference;
        final int band;
        if (s.min > s.max)
        {
            reference = tick * 1_000;
            band = 4096;
        }
        else
        {
            final long min = s.min / divisor;
            final long max = s.max / divisor;
            reference = Math.max(tick, ((min + max) / 2) / tick * tick);
            band = (int)Math.min(MAX_BAND, Math.max(reference - min, max - reference) / tick + BAND_MARGIN);
        }
        return new DbnInstrument(s.id, symbol, tick, exponent, divisor, reference, band, s.books,
            s.books == InstrumentDefinition.BOOK_LEVELS ? s.depth : 0);
    }

    private static long gcd(final long a, final long b)
    {
        long x = Math.abs(a);
        long y = Math.abs(b);
        while (y != 0)
        {
            final long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }

    /**
     * @param instruments derived instruments.
     * @return one line per instrument, for logs.
     */
    public static List<String> describe(final Map<Integer, DbnInstrument> instruments)
    {
        final List<String> lines = new ArrayList<>();
        for (final DbnInstrument i : instruments.values())
        {
            lines.add(i.symbol() + " id " + i.instrumentId() + " tick " + i.tickSize() + " at 1e" + i.priceExponent() +
                (i.books() == InstrumentDefinition.BOOK_LEVELS ? " levels " + i.depth() : " orders"));
        }
        return lines;
    }
}
