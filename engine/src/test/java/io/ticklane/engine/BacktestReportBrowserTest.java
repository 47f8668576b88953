package io.ticklane.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The backtest's HTML report in headless Chromium, from {@code file://} and offline: the sample market maker on the
 * shared DBN data writes it, and a page beside it loads it in a frame and measures, after layout, what the browser
 * drew: each plot's size, its line's extent and the fills marked on the mid. Skipped when Chromium is absent (as the
 * console's browser test is).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class BacktestReportBrowserTest
{
    /** Measures every plot of the report in its frame once it has loaded, into {@code <pre id="measured">}. */
    private static final String PROBE = """
        <!DOCTYPE html><html><body>
        <iframe id="report" src="report.html" width="1000" height="2400"></iframe>
        <script>
        document.getElementById('report').onload = function () {
          var doc = this.contentDocument, rows = [];
          doc.querySelectorAll('svg[data-chart]').forEach(function (svg) {
            var box = svg.getBoundingClientRect(), w = 0, h = 0, shapes = 0;
            svg.querySelectorAll('polyline, rect').forEach(function (s) {
              var b = s.getBBox(); w = Math.max(w, b.width); h = Math.max(h, b.height); shapes++;
            });
            rows.push(svg.getAttribute('data-chart') + ' box=' + Math.round(box.width) + 'x' +
              Math.round(box.height) + ' shapes=' + shapes + ' extent=' + Math.round(w) + 'x' + Math.round(h) +
              ' marks=' + svg.querySelectorAll('circle').length + ' points=' + svg.getAttribute('data-points'));
          });
          var pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = rows.join('\\n');
          document.body.appendChild(pre);
        };
        </script></body></html>
        """;

    @TempDir
    Path dir;

    @Test
    void theReportRendersItsPlotsWithRealData() throws Exception
    {
        final HeadlessChromium chromium = HeadlessChromium.findOrSkip();
        final Path out = dir.resolve("mm");
        final CommandRun run = BacktestCommandTest.backtest("--data",
            BacktestCommandTest.data(BacktestCommandTest.MBP1).toString(), "--strategy", "market-maker", "--param",
            "half_spread=0,size=1,max_position=3", "--queue-model", "power:3", "--latency",
            "entry=50us,response=50us,feed=recorded", "--fees", "maker=-0.2bp", "--multiplier", "ESU4=50",
            "--out", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        final long fills = BacktestCommandTest.summaryLong(out, "fills");
        assertTrue(fills > 10, run.out());

        final Path probe = Files.writeString(out.resolve("probe.html"), PROBE);
        final String dom = chromium.dumpDom(dir, probe.toUri(), "--allow-file-access-from-files");
        final Matcher row = Pattern.compile("(\\w+) box=(\\d+)x(\\d+) shapes=(\\d+) extent=(\\d+)x(\\d+) " +
            "marks=(\\d+) points=(\\d+)").matcher(dom);
        final Map<String, int[]> charts = new HashMap<>();
        while (row.find())
        {
            final int[] v = new int[7];
            for (int i = 0; i < v.length; i++)
            {
                v[i] = Integer.parseInt(row.group(i + 2));
            }
            charts.put(row.group(1), v);
        }
        assertEquals(List.of("equity", "mid", "position", "queue"), charts.keySet().stream().sorted().toList(), dom);
        for (final Map.Entry<String, int[]> chart : charts.entrySet())
        {
            final int[] v = chart.getValue();
            assertTrue(v[0] >= 800 && v[1] >= 200, chart.getKey() + " laid out at its size: " + dom);
            assertTrue(v[2] >= 1 && v[6] >= 1, chart.getKey() + " has shapes and data: " + dom);
        }
        for (final String line : List.of("equity", "position", "mid"))
        {
            assertTrue(charts.get(line)[3] > 600, line + ": the line spans the plot's time axis: " + dom);
            assertTrue(charts.get(line)[4] > 10, line + ": and moves: " + dom);
        }
        assertEquals(fills, charts.get("mid")[5], "every fill marked on the mid: " + dom);
        assertTrue(charts.get("queue")[4] > 10, "queue-position bars drawn: " + dom);
    }
}
