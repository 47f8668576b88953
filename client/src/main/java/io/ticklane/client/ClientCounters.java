package io.ticklane.client;

import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

/**
 * A stream client's counters, in a counters file that {@code engine stat} reads ({@link CounterTypes} 710..718).
 *
 * @param packets          packets received (incrementals and snapshots).
 * @param messages         book events received.
 * @param gaps             stream sequence gaps: packets missed.
 * @param instrumentGaps   instrument sequence gaps.
 * @param recoveries       instruments recovered from a snapshot.
 * @param snapshotRequests snapshot requests sent.
 * @param lagNs            now minus the gateway's sending time of the last packet.
 * @param recovering       instruments waiting for a snapshot now.
 * @param publisherRestarts instruments whose incrementals came from a new publisher (a restarted gateway).
 */
public record ClientCounters(
    AtomicCounter packets,
    AtomicCounter messages,
    AtomicCounter gaps,
    AtomicCounter instrumentGaps,
    AtomicCounter recoveries,
    AtomicCounter snapshotRequests,
    AtomicCounter lagNs,
    AtomicCounter recovering,
    AtomicCounter publisherRestarts)
{
    /**
     * Main thread, before the client runs.
     *
     * @param file counters file owned by this process.
     * @param name label prefix, e.g. {@code client}.
     * @return the counters.
     */
    public static ClientCounters in(final CountersFile file, final String name)
    {
        return new ClientCounters(
            file.newCounter(name + " packets received", CounterTypes.CLIENT_PACKETS),
            file.newCounter(name + " book events received", CounterTypes.CLIENT_MESSAGES),
            file.newCounter(name + " gaps (stream packets missed)", CounterTypes.CLIENT_GAPS),
            file.newCounter(name + " instrument sequence gaps", CounterTypes.CLIENT_INSTRUMENT_GAPS),
            file.newCounter(name + " recoveries (instruments rebuilt from a snapshot)", CounterTypes.CLIENT_RECOVERIES),
            file.newCounter(name + " snapshot requests", CounterTypes.CLIENT_SNAPSHOT_REQUESTS),
            file.newCounter(name + " lag ns (now - gateway sending time)", CounterTypes.CLIENT_LAG_NS),
            file.newCounter(name + " instruments recovering", CounterTypes.CLIENT_RECOVERING),
            file.newCounter(name + " publisher restarts (instruments rebuilt for a new gateway session)",
                CounterTypes.CLIENT_PUBLISHER_RESTARTS));
    }

    /**
     * @return counters in private memory (tests, benchmarks).
     */
    public static ClientCounters unshared()
    {
        return new ClientCounters(local(), local(), local(), local(), local(), local(), local(), local(), local());
    }

    private static AtomicCounter local()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[CountersReader.COUNTER_LENGTH]), 0);
    }
}
