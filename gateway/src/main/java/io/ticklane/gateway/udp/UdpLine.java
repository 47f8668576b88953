package io.ticklane.gateway.udp;

import io.ticklane.gateway.PacketSource;

/**
 * One multicast line to receive: which {@link PacketSource} its packets are, the group and port, the local
 * interface to join on (a name such as {@code eth1} or {@code lo}, or one of its addresses), and optionally the
 * sender's address for a source-specific join. Immutable.
 */
public final class UdpLine
{
    private final int source;
    private final String group;
    private final int port;
    private final String networkInterface;
    private final String sourceAddress;

    /**
     * @param source           a {@link PacketSource}.
     * @param group            multicast group, dotted IPv4.
     * @param port             UDP port, 0..65535 (0: any free port, see {@link UdpMulticastIngress#localPort}).
     * @param networkInterface interface name or address to join on.
     * @param sourceAddress    sender for a source-specific join, or null for any sender.
     */
    public UdpLine(
        final int source, final String group, final int port, final String networkInterface,
        final String sourceAddress)
    {
        if (source < 0 || source >= PacketSource.COUNT)
        {
            throw new IllegalArgumentException("source " + source + "; allowed: 0.." + (PacketSource.COUNT - 1));
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port " + port + " for " + group + "; allowed: 0..65535");
        }
        this.source = source;
        this.group = group;
        this.port = port;
        this.networkInterface = networkInterface;
        this.sourceAddress = sourceAddress;
    }

    public int source()
    {
        return source;
    }

    public String group()
    {
        return group;
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

    public String toString()
    {
        return group + ":" + port + " on " + networkInterface + " (" + PacketSource.name(source) + ")" +
            (sourceAddress != null ? " from " + sourceAddress : "");
    }
}
