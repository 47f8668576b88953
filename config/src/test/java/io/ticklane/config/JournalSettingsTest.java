package io.ticklane.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalSettingsTest
{
    @Test
    void defaultsAndOverrides()
    {
        final JournalSettings defaults = JournalSettings.from(ConfigSource.empty());
        assertEquals(16 << 20, defaults.chunkSize());
        assertEquals(1L << 30, defaults.segmentSize());
        assertEquals("page-cache", defaults.durability());
        assertEquals(0, defaults.maxSizeBytes());
        assertEquals(2L * defaults.chunkSize(), defaults.prefaultAheadBytes());

        final JournalSettings set = JournalSettings.from(ConfigSource.empty()
            .set("journal.chunk.size", "1m").set("journal.segment.size", "64m").set("journal.durability", "periodic")
            .set("journal.flush.interval", "250ms").set("journal.retain.segments", "3").set("journal.retain.age", "2h")
            .set("journal.max.size", "2g").set("journal.claim.timeout", "1s"));
        assertEquals(1 << 20, set.chunkSize());
        assertEquals(64L << 20, set.segmentSize());
        assertEquals("periodic", set.durability());
        assertEquals(250_000_000L, set.flushIntervalNs());
        assertEquals(3, set.retainSegments());
        assertEquals(2 * JournalSettings.HOUR_NS, set.retainAgeNs());
        assertEquals(2L << 30, set.maxSizeBytes());
        assertEquals(1_000_000_000L, set.claimTimeoutNs());
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatIsAllowed()
    {
        final ConfigException chunk = assertThrows(ConfigException.class,
            () -> JournalSettings.from(ConfigSource.empty().set("journal.chunk.size", "100k")));
        assertTrue(chunk.getMessage().contains("journal.chunk.size") && chunk.getMessage().contains("100k") &&
            chunk.getMessage().contains("power of two"), chunk.getMessage());

        final ConfigException segment = assertThrows(ConfigException.class, () -> JournalSettings.from(
            ConfigSource.empty().set("journal.chunk.size", "1m").set("journal.segment.size", "1600k")));
        assertTrue(segment.getMessage().contains("journal.segment.size") &&
            segment.getMessage().contains("multiple of journal.chunk.size"), segment.getMessage());

        final ConfigException durability = assertThrows(ConfigException.class,
            () -> JournalSettings.from(ConfigSource.empty().set("journal.durability", "fsync")));
        assertTrue(durability.getMessage().contains("page-cache, periodic, per-append"), durability.getMessage());
    }
}
