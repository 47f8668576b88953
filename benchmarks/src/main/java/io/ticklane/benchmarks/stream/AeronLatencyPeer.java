package io.ticklane.benchmarks.stream;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ticklane.config.IdleSpec;
import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * One end of the bare-Aeron baseline of {@link NamespaceLatencyHarness}, run as its own JVM inside a network
 * namespace with an embedded media driver of its own:
 * <pre>
 * send    CHANNEL STREAM RATE COUNT LENGTH IDLE   messages of LENGTH bytes at RATE/s, each carrying its index and
 *                                                 intended send time (System.nanoTime, one clock for every
 *                                                 process on the machine, namespaces or not)
 * receive CHANNEL STREAM COUNT SKIP IDLE FILE     records receive time minus intended send time of every message
 *                                                 after the first SKIP (warm-up) into a histogram, written to FILE
 *                                                 (base64 of the compressed histogram); prints "ready" once
 *                                                 subscribed and "received N lost L" at the end
 * </pre>
 * Main thread only.
 */
public final class AeronLatencyPeer
{
    /** Index (int64) then intended send time (int64). */
    static final int INDEX_OFFSET = 0;
    static final int SEND_TIME_OFFSET = 8;
    static final long HIGHEST_NS = 10_000_000_000L;
    private static final long CONNECT_TIMEOUT_NS = 30_000_000_000L;
    private static final long QUIET_END_NS = 5_000_000_000L;

    private AeronLatencyPeer()
    {
    }

    /**
     * @param args a peer's arguments.
     * @return its idle strategy (argument 6 for a sender, 5 for a receiver).
     */
    static IdleSpec idle(final String[] args)
    {
        return IdleSpec.parse("idle", "send".equals(args[0]) ? args[6] : args[5]);
    }

    /**
     * @param idle the peer's idle strategy.
     * @return the peer's own embedded media driver (each peer is a host of its own).
     */
    static MediaDriver launchDriver(final IdleSpec idle)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/ticklane-nsbench-" + UUID.randomUUID())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idle.newIdleStrategy())
            .termBufferSparseFile(true));
    }

    public static void main(final String[] args) throws Exception
    {
        final IdleSpec idle = idle(args);
        final MediaDriver driver = launchDriver(idle);
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        try
        {
            if ("send".equals(args[0]))
            {
                send(aeron, args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    Integer.parseInt(args[5]), idle);
            }
            else
            {
                receive(aeron, args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]),
                    idle, Path.of(args[6]));
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver);
        }
    }

    private static void send(
        final Aeron aeron, final String channel, final int stream, final long rate, final long count,
        final int length, final IdleSpec idleSpec)
    {
        final ExclusivePublication publication = aeron.addExclusivePublication(channel, stream);
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!publication.isConnected())
        {
            if (System.nanoTime() > deadlineNs)
            {
                throw new IllegalStateException("no subscriber connected to " + channel + " within 30 s");
            }
            LockSupport.parkNanos(1_000_000L);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(16, length), 64));
        final IdleStrategy idle = idleSpec.newIdleStrategy();
        final long periodNs = 1_000_000_000L / rate;
        final long startNs = System.nanoTime();
        long backPressured = 0;
        for (long i = 0; i < count; i++)
        {
            final long intendedNs = startNs + i * periodNs;
            long waitNs;
            while ((waitNs = intendedNs - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(Math.min(waitNs, 50_000L));
            }
            buffer.putLong(INDEX_OFFSET, i);
            buffer.putLong(SEND_TIME_OFFSET, intendedNs);
            long result;
            while ((result = publication.offer(buffer, 0, length)) < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new IllegalStateException("publication ended: " + result);
                }
                backPressured++;
                idle.idle();
            }
            idle.reset();
        }
        System.out.printf("sent %d back-pressured %d%n", count, backPressured);
    }

    private static void receive(
        final Aeron aeron, final String channel, final int stream, final long count, final long skip,
        final IdleSpec idleSpec, final Path output) throws Exception
    {
        final Histogram histogram = new Histogram(HIGHEST_NS, 3);
        final long[] received = {0, -1};
        final FragmentAssembler handler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            final long nowNs = System.nanoTime();
            final long index = buffer.getLong(offset + INDEX_OFFSET);
            received[0]++;
            received[1] = index;
            if (index >= skip)
            {
                histogram.recordValue(Math.min(Math.max(0, nowNs - buffer.getLong(offset + SEND_TIME_OFFSET)),
                    HIGHEST_NS));
            }
        });
        try (Subscription subscription = aeron.addSubscription(channel, stream))
        {
            System.out.println("ready");
            System.out.flush();
            final IdleStrategy idle = idleSpec.newIdleStrategy();
            long lastWorkNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
            while (received[1] < count - 1 && System.nanoTime() - lastWorkNs < QUIET_END_NS)
            {
                final int work = subscription.poll(handler, 64);
                if (work > 0)
                {
                    lastWorkNs = System.nanoTime();
                }
                idle.idle(work);
            }
        }
        final ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int bytes = histogram.encodeIntoCompressedByteBuffer(encoded);
        Files.writeString(output, Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(encoded.array(), bytes)));
        System.out.printf("received %d lost %d%n", received[0], count - received[0]);
    }
}
