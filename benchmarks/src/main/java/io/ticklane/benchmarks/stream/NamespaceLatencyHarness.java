package io.ticklane.benchmarks.stream;

import io.ticklane.latency.PercentileTable;
import io.ticklane.stream.StreamDescriptor;
import io.ticklane.stream.sbe.MessageHeaderEncoder;
import io.ticklane.stream.sbe.OrderAddEncoder;
import io.ticklane.testkit.NamespaceNetwork;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency over UDP multicast between two hosts made of Linux network namespaces on one bridge
 * ({@link NamespaceNetwork}): a sender JVM in the "gateway" namespace and a receiver JVM in the "client" namespace,
 * each with its own embedded media driver, so every message crosses a veth pair, the bridge and another veth pair
 * through the kernel's UDP stack, as between two hosts on one switch (less the wire and the NICs). Times from each
 * message's intended send time (no coordinated omission) to its receipt, one clock ({@code System.nanoTime}) for
 * both processes. Rows, in one invocation at the same rate:
 * <ul>
 *     <li>{@code aeron udp}: bare Aeron, a message of {@code --length} bytes per send, the transport floor.</li>
 *     <li>{@code stream udp}: the normalized book stream, gateway to client: a {@code StreamPublisher} (with its
 *     applier and snapshot responder) publishing one order add or delete per venue event, a {@code StreamClient}
 *     rebuilding the book, timed at the end of each event applied on the client
 *     ({@link StreamLatencyPeer}).</li>
 * </ul>
 * Needs root (or CAP_NET_ADMIN) and iproute2; says why and exits 2 without them.
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.util.zip=ALL-UNNAMED \
 *   --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
 *   -cp benchmarks/target/ticklane-benchmarks.jar io.ticklane.benchmarks.stream.NamespaceLatencyHarness \
 *   [--rate 10000] [--seconds 10] [--warmup 3] [--rounds 2] [--length B (default: a stream packet of one add)] \
 *   [--idle backoff]
 * </pre>
 */
public final class NamespaceLatencyHarness
{
    private static final String SUBNET = "10.77.7";
    private static final long CHILD_TIMEOUT_S = 120;

    private NamespaceLatencyHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        final long rate = Long.parseLong(options.getOrDefault("rate", "10000"));
        final int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        final int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        // by default the bare messages are as long as the stream's packet of one order add
        final int length = Integer.parseInt(options.getOrDefault("length", Integer.toString(
            StreamDescriptor.PACKET_HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + OrderAddEncoder.BLOCK_LENGTH)));
        final String idle = options.getOrDefault("idle", "backoff");
        final int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        final Optional<String> why = NamespaceNetwork.unavailable();
        if (why.isPresent())
        {
            System.err.println("namespace latency harness: " + why.get());
            System.exit(2);
        }
        final Path dir = Files.createTempDirectory("ticklane-nsbench");
        System.out.printf(Locale.ROOT, "namespace latency harness: %,d msg/s, %d s measured after %d s warm-up, " +
            "%d B messages, idle %s, %d rounds (ABBA), gateway %s.1 -> client %s.2 over a bridge%n", rate, seconds,
            warmup, length, idle, rounds, SUBNET, SUBNET);
        final Map<String, Histogram> rows = new LinkedHashMap<>();
        rows.put("aeron udp", new Histogram(AeronLatencyPeer.HIGHEST_NS, 3));
        rows.put("stream udp", new Histogram(AeronLatencyPeer.HIGHEST_NS, 3));
        try (NamespaceNetwork network = NamespaceNetwork.create("bench", SUBNET, "gateway", "client"))
        {
            final String channel = "aeron:udp?endpoint=224.0.1.3:40480|interface=" + network.subnet();
            final String snapshots = "aeron:udp?endpoint=224.0.1.7:40484|interface=" + network.subnet();
            final String requests = "aeron:udp?endpoint=" + network.address("gateway") + ":40486";
            final long skip = warmup * rate;
            final long count = skip + seconds * rate;
            // ABBA: each row runs first in half of the rounds, so a load that drifts during the run favours neither
            for (int round = 0; round < rounds; round++)
            {
                for (int turn = 0; turn < 2; turn++)
                {
                    if ((round + turn) % 2 == 0)
                    {
                        rows.get("aeron udp").add(pair(network, dir, "aeron-" + round, AeronLatencyPeer.class,
                            List.of("send", channel, "1001", Long.toString(rate), Long.toString(count),
                                Integer.toString(length), idle),
                            List.of("receive", channel, "1001", Long.toString(count), Long.toString(skip), idle)));
                    }
                    else
                    {
                        rows.get("stream udp").add(pair(network, dir, "stream-" + round, StreamLatencyPeer.class,
                            List.of("send", channel, snapshots, requests, Long.toString(rate), Long.toString(count),
                                idle),
                            List.of("receive", channel, snapshots, requests, Long.toString(skip), idle)));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("intended send time to received, gateway namespace to client namespace over UDP:");
        System.out.print(PercentileTable.format(rows));
        final Histogram bare = rows.get("aeron udp");
        final Histogram stream = rows.get("stream udp");
        System.out.printf(Locale.ROOT, "stream / bare aeron: p50 %.2fx  p99 %.2fx  p99.9 %.2fx%n",
            ratio(stream, bare, 50), ratio(stream, bare, 99), ratio(stream, bare, 99.9));
    }

    private static double ratio(final Histogram a, final Histogram b, final double percentile)
    {
        return (double)a.getValueAtPercentile(percentile) / Math.max(1, b.getValueAtPercentile(percentile));
    }

    /**
     * Runs a receiver in the client namespace, then a sender in the gateway namespace, and reads the receiver's
     * histogram.
     */
    private static Histogram pair(
        final NamespaceNetwork network, final Path dir, final String name, final Class<?> peer,
        final List<String> send, final List<String> receive) throws Exception
    {
        final Path histogramFile = dir.resolve(name + ".hgrm.b64");
        final List<String> receiveArgs = new ArrayList<>(receive);
        receiveArgs.add(histogramFile.toString());
        final Path receiverOut = dir.resolve(name + "-client.out");
        final Path senderOut = dir.resolve(name + "-gateway.out");
        final Process receiver = network.start("client", java(peer, receiveArgs), receiverOut);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
        while (!read(receiverOut).contains("ready"))
        {
            if (!receiver.isAlive() || System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException(name + " receiver did not start: " + read(receiverOut));
            }
            LockSupport.parkNanos(10_000_000L);
        }
        final Process sender = network.start("gateway", java(peer, send), senderOut);
        if (!sender.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS) || sender.exitValue() != 0)
        {
            throw new IllegalStateException(name + " sender failed: " + read(senderOut));
        }
        if (!receiver.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS) || receiver.exitValue() != 0)
        {
            throw new IllegalStateException(name + " receiver failed: " + read(receiverOut));
        }
        System.out.printf("%s: gateway %s; client %s%n", name, read(senderOut).trim().replace('\n', ' '),
            read(receiverOut).replace("ready", "").trim().replace('\n', ' '));
        final byte[] encoded = Base64.getDecoder().decode(Files.readString(histogramFile).trim());
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), AeronLatencyPeer.HIGHEST_NS);
    }

    static List<String> java(final Class<?> main, final List<String> args)
    {
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Xmx256m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return command;
    }

    private static String read(final Path file) throws IOException
    {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
