package io.ticklane.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

/**
 * The counters one gateway agent (one feed channel) writes; single writer each, read by {@code engine stat}
 * through the counters file.
 *
 * @param packets          packets received, all lines.
 * @param messages         book events (messages other than heartbeats) in packets delivered in sequence.
 * @param gaps             packets lost on every line (sum of gap sizes).
 * @param duplicates       copies dropped by arbitration (the later line's, or repeats).
 * @param malformed        packets rejected by validation (reasons in the distinct-error log).
 * @param recoveries       instruments rebuilt from a snapshot.
 * @param staleInstruments instruments stale right now.
 * @param sequence         highest sequence accounted for: delivered in order or declared lost.
 * @param journalBytes     bytes appended to the journal.
 * @param journalRecords   frames appended to the journal.
 * @param journalErrors    appends that failed.
 * @param lineReceived     per line: packets received.
 * @param lineLosses       per line: holes in that line's own sequence (filled by the other line or not).
 * @param lineLag          per line: how many sequences it is behind the most advanced line.
 * @param sessionResets    new publisher (or venue) sessions after the first: streams that started over.
 */
public record GatewayCounters(
    AtomicCounter packets,
    AtomicCounter messages,
    AtomicCounter gaps,
    AtomicCounter duplicates,
    AtomicCounter malformed,
    AtomicCounter recoveries,
    AtomicCounter staleInstruments,
    AtomicCounter sequence,
    AtomicCounter journalBytes,
    AtomicCounter journalRecords,
    AtomicCounter journalErrors,
    AtomicCounter[] lineReceived,
    AtomicCounter[] lineLosses,
    AtomicCounter[] lineLag,
    AtomicCounter sessionResets)
{
    /**
     * Counters in plain memory, outside any counters file: for journal replay and tests, where nobody else reads
     * them.
     *
     * @return a fresh set, all zero.
     */
    public static GatewayCounters unmapped()
    {
        return new GatewayCounters(counter(), counter(), counter(), counter(), counter(), counter(), counter(),
            counter(), counter(), counter(), counter(),
            new AtomicCounter[]{counter(), counter()},
            new AtomicCounter[]{counter(), counter()},
            new AtomicCounter[]{counter(), counter()},
            counter());
    }

    /**
     * @return a counter in plain memory, outside any counters file (replay, tests).
     */
    public static AtomicCounter unmappedCounter()
    {
        return counter();
    }

    private static AtomicCounter counter()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[CountersReader.COUNTER_LENGTH]), 0);
    }
}
