package io.ticklane.engine;

import io.ticklane.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 9, item 1: the README's two-terminal run/feed, at a rate where the feed's last packets are still in its
 * driver when the flow ends. The feed must let its driver send them (and serve retransmissions) before it closes,
 * so the engine receives every published message; before the drain, the tail vanished with "gaps 0".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FeedDrainTest
{
    private static final Pattern PUBLISHED = Pattern.compile("published ([0-9,]+) messages in ([0-9,]+) packets");

    @TempDir
    Path dir;

    @Test
    void aFastFeedIntoARunningEngineDeliversItsWholeTail()
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        settings.put("feed.snapshot.channel", "");
        final EngineConfig config = TestEngines.config(settings);
        try (Engine engine = Engine.launch(config, new PrintStream(new ByteArrayOutputStream())))
        {
            final Map<String, String> feedSettings = new LinkedHashMap<>(settings);
            feedSettings.put("driver.dir", "/dev/shm/ticklane-test-drain-" + UUID.randomUUID());
            feedSettings.put("sim.batch", "4");
            final CommandRun feed = CommandRun.of(Stream.concat(
                Stream.of("feed", "--duration", "2s", "--rate", "1000000"),
                Stream.of(TestEngines.setArgs(feedSettings))).toArray(String[]::new));
            assertEquals(0, feed.status(), feed.out() + feed.err());
            assertTrue(feed.out().contains("drained in"), feed.out());
            final Matcher published = PUBLISHED.matcher(feed.out());
            assertTrue(published.find(), feed.out());
            final long messages = Long.parseLong(published.group(1).replace(",", ""));
            final long packets = Long.parseLong(published.group(2).replace(",", ""));
            assertTrue(messages > 100_000, "a real flow: " + messages);

            assertTrue(engine.awaitCaughtUp(new long[]{packets}, TimeUnit.SECONDS.toNanos(30)),
                "the engine accounted for every packet the feed published: " + engine.messagesReceived() + " of " +
                messages + " messages");
            engine.close();
            final EngineSummary summary = engine.summary(messages);
            assertEquals(0, summary.counts().gaps(), "nothing lost");
            assertEquals(messages, summary.counts().messages(), "every published message was received");
            assertEquals(messages, summary.counts().applied(), "and applied");
        }
    }
}
