package io.ticklane.engine;

import io.ticklane.gateway.capture.CaptureDatagram;
import io.ticklane.gateway.capture.CaptureReader;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code engine feed --pcap}: a tcpreplay for the engine. Sends every UDP payload of a capture, in capture order, to
 * the multicast group and port it was captured going to, out of one interface (loopback by default, so a capture
 * never leaks onto a network by accident), at the recorded pace times a speed, at a fixed rate, or as fast as the
 * socket takes them.
 * <p>
 * Main thread. Reuses one direct buffer; the datagram payload is copied into it once.
 */
final class CaptureFeed
{
    /** Pacing: recorded pace times {@code speed}, a fixed rate, or none. */
    record Pace(double speed, long packetsPerSecond)
    {
        static Pace fastest()
        {
            return new Pace(0, 0);
        }
    }

    /**
     * What was sent.
     *
     * @param sent     datagrams sent.
     * @param bytes    payload bytes sent.
     * @param skipped  capture records that were not whole UDP datagrams (counted by the reader).
     * @param seconds  time spent.
     * @param capture  the reader's summary.
     */
    record Result(long sent, long bytes, long skipped, double seconds, String capture)
    {
    }

    private CaptureFeed()
    {
    }

    /**
     * @param capture        the file.
     * @param interfaceName  the interface to send out of (name or address), e.g. {@code lo}.
     * @param pace           the pacing.
     * @param stop           true ends the replay early.
     * @param progress       called about once a second with datagrams sent so far.
     * @return what was sent.
     * @throws IOException when the capture cannot be read or the socket cannot send (one line naming which).
     */
    static Result send(
        final Path capture,
        final String interfaceName,
        final Pace pace,
        final BooleanSupplier stop,
        final java.util.function.LongConsumer progress) throws IOException
    {
        final NetworkInterface nif = networkInterface(interfaceName);
        final ByteBuffer payload = ByteBuffer.allocateDirect(65_536);
        final CaptureDatagram datagram = new CaptureDatagram();
        long sent = 0;
        long bytes = 0;
        final long startNs = System.nanoTime();
        long nextProgressNs = startNs + 1_000_000_000L;
        long firstCaptureNs = Long.MIN_VALUE;
        try (CaptureReader reader = CaptureReader.open(capture);
            DatagramChannel socket = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            while (!stop.getAsBoolean() && reader.next(datagram))
            {
                if (firstCaptureNs == Long.MIN_VALUE)
                {
                    firstCaptureNs = datagram.timestampNs();
                }
                waitForTurn(pace, startNs, datagram.timestampNs() - firstCaptureNs, sent);
                payload.clear();
                datagram.buffer().getBytes(datagram.offset(), payload, datagram.length());
                payload.flip();
                socket.send(payload, new InetSocketAddress(address(datagram.destinationAddress()),
                    datagram.destinationPort()));
                sent++;
                bytes += datagram.length();
                final long nowNs = System.nanoTime();
                if (nowNs >= nextProgressNs)
                {
                    progress.accept(sent);
                    nextProgressNs += 1_000_000_000L;
                }
            }
            return new Result(sent, bytes, reader.frames() - reader.datagrams(), (System.nanoTime() - startNs) / 1e9,
                reader.summary());
        }
    }

    private static void waitForTurn(final Pace pace, final long startNs, final long capturedSinceStartNs, final long sent)
    {
        final long dueNs;
        if (pace.speed() > 0)
        {
            dueNs = startNs + (long)(capturedSinceStartNs / pace.speed());
        }
        else if (pace.packetsPerSecond() > 0)
        {
            dueNs = startNs + (long)(sent * 1e9 / pace.packetsPerSecond());
        }
        else
        {
            return;
        }
        long waitNs;
        while ((waitNs = dueNs - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(Math.min(waitNs, 1_000_000L));
        }
    }

    private static InetAddress address(final int ipv4) throws IOException
    {
        return InetAddress.getByAddress(new byte[]{
            (byte)(ipv4 >>> 24), (byte)(ipv4 >>> 16), (byte)(ipv4 >>> 8), (byte)ipv4});
    }

    private static NetworkInterface networkInterface(final String name) throws IOException
    {
        NetworkInterface nif = NetworkInterface.getByName(name);
        if (null == nif)
        {
            try
            {
                nif = NetworkInterface.getByInetAddress(InetAddress.getByName(name));
            }
            catch (final IOException ignore)
            {
                nif = null;
            }
        }
        if (null == nif)
        {
            throw new UsageException("option '--interface' has value '" + name + "'; allowed: the name or address " +
                "of one of this host's interfaces (e.g. lo, 127.0.0.1, eth0)");
        }
        return nif;
    }
}
