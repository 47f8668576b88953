package io.ticklane.latency;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.file.Path;

/**
 * A stand-in engine for cross-process tests: creates a counters file, says READY on stdout, then counts and
 * heartbeats every 20 ms. With {@code close-after N} it closes the file cleanly after N ticks and exits; otherwise it
 * runs until killed.
 */
public final class CountersWriterProcess
{
    private CountersWriterProcess()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path path = Path.of(args[0]);
        final long closeAfter = args.length > 2 && args[1].equals("close-after") ? Long.parseLong(args[2]) : -1;
        final CountersFile file = CountersFile.create(path, 16, SystemEpochClock.INSTANCE);
        final AtomicCounter packets = file.newCounter("gateway packets received", CounterTypes.PACKETS_RECEIVED);
        final AtomicCounter depth = file.newCounter("ring book.0 depth bytes", CounterTypes.RING_DEPTH);
        System.out.println("READY");
        System.out.flush();
        for (long tick = 1; closeAfter < 0 || tick <= closeAfter; tick++)
        {
            packets.incrementRelease();
            depth.setRelease(tick * 64);
            file.heartbeat(System.currentTimeMillis());
            Thread.sleep(20);
        }
        file.close();
        System.out.println("CLOSED");
        System.out.flush();
    }
}
