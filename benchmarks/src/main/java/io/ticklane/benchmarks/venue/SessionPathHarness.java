package io.ticklane.benchmarks.venue;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.OrderPool;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.gateway.SyntheticOrderFlow;
import io.ticklane.gateway.TicklaneSession;
import io.ticklane.gateway.capture.CaptureDatagram;
import io.ticklane.gateway.capture.CaptureReader;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import io.ticklane.venue.cme.CmeSession;
import io.ticklane.venue.cme.CmeSessionOptions;
import io.ticklane.venue.cme.config.CmeChannelConfig;
import io.ticklane.venue.cme.config.CmeConfigParser;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per packet, decode + arbitration + apply, from packets held in memory: a CME MDP 3.0 channel (the shared version 8
 * capture, both lines, through {@link CmeSession} into depth books) and the project's own feed (synthetic packets of
 * 4 events, through {@link TicklaneSession} into ladder books), in one run. Each pass starts a fresh session (the
 * capture's sequence numbers cannot be reused), outside the timed section; the CME path keeps its books from pass to
 * pass (the same definitions change nothing, so no pass pays for making 39 books again), the own feed starts fresh
 * books (its order ids would otherwise repeat). Two measurements per path:
 * each packet timed alone into an HdrHistogram (System.nanoTime, whose own cost is printed beside), and an untimed
 * throughput pass giving packets and book entries per second. Run:
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp benchmarks/target/ticklane-benchmarks.jar \
 *     io.ticklane.benchmarks.venue.SessionPathHarness CAPTURE CME_CONFIG [passes]
 * </pre>
 */
public final class SessionPathHarness
{
    /** Packets held in memory, with the source and receive time each arrived with. */
    private static final class Packets
    {
        final UnsafeBuffer buffer;
        final int[] offsets;
        final int[] lengths;
        final int[] sources;
        final long[] times;
        final int count;

        Packets(final List<byte[]> payloads, final List<Integer> sources, final List<Long> times)
        {
            int total = 0;
            for (final byte[] p : payloads)
            {
                total += p.length;
            }
            buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(total));
            count = payloads.size();
            offsets = new int[count];
            lengths = new int[count];
            this.sources = new int[count];
            this.times = new long[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                offsets[i] = at;
                lengths[i] = payloads.get(i).length;
                buffer.putBytes(at, payloads.get(i));
                at += lengths[i];
                this.sources[i] = sources.get(i);
                this.times[i] = times.get(i);
            }
        }
    }

    /** Makes a fresh session over fresh books for one pass. */
    private interface Path1
    {
        ProtocolSession session(BookEventApplier books);
    }

    private SessionPathHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path capture = Path.of(args[0]);
        final CmeChannelConfig channel = CmeConfigParser.parse(Path.of(args[1])).channel(320);
        final int passes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        final Packets cme = readCapture(capture, channel);
        final Packets own = ownFeed(20_000);
        final CmeSessionOptions options = new CmeSessionOptions().applyWithoutSnapshot(true).conclude();
        final StageRegistry stages = new StageRegistry(1_000_000_000L);
        final long timerCostNs = timerCost();
        System.out.printf(Locale.ROOT, "System.nanoTime pair, median: %d ns (included in the per-packet figures)%n",
            timerCostNs);
        System.out.println("path                      packets/pass  p50 ns  p99 ns  p99.9 ns   Mpackets/s  " +
            "M book entries/s");
        measure("cme mdp3 v8 capture (A+B)", cme, passes, true, books -> new CmeSession(channel, options, books));
        measure("own feed (A, 4 events)", own, passes, false, books -> new TicklaneSession(1,
            new LineArbiter(256, FeedPublisher.MAX_PACKET_LENGTH, 10_000_000L, 1 << 20), books,
            GatewayCounters.unmapped(), stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE), null, 1 << 20));
    }

    private static void measure(
        final String name, final Packets packets, final int passes, final boolean keepBooks, final Path1 path)
    {
        final BookEventApplier kept = books();
        final Histogram histogram = new Histogram(1_000_000_000L, 3);
        long entries = 0;
        long throughputNs = 0;
        long throughputPackets = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            final boolean warm = pass >= passes / 4;
            final boolean timedPackets = (pass & 1) == 0;
            final BookEventApplier books = keepBooks ? kept : books();
            final long appliedBefore = books.applied();
            final ProtocolSession session = path.session(books);
            final long startNs = System.nanoTime();
            for (int i = 0; i < packets.count; i++)
            {
                if (timedPackets)
                {
                    final long t0 = System.nanoTime();
                    session.onTimer(packets.times[i]);
                    session.onPacket(packets.sources[i], packets.buffer, packets.offsets[i], packets.lengths[i],
                        packets.times[i]);
                    final long t1 = System.nanoTime();
                    if (warm)
                    {
                        histogram.recordValue(t1 - t0);
                    }
                }
                else
                {
                    session.onTimer(packets.times[i]);
                    session.onPacket(packets.sources[i], packets.buffer, packets.offsets[i], packets.lengths[i],
                        packets.times[i]);
                }
            }
            final long elapsedNs = System.nanoTime() - startNs;
            if (warm && !timedPackets)
            {
                throughputNs += elapsedNs;
                throughputPackets += packets.count;
                entries += books.applied() - appliedBefore;
            }
        }
        System.out.printf(Locale.ROOT, "%-25s %12d %7d %7d %9d %12.2f %17.2f%n", name, packets.count,
            histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9), throughputPackets * 1e3 / throughputNs, entries * 1e3 / throughputNs);
    }

    private static BookEventApplier books()
    {
        return new BookEventApplier(BookFactory.ladder(new OrderPool(1 << 16), BookOptions.DEFAULT, BookListener.NONE),
            BookListener.NONE);
    }

    private static long timerCost()
    {
        final Histogram h = new Histogram(1_000_000_000L, 3);
        for (int i = 0; i < 1_000_000; i++)
        {
            final long t0 = System.nanoTime();
            h.recordValue(System.nanoTime() - t0);
        }
        return h.getValueAtPercentile(50);
    }

    private static Packets readCapture(final Path capture, final CmeChannelConfig channel) throws Exception
    {
        final List<byte[]> payloads = new ArrayList<>();
        final List<Integer> sources = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final CaptureDatagram datagram = new CaptureDatagram();
        try (CaptureReader reader = CaptureReader.open(capture))
        {
            while (reader.next(datagram))
            {
                final int source = channel.source(datagram.destinationAddress(), datagram.destinationPort());
                if (source >= 0 && source < PacketSource.COUNT)
                {
                    final byte[] bytes = new byte[datagram.length()];
                    datagram.buffer().getBytes(datagram.offset(), bytes);
                    payloads.add(bytes);
                    sources.add(source);
                    times.add(datagram.timestampNs());
                }
            }
        }
        return new Packets(payloads, sources, times);
    }

    private static Packets ownFeed(final int count)
    {
        final List<InstrumentSpec> instruments = List.of(
            new InstrumentSpec("AAPL", 1, 100, -4, 1_850_000, 4096, 0, 0),
            new InstrumentSpec("MSFT", 2, 100, -4, 4_100_000, 4096, 0, 0));
        final SyntheticOrderFlow flow = new SyntheticOrderFlow(instruments, 42);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedPublisher.MAX_PACKET_LENGTH));
        final PacketEncoder encoder = new PacketEncoder();
        final List<byte[]> payloads = new ArrayList<>();
        final List<Integer> sources = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            encoder.begin(buffer, 0, 1, 0, i + 1, i, 1);
            if (i == 0)
            {
                flow.definitions(encoder, i);
            }
            else
            {
                flow.next(encoder, 4, i);
            }
            final byte[] bytes = new byte[encoder.length()];
            buffer.getBytes(0, bytes);
            payloads.add(bytes);
            sources.add(PacketSource.INCREMENTAL_A);
            times.add((long)i * 1_000);
        }
        return new Packets(payloads, sources, times);
    }
}
