package io.ticklane.venue.cme;

import io.ticklane.venue.cme.sbe.ChannelReset4Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook32Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook46Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshDailyStatistics33Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshDailyStatistics49Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshLimitsBanding34Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshLimitsBanding50Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook43Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook47Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshSessionStatistics35Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshSessionStatistics51Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary42Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary48Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshVolume37Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture27Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture54Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption41Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption55Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread29Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread56Decoder;
import io.ticklane.venue.cme.sbe.SecurityStatus30Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh38Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh52Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook44Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook53Decoder;

/**
 * Receives the messages of a validated MDP 3.0 packet from {@link MdpPacketDecoder}, in wire order. Each decoder is
 * the generated flyweight, already wrapped at its message with the message's own block length and version (so
 * fields a version lacks read as null values and groups it lacks as empty); it is valid during the call only and
 * its groups must be read in order. Templates without a method of their own (admin login/logout of the TCP replay,
 * quote requests) arrive at {@link #onOtherMessage}.
 * <p>
 * Every method has an empty default, so an implementation handles what it needs.
 * <p>
 * Threading: the decoder's thread.
 */
public interface MdpMessageHandler
{
    default void onChannelReset(final ChannelReset4Decoder message)
    {
    }

    default void onHeartbeat()
    {
    }

    default void onDefinitionFuture(final MDInstrumentDefinitionFuture27Decoder message)
    {
    }

    default void onDefinitionSpread(final MDInstrumentDefinitionSpread29Decoder message)
    {
    }

    default void onDefinitionOption(final MDInstrumentDefinitionOption41Decoder message)
    {
    }

    default void onDefinitionFuture(final MDInstrumentDefinitionFuture54Decoder message)
    {
    }

    default void onDefinitionOption(final MDInstrumentDefinitionOption55Decoder message)
    {
    }

    default void onDefinitionSpread(final MDInstrumentDefinitionSpread56Decoder message)
    {
    }

    default void onSecurityStatus(final SecurityStatus30Decoder message)
    {
    }

    default void onBook(final MDIncrementalRefreshBook32Decoder message)
    {
    }

    default void onBook(final MDIncrementalRefreshBook46Decoder message)
    {
    }

    default void onOrderBook(final MDIncrementalRefreshOrderBook43Decoder message)
    {
    }

    default void onOrderBook(final MDIncrementalRefreshOrderBook47Decoder message)
    {
    }

    default void onTradeSummary(final MDIncrementalRefreshTradeSummary42Decoder message)
    {
    }

    default void onTradeSummary(final MDIncrementalRefreshTradeSummary48Decoder message)
    {
    }

    default void onVolume(final MDIncrementalRefreshVolume37Decoder message)
    {
    }

    default void onDailyStatistics(final MDIncrementalRefreshDailyStatistics33Decoder message)
    {
    }

    default void onDailyStatistics(final MDIncrementalRefreshDailyStatistics49Decoder message)
    {
    }

    default void onLimitsBanding(final MDIncrementalRefreshLimitsBanding34Decoder message)
    {
    }

    default void onLimitsBanding(final MDIncrementalRefreshLimitsBanding50Decoder message)
    {
    }

    default void onSessionStatistics(final MDIncrementalRefreshSessionStatistics35Decoder message)
    {
    }

    default void onSessionStatistics(final MDIncrementalRefreshSessionStatistics51Decoder message)
    {
    }

    default void onSnapshot(final SnapshotFullRefresh38Decoder message)
    {
    }

    default void onSnapshot(final SnapshotFullRefresh52Decoder message)
    {
    }

    default void onOrderSnapshot(final SnapshotFullRefreshOrderBook44Decoder message)
    {
    }

    default void onOrderSnapshot(final SnapshotFullRefreshOrderBook53Decoder message)
    {
    }

    /**
     * A message of a template in the schema that has no method of its own.
     *
     * @param templateId template.
     * @param version    message version.
     */
    default void onOtherMessage(final int templateId, final int version)
    {
    }
}
