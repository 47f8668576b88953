package io.ticklane.latency;

import org.HdrHistogram.Histogram;

/**
 * Recognises the untagged copy of the end-to-end stage that {@link HistogramLogAgent} writes right after the tagged
 * {@code publish-applied} entry of each interval (so that HdrHistogram's tools work without {@code -tag}): an
 * untagged histogram with the same start, end and count as the {@code publish-applied} one before it. Our readers
 * leave it out, so nothing is counted twice; an untagged histogram of another log is kept.
 * <p>
 * Holds the last {@code publish-applied} entry seen: one per reader, on the reader's thread.
 */
final class EndToEndCopy
{
    private long startMs = Long.MIN_VALUE;
    private long endMs = Long.MIN_VALUE;
    private long count = -1;

    /**
     * @param h the next interval histogram, in file order.
     * @return true when it is the copy to leave out.
     */
    boolean isCopy(final Histogram h)
    {
        if (LatencyStage.END_TO_END.tag().equals(h.getTag()))
        {
            startMs = h.getStartTimeStamp();
            endMs = h.getEndTimeStamp();
            count = h.getTotalCount();
            return false;
        }
        return null == h.getTag() && h.getStartTimeStamp() == startMs && h.getEndTimeStamp() == endMs &&
            h.getTotalCount() == count;
    }

    /**
     * Forgets the last entry (a new file).
     */
    void reset()
    {
        startMs = Long.MIN_VALUE;
        endMs = Long.MIN_VALUE;
        count = -1;
    }
}
