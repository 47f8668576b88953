package io.ticklane.gateway;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * The counters one gateway agent writes (single writer each; read by {@code engine stat} through the counters
 * file).
 *
 * @param packets        packets received.
 * @param messages       messages received in valid, non-duplicate packets.
 * @param gaps           packets missed (sum of gap sizes).
 * @param duplicates     duplicate packets dropped.
 * @param malformed      packets rejected by validation.
 * @param journalBytes   bytes appended to the journal.
 * @param journalRecords frames appended to the journal.
 * @param journalErrors  appends that failed (journal full or unwritable).
 */
public record GatewayCounters(
    AtomicCounter packets,
    AtomicCounter messages,
    AtomicCounter gaps,
    AtomicCounter duplicates,
    AtomicCounter malformed,
    AtomicCounter journalBytes,
    AtomicCounter journalRecords,
    AtomicCounter journalErrors)
{
}
