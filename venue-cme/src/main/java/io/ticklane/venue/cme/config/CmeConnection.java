package io.ticklane.venue.cme.config;

import io.ticklane.gateway.capture.CaptureDatagram;
import io.ticklane.gateway.udp.UdpLine;

/**
 * One multicast line of a channel's feed, as a {@code <connection>} of CME's config.xml describes it, plus the local
 * interface to receive it on. Immutable.
 */
public final class CmeConnection
{
    private final String id;
    private final int feed;
    private final int line;
    private final String group;
    private final int groupAddress;
    private final int port;
    private final String networkInterface;
    private final String sourceAddress;

    /**
     * @param id               CME's connection id, e.g. {@code 310IA}.
     * @param feed             a {@link CmeFeed}.
     * @param line             0 (A) or 1 (B).
     * @param group            multicast group, dotted IPv4.
     * @param port             UDP port.
     * @param networkInterface local interface name or address, or null when not configured.
     * @param sourceAddress    the sender ({@code host-ip}), or null.
     */
    public CmeConnection(
        final String id,
        final int feed,
        final int line,
        final String group,
        final int port,
        final String networkInterface,
        final String sourceAddress)
    {
        this.id = id;
        this.feed = feed;
        this.line = line;
        this.group = group;
        this.groupAddress = CaptureDatagram.ipv4(group);
        this.port = port;
        this.networkInterface = networkInterface;
        this.sourceAddress = sourceAddress;
    }

    public String id()
    {
        return id;
    }

    public int feed()
    {
        return feed;
    }

    public int line()
    {
        return line;
    }

    public String group()
    {
        return group;
    }

    /**
     * @return the group as an int in network order, as {@link CaptureDatagram} gives destinations.
     */
    public int groupAddress()
    {
        return groupAddress;
    }

    public int port()
    {
        return port;
    }

    public String networkInterface()
    {
        return networkInterface;
    }

    public String sourceAddress()
    {
        return sourceAddress;
    }

    /**
     * @return the {@link io.ticklane.gateway.PacketSource} of this line's packets.
     */
    public int packetSource()
    {
        return CmeFeed.packetSource(feed, line);
    }

    /**
     * @return this line for a {@link io.ticklane.gateway.udp.UdpMulticastIngress} (source-specific when the config
     *         names the sender).
     */
    public UdpLine udpLine()
    {
        return new UdpLine(packetSource(), group, port, networkInterface, sourceAddress);
    }

    public String toString()
    {
        return id + " " + CmeFeed.name(feed) + " " + (line == 0 ? 'A' : 'B') + " " + group + ":" + port +
            (networkInterface != null ? " on " + networkInterface : "");
    }
}
