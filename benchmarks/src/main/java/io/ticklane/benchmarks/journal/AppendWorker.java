package io.ticklane.benchmarks.journal;

import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * One writer process of {@link AppendHarness}: opens the target, warms up, then, in step with the other writers
 * through a barrier in a shared mapped file, runs a latency phase (each call timed with {@code System.nanoTime}
 * into an HdrHistogram) and a throughput phase (the same number of calls, untimed, start and end stamped), and
 * writes both to its result file, with the minor and major page faults the writing thread took over both phases
 * ({@link ThreadFaults}).
 * <p>
 * Arguments: target dir payloadSize ops warmup barrierFile resultFile.
 */
public final class AppendWorker
{
    static final int READY_1 = 0;
    static final int GO_1 = 8;
    static final int READY_2 = 16;
    static final int GO_2 = 24;
    static final int FAILED = 32;
    static final int BARRIER_LENGTH = 64;

    private AppendWorker()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String name = args[0];
        final Path dir = Path.of(args[1]);
        final int payloadSize = Integer.parseInt(args[2]);
        final int ops = Integer.parseInt(args[3]);
        final int warmup = Integer.parseInt(args[4]);
        final MappedByteBuffer barrierMapping;
        try (RandomAccessFile file = new RandomAccessFile(args[5], "rw"))
        {
            barrierMapping = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, BARRIER_LENGTH);
        }
        final UnsafeBuffer barrier = new UnsafeBuffer(barrierMapping, 0, BARRIER_LENGTH);
        final Histogram histogram = new Histogram(60_000_000_000L, 3);
        long startNs;
        long endNs;
        long failures = 0;
        final long[] faultsBefore;
        final long[] faultsAfter;
        try (AppendTarget target = AppendTarget.open(name, dir, payloadSize))
        {
            for (int i = 0; i < warmup; i++)
            {
                target.append();
            }
            await(barrier, READY_1, GO_1);
            faultsBefore = ThreadFaults.read();
            for (int i = 0; i < ops; i++)
            {
                final long t0 = System.nanoTime();
                final boolean ok = target.append();
                final long t1 = System.nanoTime();
                histogram.recordValue(t1 - t0);
                if (!ok)
                {
                    failures++;
                }
            }
            await(barrier, READY_2, GO_2);
            startNs = System.nanoTime();
            for (int i = 0; i < ops; i++)
            {
                if (!target.append())
                {
                    failures++;
                }
            }
            endNs = System.nanoTime();
            faultsAfter = ThreadFaults.read();
            if (failures > 0)
            {
                System.out.println("failed appends: " + target.failureReasons()); // the harness prints this log
            }
        }
        if (failures > 0)
        {
            barrier.getAndAddLong(FAILED, failures);
        }
        final ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoCompressedByteBuffer(encoded);
        encoded.flip();
        final byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Files.writeString(Path.of(args[6]), startNs + " " + endNs + " " + failures + " " +
            (faultsAfter[0] - faultsBefore[0]) + " " + (faultsAfter[1] - faultsBefore[1]) + "\n" +
            Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
        IoUtil.unmap(barrierMapping);
    }

    /**
     * Arrive, then wait (spinning politely: the machine may have fewer cores than writers) for the harness's go.
     */
    private static void await(final UnsafeBuffer barrier, final int readyOffset, final int goOffset)
    {
        barrier.getAndAddLong(readyOffset, 1);
        while (barrier.getLongVolatile(goOffset) == 0)
        {
            Thread.yield();
        }
    }
}
