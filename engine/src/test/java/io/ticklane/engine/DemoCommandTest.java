package io.ticklane.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code engine demo} as a newcomer runs it (short, on its own channel and paths): exit 0, a summary with
 * non-zero counts, zero gaps, the latency table and the paths it wrote.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemoCommandTest
{
    @TempDir
    Path dir;

    private static long count(final String text, final String label)
    {
        final Matcher m = Pattern.compile(label + " ([0-9,]+)").matcher(text);
        assertTrue(m.find(), "no '" + label + "' in:\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void demoPrintsTheSummaryAndExitsZero() throws Exception
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        final String[] args = Stream.concat(
            Stream.of("demo", "--duration", "2s", "--rate", "20000"),
            Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        final String all = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, all + err.toString(StandardCharsets.UTF_8));
        assertTrue(all.contains("=== ticklane summary"), all);
        final String text = all.substring(all.indexOf("=== ticklane summary"));

        final long published = count(text, "published");
        assertTrue(published > 10_000, text);
        assertEquals(published, count(text, "received"), text);
        assertEquals(published, count(text, "applied"), text);
        assertEquals(0, count(text, "gaps"), text);
        assertTrue(count(text, "journal   bytes") > 0, text);
        assertTrue(count(text, "records") > 0, text);
        assertTrue(text.contains("publish-applied"), text);
        assertTrue(text.contains("p99.9"), text);
        for (final String symbol : new String[]{"AAPL", "MSFT", "ESZ6", "EURUSD"})
        {
            assertTrue(Pattern.compile(symbol + " .*bid [0-9.]+ x [0-9]+").matcher(text).find(), text);
        }
        assertTrue(text.contains(settings.get("journal.path")), text);
        assertTrue(text.contains(settings.get("latency.hlog.path")), text);
        assertTrue(Files.size(Path.of(settings.get("latency.hlog.path"))) > 0);
    }
}
