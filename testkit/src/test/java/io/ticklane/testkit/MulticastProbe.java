package io.ticklane.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * A child process for {@link NamespaceNetworkTest}, run inside a namespace: {@code send GROUP PORT IF TEXT} sends TEXT
 * to the group out of interface IF (its address) every 20 ms until killed (a receiver may join after the first);
 * {@code receive GROUP PORT IF} joins the group on IF, prints {@code ready}, then the first datagram as
 * {@code received TEXT from ADDRESS} and exits.
 */
public final class MulticastProbe
{
    private MulticastProbe()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final InetAddress group = InetAddress.getByName(args[1]);
        final int port = Integer.parseInt(args[2]);
        final NetworkInterface nif = NetworkInterface.getByInetAddress(InetAddress.getByName(args[3]));
        try (DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            if ("send".equals(args[0]))
            {
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
                final byte[] text = args[4].getBytes(StandardCharsets.UTF_8);
                while (true)
                {
                    socket.send(ByteBuffer.wrap(text), new InetSocketAddress(group, port));
                    Thread.sleep(20);
                }
            }
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(new InetSocketAddress(port));
            socket.join(group, nif);
            System.out.println("ready");
            final ByteBuffer buffer = ByteBuffer.allocate(1500);
            final InetSocketAddress from = (InetSocketAddress)socket.receive(buffer);
            buffer.flip();
            System.out.println("received " + StandardCharsets.UTF_8.decode(buffer) + " from " +
                from.getAddress().getHostAddress());
        }
    }
}
