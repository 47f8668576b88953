package io.ticklane.engine.console;

import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.HistogramLogAgent;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRecorder;
import io.ticklane.latency.StageRegistry;
import io.ticklane.testkit.Await;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Sends a raw request and returns the response's status line, or null when the server closed without one. */
    private static String rawStatus(final URI uri, final String request) throws Exception
    {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            final String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return response.isEmpty() ? null : response.substring(0, response.indexOf("\r\n"));
        }
    }

    @Test
    @Timeout(30)
    void aClientThatSendsHalfARequestAndStallsDelaysNoOtherRequest() throws Exception
    {
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, dir.resolve("absent.counters"),
            dir.resolve("absent.hlog"), 10_000_000_000L);
            Socket stalled = new Socket(server.uri().getHost(), server.uri().getPort()))
        {
            stalled.getOutputStream().write(("GET /api/counters HTTP/1.1\r\nHost: 127.0.0.1:" +
                server.uri().getPort() + "\r\n").getBytes(StandardCharsets.US_ASCII)); // and never the blank line
            final long startNs = System.nanoTime();
            final HttpResponse<String> other = send(server.uri().resolve("api/counters"), "GET");
            final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
            assertEquals(200, other.statusCode());
            assertTrue(elapsedMs < 2_000, "answered while the other client stalls, in " + elapsedMs + " ms");

            stalled.setSoTimeout(15_000);
            final long stallStartNs = System.nanoTime();
            final byte[] rest = stalled.getInputStream().readAllBytes(); // until the server gives up on it
            final long cutMs = (System.nanoTime() - stallStartNs) / 1_000_000;
            assertTrue(cutMs < 10_000, "the stalled request is dropped within the bound, after " + cutMs + " ms");
            final String answer = new String(rest, StandardCharsets.US_ASCII);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408 "), answer);
        }
    }

    @Test
    @Timeout(30)
    void aRequestAddressedToAnotherHostIsRefusedSoADnsRebindingPageCannotReadTheCounters() throws Exception
    {
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, dir.resolve("absent.counters"),
            dir.resolve("absent.hlog"), 10_000_000_000L))
        {
            final int port = server.uri().getPort();
            for (final String host : new String[]{"evil.example", "evil.example:" + port, "127.0.0.1:" + (port + 1),
                "localhost.evil.example:" + port})
            {
                assertEquals("HTTP/1.1 403 Forbidden", rawStatus(server.uri(),
                    "GET /api/counters HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"), host);
            }
            assertEquals("HTTP/1.1 400 Bad Request", rawStatus(server.uri(), "GET / HTTP/1.0\r\n\r\n"),
                "no Host at all");
            for (final String host : new String[]{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port})
            {
                assertEquals("HTTP/1.1 200 OK", rawStatus(server.uri(),
                    "GET /api/counters HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"), host);
            }
        }
    }

    @Test
    @Timeout(30)
    void connectionsBeyondTheCapAreAnsweredAtOnceAndServiceResumesWhenStallersAreDropped() throws Exception
    {
        final ConsoleServer.Limits limits = new ConsoleServer.Limits(2, 2_000, 5_000);
        final List<Socket> stallers = new ArrayList<>();
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, dir.resolve("absent.counters"),
            dir.resolve("absent.hlog"), 10_000_000_000L, limits, message -> { }))
        {
            final String request = "GET /api/counters HTTP/1.1\r\nHost: " + server.uri().getAuthority() + "\r\n\r\n";
            for (int i = 0; i < 2 * limits.maxConnections(); i++) // every worker and every queue slot
            {
                final Socket stalled = new Socket(server.uri().getHost(), server.uri().getPort());
                stalled.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                stallers.add(stalled);
            }
            final long startNs = System.nanoTime();
            final String busy = statusOrClosed(server.uri(), request);
            final long busyMs = (System.nanoTime() - startNs) / 1_000_000;
            assertTrue(busy.equals("HTTP/1.1 503 Service Unavailable") || busy.equals("closed"), busy);
            assertTrue(busyMs < 1_500, "refused at once, before any staller is dropped: " + busyMs + " ms");
            assertEquals(1, server.refusedBusy());

            Await.until("the stallers to be dropped and a request served again", Duration.ofSeconds(15),
                () -> "HTTP/1.1 200 OK".equals(statusOrClosed(server.uri(), request)));
            Await.value("every staller to time out", Duration.ofSeconds(10), server::timedOut,
                n -> n == 2 * limits.maxConnections());
        }
        finally
        {
            for (final Socket stalled : stallers)
            {
                stalled.close();
            }
        }
    }

    private static String statusOrClosed(final URI uri, final String request) throws Exception
    {
        try
        {
            final String status = rawStatus(uri, request);
            return null == status ? "closed" : status;
        }
        catch (final java.net.SocketException ex)
        {
            return "closed"; // reset: refused without reading the request
        }
    }

    @Test
    @Timeout(30)
    void aClientThatDribblesItsRequestIsCutAtTheRequestTimeout() throws Exception
    {
        final ConsoleServer.Limits limits = new ConsoleServer.Limits(2, 500, 5_000);
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, dir.resolve("absent.counters"),
            dir.resolve("absent.hlog"), 10_000_000_000L, limits, message -> { });
            Socket dribbler = new Socket(server.uri().getHost(), server.uri().getPort()))
        {
            final Thread slow = new Thread(() ->
            {
                try
                {
                    for (final byte b : "GET /api/counters HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII))
                    {
                        dribbler.getOutputStream().write(b);
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // a byte per 100 ms
                    }
                }
                catch (final java.io.IOException ignore)
                {
                    // the server cut the connection, as it should
                }
            });
            slow.setDaemon(true);
            slow.start();
            dribbler.setSoTimeout(10_000);
            final long startNs = System.nanoTime();
            final String answer = new String(dribbler.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 408 Request Timeout"), answer);
            assertTrue(elapsedMs < 2_000, "cut after the 500 ms allowed for the whole head, not per byte: " + elapsedMs);
            assertEquals(1, server.timedOut());
        }
    }

    @Test
    @Timeout(30)
    void refusalsForAnotherHostAreCountedAndTheFirstIsLogged() throws Exception
    {
        final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, dir.resolve("absent.counters"),
            dir.resolve("absent.hlog"), 10_000_000_000L, ConsoleServer.Limits.DEFAULT, log::add))
        {
            for (int i = 0; i < 3; i++)
            {
                assertEquals("HTTP/1.1 403 Forbidden",
                    rawStatus(server.uri(), "GET /api/counters HTTP/1.1\r\nHost: evil.example\r\n\r\n"));
            }
            assertEquals("HTTP/1.1 200 OK", rawStatus(server.uri(), "GET / HTTP/1.1\r\nHost: localhost:" +
                server.uri().getPort() + "\r\n\r\n"));
            assertEquals(3, server.refusedHost());
            assertEquals(1, server.served());
            assertEquals(1, log.size(), "logged once, then counted: " + log);
            assertTrue(log.get(0).contains("Host evil.example") && log.get(0).contains("127.0.0.1:" +
                server.uri().getPort()), log.get(0));
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
