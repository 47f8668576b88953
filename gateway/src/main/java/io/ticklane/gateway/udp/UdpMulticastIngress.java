package io.ticklane.gateway.udp;

import io.ticklane.gateway.Ingress;
import io.ticklane.gateway.PacketHandler;
import io.ticklane.gateway.PacketSource;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Raw UDP multicast receiver for a venue channel's lines: one non-blocking socket per {@link UdpLine} (line A and B
 * of each feed), bound to its group and port and joined on its configured interface. {@link #poll} reads each
 * socket into a pre-allocated direct buffer and stamps the receive time with {@link System#nanoTime()}.
 * <p>
 * No allocation per packet: {@link DatagramChannel#receive} into a direct buffer reads straight into it, and on
 * JDK 17 returns a sender address it caches while the sender stays the same (one sender per line, as on a venue
 * feed); {@code UdpMulticastIngressTest} proves it with the thread's allocation counter.
 * <p>
 * Kernel settings: the receive buffer ({@code SO_RCVBUF}) is asked for at construction and a warning line goes to
 * the given sink when the kernel grants less (it caps at {@code net.core.rmem_max}). Kernel drops per socket (from
 * {@code /proc/net/udp}) and the host's receive-buffer errors are read by {@link #refreshKernelCounters()}, which
 * allocates and belongs on a timer, not the polling loop.
 * <p>
 * Threading: construction, {@link #poll} and {@link #close} on the gateway thread; the counter getters are plain
 * reads for that thread (publish them elsewhere through counters).
 */
public final class UdpMulticastIngress implements Ingress
{
    /** Receive buffer asked for by default: room for a burst of a busy CME channel. */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 8 << 20;
    /** Largest datagram read whole (the largest UDP payload). */
    public static final int MAX_DATAGRAM_LENGTH = 65_507;

    private final UdpLine[] lines;
    private final DatagramChannel[] channels;
    private final ByteBuffer[] byteBuffers;
    private final UnsafeBuffer[] buffers;
    private final long[] inodes;
    private final long[] received;
    private final long[] bytes;
    private final long[] kernelDrops;
    private final int[] grantedReceiveBuffer;
    private final KernelUdpStats kernel;
    private final String description;
    private long hostReceiveBufferErrors = KernelUdpStats.UNKNOWN;
    private int next;

    /**
     * Opens, binds and joins one socket per line.
     *
     * @param lines              the lines, in any order.
     * @param receiveBufferBytes {@code SO_RCVBUF} to ask for, per socket.
     * @param warnings           receives one line per setting the kernel did not grant.
     * @throws IOException naming the line when a socket cannot be opened, bound or joined, or an interface is not
     *                     found.
     */
    public UdpMulticastIngress(
        final List<UdpLine> lines, final int receiveBufferBytes, final Consumer<String> warnings) throws IOException
    {
        this(lines, receiveBufferBytes, warnings, KernelUdpStats.host());
    }

    UdpMulticastIngress(
        final List<UdpLine> lines,
        final int receiveBufferBytes,
        final Consumer<String> warnings,
        final KernelUdpStats kernel) throws IOException
    {
        if (lines.isEmpty())
        {
            throw new IllegalArgumentException("no lines to receive");
        }
        final int n = lines.size();
        this.lines = lines.toArray(new UdpLine[0]);
        this.kernel = kernel;
        channels = new DatagramChannel[n];
        byteBuffers = new ByteBuffer[n];
        buffers = new UnsafeBuffer[n];
        inodes = new long[n];
        received = new long[n];
        bytes = new long[n];
        kernelDrops = new long[n];
        grantedReceiveBuffer = new int[n];
        final StringBuilder describe = new StringBuilder("udp");
        try
        {
            for (int i = 0; i < n; i++)
            {
                channels[i] = open(this.lines[i], receiveBufferBytes, warnings, i);
                byteBuffers[i] = ByteBuffer.allocateDirect(MAX_DATAGRAM_LENGTH);
                buffers[i] = new UnsafeBuffer(byteBuffers[i]);
                inodes[i] = KernelUdpStats.socketInode(channels[i]);
                kernelDrops[i] = KernelUdpStats.UNKNOWN;
                describe.append(i == 0 ? " " : ", ").append(this.lines[i].group()).append(':')
                    .append(localPort(i)).append(" on ").append(this.lines[i].networkInterface()).append(" (")
                    .append(PacketSource.name(this.lines[i].source())).append(')');
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            close();
            throw ex;
        }
        description = describe.toString();
    }

    private DatagramChannel open(
        final UdpLine line, final int receiveBufferBytes, final Consumer<String> warnings, final int index)
        throws IOException
    {
        final NetworkInterface networkInterface = networkInterface(line);
        final InetAddress group = InetAddress.getByName(line.group());
        if (!group.isMulticastAddress())
        {
            throw new IOException(line + ": " + line.group() + " is not a multicast group");
        }
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            grantedReceiveBuffer[index] = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            checkReceiveBuffer(line, receiveBufferBytes, grantedReceiveBuffer[index], warnings);
            channel.bind(new InetSocketAddress(group, line.port())); // bound to the group: only its datagrams
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface);
            if (line.sourceAddress() != null)
            {
                channel.join(group, networkInterface, InetAddress.getByName(line.sourceAddress()));
            }
            else
            {
                channel.join(group, networkInterface);
            }
            channel.configureBlocking(false);
            return channel;
        }
        catch (final IOException ex)
        {
            channel.close();
            throw new IOException(line + ": " + ex.getMessage(), ex);
        }
    }

    private void checkReceiveBuffer(
        final UdpLine line, final int asked, final int granted, final Consumer<String> warnings)
    {
        // Linux reports twice the usable size it granted (the kernel doubles it for its own bookkeeping).
        final long usable = System.getProperty("os.name", "").startsWith("Linux") ? granted / 2L : granted;
        if (usable < asked)
        {
            final long max = kernel.receiveBufferMax();
            warnings.accept("udp " + line + ": SO_RCVBUF asked " + asked + " bytes, kernel granted " + usable +
                (max >= 0 ? " (net.core.rmem_max=" + max + "; raise it: sysctl -w net.core.rmem_max=" + asked + ")" :
                ""));
        }
    }

    private static NetworkInterface networkInterface(final UdpLine line) throws IOException
    {
        final String name = line.networkInterface();
        if (name == null || name.isEmpty())
        {
            throw new IOException(line + ": no interface configured");
        }
        NetworkInterface found = NetworkInterface.getByName(name);
        if (found == null)
        {
            try
            {
                found = NetworkInterface.getByInetAddress(InetAddress.getByName(name));
            }
            catch (final IOException ex)
            {
                found = null;
            }
        }
        if (found == null)
        {
            throw new IOException(line + ": interface '" + name + "' not found; available: " + interfaceNames());
        }
        return found;
    }

    private static String interfaceNames()
    {
        try
        {
            final List<String> names = new ArrayList<>();
            for (final NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces()))
            {
                names.add(ni.getName());
            }
            return String.join(", ", names);
        }
        catch (final SocketException ex)
        {
            return "(cannot list: " + ex.getMessage() + ")";
        }
    }

    public int poll(final PacketHandler handler, final int limit)
    {
        final int n = channels.length;
        int delivered = 0;
        int idle = 0;
        while (delivered < limit && idle < n)
        {
            final int i = next;
            next = i + 1 == n ? 0 : i + 1;
            final ByteBuffer byteBuffer = byteBuffers[i];
            byteBuffer.clear();
            try
            {
                if (channels[i].receive(byteBuffer) == null)
                {
                    idle++;
                    continue;
                }
            }
            catch (final IOException ex)
            {
                idle++; // a socket error (ICMP, interface down) is not a packet; the next poll tries again
                continue;
            }
            idle = 0;
            final long receiveTimeNs = System.nanoTime();
            final int length = byteBuffer.position();
            received[i]++;
            bytes[i] += length;
            delivered++;
            handler.onPacket(lines[i].source(), buffers[i], 0, length, receiveTimeNs);
        }
        return delivered;
    }

    /**
     * Reads the kernel's drop counts for each socket and the host's receive-buffer errors. Allocates: call it from
     * a timer (once a second), not per poll.
     */
    public void refreshKernelCounters()
    {
        for (int i = 0; i < inodes.length; i++)
        {
            kernelDrops[i] = kernel.drops(inodes[i]);
        }
        hostReceiveBufferErrors = kernel.hostReceiveBufferErrors();
    }

    /**
     * @return lines, in the order given.
     */
    public int lineCount()
    {
        return lines.length;
    }

    /**
     * @param line index in the order given.
     * @return the port the line's socket is bound to (the configured one, or the one chosen for port 0).
     */
    public int localPort(final int line)
    {
        try
        {
            return ((InetSocketAddress)channels[line].getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            return lines[line].port();
        }
    }

    /**
     * @param line index in the order given.
     * @return datagrams received on it.
     */
    public long received(final int line)
    {
        return received[line];
    }

    /**
     * @param line index in the order given.
     * @return payload bytes received on it.
     */
    public long bytes(final int line)
    {
        return bytes[line];
    }

    /**
     * @param line index in the order given.
     * @return datagrams the kernel dropped for this socket (full receive buffer), as of the last
     *         {@link #refreshKernelCounters()}, or {@link KernelUdpStats#UNKNOWN}.
     */
    public long kernelDrops(final int line)
    {
        return kernelDrops[line];
    }

    /**
     * @return the host's UDP receive-buffer errors (every socket) as of the last {@link #refreshKernelCounters()},
     *         or {@link KernelUdpStats#UNKNOWN}.
     */
    public long hostReceiveBufferErrors()
    {
        return hostReceiveBufferErrors;
    }

    /**
     * @param line index in the order given.
     * @return the receive buffer the kernel reports for the socket.
     */
    public int grantedReceiveBuffer(final int line)
    {
        return grantedReceiveBuffer[line];
    }

    public String describe()
    {
        return description;
    }

    public void close()
    {
        for (final DatagramChannel channel : channels)
        {
            if (channel != null)
            {
                try
                {
                    channel.close();
                }
                catch (final IOException ignore)
                {
                    // closing: nothing more to do with it
                }
            }
        }
    }
}
