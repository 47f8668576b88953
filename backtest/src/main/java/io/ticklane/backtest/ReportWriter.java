package io.ticklane.backtest;

import io.ticklane.book.Side;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's files into the output directory: {@code fills.csv}, {@code orders.csv}, {@code pnl.csv} as the
 * run goes, then {@code summary.json}, {@code timing.json} and {@code report.html}. Everything but
 * {@code timing.json} depends only on the inputs, so two runs write identical files. With no directory, writes
 * nothing. Single thread; allocates per row (rows are per order event, never per market event).
 */
final class ReportWriter implements AutoCloseable
{
    static final String FILLS_HEADER = "order,ts_ns,price,quantity,liquidity,queue_ahead";
    static final String ORDERS_HEADER = "order,ts_ns,clock,event,instrument,side,price,quantity,leaves,filled,tif,reason";
    static final String PNL_HEADER = "ts_ns,instrument,position,avg_price,mark,realized,unrealized,fees,net";

    private final Path dir;
    private final Writer fills;
    private final Writer orders;
    private final Writer pnl;
    private final StringBuilder line = new StringBuilder(160);

    ReportWriter(final Path dir)
    {
        this.dir = dir;
        if (null == dir)
        {
            fills = null;
            orders = null;
            pnl = null;
            return;
        }
        try
        {
            Files.createDirectories(dir);
            fills = open("fills.csv", FILLS_HEADER);
            orders = open("orders.csv", ORDERS_HEADER);
            pnl = open("pnl.csv", PNL_HEADER);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write to " + dir + ": " + ex.getMessage(), ex);
        }
    }

    private Writer open(final String name, final String header) throws IOException
    {
        final BufferedWriter w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
        w.write(header);
        w.write('\n');
        return w;
    }

    boolean enabled()
    {
        return null != dir;
    }

    static String price(final long price, final int exponent)
    {
        return price == OrderView.MARKET ? "" : BigDecimal.valueOf(price, -exponent).toPlainString();
    }

    void fill(final long order, final long timeNs, final String price, final long quantity, final boolean maker,
        final long queueAhead)
    {
        if (null == fills)
        {
            return;
        }
        line.setLength(0);
        line.append(order).append(',').append(timeNs).append(',').append(price).append(',').append(quantity)
            .append(',').append(maker ? "maker" : "taker").append(',');
        if (maker && queueAhead >= 0)
        {
            line.append(queueAhead);
        }
        write(fills, "fills.csv");
    }

    void order(final SimOrder o, final long timeNs, final boolean exchangeClock, final String event,
        final String symbol, final String price, final long quantity, final long leaves, final long filled,
        final int reason)
    {
        if (null == orders)
        {
            return;
        }
        line.setLength(0);
        line.append(o.id).append(',').append(timeNs).append(',').append(exchangeClock ? "exchange" : "local")
            .append(',').append(event).append(',').append(symbol).append(',')
            .append(o.side == Side.BID ? 'B' : 'S').append(',').append(price).append(',').append(quantity)
            .append(',').append(leaves).append(',').append(filled).append(',')
            .append(o.market ? "MKT-" : "").append(TimeInForce.name(o.timeInForce)).append(',')
            .append(OrderStatus.reason(reason));
        write(orders, "orders.csv");
    }

    void pnl(final long timeNs, final String symbol, final long position, final double average, final double mark,
        final double realized, final double unrealized, final double fees)
    {
        if (null == pnl)
        {
            return;
        }
        line.setLength(0);
        line.append(timeNs).append(',').append(symbol).append(',').append(position).append(',')
            .append(fmt(average)).append(',').append(Double.isNaN(mark) ? "" : fmt(mark)).append(',')
            .append(fmt(realized)).append(',').append(fmt(unrealized)).append(',').append(fmt(fees)).append(',')
            .append(fmt(realized + unrealized - fees));
        write(pnl, "pnl.csv");
    }

    static String fmt(final double v)
    {
        return String.format(Locale.ROOT, "%.6f", v + 0.0); // + 0.0: never "-0.000000"
    }

    private void write(final Writer w, final String name)
    {
        try
        {
            line.append('\n');
            w.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + ex.getMessage(), ex);
        }
    }

    void finish(final BacktestSummary summary, final String html)
    {
        if (null == dir)
        {
            return;
        }
        close();
        try
        {
            Files.writeString(dir.resolve("summary.json"), json(summary.fields()) + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("timing.json"), String.format(Locale.ROOT,
                "{\"wall_ns\": %d, \"events\": %d, \"events_per_second\": %.0f}%n",
                summary.wallNs(), summary.events(), summary.eventsPerSecond()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.html"), html, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write to " + dir + ": " + ex.getMessage(), ex);
        }
    }

    static String json(final Map<String, Object> fields)
    {
        final StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (final Map.Entry<String, Object> e : fields.entrySet())
        {
            sb.append(first ? "\n  " : ",\n  ").append('"').append(e.getKey()).append("\": ");
            sb.append(value(e.getValue()));
            first = false;
        }
        return sb.append("\n}").toString();
    }

    private static String value(final Object v)
    {
        if (v instanceof Map<?, ?> map)
        {
            final StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                sb.append(first ? "" : ", ").append('"').append(escape(String.valueOf(e.getKey()))).append("\": ")
                    .append(value(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> list)
        {
            final StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++)
            {
                sb.append(i == 0 ? "" : ", ").append(value(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Number)
        {
            return v.toString();
        }
        if (v instanceof String s && s.matches("-?\\d+\\.\\d+"))
        {
            return s; // pre-formatted decimal
        }
        return '"' + escape(String.valueOf(v)) + '"';
    }

    static String escape(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '<' -> sb.append("\\u003c");
                default -> sb.append(c < ' ' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    public void close()
    {
        try
        {
            if (null != fills)
            {
                fills.close();
                orders.close();
                pnl.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close files in " + dir + ": " + ex.getMessage(), ex);
        }
    }
}
