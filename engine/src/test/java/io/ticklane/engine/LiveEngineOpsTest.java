package io.ticklane.engine;

import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.config.ConfigSource;
import io.ticklane.config.EngineConfig;
import io.ticklane.engine.console.ConsoleServer;
import io.ticklane.latency.CounterSample;
import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.LatencyReport;
import io.ticklane.latency.LatencyStage;
import io.ticklane.testkit.Await;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops tools against a real engine: embedded media driver, gateway, book agent, journal and log agent, fed by the
 * in-process simulator over {@code aeron:ipc} on a stream, driver directory and files of its own. One engine serves
 * every test, in order; the last one stops it.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveEngineOpsTest
{
    private static final long DEADLINE_NS = 30_000_000_000L;

    private Path dir;
    private final ByteArrayOutputStream engineLog = new ByteArrayOutputStream();
    private EngineConfig config;
    private Engine engine;
    private SimulatedFeed feed;
    private Path countersPath;
    private Path hlogPath;

    @BeforeAll
    @Timeout(60)
    void startEngineAndFeed(@TempDir final Path tempDir) throws Exception
    {
        dir = tempDir;
        final String unique = ProcessHandle.current().pid() + "-" + System.nanoTime();
        countersPath = dir.resolve("engine.counters");
        hlogPath = dir.resolve("latency.hlog");
        config = EngineConfig.from(ConfigSource.empty()
            .set("feed.channel", "aeron:ipc")
            .set("feed.stream", Integer.toString(30_000 + (int)(System.nanoTime() % 20_000)))
            .set("driver.dir", "/dev/shm/ticklane-test-ops-" + unique)
            .set("journal.path", dir.resolve("journal").toString())
            .set("journal.chunk.size", "1m")
            .set("feed.snapshot.channel", "aeron:ipc")
            .set("feed.snapshot.stream", Integer.toString(60_000 + (int)(System.nanoTime() % 20_000)))
            .set("latency.hlog.path", hlogPath.toString())
            .set("latency.interval", "200ms")
            .set("counters.path", countersPath.toString())
            .set("sim.rate", "20000"), Runtime.getRuntime().availableProcessors());
        final PrintStream log = new PrintStream(engineLog, true, StandardCharsets.UTF_8);
        engine = Engine.launch(config, log);
        feed = new SimulatedFeed(engine.aeron(), config, 120_000_000_000L,
            new AgentThreads(ThreadPinner.noOp(), HostCpus.live(), log, Throwable::printStackTrace, null));
        awaitEveryStageLogged();
    }

    private void awaitEveryStageLogged()
    {
        Await.until(() -> "the engine to log every stage; engine log:\n" + engineLog, Duration.ofNanos(DEADLINE_NS),
            () ->
            {
                if (!Files.exists(hlogPath))
                {
                    return false;
                }
                final Map<String, org.HdrHistogram.Histogram> byTag =
                    LatencyReport.read(hlogPath, 0, Double.MAX_VALUE).byTag();
                boolean all = true;
                for (final LatencyStage stage : LatencyStage.values())
                {
                    all &= byTag.containsKey(stage.tag()) && byTag.get(stage.tag()).getTotalCount() > 0;
                }
                return all;
            });
    }

    @AfterAll
    @Timeout(60)
    void stop()
    {
        CloseHelper.quietCloseAll(feed, engine);
    }

    @Test
    @Order(1)
    @Timeout(30)
    void countersCoverEveryAreaWithReadableLabelsInReservedRanges()
    {
        try (CountersFile file = CountersFile.openReadOnly(countersPath))
        {
            final List<CounterSample> samples = file.snapshot();
            final Set<String> labels = new HashSet<>();
            for (final CounterSample sample : samples)
            {
                assertTrue(CounterTypes.isReserved(sample.typeId()), "type outside the reserved ranges: " + sample);
                assertTrue(sample.label().matches("[a-z][a-z0-9 .()>_\\-]+"), "readable label: " + sample);
                assertTrue(labels.add(sample.label()), "duplicate label " + sample.label());
            }
            for (final String required : List.of(
                "gateway.0 packets received", "gateway.0 messages received",
                "gateway.0 gaps (packets lost on all lines)", "gateway.0 duplicates dropped", "gateway.0 recoveries",
                "gateway.0 malformed packets", "gateway.0 stale instruments", "gateway.0 line a losses",
                "ring book.0 depth bytes", "ring book.0 full (producer retries)", "ring book.0 capacity bytes",
                "gateway.0 journal bytes", "gateway.0 journal records", "book.0 order pool used",
                "book.0 order pool capacity", "agent gateway.0 max duty cycle ns", "agent gateway.0 stalls (cycles > 1ms)",
                "agent book.0 max duty cycle ns", "agent book.0 stalls (cycles > 1ms)", "agent log max duty cycle ns",
                "agent errors", "latency publish-applied clamped (outside 0..10s)"))
            {
                assertTrue(labels.contains(required), "missing counter '" + required + "' in " + labels);
            }
            assertTrue(value(samples, "gateway.0 packets received") > 0);
            assertTrue(value(samples, "gateway.0 journal bytes") > 0);
            assertTrue(value(samples, "gateway.0 journal records") > 0);
            assertTrue(value(samples, "book.0 order pool used") > 0);
            assertTrue(value(samples, "agent gateway.0 max duty cycle ns") > 0);
            assertEquals(1 << 20, value(samples, "ring book.0 capacity bytes"));
            assertEquals(CountersFile.Liveness.RUNNING, file.liveness(System.currentTimeMillis()));
        }
    }

    @Test
    @Order(2)
    @Timeout(60)
    void statInAnotherProcessShowsLiveCounters() throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
            "-Xmx128m", "-cp", System.getProperty("java.class.path"), EngineMain.class.getName(),
            "stat", "--counters", countersPath.toString(), "--count", "3", "--interval", "500ms", "--no-clear"));
        final Path output = dir.resolve("stat.out");
        final Process stat = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .start();
        try
        {
            assertTrue(stat.waitFor(45, TimeUnit.SECONDS), "stat did not finish");
        }
        finally
        {
            stat.destroyForcibly();
        }
        final String text = Files.readString(output);
        assertEquals(0, stat.exitValue(), text);
        final String[] blocks = text.split("\n\n");
        assertEquals(3, blocks.length, text);
        final long[] packets = new long[blocks.length];
        for (int i = 0; i < blocks.length; i++)
        {
            assertTrue(blocks[i].contains(" RUNNING, up "), blocks[i]);
            final Matcher line = Pattern.compile("([0-9,]+)\\s+([0-9,]*)\\s+gateway.0 packets received")
                .matcher(blocks[i]);
            assertTrue(line.find(), blocks[i]);
            packets[i] = Long.parseLong(line.group(1).replace(",", ""));
            assertTrue(i == 0 || packets[i] >= packets[i - 1], "packets never go backwards: " + text);
        }
        assertTrue(packets[0] > 0 && packets[2] > packets[0], "live values, growing over a second: " + text);
    }

    @Test
    @Order(3)
    @Timeout(60)
    void consoleServesLiveCountersAndLatency() throws Exception
    {
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, countersPath, hlogPath, 10_000_000_000L))
        {
            final HttpClient http = HttpClient.newHttpClient();
            final String counters = http.send(HttpRequest.newBuilder(server.uri().resolve("api/counters")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(counters.contains("\"state\":\"RUNNING\""), counters);
            assertTrue(counters.contains("\"pid\":" + ProcessHandle.current().pid()), counters);
            final String latency = http.send(HttpRequest.newBuilder(server.uri().resolve("api/latency")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            for (final LatencyStage stage : LatencyStage.values())
            {
                final Matcher count = Pattern.compile("\"tag\":\"" + stage.tag() + "\",\"window\":\\{\"count\":(\\d+)")
                    .matcher(latency);
                assertTrue(count.find(), latency);
                assertTrue(Long.parseLong(count.group(1)) > 0, stage + " has data in the window: " + latency);
            }
        }
    }

    @Test
    @Order(4)
    @Timeout(120)
    void consoleRendersRealDataInHeadlessChromium() throws Exception
    {
        final HeadlessChromium chromium = HeadlessChromium.findOrSkip();
        try (ConsoleServer server = ConsoleServer.start("127.0.0.1", 0, countersPath, hlogPath, 10_000_000_000L))
        {
            final String dom = chromium.dumpDom(dir, server.uri());
            assertTrue(dom.contains("id=\"engine-state\" class=\"pill RUNNING\">RUNNING<"), dom);
            final Matcher refreshes = Pattern.compile("<body data-refreshes=\"(\\d+)\"").matcher(dom);
            assertTrue(refreshes.find() && Integer.parseInt(refreshes.group(1)) >= 2, "refreshed live: " + dom);

            final Matcher plot = Pattern.compile("<svg id=\"latency-plot\"[^>]*data-series=\"(\\d+)\"").matcher(dom);
            assertTrue(plot.find(), dom);
            assertEquals(LatencyStage.values().length, Integer.parseInt(plot.group(1)), "one line per stage");
            for (final LatencyStage stage : LatencyStage.values())
            {
                final Matcher path = Pattern.compile("<path d=\"(M[^\"]+)\" class=\"series\"[^>]*data-tag=\"" +
                    stage.tag() + "\" data-points=\"(\\d+)\"").matcher(dom);
                assertTrue(path.find(), "a plotted line for " + stage.tag() + " in\n" + dom);
                assertTrue(Integer.parseInt(path.group(2)) >= 5, "a distribution, not a point: " + path.group());
                assertEquals(Integer.parseInt(path.group(2)), path.group(1).split("[ML]").length - 1);
                final Matcher row = Pattern.compile("<tr data-tag=\"" + stage.tag() + "\" data-count=\"(\\d+)\"")
                    .matcher(dom);
                assertTrue(row.find() && Long.parseLong(row.group(1)) > 0, "percentile row for " + stage.tag());
            }
            final Matcher packets = Pattern.compile("<tr data-label=\"gateway.0 packets received\" " +
                "data-value=\"(\\d+)\" data-first-value=\"(\\d+)\"").matcher(dom);
            assertTrue(packets.find(), dom);
            final long last = Long.parseLong(packets.group(1));
            final long first = Long.parseLong(packets.group(2));
            assertTrue(first > 0 && last > first, "live counters rendered and refreshed: " + packets.group());
        }
    }

    @Test
    @Order(5)
    @Timeout(60)
    void aCleanShutdownLeavesFinalCountersMarkedStopped()
    {
        feed.close();
        engine.close();
        try (CountersFile file = CountersFile.openReadOnly(countersPath))
        {
            assertEquals(CountersFile.Liveness.STOPPED, file.liveness(System.currentTimeMillis()));
            assertTrue(value(file.snapshot(), "gateway.0 messages received") > 0);
        }
        final CommandRun stat = CommandRun.of("stat", "--counters", countersPath.toString(), "--once");
        assertTrue(stat.out().contains(" STOPPED, up "), stat.out());
    }

    private static long value(final List<CounterSample> samples, final String label)
    {
        return samples.stream().filter(s -> s.label().equals(label)).findFirst()
            .orElseThrow(() -> new AssertionError("no counter " + label)).value();
    }
}
