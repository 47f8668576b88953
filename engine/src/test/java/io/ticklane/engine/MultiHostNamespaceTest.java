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
 * A multi-host deployment on one machine, in Linux network namespaces on one bridged LAN ({@link NamespaceNetwork}):
 * an "exchange" host replays the CME MDP 3.0 version 8 capture as raw UDP multicast on both lines
 * ({@code engine feed --pcap}, paced to last about 14 s), and a "gateway" host runs {@code engine run} with
 * {@code venue=cme} receiving it on its LAN address. At the end the gateway's books equal the capture read directly
 * ({@code engine run --pcap}), state hash for state hash, with 0 gaps. Every process is a real JVM of its own in its
 * host's namespace, with its own driver directory, journal and counters file.
 * <p>
 * The log (stdout) shows each host's per-instrument state hashes next to the direct read's. Skipped, with the
 * reason, where network namespaces cannot be created (not root, no iproute2, no CAP_NET_ADMIN).
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MultiHostNamespaceTest
{
    private static final String CAPTURE = "cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap";
    private static final String CHANNEL = "cme.320";
    /** 10,000 datagrams (5,000 per line) at 700/s: about 14 s, long enough to kill and restart a client mid-run. */
    private static final int FEED_RATE = 700;
    private static final int DATAGRAMS = 10_000;
    private static final Duration STARTED = Duration.ofSeconds(60);
    private static final Duration FEED_DONE = Duration.ofSeconds(60);
    private static final Pattern BOOK_LINE =
        Pattern.compile("(?m)^\\s+(\\S+)\\s+id (\\d+)\\s+(levels|orders) (\\d+)\\s+hash ([0-9a-f]{16}).*$");

    @TempDir
    Path dir;

    private NamespaceNetwork network;

    @BeforeAll
    static void namespacesCanBeCreated()
    {
        final Optional<String> why = NamespaceNetwork.unavailable();
        assumeTrue(why.isEmpty(), () -> "multi-host namespace test skipped: " + why.orElse(""));
    }

    @AfterEach
    void tearDown()
    {
        if (null != network)
        {
            network.close();
        }
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
     * Settings every host shares: the CME channel; per host its own driver directory, journal and counters file.
     */
    private Map<String, String> hostSettings(final String host, final Path channelFile) throws IOException
    {
        final Path hostDir = Files.createDirectories(dir.resolve(host));
        final Map<String, String> settings = TestEngines.settings(hostDir, TestEngines.ipcChannel());
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
        return settings;
    }

    private static List<String> engine(final String command, final Map<String, String> settings, final String... args)
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
        return line;
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

    private static String stopWithSigterm(final Process process, final Path output) throws InterruptedException
    {
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running 60s after SIGTERM:\n" + read(output));
        final String text = read(output);
        assertEquals(0, process.exitValue(), "a clean stop exits 0:\n" + text);
        return text;
    }

    private static void printHashes(final String title, final Map<String, Map<Integer, String>> hosts)
    {
        final StringBuilder sb = new StringBuilder("[multi-host] ").append(title).append('\n');
        final List<String> names = new ArrayList<>(hosts.keySet());
        sb.append(String.format("  %-10s", "instrument"));
        names.forEach(n -> sb.append(String.format("  %-16s", n)));
        sb.append('\n');
        final Map<Integer, String> first = hosts.get(names.get(0));
        for (final Integer id : first.keySet())
        {
            sb.append(String.format("  %-10d", id));
            for (final String name : names)
            {
                final String line = hosts.get(name).get(id);
                final Matcher hash = null == line ? null : BOOK_LINE.matcher("  " + line);
                sb.append(String.format("  %-16s", null != hash && hash.matches() ? hash.group(5) : "(none)"));
            }
            sb.append('\n');
        }
        System.out.print(sb);
        System.out.flush();
    }

    @Test
    void theGatewayHostEndsWithTheCapturesBooksFromTheExchangeHostsMulticast() throws Exception
    {
        final Path capture = data(CAPTURE);
        network = NamespaceNetwork.create("mh", "10.77.0", "exchange", "gateway");
        final Path channelFile = gatewayChannelFile(network.address("gateway"));

        final Map<String, String> direct = new LinkedHashMap<>(hostSettings("direct", channelFile));
        final CommandRun directRun = CommandRun.of(Stream.concat(Stream.of("run", "--pcap", capture.toString()),
            Stream.of(TestEngines.setArgs(direct))).toArray(String[]::new));
        assertEquals(0, directRun.status(), directRun.out() + directRun.err());
        final Map<Integer, String> directBooks = books(directRun.out());
        assertEquals(39, directBooks.size(), "the capture's instruments: " + directRun.out());

        final Map<String, String> gateway = hostSettings("gateway", channelFile);
        final Path gatewayOut = dir.resolve("gateway.out");
        final Process gatewayProcess = network.start("gateway", engine("run", gateway), gatewayOut);
        Await.until(() -> "the gateway to start; it printed:\n" + read(gatewayOut), STARTED,
            () -> read(gatewayOut).contains("[engine] running") || !gatewayProcess.isAlive());
        assertTrue(gatewayProcess.isAlive(), "the gateway ended by itself:\n" + read(gatewayOut));

        final Path feedOut = dir.resolve("exchange.out");
        final Process feed = network.start("exchange", engine("feed", Map.of(), "--pcap", capture.toString(),
            "--interface", network.address("exchange"), "--rate", Integer.toString(FEED_RATE)), feedOut);
        assertTrue(feed.waitFor(FEED_DONE.toSeconds(), TimeUnit.SECONDS), "the feed is still sending:\n" +
            read(feedOut));
        assertEquals(0, feed.exitValue(), read(feedOut));
        assertTrue(read(feedOut).contains("sent 10,000 datagrams"), read(feedOut));

        final Path counters = Path.of(gateway.get("counters.path"));
        Await.until(() -> "the gateway to receive every datagram: " + counter(counters, CHANNEL +
            " packets received") + " of " + DATAGRAMS + "\n" + read(gatewayOut), Duration.ofSeconds(30),
            () -> counter(counters, CHANNEL + " packets received") == DATAGRAMS);
        final String gatewayText = stopWithSigterm(gatewayProcess, gatewayOut);
        final Map<Integer, String> gatewayBooks = books(gatewayText);

        final Map<String, Map<Integer, String>> hosts = new LinkedHashMap<>();
        hosts.put("direct", directBooks);
        hosts.put("gateway", gatewayBooks);
        printHashes("state hashes per host at the end (direct = the capture read with no network)", hosts);
        assertTrue(gatewayText.contains(CHANNEL + " packets received 10,000  incremental 10,000 (unique 5,000, " +
            "duplicates 5,000)  gaps 0"), gatewayText);
        assertEquals(directBooks, gatewayBooks, "the gateway's books equal the capture read directly");
    }
}
