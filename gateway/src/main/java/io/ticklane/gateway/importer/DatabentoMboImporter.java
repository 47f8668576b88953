package io.ticklane.gateway.importer;

import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.PacketEncoder;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a Databento MBO (market by order) CSV file, any number of instruments, as the feed. Columns are found by
 * their header names ({@code ts_event, instrument_id, action, side, price, size, order_id, symbol}). Prices are
 * decimal strings; the feed's exponent is the most decimals any price in the file needs (trailing zeros ignored),
 * and each instrument's tick is derived from its order prices.
 * <p>
 * Mapping: R (clear) becomes BookClear; A becomes AddOrder; C (size = quantity removed) becomes ModifyOrder with
 * the quantity left, or DeleteOrder when nothing is left; M becomes ModifyOrder; T becomes Trade with its side as
 * the aggressor. F (fills) only repeat what T and the following C say, and are skipped, as are records for orders
 * the file never added. A whole day from its R rebuilds the book exactly.
 */
public final class DatabentoMboImporter implements FeedImporter
{
    private static final long NONE = -1;
    private static final int MAX_DECIMALS = 9;

    private final Path file;
    private final BufferedReader reader;
    private final Columns columns;
    private final int decimals;
    private final List<InstrumentSpec> instruments;
    private final Int2ObjectHashMap<Long2LongHashMap> orders = new Int2ObjectHashMap<>();
    private long read;
    private long skipped;
    private long tradeId;
    private long lineNumber = 1;

    private record Columns(int time, int instrument, int action, int side, int price, int size, int order, int symbol)
    {
        static Columns of(final Path file, final String header)
        {
            final List<String> names = List.of(header.split(",", -1));
            return new Columns(find(file, names, "ts_event"), find(file, names, "instrument_id"),
                find(file, names, "action"), find(file, names, "side"), find(file, names, "price"),
                find(file, names, "size"), find(file, names, "order_id"), names.indexOf("symbol"));
        }

        private static int find(final Path file, final List<String> names, final String name)
        {
            final int index = names.indexOf(name);
            if (index < 0)
            {
                throw new IllegalArgumentException(file + ": not a Databento MBO CSV, no column '" + name +
                    "' in its header");
            }
            return index;
        }
    }

    private DatabentoMboImporter(
        final Path file, final Columns columns, final int decimals, final List<InstrumentSpec> instruments)
        throws IOException
    {
        this.file = file;
        this.columns = columns;
        this.decimals = decimals;
        this.instruments = instruments;
        this.reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        reader.readLine(); // header
    }

    /**
     * Reads the file once to derive the price scale and every instrument's definition, then opens it for import.
     *
     * @param file Databento MBO CSV.
     * @return the importer.
     * @throws UncheckedIOException when the file cannot be read.
     * @throws IllegalArgumentException naming file and line for a file that is not an MBO CSV, or naming the file when
     *                                  it has no record.
     */
    public static DatabentoMboImporter open(final Path file)
    {
        try
        {
            final Columns columns;
            int decimals = 0;
            try (BufferedReader scan = Files.newBufferedReader(file, StandardCharsets.US_ASCII))
            {
                final String header = scan.readLine();
                if (null == header)
                {
                    throw new IllegalArgumentException(file + ": empty file");
                }
                columns = Columns.of(file, header);
                String line;
                long number = 1;
                while (null != (line = scan.readLine()))
                {
                    decimals = Math.max(decimals, decimals(fields(file, line, ++number, columns)[columns.price()]));
                }
            }
            final Map<Integer, InstrumentRange> ranges = new LinkedHashMap<>();
            try (BufferedReader scan = Files.newBufferedReader(file, StandardCharsets.US_ASCII))
            {
                scan.readLine();
                String line;
                long number = 1;
                while (null != (line = scan.readLine()))
                {
                    final String[] f = fields(file, line, ++number, columns);
                    final String symbol = columns.symbol() < 0 ? "" : f[columns.symbol()];
                    final InstrumentRange range = ranges.computeIfAbsent(parseInt(file, f[columns.instrument()]),
                        k -> new InstrumentRange(k, symbol.isEmpty() ? "ID" + k : symbol));
                    final String action = f[columns.action()];
                    if ((action.equals("A") || action.equals("M")) && !f[columns.price()].isEmpty())
                    {
                        range.price(price(f[columns.price()], decimals));
                    }
                }
            }
            if (ranges.isEmpty())
            {
                throw new IllegalArgumentException(file + ": a header but no records, so nothing to publish");
            }
            final List<InstrumentSpec> instruments = new ArrayList<>();
            final long defaultTick = decimals >= 2 ? pow10(decimals - 2) : 1; // a cent when the scale allows it
            for (final InstrumentRange range : ranges.values())
            {
                instruments.add(range.definition(-decimals, defaultTick));
            }
            return new DatabentoMboImporter(file, columns, decimals, List.copyOf(instruments));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private static String[] fields(final Path file, final String line, final long number, final Columns columns)
    {
        final String[] f = line.split(",", -1);
        if (f.length <= Math.max(columns.order(), Math.max(columns.price(), columns.symbol())))
        {
            throw new IllegalArgumentException(file + ":" + number + ": " + f.length + " fields, fewer than the header");
        }
        return f;
    }

    private static int parseInt(final Path file, final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(file + ": instrument_id '" + text + "' is not a number");
        }
    }

    private static int decimals(final String price)
    {
        final int dot = price.indexOf('.');
        if (dot < 0)
        {
            return 0;
        }
        int end = price.length();
        while (end > dot + 1 && price.charAt(end - 1) == '0')
        {
            end--;
        }
        return Math.min(MAX_DECIMALS, end - dot - 1);
    }

    private static long pow10(final int n)
    {
        long p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= 10;
        }
        return p;
    }

