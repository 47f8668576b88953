package io.ticklane.engine;

import io.ticklane.book.InstrumentBook;
import io.ticklane.config.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code engine feed --lobster / --databento / --dbn} into a running engine, as an operator would run them in two
 * terminals: each side has its own embedded media driver and they meet on UDP multicast. The engine's books must
 * end equal to the reference model over the same published events (the feed prints its state hash).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileFeedTest
{
    private static final Pattern HASH = Pattern.compile("(\\S+)\\s+id (\\d+)\\s+orders (\\d+)\\s+hash ([0-9a-f]{16})");
    private static final Pattern PACKETS = Pattern.compile("in ([0-9,]+) packets");

    @TempDir
    Path dir;

    private static Path data(final String relative)
    {
        final Path path = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"), relative);
        assumeTrue(Files.isReadable(path), "recorded data not found at " + path + " (../shared/data beside the project)");
        return path;
    }

    private void feedIntoRunningEngine(final String option, final Path file, final int expectedBooks,
        final String... more)
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        settings.put("feed.snapshot.channel", "");
        final EngineConfig config = TestEngines.config(settings);
        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        try (Engine engine = Engine.launch(config, log))
        {
            final Map<String, String> feedSettings = new LinkedHashMap<>(settings);
            feedSettings.put("driver.dir", "/dev/shm/ticklane-test-filefeed-" + UUID.randomUUID());
            feedSettings.put("sim.rate", "200000");
            feedSettings.put("sim.batch", "8");
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final String[] args = Stream.concat(Stream.concat(
                Stream.of("feed", option, file.toString(), "--print-book", "5"), Stream.of(more)),
                Stream.of(TestEngines.setArgs(feedSettings))).toArray(String[]::new);
            final int status = EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
            final String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, text);

            final Matcher packets = PACKETS.matcher(text);
            assertTrue(packets.find(), text);
            final long lastSequence = Long.parseLong(packets.group(1).replace(",", ""));
            assertTrue(engine.awaitCaughtUp(new long[]{lastSequence}, TimeUnit.SECONDS.toNanos(60)),
                "engine caught up with " + lastSequence + " packets\n" + text);
            engine.close();

            final EngineSummary summary = engine.summary(-1);
            assertEquals(0, summary.counts().gaps());
            assertEquals(expectedBooks, summary.books().size());
            final Matcher hash = HASH.matcher(text);
            int compared = 0;
            while (hash.find())
            {
                final int id = Integer.parseInt(hash.group(2));
                final InstrumentBook book = summary.books().stream().filter(b -> b.instrumentId() == id)
                    .findFirst().orElseThrow();
                assertEquals(hash.group(1), book.symbol());
                assertEquals(Integer.parseInt(hash.group(3)), book.book().orderCount(), book.symbol());
                assertEquals(Long.parseUnsignedLong(hash.group(4), 16), book.book().stateHash(),
                    book.symbol() + ": the engine's book equals the reference model over the same events");
                compared++;
            }
            assertEquals(expectedBooks, compared, text);
        }
    }

    @Test
    void lobsterDayIntoARunningEngineEqualsTheReferenceModel()
    {
        feedIntoRunningEngine("--lobster", data("lobster/LOBSTER_SampleFile_AAPL_2012-06-21_1.zip"), 1);
    }

    @Test
    void lobsterTenLevelSampleIntoARunningEngine()
    {
        feedIntoRunningEngine("--lobster", data("lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv"), 1);
    }

    @Test
    void databentoMboIntoARunningEngineEqualsTheReferenceModel()
    {
        feedIntoRunningEngine("--databento", data("databento/ARL_2025-07-17_mbo_head300.csv"), 1);
    }

    @Test
    void dbnIntoARunningEngineEqualsTheReferenceModel()
    {
        feedIntoRunningEngine("--dbn",
            data("databento/dbn/orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn.zst"), 1,
            "--definitions", data("databento/dbn/orderbooks_definition.dbn.zst").toString());
    }
}
