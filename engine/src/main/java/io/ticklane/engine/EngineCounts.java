package io.ticklane.engine;

/**
 * The engine's counters summed over gateways and book agents, read once after the engine stopped (the counters
 * file is unmapped afterwards).
 *
 * @param packets        packets received on all lines.
 * @param messages       messages in packets delivered in sequence.
 * @param applied        events applied by the books.
 * @param rejected       events the books refused (counted by reason in the book agents).
 * @param gaps           packets lost on every line.
 * @param duplicates     copies dropped by arbitration.
 * @param malformed      packets that failed validation.
 * @param recoveries     instruments rebuilt from snapshots.
 * @param stale          instruments still stale at the end.
 * @param dropped        events given up on because a ring stayed full past its bound.
 * @param ringFull       claims that found a ring full.
 * @param journalBytes   bytes journaled.
 * @param journalRecords frames journaled.
 * @param journalErrors  failed appends.
 * @param agentErrors    errors thrown out of agents.
 * @param lineAReceived  packets received on line A.
 * @param lineALosses    holes in line A's own sequence.
 * @param lineBReceived  packets received on line B.
 * @param lineBLosses    holes in line B's own sequence.
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
    long agentErrors,
    long lineAReceived,
    long lineALosses,
    long lineBReceived,
    long lineBLosses)
{
}
