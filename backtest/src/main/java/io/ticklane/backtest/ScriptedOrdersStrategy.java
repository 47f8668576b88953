package io.ticklane.backtest;

import io.ticklane.book.BookView;
import io.ticklane.book.Side;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in strategy behind {@code --orders FILE}: "what would have happened to these orders". The file is a CSV
 * with the header {@value #HEADER}; each data line is one order, sent at {@code ts_ns} on the data's exchange clock
 * and, when {@code cancel_ts_ns} is given, cancelled at that time. {@code instrument} is the data's instrument id or
 * symbol; {@code side} B or S; {@code price} a decimal, empty for a market order (IOC or FOK); {@code tif} GTC, GTX,
 * IOC or FOK. Lines must be in time order, so the order ids (submission indexes) are the data line numbers.
 * <p>
 * Bad input fails at load with one line naming the file, the line, the value and what is allowed.
 */
public final class ScriptedOrdersStrategy implements Strategy
{
    /** The file's header. */
    public static final String HEADER = "ts_ns,instrument,side,price,quantity,tif,cancel_ts_ns";
    private static final long CANCEL = 1L << 62;

    private record Row(int line, long timeNs, String instrument, int side, String price, long quantity, int tif,
        long cancelNs)
    {
    }

    private final Path file;
    private final List<Row> rows;
    private final long[] ids;
    private StrategyContext context;

    /**
     * @param file the orders CSV.
     * @throws IllegalArgumentException naming file, line and value for bad input.
     */
    public ScriptedOrdersStrategy(final Path file)
    {
        this.file = file;
        this.rows = parse(file);
        this.ids = new long[rows.size()];
    }

    /**
     * @return orders in the file.
     */
    public int size()
    {
        return rows.size();
    }

    private static List<Row> parse(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalArgumentException("--orders " + file + ": no such file");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("--orders " + file + ": cannot read: " + ex.getMessage(), ex);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER))
        {
            throw new IllegalArgumentException(file + ":1: header must be '" + HEADER + "'" +
                (lines.isEmpty() ? " (the file is empty)" : ", found '" + lines.get(0).trim() + "'"));
        }
        final List<Row> rows = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (int n = 1; n < lines.size(); n++)
        {
            final String text = lines.get(n).trim();
            if (text.isEmpty())
            {
                continue;
            }
            final Row row = row(file, n + 1, text);
            if (row.timeNs() < previous)
            {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": ts_ns " + row.timeNs() +
                    " is before the previous line's " + previous + "; lines must be in time order");
            }
            previous = row.timeNs();
            rows.add(row);
        }
        return rows;
    }

    private static Row row(final Path file, final int line, final String text)
    {
        final String[] f = text.split(",", -1);
        final String where = file + ":" + line + ": ";
        if (f.length != 7)
        {
            throw new IllegalArgumentException(where + f.length + " fields; expected 7 (" + HEADER + ")");
        }
        final long ts = number(where, "ts_ns", f[0], false);
        final String instrument = f[1].trim();
        if (instrument.isEmpty())
        {
            throw new IllegalArgumentException(where + "instrument is empty; give the data's instrument id or symbol");
        }
        final String sideText = f[2].trim();
        final int side = sideText.equals("B") ? Side.BID : sideText.equals("S") ? Side.ASK : -1;
        if (side < 0)
        {
            throw new IllegalArgumentException(where + "side '" + sideText + "'; allowed: B, S");
        }
        final String price = f[3].trim();
        if (!price.isEmpty())
        {
            try
            {
                new BigDecimal(price);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(where + "price '" + price + "' is not a decimal number");
            }
        }
        final long quantity = number(where, "quantity", f[4], false);
        if (quantity <= 0)
        {
            throw new IllegalArgumentException(where + "quantity " + quantity + "; allowed: > 0");
        }
        final int tif = TimeInForce.parse(f[5]);
        if (tif < 0)
        {
            throw new IllegalArgumentException(where + "tif '" + f[5].trim() + "'; allowed: GTC, GTX, IOC, FOK");
        }
        if (price.isEmpty() && tif != TimeInForce.IOC && tif != TimeInForce.FOK)
        {
            throw new IllegalArgumentException(where + "a market order (empty price) takes tif IOC or FOK, not " +
                TimeInForce.name(tif));
        }
        final long cancel = f[6].trim().isEmpty() ? Long.MIN_VALUE : number(where, "cancel_ts_ns", f[6], false);
        return new Row(line, ts, instrument, side, price, quantity, tif, cancel);
    }

    private static long number(final String where, final String name, final String text, final boolean allowEmpty)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(where + name + " '" + text.trim() + "' is not an integer");
        }
    }

    public void onStart(final StrategyContext context)
    {
        this.context = context;
        for (int i = 0; i < rows.size(); i++)
        {
            context.schedule(rows.get(i).timeNs(), i);
        }
    }

    public void onTimer(final long token, final long nowNs)
    {
        if ((token & CANCEL) != 0)
        {
            context.cancel(ids[(int)(token & ~CANCEL)]);
            return;
        }
        final int i = (int)token;
        final Row row = rows.get(i);
        final int instrumentId = resolve(row.instrument());
        final BookView book = instrumentId < 0 ? null : context.book(instrumentId);
        if (row.price().isEmpty())
        {
            ids[i] = context.submitMarket(instrumentId, row.side(), row.quantity(), row.tif());
        }
        else
        {
            ids[i] = context.submit(instrumentId, row.side(), null == book ? 0 : fixedPoint(row, book), row.quantity(),
                row.tif());
        }
        if (row.cancelNs() != Long.MIN_VALUE)
        {
            context.schedule(row.cancelNs(), CANCEL | i);
        }
    }

    private long fixedPoint(final Row row, final BookView book)
    {
        try
        {
            return new BigDecimal(row.price()).movePointRight(-book.priceExponent()).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(file + ":" + row.line() + ": price " + row.price() + " has more " +
                "decimals than " + book.symbol() + " prices (10^" + book.priceExponent() + ")");
        }
    }

    private int resolve(final String instrument)
    {
        final int bySymbol = context.instrumentId(instrument);
        if (bySymbol >= 0)
        {
            return bySymbol;
        }
        try
        {
            return Integer.parseInt(instrument);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
