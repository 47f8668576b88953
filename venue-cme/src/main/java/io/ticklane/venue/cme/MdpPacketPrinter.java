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
 * Prints MDP 3.0 packets for {@code engine journal dump}: the packet header, then each message decoded through the
 * generated codecs of CME's schema (every field, as the codecs print them), or why the packet was refused. Not for
 * the hot path: it builds strings.
 */
public final class MdpPacketPrinter implements MdpMessageHandler
{
    private final MdpPacketDecoder decoder = new MdpPacketDecoder();
    private StringBuilder out;

    /**
     * @param buffer the packet.
     * @param offset its start.
     * @param length its length.
     * @param out    receives one line for the header and one per message.
     */
    public void print(final org.agrona.DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        this.out = out;
        if (length < MdpPacketDescriptor.HEADER_LENGTH)
        {
            out.append("  mdp packet of ").append(length).append(" bytes: too short for the header\n");
            return;
        }
        out.append("  mdp MsgSeqNum ").append(MdpPacketDescriptor.msgSeqNum(buffer, offset))
            .append("  SendingTime ").append(MdpPacketDescriptor.sendingTimeNs(buffer, offset)).append('\n');
        final int result = decoder.decode(buffer, offset, length, this);
        if (result != MdpPacketDecoder.OK)
        {
            out.append("  refused: ").append(MdpPacketDecoder.resultName(result)).append('\n');
        }
    }

    private void line(final Object message)
    {
        out.append("    ").append(message).append('\n');
    }

    public void onHeartbeat()
    {
        out.append("    AdminHeartbeat12\n");
    }

    public void onOtherMessage(final int templateId, final int version)
    {
        out.append("    template ").append(templateId).append(" version ").append(version).append(" (not decoded)\n");
    }

    public void onChannelReset(final ChannelReset4Decoder message)
    {
        line(message);
    }

    public void onDefinitionFuture(final MDInstrumentDefinitionFuture27Decoder message)
    {
        line(message);
    }

    public void onDefinitionSpread(final MDInstrumentDefinitionSpread29Decoder message)
    {
        line(message);
    }

    public void onDefinitionOption(final MDInstrumentDefinitionOption41Decoder message)
    {
        line(message);
    }

    public void onDefinitionFuture(final MDInstrumentDefinitionFuture54Decoder message)
    {
        line(message);
    }

    public void onDefinitionOption(final MDInstrumentDefinitionOption55Decoder message)
    {
        line(message);
    }

    public void onDefinitionSpread(final MDInstrumentDefinitionSpread56Decoder message)
    {
        line(message);
    }

    public void onSecurityStatus(final SecurityStatus30Decoder message)
    {
        line(message);
    }

    public void onBook(final MDIncrementalRefreshBook32Decoder message)
    {
        line(message);
    }

    public void onBook(final MDIncrementalRefreshBook46Decoder message)
    {
        line(message);
    }

    public void onOrderBook(final MDIncrementalRefreshOrderBook43Decoder message)
    {
        line(message);
    }

    public void onOrderBook(final MDIncrementalRefreshOrderBook47Decoder message)
    {
        line(message);
    }

    public void onTradeSummary(final MDIncrementalRefreshTradeSummary42Decoder message)
    {
        line(message);
    }

    public void onTradeSummary(final MDIncrementalRefreshTradeSummary48Decoder message)
    {
        line(message);
    }

    public void onVolume(final MDIncrementalRefreshVolume37Decoder message)
    {
        line(message);
    }

    public void onDailyStatistics(final MDIncrementalRefreshDailyStatistics33Decoder message)
    {
        line(message);
    }

    public void onDailyStatistics(final MDIncrementalRefreshDailyStatistics49Decoder message)
    {
        line(message);
    }

    public void onLimitsBanding(final MDIncrementalRefreshLimitsBanding34Decoder message)
    {
        line(message);
    }

    public void onLimitsBanding(final MDIncrementalRefreshLimitsBanding50Decoder message)
    {
        line(message);
    }

    public void onSessionStatistics(final MDIncrementalRefreshSessionStatistics35Decoder message)
    {
        line(message);
    }

    public void onSessionStatistics(final MDIncrementalRefreshSessionStatistics51Decoder message)
    {
        line(message);
    }

    public void onSnapshot(final SnapshotFullRefresh38Decoder message)
    {
        line(message);
    }

    public void onSnapshot(final SnapshotFullRefresh52Decoder message)
    {
        line(message);
    }

    public void onOrderSnapshot(final SnapshotFullRefreshOrderBook44Decoder message)
    {
        line(message);
    }

    public void onOrderSnapshot(final SnapshotFullRefreshOrderBook53Decoder message)
    {
        line(message);
    }

}
