package io.ticklane.journal;

/**
 * What recovery found in the tail of a journal when a process opened it: every frame between the last scanned
 * position and the cursor is classified as committed (CRC valid), torn (committed length but CRC mismatch: a
 * partial write that a power loss made durable, or later corruption), padding, or an uncommitted claim (a writer
 * mid-append, or one that died: sealed as padding by the first reader or housekeeper that sees it unchanged for
 * the claim timeout). A broken header panics the journal. Immutable; any thread.
 *
 * @param fromPosition      where the scan started (the shared scanned position).
 * @param toPosition        where it ended (the cursor, bounded by the grown limit).
 * @param committedFrames   data frames with a valid CRC.
 * @param tornFrames        data frames whose CRC does not match.
 * @param paddingFrames     padding frames (segment tails, aborted and sealed claims).
 * @param claimedFrames     claims with a header but no commit.
 * @param emptyRegions      claimed regions with no header at all (writer died right after claiming).
 * @param brokenPosition    position of a broken header, or -1.
 * @param cursorAdvancedBy  bytes the cursor was moved forward over committed frames it had lost (stale metadata
 *                          after a power loss), or 0.
 */
public record RecoveryReport(
    long fromPosition,
    long toPosition,
    long committedFrames,
    long tornFrames,
    long paddingFrames,
    long claimedFrames,
    long emptyRegions,
    long brokenPosition,
    long cursorAdvancedBy)
{
    /** Nothing to recover: the journal was just created. */
    public static final RecoveryReport EMPTY = new RecoveryReport(0, 0, 0, 0, 0, 0, 0, -1, 0);

    /**
     * @return claims found uncommitted, with or without a header.
     */
    public long uncommitted()
    {
        return claimedFrames + emptyRegions;
    }

    /**
     * @return one line for tools and logs.
     */
    public String summary()
    {
        return String.format("recovery scanned [%d, %d): %d committed, %d torn, %d padding, %d uncommitted claims " +
            "(%d with header, %d without)%s%s",
            fromPosition, toPosition, committedFrames, tornFrames, paddingFrames, uncommitted(), claimedFrames,
            emptyRegions, brokenPosition >= 0 ? ", BROKEN header at " + brokenPosition : "",
            cursorAdvancedBy > 0 ? ", cursor advanced by " + cursorAdvancedBy : "");
    }
}
