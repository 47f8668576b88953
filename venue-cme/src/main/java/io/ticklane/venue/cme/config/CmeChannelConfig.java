package io.ticklane.venue.cme.config;

import io.ticklane.gateway.capture.CaptureIngress;
import io.ticklane.gateway.udp.UdpLine;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One channel of CME's config.xml: its id, its feeds' lines, and what to assume about instruments the feed does not
 * define (per channel, and per security id). Immutable once parsed.
 * <p>
 * The entry points for wiring: {@link #source} is a {@link CaptureIngress.SourceLookup} for a capture of this
 * channel, and {@link #udpLines()} the lines of a {@link io.ticklane.gateway.udp.UdpMulticastIngress}.
 */
public final class CmeChannelConfig implements CaptureIngress.SourceLookup
{
    private final int id;
    private final String label;
    private final List<CmeConnection> connections;
    private final CmeConnection[] byFeedAndLine = new CmeConnection[CmeFeed.COUNT * 2];
    private final CmeInstrumentDefaults defaults;
    private final Int2ObjectHashMap<CmeInstrumentDefaults> instruments;

    /**
     * @param id          channel id (CME's ApplID).
     * @param label       CME's label, or empty.
     * @param connections the lines, at most one per feed and line.
     * @param defaults    assumptions for undefined instruments, or null.
     * @param instruments assumptions per security id (override {@code defaults}).
     */
    public CmeChannelConfig(
        final int id,
        final String label,
        final List<CmeConnection> connections,
        final CmeInstrumentDefaults defaults,
        final Int2ObjectHashMap<CmeInstrumentDefaults> instruments)
    {
        this.id = id;
        this.label = label;
        this.connections = Collections.unmodifiableList(new ArrayList<>(connections));
        for (final CmeConnection connection : connections)
        {
            final int slot = connection.feed() * 2 + connection.line();
            if (byFeedAndLine[slot] != null)
            {
                throw new IllegalArgumentException("channel " + id + ": two connections for " +
                    CmeFeed.name(connection.feed()) + " line " + (connection.line() == 0 ? 'A' : 'B'));
            }
            byFeedAndLine[slot] = connection;
        }
        this.defaults = defaults;
        this.instruments = instruments;
    }

    public int id()
    {
        return id;
    }

    public String label()
    {
        return label;
    }

    public List<CmeConnection> connections()
    {
        return connections;
    }

    /**
     * @param feed a {@link CmeFeed}.
     * @param line 0 (A) or 1 (B).
     * @return the connection, or null when not configured.
     */
    public CmeConnection connection(final int feed, final int line)
    {
        return byFeedAndLine[feed * 2 + line];
    }

    /**
     * @param securityId an instrument.
     * @return what to assume about it when the feed does not define it, or null when nothing is configured.
     */
    public CmeInstrumentDefaults defaultsFor(final int securityId)
    {
        final CmeInstrumentDefaults own = instruments.get(securityId);
        return own != null ? own : defaults;
    }

    /**
     * @return the channel-wide defaults, or null.
     */
    public CmeInstrumentDefaults defaults()
    {
        return defaults;
    }

    /**
     * @return true when some instrument of the channel is configured with an order-by-order book.
     */
    public boolean hasOrderBooks()
    {
        if (defaults != null && (defaults.books() & io.ticklane.book.InstrumentDefinition.BOOK_ORDERS) != 0)
        {
            return true;
        }
        for (final CmeInstrumentDefaults d : instruments.values())
        {
            if ((d.books() & io.ticklane.book.InstrumentDefinition.BOOK_ORDERS) != 0)
            {
                return true;
            }
        }
        return connection(CmeFeed.SNAPSHOT_MBO, 0) != null || connection(CmeFeed.SNAPSHOT_MBO, 1) != null;
    }

    /**
     * A capture's destination to this channel's packet source: the {@link CaptureIngress.SourceLookup} of a capture
     * ingress for the channel. Allocation-free.
     *
     * @param group destination address, network order.
     * @param port  destination port.
     * @return a {@link io.ticklane.gateway.PacketSource}, or {@link CaptureIngress#NOT_MINE}.
     */
    public int source(final int group, final int port)
    {
        for (final CmeConnection connection : byFeedAndLine)
        {
            if (connection != null && connection.groupAddress() == group && connection.port() == port)
            {
                return connection.packetSource();
            }
        }
        return CaptureIngress.NOT_MINE;
    }

    /**
     * @return every configured line, for a {@link io.ticklane.gateway.udp.UdpMulticastIngress}.
     */
    public List<UdpLine> udpLines()
    {
        final List<UdpLine> lines = new ArrayList<>();
        for (final CmeConnection connection : connections)
        {
            lines.add(connection.udpLine());
        }
        return lines;
    }

    public String toString()
    {
        return "channel " + id + (label.isEmpty() ? "" : " (" + label + ")") + ": " + connections;
    }
}
