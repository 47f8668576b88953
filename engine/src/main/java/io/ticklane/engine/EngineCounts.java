package io.ticklane.engine;

/**
 * The engine's counters summed over gateways and book agents, read once after the engine stopped (the counters
 * file is unmapped afterwards).
 *
 * @param packets                packets received on all lines.
 * @param messages               messages in packets delivered in sequence.
 * @param applied                events applied by the books.
 * @param rejected               events the books refused (counted by reason in the appliers).
 * @param gaps                   packets lost on every line.
 * @param duplicates             copies dropped by arbitration.
 * @param malformed              packets that failed validation.
 * @param recoveries             instruments rebuilt from snapshots.
 * @param stale                  instruments still stale at the end.
 * @param dropped                events given up on because a ring stayed full past its bound.
 * @param ringFull               claims that found a ring full.
 * @param journalBytes           bytes journaled.
 * @param journalRecords         frames journaled.
 * @param journalErrors          failed appends.
 * @param journalPanicked        whether the journal panicked during the run.
 * @param agentErrors            errors thrown out of agents.
 * @param lineAReceived          packets received on line A.
 * @param lineALosses            holes in line A's own sequence.
 * @param lineBReceived          packets received on line B.
 * @param lineBLosses            holes in line B's own sequence.
 * @param sessionResets          restarted publishers (new sessions after the first).
 * @param otherSessionPackets packets of other publisher sessions (stragglers of a replaced one), dropped.
 */
public record EngineCounts(
    long packets,
    long messages,
    long applied,
    long rejected,
    long gaps,
    long duplicates,
    long malformed,
    long recoveries,
    long stale,
    long dropped,
    long ringFull,
    long journalBytes,
    long journalRecords,
    long journalErrors,
    boolean journalPanicked,
    long agentErrors,
    long lineAReceived,
    long lineALosses,
    long lineBReceived,
    long lineBLosses,
    long sessionResets,
    long otherSessionPackets)
{
    /**
     * Sums counters by name (main thread, after the engine stopped).
     */
    static final class Builder
    {
        long packets;
        long messages;
        long applied;
        long rejected;
        long gaps;
        long duplicates;
        long malformed;
        long recoveries;
        long stale;
        long dropped;
        long ringFull;
        long journalBytes;
        long journalRecords;
        long journalErrors;
        boolean journalPanicked;
        long agentErrors;
        long lineAReceived;
        long lineALosses;
        long lineBReceived;
        long lineBLosses;
        long sessionResets;
        long otherSessionPackets;

        EngineCounts build()
        {
            return new EngineCounts(packets, messages, applied, rejected, gaps, duplicates, malformed, recoveries,
                stale, dropped, ringFull, journalBytes, journalRecords, journalErrors, journalPanicked, agentErrors,
                lineAReceived, lineALosses, lineBReceived, lineBLosses, sessionResets, otherSessionPackets);
        }
    }
}
