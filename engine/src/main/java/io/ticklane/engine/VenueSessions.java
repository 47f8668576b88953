package io.ticklane.engine;

import io.ticklane.book.BookEventHandler;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.FeedSettings;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.gateway.TicklaneSession;
import io.ticklane.latency.StageRecorder;
import io.ticklane.venue.cme.CmeSession;
import io.ticklane.venue.cme.CmeSessionOptions;
import io.ticklane.venue.cme.config.CmeChannelConfig;
import io.ticklane.venue.cme.config.CmeConfig;
import io.ticklane.venue.cme.config.CmeConfigException;
import io.ticklane.venue.cme.config.CmeConfigParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that makes a venue channel's protocol session from the configuration, for the live engine, replay,
 * captures read directly and backtests alike: the own feed's {@link TicklaneSession}, or CME's {@link CmeSession}
 * from the channel file ({@code cme.config}) and the {@code feed.*} sequencing keys. Main thread (construction).
 */
public final class VenueSessions
{
    private final EngineConfig config;
    private final CmeConfig cme;

    /**
     * @param config the engine's configuration; when it names a CME channel file, the file is read now.
     * @throws UsageException naming the file and the problem when the CME channel file is wrong.
     */
    public VenueSessions(final EngineConfig config)
    {
        this.config = config;
        this.cme = config.venue().cmeConfig().isBlank() ? null : parse(Path.of(config.venue().cmeConfig()));
    }

    private static CmeConfig parse(final Path file)
    {
        try
        {
            return CmeConfigParser.parse(file);
        }
        catch (final CmeConfigException ex)
        {
            throw new UsageException("invalid CME channel file (cme.config): " + ex.getMessage());
        }
    }

    /**
     * @return the CME channel file, or null when none is configured.
     */
    public CmeConfig cme()
    {
        return cme;
    }

    /**
     * @return the CME channels this host reads: {@code cme.channels}, or every channel of the file.
     * @throws UsageException when a configured channel is not in the file.
     */
    public List<CmeChannelConfig> cmeChannels()
    {
        if (null == cme)
        {
            return List.of();
        }
        if (config.venue().cmeChannels().isEmpty())
        {
            return cme.channels();
        }
        final List<CmeChannelConfig> selected = new ArrayList<>();
        for (final int id : config.venue().cmeChannels())
        {
            try
            {
                selected.add(cme.channel(id));
            }
            catch (final CmeConfigException ex)
            {
                throw new UsageException("key 'cme.channels' names channel " + id + ", which " +
                    config.venue().cmeConfig() + " does not define: " + ex.getMessage());
            }
        }
        return selected;
    }

    /**
     * @return the CME session options from the configuration ({@code feed.*} sequencing, {@code cme.*} policies).
     */
    public CmeSessionOptions cmeOptions()
    {
        final FeedSettings feed = config.feed();
        return new CmeSessionOptions()
            .arbitrationWindow(feed.arbitrationWindow())
            .gapTimeoutNs(feed.gapTimeoutNs())
            .maxSequenceJump(feed.maxSequenceJump())
            .recoveryBufferBytes(feed.recoveryBufferBytes())
            .applyWithoutSnapshot(config.venue().cmeApplyWithoutSnapshot())
            .staleOnChannelGap(config.venue().cmeStaleOnChannelGap())
            .conclude();
    }

    /**
     * A session for a journal's or capture's channel.
     *
     * @param venue     a {@link JournalRecordTypes} venue.
     * @param channelId the channel.
     * @param sink      where its normalized events go.
     * @param counters  counters it writes (the own feed writes them as it goes).
     * @param recorder  publish-to-receive latency recorder (own feed).
     * @return the session, or null when this configuration cannot read that venue or channel.
     */
    public ProtocolSession session(
        final int venue,
        final int channelId,
        final BookEventHandler sink,
        final GatewayCounters counters,
        final StageRecorder recorder)
    {
        if (venue == JournalRecordTypes.VENUE_TICKLANE)
        {
            final FeedSettings feed = config.feed();
            return new TicklaneSession(channelId,
                new LineArbiter(feed.arbitrationWindow(), FeedPublisher.MAX_PACKET_LENGTH, feed.gapTimeoutNs(),
                    feed.maxSequenceJump()),
                sink, counters, recorder, null, feed.recoveryBufferBytes());
        }
        if (venue == JournalRecordTypes.VENUE_CME && null != cme)
        {
            for (final CmeChannelConfig channel : cme.channels())
            {
                if (channel.id() == channelId)
                {
                    return new CmeSession(channel, cmeOptions(), sink);
                }
            }
        }
        return null;
    }
}
