package io.ticklane.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class EngineConfigTest
{
    private static EngineConfig with(final String key, final String value)
    {
        return EngineConfig.from(ConfigSource.empty().set(key, value), 2);
    }

    private static void assertRefused(final String key, final String value, final String allowedFragment)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> with(key, value));
        assertEquals(key, ex.key());
        assertTrue(ex.getMessage().contains("'" + key + "'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("'" + value + "'"), ex.getMessage());
        assertTrue(ex.getMessage().contains(allowedFragment), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), "one line: " + ex.getMessage());
    }

    @Test
    void defaultsAreValidAndSensible()
    {
        final EngineConfig config = EngineConfig.from(ConfigSource.empty(), 2);
        assertTrue(config.driver().embedded());
        assertEquals(FeedSettings.DEFAULT_CHANNEL, config.feed().channel());
        assertEquals(1, config.book().agents());
        assertEquals(1 << 20, config.book().ringCapacityBytes());
        assertEquals(4, config.simulator().instruments().size());
        assertEquals(IdleSpec.Kind.BACKOFF, config.gatewayAgents().get(0).idle().kind());
        assertFalse(config.gatewayAgents().get(0).pinned());
        assertEquals("book.0", config.bookAgents().get(0).name());
    }

    @Test
    void refusesNegativeRingSizeNamingTheKey()
    {
        assertRefused("ring.capacity", "-1", "power of two");
    }

    @Test
    void refusesRingSizeThatIsNotAPowerOfTwo()
    {
        assertRefused("ring.capacity", "100000", "power of two");
    }

    @Test
    void refusesUnknownIdleStrategyNamingTheKey()
    {
        assertRefused("agent.gateway.0.idle", "spinny", "busy-spin");
    }

    @Test
    void refusesCpuBeyondTheMachineNamingTheKey()
    {
        assertRefused("agent.gateway.0.cpu", "7", "0..1");
        assertRefused("agent.book.0.cpu", "2", "0..1");
        assertRefused("agent.book.0.cpu", "-2", "-1 (unpinned)");
        assertRefused("agent.log.cpu", "one", "CPU id");
    }

    @Test
    void refusesBadValuesOfOtherKinds()
    {
        assertRefused("book.agents", "0", "1..64");
        assertRefused("latency.interval", "5", "unit");
        assertRefused("driver.embedded", "maybe", "true or false");
        assertRefused("driver.threading", "fast", "shared");
        assertRefused("feed.channel", "udp://x", "aeron:udp");
        assertRefused("agent.book.0.idle", "sleep:1", "sleep:");
    }

    @Test
    void refusesUnknownKeysSoThatTyposAreNotIgnored()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> with("ring.capacty", "1m"));
        assertEquals("ring.capacty", ex.key());
        assertTrue(ex.getMessage().contains("unknown key"), ex.getMessage());
    }

    @Test
    void acceptsPinnedAgentsAndIdleStrategiesWithParameters()
    {
        final EngineConfig config = EngineConfig.from(ConfigSource.empty()
            .set("book.agents", "2")
            .set("agent.gateway.0.cpu", "1")
            .set("agent.gateway.0.idle", "busy-spin")
            .set("agent.book.1.idle", "sleep:250us"), 2);
        assertEquals(1, config.gatewayAgents().get(0).cpu());
        assertTrue(config.gatewayAgents().get(0).idle().spins());
        assertEquals(2, config.bookAgents().size());
        assertEquals(IdleSpec.Kind.SLEEP, config.bookAgents().get(1).idle().kind());
        assertEquals(250_000L, config.bookAgents().get(1).idle().parkNs());
        assertEquals(1, config.simulator().instruments().get(1).bookAgent(), "instruments spread over agents");
    }

    @Test
    void instrumentsAreConfigurableAndChecked()
    {
        final EngineConfig config = EngineConfig.from(ConfigSource.empty()
            .set("instruments", "BTCUSD")
            .set("instrument.BTCUSD.id", "9")
            .set("instrument.BTCUSD.tick", "50")
            .set("instrument.BTCUSD.exponent", "-2")
            .set("instrument.BTCUSD.reference", "5000000")
            .set("instrument.BTCUSD.band", "10000"), 2);
        final InstrumentSpec spec = config.simulator().instruments().get(0);
        assertEquals(new InstrumentSpec("BTCUSD", 9, 50, -2, 5_000_000, 10_000, 0, 0), spec);

        final ConfigException offTick = assertThrows(ConfigException.class, () -> EngineConfig.from(
            ConfigSource.empty().set("instruments", "X").set("instrument.X.tick", "3")
                .set("instrument.X.reference", "100"), 2));
        assertEquals("instrument.X.reference", offTick.key());

        final ConfigException duplicate = assertThrows(ConfigException.class, () -> EngineConfig.from(
            ConfigSource.empty().set("instruments", "A,B").set("instrument.B.id", "1"), 2));
        assertEquals("instrument.B.id", duplicate.key());
        assertEquals("invalid configuration: key 'instrument.B.id' has value '1'; allowed: an id not used by another " +
            "instrument (A has it)", duplicate.getMessage());
    }

    @Test
    void aSymbolListedTwiceIsRefusedInsteadOfMakingTwoBooks()
    {
        final ConfigException twice = assertThrows(ConfigException.class, () -> EngineConfig.from(
            ConfigSource.empty().set("instruments", "AAPL, MSFT,AAPL"), 2));
        assertEquals("instruments", twice.key());
        assertEquals("invalid configuration: key 'instruments' has value 'AAPL,MSFT,AAPL'; allowed: distinct symbols " +
            "('AAPL' is listed twice; each symbol is one book)", twice.getMessage());
    }

    @Test
    void pathsNamingTheWrongKindOfThingAreRefusedAtStart(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "x");
        final ConfigException journal = assertThrows(ConfigException.class,
            () -> EngineConfig.from(ConfigSource.empty().set("journal.path", file.toString()), 2));
        assertEquals("invalid configuration: key 'journal.path' has value '" + file + "'; allowed: a directory, or a " +
            "path where one can be created; this is a file", journal.getMessage());
        final ConfigException under = assertThrows(ConfigException.class,
            () -> EngineConfig.from(ConfigSource.empty().set("journal.path", file.resolve("journal").toString()), 2));
        assertTrue(under.getMessage().endsWith("'" + file + "' on its way is a file"), under.getMessage());
        final ConfigException hlog = assertThrows(ConfigException.class,
            () -> EngineConfig.from(ConfigSource.empty().set("latency.hlog.path", dir.toString()), 2));
        assertEquals("latency.hlog.path", hlog.key());
        assertTrue(hlog.getMessage().endsWith("this is a directory"), hlog.getMessage());
        final ConfigException counters = assertThrows(ConfigException.class,
            () -> EngineConfig.from(ConfigSource.empty().set("counters.path", dir.toString()), 2));
        assertEquals("counters.path", counters.key());

        final EngineConfig fine = EngineConfig.from(ConfigSource.empty()
            .set("journal.path", dir.resolve("new/journal").toString())
            .set("latency.hlog.path", dir.resolve("new/latency.hlog").toString()), 2);
        assertEquals(dir.resolve("new/journal").toString(), fine.journal().path(), "a path yet to be created is fine");
    }

    @Test
    void fileThenOverridesWin(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("engine.properties");
        Files.writeString(file, "# comment\nfeed.stream = 77\nbook.agents=2\nring.capacity=64k\n");
        final EngineConfig config = EngineConfig.from(ConfigSource.load(file, Map.of("book.agents", "3")), 2);
        assertEquals(77, config.feed().streamId());
        assertEquals(3, config.book().agents());
        assertEquals(64 * 1024, config.book().ringCapacityBytes());
    }

    @Test
    void missingFileIsAClearError(@TempDir final Path dir)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigSource.load(dir.resolve("nope.properties"), Map.of()));
        assertTrue(ex.getMessage().contains("nope.properties"), ex.getMessage());
    }

    @Test
    void externalDriverDefaultsToAeronsDirectory()
    {
        final EngineConfig config = with("driver.embedded", "false");
        assertTrue(config.driver().directory().startsWith("/dev/shm/aeron-"), config.driver().directory());
    }

    @Test
    void theExampleFileIsValidAndMatchesTheDefaults()
    {
        final Path example = Path.of(System.getProperty("user.dir"), "ticklane.example.properties");
        assertTrue(Files.isRegularFile(example), "config/ticklane.example.properties is missing");
        final EngineConfig fromFile = EngineConfig.from(ConfigSource.load(example, Map.of()), 2);
        final EngineConfig defaults = EngineConfig.from(ConfigSource.empty(), 2);
        assertEquals(defaults.feed(), fromFile.feed());
        assertEquals(defaults.book(), fromFile.book());
        assertEquals(defaults.journal(), fromFile.journal());
        assertEquals(defaults.simulator(), fromFile.simulator());
        assertEquals(defaults.console(), fromFile.console());
        assertEquals(defaults.latency(), fromFile.latency());
        assertEquals(defaults.gatewayAgents().get(0).toString(), fromFile.gatewayAgents().get(0).toString());
        assertEquals(defaults.logAgent().toString(), fromFile.logAgent().toString());
    }
}
