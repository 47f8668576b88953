package io.ticklane.engine;

import io.ticklane.config.ConfigSource;
import io.ticklane.config.EngineConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Configurations for tests: every path, driver directory and channel is unique to the test, so tests (and other
 * builds on the same host) never share a driver, counters file, journal or multicast stream.
 */
final class TestEngines
{
    private TestEngines()
    {
    }

    /**
     * @return a fresh IPC channel setting (in-process feed and engine share the embedded driver).
     */
    static String ipcChannel()
    {
        return "aeron:ipc";
    }

    /**
     * @return a UDP multicast channel on loopback with a port of its own.
     */
    static String udpChannel()
    {
        final int port = ThreadLocalRandom.current().nextInt(41_000, 49_000);
        return "aeron:udp?endpoint=224.0.1.1:" + port + "|interface=127.0.0.1";
    }

    /**
     * @param channel a line A channel from {@link #ipcChannel()} or {@link #udpChannel()}.
     * @return another channel of the same transport with a port of its own (for line B or snapshots).
     */
    static String sibling(final String channel)
    {
        return channel.startsWith("aeron:ipc") ? channel : udpChannel();
    }

    /**
     * @param dir     temp directory for journal, hlog and counters.
     * @param channel feed channel.
     * @return key/value settings of a test engine.
     */
    static Map<String, String> settings(final Path dir, final String channel)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("driver.dir", "/dev/shm/ticklane-test-" + UUID.randomUUID());
        settings.put("feed.channel", channel);
        final int stream = ThreadLocalRandom.current().nextInt(10_000, 1_000_000) * 8;
        settings.put("feed.stream", Integer.toString(stream));
        settings.put("feed.b.stream", Integer.toString(stream + 2));
        settings.put("feed.snapshot.channel", sibling(channel));
        settings.put("feed.snapshot.stream", Integer.toString(stream + 4));
        settings.put("journal.path", dir.resolve("journal").toString());
        settings.put("journal.chunk.size", "1m");
        settings.put("latency.hlog.path", dir.resolve("latency.hlog").toString());
        settings.put("counters.path", dir.resolve("engine.counters").toString());
        settings.put("ring.capacity", "64k");
        // a loaded 2-core CI machine can deschedule a book agent for longer than the default 100ms; these tests are
        // not about back pressure (BackPressureRecoveryTest is), so a full ring waits instead of dropping
        settings.put("ring.full.timeout", "5s");
        settings.put("book.order.pool", "65536");
        return settings;
    }

    /**
     * @param settings key/values.
     * @return validated configuration.
     */
    static EngineConfig config(final Map<String, String> settings)
    {
        final ConfigSource source = ConfigSource.empty();
        settings.forEach(source::set);
        return EngineConfig.from(source, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param settings key/values.
     * @return them as {@code --set k=v} arguments.
     */
    static String[] setArgs(final Map<String, String> settings)
    {
        return settings.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of("--set", e.getKey() + "=" + e.getValue()))
            .toArray(String[]::new);
    }
}
