package io.ticklane.engine.console;

import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.HistogramLogAgent;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRecorder;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's HTTP surface without a browser: what it serves, what it refuses, and that it stays local.
 */
class ConsoleServerTest
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private static HttpResponse<String> send(final URI uri, final String method) throws Exception
    {
        return HTTP.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(30)
    void servesThePageAndLiveJsonOnLoopbackOnly() throws Exception
    {
        final Path countersPath = dir.resolve("engine.counters");
        final Path hlog = dir.resolve("latency.hlog");
        writeLog(hlog);
        try (CountersFile counters = CountersFile.create(countersPath, 4, SystemEpochClock.INSTANCE);
            ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, countersPath, hlog, 3_000_000_000L))
        {
            counters.newCounter("gateway packets \"A\" <line>", CounterTypes.PACKETS_RECEIVED).setRelease(42);
            assertEquals("127.0.0.1", server.uri().getHost());

            final HttpResponse<String> page = send(server.uri(), "GET");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<svg id=\"latency-plot\""), page.body());
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));

            final String json = send(server.uri().resolve("api/counters"), "GET").body();
            assertTrue(json.contains("\"state\":\"RUNNING\""), json);
            assertTrue(json.contains("\"label\":\"gateway packets \\\"A\\\" \\u003cline\\u003e\",\"value\":42"),
                "labels are escaped: " + json);

            final String latency = send(server.uri().resolve("api/latency"), "GET").body();
            final Matcher count = Pattern.compile(
                "\"tag\":\"publish-applied\",\"window\":\\{\"count\":(\\d+).*?\"run\":\\{\"count\":(\\d+)")
                .matcher(latency);
            assertTrue(count.find(), latency);
            assertEquals("300", count.group(1), "the last 3 s of log time: 3 intervals of 100");
            assertEquals("1000", count.group(2), "the whole run: 10 intervals of 100");
            assertTrue(latency.contains("\"points\":[[0.00000,"), latency);

            assertEquals(405, send(server.uri().resolve("api/counters"), "POST").statusCode());
            assertEquals(405, send(server.uri(), "DELETE").statusCode());
            assertEquals(404, send(server.uri().resolve("etc/passwd"), "GET").statusCode());
            final HttpResponse<String> head = send(server.uri().resolve("console.js"), "HEAD");
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
    }

    @Test
    @Timeout(30)
    void withoutAnEngineItSaysSoInsteadOfFailing() throws Exception
    {
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, dir.resolve("absent.counters"),
            dir.resolve("absent.hlog"), 10_000_000_000L))
        {
            final String counters = send(server.uri().resolve("api/counters"), "GET").body();
            assertTrue(counters.contains("\"state\":\"NO ENGINE\""), counters);
            assertTrue(counters.contains("\"counters\":[]"), counters);
            final String latency = send(server.uri().resolve("api/latency"), "GET").body();
            assertTrue(latency.contains("\"tag\":\"publish-receive\",\"window\":{\"count\":0"), latency);
        }
    }

    @Test
    @Timeout(30)
    void aHistogramLogThatIsNotOneIsSaidSoOnThePage() throws Exception
    {
        final Path csv = java.nio.file.Files.writeString(dir.resolve("x.csv"), "stage,count\npublish-applied,10\n");
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, dir.resolve("absent.counters"), csv,
            10_000_000_000L))
        {
            final String latency = send(server.uri().resolve("api/latency"), "GET").body();
            assertTrue(latency.contains("\"problem\":\"" + csv + " is not a histogram log: its first line " +
                "'stage,count' is neither a '#' header nor an interval histogram"), latency);
        }
    }

    @Test
    void embeddedAssetsLoadNothingFromElsewhere() throws Exception
    {
        for (final String asset : new String[]{"index.html", "console.js", "console.css"})
        {
            try (InputStream in = ConsoleServer.class.getResourceAsStream("/io/ticklane/engine/console/" + asset))
            {
                assertNotNull(in, asset);
                final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("http://www.w3.org/2000/svg", ""); // a namespace name, never fetched
                assertFalse(text.contains("http:") || text.contains("https:") || text.contains("//cdn"),
                    asset + " refers to an external resource");
                assertFalse(text.contains("<script>") || text.contains("style=\""), asset + " has inline code");
            }
        }
    }

    private static void writeLog(final Path hlog)
    {
        final CachedNanoClock nano = new CachedNanoClock();
        final CachedEpochClock epoch = new CachedEpochClock();
        epoch.update(System.currentTimeMillis() - 60_000);
        final StageRegistry registry = new StageRegistry(10_000_000_000L);
        final StageRecorder e2e = registry.newRecorder(LatencyStage.END_TO_END);
        final HistogramLogAgent agent = new HistogramLogAgent(registry, hlog, 1_000_000_000L, nano, epoch);
        for (int second = 0; second < 10; second++)
        {
            for (int i = 1; i <= 100; i++)
            {
                e2e.record(i * 1_000L);
            }
            nano.advance(1_000_000_000L);
            epoch.advance(1_000);
            agent.doWork();
        }
        agent.onClose();
    }
}
