package io.ticklane.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentileTableTest
{
    @Test
    void textAndCsvShowTheSameFigures()
    {
        final Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++)
        {
            h.recordValue(i * 1000L); // 1..1000 us
        }
        final Map<String, Histogram> rows = new LinkedHashMap<>();
        rows.put("publish-applied", h);
        rows.put("empty, stage", new Histogram(3));

        final String text = PercentileTable.format(rows);
        final String[] lines = text.split("\n");
        assertEquals(3, lines.length, text);
        assertTrue(lines[0].matches(
            "stage \\(us\\)\\s+count\\s+mean\\s+p50\\s+p90\\s+p99\\s+p99\\.9\\s+p99\\.99\\s+max"),
            lines[0]);
        final String[] cells = lines[1].trim().split("\\s+");
        assertEquals("1000", cells[1]);
        assertEquals(500.0, Double.parseDouble(cells[3]), 1.0, "p50 in us");
        assertEquals(1000.0, Double.parseDouble(cells[8]), 1.0, "max in us");
        assertTrue(lines[2].contains(" -"), "empty histograms show dashes: " + lines[2]);

        final String[] csv = PercentileTable.csv(rows).split("\n");
        assertEquals("stage,count,mean_ns,p50_ns,p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns", csv[0]);
        final String[] fields = csv[1].split(",");
        assertEquals("publish-applied", fields[0]);
        assertEquals(h.getValueAtPercentile(50), Long.parseLong(fields[3]));
        assertEquals(h.getValueAtPercentile(99.99), Long.parseLong(fields[7]));
        assertEquals(h.getMaxValue(), Long.parseLong(fields[8]));
        assertEquals("\"empty, stage\",0,,,,,,,", csv[2], "quoted name, empty cells");
    }

    @Test
    void counterTypesFallIntoTheirReservedRanges()
    {
        assertEquals("gateway", CounterTypes.group(CounterTypes.RECOVERIES));
        assertEquals("ring", CounterTypes.group(CounterTypes.RING_FULL));
        assertEquals("journal", CounterTypes.group(CounterTypes.JOURNAL_BYTES));
        assertEquals("book", CounterTypes.group(CounterTypes.ORDER_POOL_USED));
        assertEquals("agent", CounterTypes.group(CounterTypes.AGENT_STALLS));
        assertEquals("latency", CounterTypes.group(CounterTypes.LATENCY_CLAMPED));
        assertEquals("other", CounterTypes.group(0));
        assertEquals("other", CounterTypes.group(99));
        assertEquals("stream", CounterTypes.group(CounterTypes.CLIENT_LAG_NS));
        assertEquals("other", CounterTypes.group(800));
        assertTrue(CounterTypes.isReserved(CounterTypes.AGENT_ERRORS));
    }
}
