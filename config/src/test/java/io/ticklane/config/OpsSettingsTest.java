package io.ticklane.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency, stall and console keys owned by the ops work.
 */
class OpsSettingsTest
{
    @Test
    void defaultsBindTheConsoleToLoopback()
    {
        final EngineConfig config = EngineConfig.from(ConfigSource.empty(), 2);
        assertEquals("127.0.0.1", config.console().bindAddress());
        assertEquals(8470, config.console().port());
        assertEquals(10_000_000_000L, config.console().windowNs());
        assertEquals(1_000_000L, config.latency().stallThresholdNs());
        assertEquals(1_000_000_000L, config.latency().intervalNs());
    }

    @Test
    void keysAreReadAndRangeChecked()
    {
        final EngineConfig config = EngineConfig.from(ConfigSource.empty()
            .set("console.port", "0")
            .set("console.window", "1m")
            .set("agent.stall.threshold", "250us")
            .set("latency.interval", "5s"), 2);
        assertEquals(0, config.console().port());
        assertEquals(60_000_000_000L, config.console().windowNs());
        assertEquals(250_000L, config.latency().stallThresholdNs());
        assertEquals(5_000_000_000L, config.latency().intervalNs());

        final ConfigException port = assertThrows(ConfigException.class,
            () -> EngineConfig.from(ConfigSource.empty().set("console.port", "70000"), 2));
        assertTrue(port.getMessage().contains("console.port") && port.getMessage().contains("70000"),
            port.getMessage());
        final ConfigException bind = assertThrows(ConfigException.class,
            () -> EngineConfig.from(ConfigSource.empty().set("console.bind", "127.0.0.1; rm"), 2));
        assertTrue(bind.getMessage().contains("console.bind"), bind.getMessage());
        final ConfigException stall = assertThrows(ConfigException.class,
            () -> EngineConfig.from(ConfigSource.empty().set("agent.stall.threshold", "10"), 2));
        assertTrue(stall.getMessage().contains("agent.stall.threshold"), stall.getMessage());
    }
}
