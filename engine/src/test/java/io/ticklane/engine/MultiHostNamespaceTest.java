package io.ticklane.engine;

import io.ticklane.latency.CounterSample;
import io.ticklane.latency.CountersFile;
import io.ticklane.testkit.Await;
import io.ticklane.testkit.NamespaceNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A multi-host deployment on one machine: four hosts made of Linux network namespaces on one bridged LAN
 * ({@link NamespaceNetwork}), every process a JVM of its own in its host's namespace, with its own media driver
 * directory, journal and counters file.
 * <pre>
 *   exchange 10.77.0.1   engine feed --pcap (CME MDP 3.0 v8 capture, lines A and B, raw UDP multicast, ~17 s)
 *   gateway  10.77.0.2   engine run, venue=cme on its LAN address; publishes the books over Aeron UDP multicast,
 *                        serves snapshots on multicast, takes snapshot requests unicast on 10.77.0.2
 *   strategy1 10.77.0.3  engine subscribe from the start
 *   strategy2 10.77.0.4  engine subscribe, SIGKILLed mid-run and started again (it recovers from a snapshot)
 * </pre>
 * At the end the gateway's books equal the capture read directly ({@code engine run --pcap}) and every client's
 * books equal the gateway's, state hash for state hash, with 0 gaps at the gateway. The log (stdout) prints every
 * host's per-instrument hashes side by side. Skipped, with the reason, where network namespaces cannot be created
 * (not root, no iproute2).
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiHostNamespaceTest
{
    private static final String CAPTURE = "cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap";
    private static final String CHANNEL = "cme.320";
    /** 10,000 datagrams (5,000 per line) at 600/s: about 17 s, long enough to kill and restart a client mid-run. */
    private static final int FEED_RATE = 600;
    private static final int DATAGRAMS = 10_000;
    /** strategy2 is killed once the exchange has sent this many datagrams (about 4 s in). */
    private static final int KILL_AFTER_SENT = 2_500;
    private static final Duration STARTED = Duration.ofSeconds(60);
    private static final Duration SETTLED = Duration.ofSeconds(60);
    private static final Pattern BOOK_LINE =
        Pattern.compile("(?m)^\\s+(\\S+)\\s+id (\\d+)\\s+(levels|orders) (\\d+)\\s+hash ([0-9a-f]{16}).*$");
    private static final Pattern SENT = Pattern.compile("\\[feed] sent ([0-9,]+) datagrams");
    private static final Pattern LIVE_PRINT = Pattern.compile("(?m)^\\[subscribe]\\s+\\d+s\\s");
    private static final String SUBSCRIBED = "[subscribe] aeron:udp";

    @TempDir
    Path dir;

    private NamespaceNetwork network;
    /** Every host's media driver directory: a SIGKILLed process (or one killed by the teardown) leaves its own. */
    private final List<Path> driverDirs = new ArrayList<>();

    @BeforeAll
    static void namespacesCanBeCreated()
    {
        final Optional<String> why = NamespaceNetwork.unavailable();
        assumeTrue(why.isEmpty(), () -> "multi-host namespace test skipped: " + why.orElse(""));
    }

    @AfterEach
    void tearDown() throws IOException
    {
        if (null != network)
        {
            network.close();
        }
        for (final Path driverDir : driverDirs)
        {
            if (Files.isDirectory(driverDir))
            {
                try (Stream<Path> tree = Files.walk(driverDir))
                {
                    for (final Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList())
                    {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    /**
     * One process of a host, with its output file.
     */
    private record Run(String host, Process process, Path output)
    {
        String text()
        {
            return read(output);
        }
    }

    @Test
    void clientsOnTwoStrategyHostsEndWithTheGatewaysBooksAlsoAfterOneIsKilledAndRestarted() throws Exception
    {
        final Path capture = data(CAPTURE);
        network = NamespaceNetwork.create("mh", "10.77.0", "exchange", "gateway", "strategy1", "strategy2");
        final Path channelFile = gatewayChannelFile(network.address("gateway"));
        final Map<Integer, String> direct = directRun(capture, channelFile);

        final Map<String, String> gatewaySettings = hostSettings("gateway", channelFile);
        final Run gateway = startEngine("gateway", "run", gatewaySettings, "gateway.out");
        awaitOutput(gateway, "[engine] running");
        final Run strategy1 = startEngine("strategy1", "subscribe", clientSettings("strategy1"), "strategy1.out",
            "--interval", "250ms");
        Run strategy2 = startEngine("strategy2", "subscribe", clientSettings("strategy2"), "strategy2.out",
            "--interval", "250ms");
        awaitOutput(strategy1, SUBSCRIBED);
        awaitOutput(strategy2, SUBSCRIBED);

        final Run feed = startEngine("exchange", "feed", Map.of(), "exchange.out", "--pcap", capture.toString(),
            "--interface", network.address("exchange"), "--rate", Integer.toString(FEED_RATE));
        Await.until(() -> "the exchange to send " + KILL_AFTER_SENT + " datagrams: " + feed.text(), STARTED,
            () -> sent(feed.text()) >= KILL_AFTER_SENT || !feed.process().isAlive());
        assertTrue(feed.process().isAlive(), "the feed ended before the client could be killed mid-run: " +
            feed.text());
        strategy2.process().destroyForcibly();
        assertTrue(strategy2.process().waitFor(30, TimeUnit.SECONDS), "SIGKILL ends strategy2");
        System.out.printf("[multi-host] strategy2 SIGKILLed after the exchange sent %,d datagrams%n",
            sent(feed.text()));
        strategy2 = startEngine("strategy2", "subscribe", clientSettings("strategy2-restarted"),
            "strategy2-restarted.out", "--interval", "250ms");
        awaitOutput(strategy2, SUBSCRIBED);
        System.out.printf("[multi-host] strategy2 restarted and subscribed with the exchange at %,d datagrams " +
            "(feed %s)%n", sent(feed.text()), feed.process().isAlive() ? "still sending" : "done");

        assertTrue(feed.process().waitFor(STARTED.toSeconds(), TimeUnit.SECONDS), "the feed is still sending:\n" +
            feed.text());
        assertEquals(0, feed.process().exitValue(), feed.text());
        assertTrue(feed.text().contains("sent 10,000 datagrams"), feed.text());
        final Path gatewayCounters = Path.of(gatewaySettings.get("counters.path"));
        Await.until(() -> "the gateway to receive every datagram: " + counter(gatewayCounters, CHANNEL +
            " packets received") + " of " + DATAGRAMS + "\n" + gateway.text(), SETTLED,
            () -> counter(gatewayCounters, CHANNEL + " packets received") == DATAGRAMS);
        awaitRecovered(strategy1, "strategy1", false);
        awaitRecovered(strategy2, "strategy2-restarted", true);

        final Map<Integer, String> gatewayBooks = books(stopWithSigterm(gateway));
        final Map<Integer, String> first = clientBooks(strategy1, gatewayBooks);
        final Map<Integer, String> restarted = clientBooks(strategy2, gatewayBooks);

        final Map<String, Map<Integer, String>> hosts = new LinkedHashMap<>();
        hosts.put("direct", direct);
        hosts.put("gateway", gatewayBooks);
        hosts.put("strategy1", first);
        hosts.put("strategy2-restart", restarted);
        printHashes(hosts);
        assertTrue(gateway.text().contains(CHANNEL + " packets received 10,000  incremental 10,000 (unique 5,000, " +
            "duplicates 5,000)  gaps 0"), gateway.text());
        assertEquals(direct, gatewayBooks, "the gateway's books equal the capture read directly");
        assertEquals(gatewayBooks, first, "strategy1's books equal the gateway's");
        assertEquals(gatewayBooks, restarted, "restarted strategy2's books equal the gateway's");
        final String summary = strategy2.text().substring(strategy2.text().indexOf("=== subscribe summary ==="));
        final Matcher recoveries = Pattern.compile("recoveries ([0-9,]+)").matcher(summary);
        assertTrue(recoveries.find() && Long.parseLong(recoveries.group(1).replace(",", "")) > 0,
            "the restarted client rebuilt its books from snapshots: " + summary);
        System.out.println("[multi-host] all hosts equal: direct, gateway, strategy1, strategy2 after its restart");
    }

    /**
     * The capture read directly, no network: the books every host must end with.
     */
    private Map<Integer, String> directRun(final Path capture, final Path channelFile) throws IOException
    {
        final CommandRun run = CommandRun.of(Stream.concat(Stream.of("run", "--pcap", capture.toString()),
            Stream.of(TestEngines.setArgs(hostSettings("direct", channelFile)))).toArray(String[]::new));
        assertEquals(0, run.status(), run.out() + run.err());
        final Map<Integer, String> books = books(run.out());
        assertEquals(39, books.size(), "the capture's instruments: " + run.out());
        return books;
    }

    /**
     * Waits until a client has no instrument waiting for a snapshot and, when it joined mid-run, has rebuilt at least
     * one from a snapshot (strategy1 joins before the gateway has books: nothing to recover).
     */
    private void awaitRecovered(final Run client, final String host, final boolean joinedMidRun)
    {
        final Path counters = dir.resolve(host).resolve("client.counters");
        Await.until(() -> host + " to recover every instrument: recovering " +
            counter(counters, "client instruments recovering") + ", recoveries " +
            counter(counters, "client recoveries (instruments rebuilt from a snapshot)") + "\n" + client.text(),
            SETTLED, () -> counter(counters, "client instruments recovering") == 0 &&
                (!joinedMidRun || counter(counters, "client recoveries (instruments rebuilt from a snapshot)") > 0));
    }

    /**
     * The client's live books (printed every 250 ms) come to equal the gateway's final ones, then SIGTERM: its
     * summary's books.
     */
    private static Map<Integer, String> clientBooks(final Run client, final Map<Integer, String> gatewayBooks)
        throws InterruptedException
    {
        final boolean converged = Await.within(SETTLED, () -> gatewayBooks.equals(books(lastLivePrint(client.text()))));
        final Map<Integer, String> books = books(summaryOf(client, stopWithSigterm(client)));
        if (!converged)
        {
            System.out.println("[multi-host] " + client.host() + " did not converge to the gateway's books:\n" +
                client.text());
        }
        return books;
    }

    private static String lastLivePrint(final String text)
    {
        final Matcher matcher = LIVE_PRINT.matcher(text);
        int last = -1;
        while (matcher.find())
        {
            last = matcher.start();
        }
        if (last < 0)
        {
            return "";
        }
        final int next = text.indexOf("\n[", last + 1);
        return next < 0 ? text.substring(last) : text.substring(last, next);
    }

    private static String summaryOf(final Run client, final String text)
    {
        final int at = text.lastIndexOf("=== subscribe summary ===");
        assertTrue(at >= 0, client.host() + " printed no summary:\n" + text);
        return text.substring(at);
    }

    private static Path data(final String relative)
    {
        final Path path = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"), relative);
        assumeTrue(Files.isReadable(path), "recorded data not found at " + path + " (../shared/data beside the project)");
        return path;
    }

    /**
     * The sample channel file with channel 320's interface moved from loopback to the gateway's LAN address.
     */
    private Path gatewayChannelFile(final String address) throws IOException
    {
        final Path sample = Path.of("../venue-cme/src/main/resources/cme-sample-config.xml");
        final String text = Files.readString(sample);
        assertTrue(text.contains("interface=\"lo\""), "the sample channel file names its interface: " + sample);
        final Path file = dir.resolve("cme-gateway.xml");
        Files.writeString(file, text.replace("interface=\"lo\"", "interface=\"" + address + "\""));
        return file;
    }

    /**
     * What every host shares: the CME channel, the book settings and the stream's channels (multicast on the LAN,
     * {@code interface=} the subnet so one string serves every host; requests unicast to the gateway); per host its
     * own driver directory, journal and counters file.
     */
    private Map<String, String> hostSettings(final String host, final Path channelFile) throws IOException
    {
        final Path hostDir = Files.createDirectories(dir.resolve(host));
        final Map<String, String> settings = TestEngines.settings(hostDir, TestEngines.ipcChannel());
        driverDirs.add(Path.of(settings.get("driver.dir")));
        settings.put("venue", "cme");
        settings.put("cme.config", channelFile.toString());
        settings.put("cme.channels", "320");
        settings.put("cme.apply.without.snapshot", "true");
        settings.put("cme.receive.buffer", "2m");
        settings.put("book.agents", "1");
        // six JVMs share two cores here: every agent parks when idle
        settings.put("driver.idle", "backoff");
        settings.put("agent.gateway.0.idle", "backoff");
        settings.put("agent.book.0.idle", "backoff");
        final String lan = "|interface=" + network.subnet();
        settings.put("publish.channel", "aeron:udp?endpoint=224.0.1.5:40462" + lan);
        settings.put("publish.snapshot.channel", "aeron:udp?endpoint=224.0.1.7:40464" + lan);
        settings.put("publish.request.channel", "aeron:udp?endpoint=" + network.address("gateway") + ":40460");
        return settings;
    }

    private Map<String, String> clientSettings(final String host) throws IOException
    {
        final Map<String, String> settings = hostSettings(host, dir.resolve("cme-gateway.xml"));
        settings.put("subscribe.counters.path", dir.resolve(host).resolve("client.counters").toString());
        return settings;
    }

    private Run startEngine(
        final String host, final String command, final Map<String, String> settings, final String output,
        final String... args) throws IOException
    {
        final List<String> line = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), EngineMain.class.getName(), command));
        line.addAll(List.of(args));
        line.addAll(List.of(TestEngines.setArgs(settings)));
        final Path file = dir.resolve(output);
        return new Run(host, network.start(host, line, file), file);
    }

    private static void awaitOutput(final Run run, final String text)
    {
        Await.until(() -> run.host() + " to print '" + text + "'; it printed:\n" + run.text(), STARTED,
            () -> run.text().contains(text) || !run.process().isAlive());
        assertTrue(run.process().isAlive(), run.host() + " ended by itself:\n" + run.text());
    }

    private static String read(final Path output)
    {
        try
        {
            return Files.exists(output) ? Files.readString(output) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static long sent(final String feedText)
    {
        final Matcher matcher = SENT.matcher(feedText);
        long sent = 0;
        while (matcher.find())
        {
            sent = Long.parseLong(matcher.group(1).replace(",", ""));
        }
        return sent;
    }

    /**
     * @return instrument id to its whole book line (symbol, id, count, hash, flags) as {@link BookPrinter} prints it.
     */
    static Map<Integer, String> books(final String text)
    {
        final Map<Integer, String> books = new TreeMap<>();
        final Matcher matcher = BOOK_LINE.matcher(text);
        while (matcher.find())
        {
            books.put(Integer.parseInt(matcher.group(2)), matcher.group().trim());
        }
        return books;
    }

    private static long counter(final Path countersPath, final String label)
    {
        if (!Files.exists(countersPath))
        {
            return -1;
        }
        try (CountersFile file = CountersFile.openReadOnly(countersPath))
        {
            for (final CounterSample sample : file.snapshot())
            {
                if (sample.label().equals(label))
                {
                    return sample.value();
                }
            }
            return -1;
        }
    }

    private static String stopWithSigterm(final Run run) throws InterruptedException
    {
        run.process().destroy();
        assertTrue(run.process().waitFor(60, TimeUnit.SECONDS), run.host() + " still running 60s after SIGTERM:\n" +
            run.text());
        final String text = run.text();
        assertEquals(0, run.process().exitValue(), run.host() + ": a clean stop exits 0:\n" + text);
        return text;
    }

    private static void printHashes(final Map<String, Map<Integer, String>> hosts)
    {
        final StringBuilder sb = new StringBuilder("[multi-host] state hashes per host at the end (direct = the " +
            "capture read with no network; strategy2-restart = strategy2 after its SIGKILL and restart)\n");
        final List<String> names = new ArrayList<>(hosts.keySet());
        sb.append(String.format("  %-10s", "instrument"));
        names.forEach(n -> sb.append(String.format("  %-17s", n)));
        sb.append('\n');
        for (final Integer id : hosts.get(names.get(0)).keySet())
        {
            sb.append(String.format("  %-10d", id));
            for (final String name : names)
            {
                final String line = hosts.get(name).get(id);
                final Matcher hash = null == line ? null : BOOK_LINE.matcher("  " + line);
                sb.append(String.format("  %-17s", null != hash && hash.matches() ? hash.group(5) : "(none)"));
            }
            sb.append('\n');
        }
        System.out.print(sb);
        System.out.flush();
    }
}