    /**
     * @param text     decimal price, e.g. {@code 5.510000000}.
     * @param decimals the feed's scale.
     * @return the price in units of 10^-decimals.
     */
    static long price(final String text, final int decimals)
    {
        final int dot = text.indexOf('.');
        final String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (fraction.length() > decimals)
        {
            fraction = fraction.substring(0, decimals); // only zeros beyond the file's scale
        }
        final StringBuilder digits = new StringBuilder(whole).append(fraction);
        for (int i = fraction.length(); i < decimals; i++)
        {
            digits.append('0');
        }
        return Long.parseLong(digits.toString());
    }

    public List<InstrumentSpec> instruments()
    {
        return instruments;
    }

    public long next(final PacketEncoder encoder)
    {
        try
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                lineNumber++;
                read++;
                final String[] f = fields(file, line, lineNumber, columns);
                final long timeNs = timeNs(f[columns.time()]);
                if (encode(encoder, f, timeNs))
                {
                    return timeNs;
                }
                skipped++;
            }
            return END;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private long timeNs(final String text)
    {
        final Instant instant = Instant.parse(text);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private boolean encode(final PacketEncoder encoder, final String[] f, final long timeNs)
    {
        final int id = Integer.parseInt(f[columns.instrument()]);
        final String action = f[columns.action()];
        final String sideText = f[columns.side()];
        final int side = sideText.equals("B") ? 0 : sideText.equals("A") ? 1 : 2;
        final long orderId = Long.parseLong(f[columns.order()]);
        final long size = Long.parseLong(f[columns.size()]);
        final String priceText = f[columns.price()];
        final long price = priceText.isEmpty() ? 0 : price(priceText, decimals);
        Long2LongHashMap book = orders.get(id);
        if (null == book)
        {
            book = new Long2LongHashMap(4096, 0.6f, NONE);
            orders.put(id, book);
        }
        final long known = book.get(orderId);
        switch (action)
        {
            case "R":
                book.clear();
                encoder.bookClear(timeNs, id);
                return true;
            case "A":
                if (side > 1)
                {
                    return false;
                }
                if (known == NONE)
                {
                    book.put(orderId, size);
                }
                encoder.addOrder(timeNs, id, orderId, side, price, size);
                return true;
            case "C":
                if (known == NONE)
                {
                    return false;
                }
                if (known - size > 0)
                {
                    book.put(orderId, known - size);
                    encoder.modifyOrder(timeNs, id, orderId, price, known - size);
                }
                else
                {
                    book.remove(orderId);
                    encoder.deleteOrder(timeNs, id, orderId);
                }
                return true;
            case "M":
                if (known == NONE)
                {
                    return false;
                }
                book.put(orderId, size);
                encoder.modifyOrder(timeNs, id, orderId, price, size);
                return true;
            case "T":
                encoder.trade(timeNs, id, ++tradeId, price, size, side);
                return true;
            default:
                return false; // F repeats T and C; anything else is not a book event
        }
    }

    public long recordsRead()
    {
        return read;
    }

    public long recordsSkipped()
    {
        return skipped;
    }

    public String describe()
    {
        final StringBuilder sb = new StringBuilder("Databento MBO ").append(file.getFileName()).append(": ");
        for (final InstrumentSpec s : instruments)
        {
            sb.append(s.symbol()).append(" id ").append(s.id()).append(" (tick ").append(s.tickSize())
                .append(" at 1e").append(s.priceExponent()).append(") ");
        }
        return sb.toString().trim();
    }

    public void close()
    {
        try
        {
            reader.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + file, ex);
        }
    }
}
