package io.ticklane.latency;

/**
 * The stages an event is timed across. Each has its own recorder and its own tag in the {@code .hlog} file.
 */
public enum LatencyStage
{
    /** Publisher send time (packet header) to gateway receive. Crosses processes: same-host clocks only. */
    PUBLISH_TO_RECEIVE("publish-receive"),
    /** Gateway receive to the message decoded and queued for its book agent. */
    RECEIVE_TO_DECODED("receive-decoded"),
    /** Decoded (queued) to applied by the book agent: queueing plus book work. */
    DECODED_TO_APPLIED("decoded-applied"),
    /** Gateway receive to the packet committed in the journal. */
    RECEIVE_TO_JOURNAL("receive-journal"),
    /** Publisher send time to book applied: what a strategy sees. */
    END_TO_END("publish-applied");

    private final String tag;

    LatencyStage(final String tag)
    {
        this.tag = tag;
    }

    /**
     * @return the tag used in the histogram log and in tables.
     */
    public String tag()
    {
        return tag;
    }
}
