package io.ticklane.gateway;

/**
 * Where a {@link FeedChannel} delivers what survives arbitration, validation and recovery: the feed messages of
 * live instruments (with the packet context first), snapshot messages of instruments being recovered, and the
 * stale/live transitions. Live: {@link RingRouter} (to the book agents' rings). Replay and tests:
 * {@link BookFeedHandler} (straight into books).
 */
public interface ChannelEventSink extends FeedHandler
{
    /**
     * Context for the messages that follow until the next call.
     *
     * @param sequence      packet sequence.
     * @param sendTimeNs    publisher send time.
     * @param receiveTimeNs gateway receive time.
     */
    void beginPacket(long sequence, long sendTimeNs, long receiveTimeNs);

    /**
     * The instrument's book no longer reflects the feed: readers must not trust it until it is live again.
     *
     * @param instrumentId instrument.
     */
    void onInstrumentStale(int instrumentId);

    /**
     * The instrument's book was rebuilt from a snapshot and caught up with the feed.
     *
     * @param instrumentId instrument.
     */
    void onInstrumentLive(int instrumentId);

    /**
     * Asked after each delivered message: whether the sink had to give up on it (back pressure past its bound).
     *
     * @return the instrument whose event was dropped, or {@link #NONE}; reading it clears it.
     */
    int takeDroppedInstrument();

    /** No instrument. */
    int NONE = Integer.MIN_VALUE;
}
