package io.ticklane.gateway.capture;

import io.ticklane.gateway.Ingress;
import io.ticklane.gateway.PacketHandler;
import io.ticklane.gateway.PacketSource;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An {@link Ingress} over a capture file: each UDP datagram whose destination (multicast group, port) the lookup
 * maps to a {@link PacketSource} is delivered with the capture's timestamp as its receive time; the others are
 * skipped and counted ({@link #unmatched()}). The lookup is given at construction (a venue channel's configured
 * feeds), so one capture holding several channels is read by one ingress per channel.
 * <p>
 * Delivers as fast as it is polled (pacing at recorded speed belongs to the caller, which sees the timestamps).
 * <p>
 * Threading: polled by one thread. Allocation-free per packet.
 */
public final class CaptureIngress implements Ingress
{
    /** What {@link SourceLookup#source} returns for a datagram that belongs to no feed of this ingress. */
    public static final int NOT_MINE = -1;

    /** Maps a datagram's destination to the feed it belongs to. */
    @FunctionalInterface
    public interface SourceLookup
    {
        /**
         * @param group destination IPv4 address, network order as an int (see {@link CaptureDatagram#ipv4}).
         * @param port  destination UDP port.
         * @return a {@link PacketSource}, or {@link #NOT_MINE}.
         */
        int source(int group, int port);
    }

    private final CaptureReader reader;
    private final SourceLookup lookup;
    private final CaptureDatagram datagram = new CaptureDatagram();
    private final long[] delivered = new long[PacketSource.COUNT];
    private long unmatched;

    /**
     * @param reader an open capture; closed with this ingress.
     * @param lookup maps destinations to sources.
     */
    public CaptureIngress(final CaptureReader reader, final SourceLookup lookup)
    {
        this.reader = reader;
        this.lookup = lookup;
    }

    /**
     * @param path   a pcap or pcapng file.
     * @param lookup maps destinations to sources.
     * @return an ingress over it.
     * @throws IOException when the file cannot be read or is not a capture (one line naming the file).
     */
    public static CaptureIngress open(final Path path, final SourceLookup lookup) throws IOException
    {
        return new CaptureIngress(CaptureReader.open(path), lookup);
    }

    public int poll(final PacketHandler handler, final int limit)
    {
        int count = 0;
        int examined = 0;
        final int examineLimit = Math.max(limit, 1) * 64; // bounded work per poll even when little matches
        while (count < limit && examined < examineLimit && reader.next(datagram))
        {
            examined++;
            final int source = lookup.source(datagram.destinationAddress(), datagram.destinationPort());
            if (source < 0 || source >= PacketSource.COUNT)
            {
                unmatched++;
                continue;
            }
            delivered[source]++;
            count++;
            handler.onPacket(source, datagram.buffer(), datagram.offset(), datagram.length(), datagram.timestampNs());
        }
        return count;
    }

    /**
     * @return true when the capture has been read to its end.
     */
    public boolean isDone()
    {
        return reader.isEnded();
    }

    /**
     * @param source a {@link PacketSource}.
     * @return datagrams delivered for it.
     */
    public long delivered(final int source)
    {
        return delivered[source];
    }

    /**
     * @return datagrams whose destination the lookup did not map.
     */
    public long unmatched()
    {
        return unmatched;
    }

    /**
     * @return the reader, for its counts.
     */
    public CaptureReader reader()
    {
        return reader;
    }

    public String describe()
    {
        return "capture " + reader.name();
    }

    public void close()
    {
        reader.close();
    }
}
