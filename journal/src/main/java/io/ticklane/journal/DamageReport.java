package io.ticklane.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a read through the journal ({@link JournalReader#readToEnd}) skipped and why, for replay and tools: counts
 * and bytes per kind, and the first {@link #MAX_DETAILS} places, each naming its segment file and offset. Damage
 * (a CRC mismatch, a broken header, bytes missing from a file, a read that could not finish) makes it not
 * {@link #clean()}; quarantined regions (damage repair already reported) and abandoned claims are told but are not
 * damage.
 * <p>
 * One thread: the reader's.
 */
public final class DamageReport implements DamageHandler
{
    /** Places kept for the report; the counts go on. */
    public static final int MAX_DETAILS = 20;

    private final Journal journal;
    private final long[] counts = new long[6];
    private final long[] bytes = new long[6];
    private final List<String> details = new ArrayList<>();
    private long fromPosition;
    private long endPosition;
    private long reachedPosition;
    private String unfinished;

    /**
     * @param journal the journal read, to name segment files and offsets.
     */
    public DamageReport(final Journal journal)
    {
        this.journal = journal;
    }

    public void onDamage(final int kind, final long position, final long length, final long word)
    {
        counts[kind]++;
        bytes[kind] += length;
        if (details.size() < MAX_DETAILS)
        {
            details.add(detail(kind, position, length, word));
        }
    }

    private String detail(final int kind, final long position, final long length, final long word)
    {
        final String where = journal.describe(position) + " (position " + position + ")";
        switch (kind)
        {
            case CRC_MISMATCH:
                return "CRC32C mismatch at " + where + ": the " + length + "-byte frame was skipped";
            case BROKEN_HEADER:
                return "broken frame header 0x" + Long.toHexString(word) + " at " + where + ": " + length +
                    " bytes up to the next intact frame at " + journal.describe(position + length) +
                    " could not be read";
            case MISSING:
                return length + " bytes from " + where + " are not in the segment file (cut short or deleted)";
            case QUARANTINED:
                return "quarantined region of " + length + " bytes at " + where + " skipped (damage repair kept)";
            default:
                return DamageHandler.kindName(kind) + " of " + length + " bytes at " + where + " stepped over";
        }
    }

    /**
     * One poll of a reader: {@link JournalReader#poll} or {@link SequentialReader#poll}.
     */
    @FunctionalInterface
    interface Poller
    {
        int poll(FrameHandler handler, int limit);
    }

    /**
     * The loop of {@code readToEnd}: polls up to the end the log has now (the cursor, bounded by the grown limit),
     * backing off while a claim in progress holds the reader (it is sealed, or stepped over read-only, after the
     * claim timeout), and gives up only after no progress for twice that, saying why.
     */
    DamageReport readToEnd(final Poller poller, final java.util.function.LongSupplier position,
        final FrameHandler handler, final int batch, final Runnable onBatch, final long claimTimeoutNs)
    {
        final long end = Math.min(journal.endPosition(), journal.grownLimit());
        fromPosition = position.getAsLong();
        endPosition = end;
        final long stallNs = 2 * claimTimeoutNs + 1_000_000_000L;
        long lastPosition = fromPosition;
        long lastMoveNs = System.nanoTime();
        String why = null;
        while (position.getAsLong() < end)
        {
            if (journal.isClosed())
            {
                why = "the journal was closed";
                break;
            }
            final int frames = poller.poll(handler, batch);
            if (null != onBatch)
            {
                onBatch.run();
            }
            final long nowNs = System.nanoTime();
            final long at = position.getAsLong();
            if (frames > 0 || at != lastPosition)
            {
                lastPosition = at;
                lastMoveNs = nowNs;
            }
            else if (nowNs - lastMoveNs > stallNs)
            {
                why = "no progress for " + (nowNs - lastMoveNs) / 1_000_000 + " ms (" + journal.lastError() + ")";
                break;
            }
            else
            {
                SegmentStore.backoff(1000);
            }
        }
        reachedPosition = position.getAsLong();
        unfinished = why;
        return this;
    }

    /**
     * @return true when nothing was damaged and the read got to the end.
     */
    public boolean clean()
    {
        return damagedFrames() == 0 && unreadBytes() == 0 && null == unfinished;
    }

    /**
     * @return data frames skipped because their CRC did not match.
     */
    public long damagedFrames()
    {
        return counts[CRC_MISMATCH];
    }

    /**
     * @return damaged regions (broken headers, bytes missing from files) that could not be read.
     */
    public long unreadRegions()
    {
        return counts[BROKEN_HEADER] + counts[MISSING];
    }

    /**
     * @return bytes of those regions.
     */
    public long unreadBytes()
    {
        return bytes[BROKEN_HEADER] + bytes[MISSING];
    }

    /**
     * @return regions repair quarantined that the read skipped.
     */
    public long quarantinedRegions()
    {
        return counts[QUARANTINED];
    }

    /**
     * @return abandoned claims a read-only read stepped over.
     */
    public long abandonedClaims()
    {
        return counts[ABANDONED_CLAIM];
    }

    /**
     * @return where the read stopped.
     */
    public long reachedPosition()
    {
        return reachedPosition;
    }

    /**
     * @return why the read stopped before the end, or null.
     */
    public String unfinished()
    {
        return unfinished;
    }

    /**
     * @return the first places, one line each.
     */
    public List<String> details()
    {
        return Collections.unmodifiableList(details);
    }

    /**
     * @return one line: what was skipped, and whether the read got to the end.
     */
    public String summary()
    {
        final StringBuilder sb = new StringBuilder("journal ").append(journal.directory()).append(" [")
            .append(fromPosition).append(", ").append(endPosition).append("): ");
        if (clean())
        {
            sb.append("read to the end, no damage");
        }
        else
        {
            sb.append("DAMAGED: ").append(damagedFrames()).append(" frame(s) skipped (CRC32C mismatch), ")
                .append(unreadRegions()).append(" region(s) of ").append(unreadBytes())
                .append(" byte(s) could not be read");
            if (null != unfinished)
            {
                sb.append(", read stopped at ").append(journal.describe(reachedPosition)).append(": ")
                    .append(unfinished);
            }
        }
        if (quarantinedRegions() > 0)
        {
            sb.append("; ").append(quarantinedRegions()).append(" quarantined region(s) of ")
                .append(bytes[QUARANTINED]).append(" byte(s) skipped (damage repair kept)");
        }
        if (abandonedClaims() > 0)
        {
            sb.append("; ").append(abandonedClaims()).append(" abandoned claim(s) stepped over (no data)");
        }
        return sb.toString();
    }
}
