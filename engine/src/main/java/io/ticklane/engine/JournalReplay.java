package io.ticklane.engine;

import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.LadderLevelDescriptor;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.FeedSettings;
import io.ticklane.gateway.BookFeedHandler;
import io.ticklane.gateway.FeedChannel;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import io.ticklane.journal.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;


/**
 * Backtesting: replays a journal through the same per-channel gateway logic ({@link FeedChannel}: validation,
 * A/B arbitration, recovery) into the same book code, on the calling thread, as fast as it can or paced by the
 * caller. Gap timers are applied where the live gateway journaled them, so the books at the end of a journal are
 * exactly the books the live engine built from it. A {@link BookListener} (a strategy, say) hears every change.
 * <p>
 * Each frame goes to the channel whose gateway journaled it (the record type says which); the first
 * {@value #MAX_CHANNELS} channel ids seen get a channel, others are counted as unroutable. One thread.
 */
public final class JournalReplay implements FrameHandler
{
    /** Most feed channels a replay tracks. */
    public static final int MAX_CHANNELS = 64;

    private final EngineConfig config;
    private final BookFeedHandler books;
    private final Int2ObjectHashMap<FeedChannel> channels = new Int2ObjectHashMap<>();
    private final GatewayCounters counters = GatewayCounters.unmapped();
    private final StageRegistry stages;
    private final OrderPool pool;
    private long frames;
    private long packets;
    private long timers;
    private long unroutable;
    private long otherRecords;
    private long firstTimestampNs = Long.MIN_VALUE;
    private long lastTimestampNs;

    /**
     * @param config   the configuration the live engine ran with (feed and book settings).
     * @param listener hears every book change, or {@link BookListener#NONE}.
     */
    public JournalReplay(final EngineConfig config, final BookListener listener)
    {
        this.config = config;
        this.stages = new StageRegistry(config.latency().highestTrackableNs());
        this.pool = new OrderPool(config.book().orderPoolCapacity());
        final BookOptions options = new BookOptions(config.book().snapshotDepth(), config.book().overflowLevels(),
            LadderLevelDescriptor.DEFAULT_STRIDE, config.book().recentre());
        final int maxBand = config.book().maxBandTicks();
        this.books = new BookFeedHandler((id, tick, reference, band) ->
            new LadderOrderBook(id, tick, reference, Math.min(band, maxBand), pool, options).listener(listener));
    }


    public void onFrame(
        final int recordType, final long timestampNs, final DirectBuffer buffer, final int offset, final int length,
        final long position)
    {
        frames++;
        if (firstTimestampNs == Long.MIN_VALUE)
        {
            firstTimestampNs = timestampNs;
        }
        lastTimestampNs = timestampNs;
        final int kind = JournalRecordTypes.kind(recordType);
        if (kind < JournalRecordTypes.FEED_PACKET || kind > JournalRecordTypes.GAP_TIMER)
        {
            otherRecords++;
            return;
        }
        final FeedChannel channel = channel(JournalRecordTypes.channelId(recordType));
        if (null == channel)
        {
            unroutable++;
            return;
        }
        switch (kind)
        {
            case JournalRecordTypes.GAP_TIMER:
                timers++;
                channel.onTimer(timestampNs);
                break;
            case JournalRecordTypes.SNAPSHOT_PACKET:
                packets++;
                channel.onSnapshotPacket(buffer, offset, length, timestampNs);
                break;
            default:
                packets++;
                channel.onLinePacket(kind == JournalRecordTypes.FEED_PACKET ? 0 : 1, buffer, offset, length, timestampNs);
                break;
        }
    }

    private FeedChannel channel(final int channelId)
    {
        FeedChannel channel = channels.get(channelId);
        if (null == channel && channels.size() < MAX_CHANNELS)
        {
            final FeedSettings feed = config.feed();
            channel = new FeedChannel(channelId,
                new LineArbiter(feed.arbitrationWindow(), FeedPublisher.MAX_PACKET_LENGTH, feed.gapTimeoutNs(),
                    feed.maxSequenceJump()),
                books, counters, stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE), null,
                feed.recoveryBufferBytes());
            channels.put(channelId, channel);
        }
        return channel;
    }

    /**
     * @param instrumentId instrument.
     * @return its replayed book, or null.
     */
    public OrderBook book(final int instrumentId)
    {
        return books.book(instrumentId);
    }

    /**
     * @param instrumentId instrument.
     * @return whether the replay ended with it stale (a gap no snapshot repaired before the journal ended).
     */
    public boolean isStale(final int instrumentId)
    {
        return books.isStale(instrumentId);
    }

    /**
     * @return the counters the replayed channels wrote (gaps, recoveries, malformed, ...).
     */
    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * @return events applied to books.
     */
    public long applied()
    {
        return books.applied();
    }

    /**
     * @return events the books refused.
     */
    public long rejected()
    {
        return books.rejected();
    }

    public long frames()
    {
        return frames;
    }

    public long packets()
    {
        return packets;
    }

    public long timers()
    {
        return timers;
    }

    public long unroutable()
    {
        return unroutable;
    }

    public long otherRecords()
    {
        return otherRecords;
    }

    /**
     * @return span of the journal's timestamps replayed so far, ns.
     */
    public long spanNs()
    {
        return firstTimestampNs == Long.MIN_VALUE ? 0 : lastTimestampNs - firstTimestampNs;
    }

    /**
     * @return first frame timestamp, or {@code Long.MIN_VALUE} before any frame.
     */
    public long firstTimestampNs()
    {
        return firstTimestampNs;
    }
}
