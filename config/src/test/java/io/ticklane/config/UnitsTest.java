package io.ticklane.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class UnitsTest
{
    @Test
    void parsesDurations()
    {
        assertEquals(250L, Units.parseDurationNs("250ns"));
        assertEquals(250_000L, Units.parseDurationNs("250us"));
        assertEquals(10_000_000_000L, Units.parseDurationNs("10s"));
        assertEquals(120_000_000_000L, Units.parseDurationNs("2m"));
        assertEquals(1_500_000L, Units.parseDurationNs("1_500us"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDurationNs("10"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDurationNs("s"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDurationNs("10 parsecs"));
    }

    @Test
    void parsesSizes()
    {
        assertEquals(4096L, Units.parseSizeBytes("4096"));
        assertEquals(64L << 10, Units.parseSizeBytes("64k"));
        assertEquals(1L << 20, Units.parseSizeBytes("1MiB"));
        assertEquals(2L << 30, Units.parseSizeBytes("2g"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSizeBytes("-1"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseSizeBytes("lots"));
    }

    @Test
    void formatsRoundTrip()
    {
        for (final long ns : new long[]{1, 999, 1_000, 1_500_000, 2_000_000_000L, 60_000_000_000L})
        {
            assertEquals(ns, Units.parseDurationNs(Units.formatDuration(ns)));
        }
        for (final long bytes : new long[]{1, 4096, 1 << 20, 3L << 30})
        {
            assertEquals(bytes, Units.parseSizeBytes(Units.formatSize(bytes)));
        }
    }
}
