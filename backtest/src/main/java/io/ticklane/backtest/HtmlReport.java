package io.ticklane.backtest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report: the summary and four plots drawn as inline SVG (equity curve, position, mid with
 * our fills, and the distribution of the quantity ahead at join of maker fills). No script, no font, no network:
 * it renders offline and is byte-identical for identical runs. Each plot's {@code <svg>} carries
 * {@code data-chart} and {@code data-points} so a browser test can check it rendered real data.
 */
final class HtmlReport
{
    private static final int WIDTH = 860;
    private static final int HEIGHT = 240;
    private static final int PAD = 48;
    private static final int MAX_POINTS = 4000;

    private HtmlReport()
    {
    }

    static String render(final BacktestSummary summary, final ReportData data, final Backtest config)
    {
        final StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .append("<title>ticklane backtest</title>\n<style>\n")
            .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse}")
            .append("td{padding:2px 12px 2px 0;font-family:monospace}h2{margin-top:28px;font-size:16px}")
            .append("svg{background:#fafafa;border:1px solid #ddd}.axis{stroke:#999}.line{fill:none;stroke-width:1.5}")
            .append("text{font-size:11px;fill:#555}\n</style></head><body>\n")
            .append("<h1>Backtest report</h1>\n<p>").append(esc(summary.source())).append("<br>")
            .append(esc(config.describe())).append("</p>\n<table id=\"summary\">\n");
        for (final Map.Entry<String, Object> e : summary.fields().entrySet())
        {
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(String.valueOf(e.getValue())))
                .append("</td></tr>\n");
        }
        sb.append("</table>\n");
        sb.append("<h2>Net PnL (realized + unrealized - fees)</h2>\n");
        line(sb, "equity", data.equity, "#1f6fb4", null, null);
        sb.append("<h2>Position</h2>\n");
        line(sb, "position", data.position, "#7a3fb0", null, null);
        sb.append("<h2>Mid with our fills (green buys, red sells)</h2>\n");
        line(sb, "mid", data.mid, "#555555", data.fills, data.fillSides);
        sb.append("<h2>Quantity ahead when the order joined its level, maker fills</h2>\n");
        histogram(sb, data.queueAhead);
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final String name, final Series s, final String colour,
        final Series marks, final Series markSides)
    {
        final int markCount = null == marks ? 0 : marks.size;
        sb.append("<svg data-chart=\"").append(name).append("\" data-points=\"").append(s.size).append('"');
        if (null != marks)
        {
            sb.append(" data-marks=\"").append(markCount).append('"');
        }
        sb.append(" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ")
            .append(WIDTH).append(' ').append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (s.size == 0 && markCount == 0)
        {
            sb.append("<text x=\"").append(WIDTH / 2 - 30).append("\" y=\"").append(HEIGHT / 2)
                .append("\">no data</text></svg>\n");
            return;
        }
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        double v0 = Double.POSITIVE_INFINITY;
        double v1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size; i++)
        {
            t0 = Math.min(t0, s.times[i]);
            t1 = Math.max(t1, s.times[i]);
            v0 = Math.min(v0, s.values[i]);
            v1 = Math.max(v1, s.values[i]);
        }
        for (int i = 0; i < markCount; i++)
        {
            t0 = Math.min(t0, marks.times[i]);
            t1 = Math.max(t1, marks.times[i]);
            v0 = Math.min(v0, marks.values[i]);
            v1 = Math.max(v1, marks.values[i]);
        }
        if (v1 - v0 < 1e-12)
        {
            v0 -= 1;
            v1 += 1;
        }
        final long span = Math.max(1, t1 - t0);
        axes(sb, t0, t1, v0, v1);
        if (s.size > 0)
        {
            sb.append("<polyline class=\"line\" stroke=\"").append(colour).append("\" points=\"");
            final int step = Math.max(1, s.size / MAX_POINTS);
            for (int i = 0; i < s.size; i += step)
            {
                sb.append(x(s.times[i], t0, span)).append(',').append(y(s.values[i], v0, v1)).append(' ');
            }
            sb.append(x(s.times[s.size - 1], t0, span)).append(',').append(y(s.values[s.size - 1], v0, v1));
            sb.append("\"/>\n");
        }
        final int step = Math.max(1, markCount / MAX_POINTS);
        for (int i = 0; i < markCount; i += step)
        {
            sb.append("<circle r=\"3\" cx=\"").append(x(marks.times[i], t0, span)).append("\" cy=\"")
                .append(y(marks.values[i], v0, v1)).append("\" fill=\"")
                .append(markSides.values[i] > 0 ? "#2a9d3a" : "#d0342c").append("\"/>\n");
        }
        sb.append("</svg>\n");
    }

    private static void axes(final StringBuilder sb, final long t0, final long t1, final double v0, final double v1)
    {
        sb.append("<line class=\"axis\" x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD / 2)
            .append("\" x2=\"").append(WIDTH - 8).append("\" y2=\"").append(HEIGHT - PAD / 2).append("\"/>\n")
            .append("<line class=\"axis\" x1=\"").append(PAD).append("\" y1=\"8\" x2=\"").append(PAD)
            .append("\" y2=\"").append(HEIGHT - PAD / 2).append("\"/>\n")
            .append("<text x=\"2\" y=\"16\">").append(num(v1)).append("</text>\n")
            .append("<text x=\"2\" y=\"").append(HEIGHT - PAD / 2).append("\">").append(num(v0)).append("</text>\n")
            .append("<text x=\"").append(PAD).append("\" y=\"").append(HEIGHT - 4).append("\">")
            .append(time(t0)).append("</text>\n")
            .append("<text x=\"").append(WIDTH - 200).append("\" y=\"").append(HEIGHT - 4).append("\">")
            .append(time(t1)).append("</text>\n");
    }

    private static void histogram(final StringBuilder sb, final Series s)
    {
        sb.append("<svg data-chart=\"queue\" data-points=\"").append(s.size).append("\" width=\"").append(WIDTH)
            .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
            .append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (s.size == 0)
        {
            sb.append("<text x=\"").append(WIDTH / 2 - 60).append("\" y=\"").append(HEIGHT / 2)
                .append("\">no maker fills</text></svg>\n");
            return;
        }
        final double[] v = Arrays.copyOf(s.values, s.size);
        Arrays.sort(v);
        final double max = v[v.length - 1];
        final int bins = (int)Math.min(40, Math.max(1, max + 1));
        final double width = Math.max(1, Math.ceil((max + 1) / bins));
        final int[] counts = new int[bins];
        int top = 0;
        for (final double q : v)
        {
            final int b = (int)Math.min(bins - 1, Math.floor(q / width));
            top = Math.max(top, ++counts[b]);
        }
        axes(sb, 0, 0, 0, top);
        final double barWidth = (WIDTH - PAD - 16.0) / bins;
        for (int b = 0; b < bins; b++)
        {
            final double h = (HEIGHT - PAD / 2.0 - 8) * counts[b] / top;
            sb.append("<rect fill=\"#e08a1e\" x=\"").append(num(PAD + b * barWidth + 1)).append("\" y=\"")
                .append(num(HEIGHT - PAD / 2.0 - h)).append("\" width=\"").append(num(barWidth - 2))
                .append("\" height=\"").append(num(h)).append("\"><title>").append((long)(b * width)).append("..")
                .append((long)((b + 1) * width) - 1).append(": ").append(counts[b]).append("</title></rect>\n");
        }
        sb.append("<text x=\"").append(WIDTH - 300).append("\" y=\"").append(HEIGHT - 4)
            .append("\">quantity ahead at join, 0..").append((long)max).append("; median ")
            .append((long)v[v.length / 2]).append("</text>\n</svg>\n");
    }

    private static String x(final long t, final long t0, final long span)
    {
        return num(PAD + (WIDTH - PAD - 16.0) * (t - t0) / span);
    }

    private static String y(final double v, final double v0, final double v1)
    {
        return num(8 + (HEIGHT - PAD / 2.0 - 8) * (1 - (v - v0) / (v1 - v0)));
    }

    private static String num(final double v)
    {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String time(final long ns)
    {
        return ns == 0 ? "" : Instant.ofEpochSecond(0, ns).toString();
    }

    private static String esc(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
