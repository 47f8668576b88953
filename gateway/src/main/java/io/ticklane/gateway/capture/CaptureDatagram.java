package io.ticklane.gateway.capture;

import org.agrona.DirectBuffer;

/**
 * One UDP datagram read from a capture by {@link CaptureReader}: a reusable view whose payload stays valid until the
 * reader's next call. IPv4 addresses are ints in network order ({@code 224.0.31.11} is {@code 0xE0001F0B}).
 * <p>
 * Threading: owned by the thread that reads the capture.
 */
public final class CaptureDatagram
{
    long timestampNs;
    int sourceAddress;
    int sourcePort;
    int destinationAddress;
    int destinationPort;
    DirectBuffer buffer;
    int offset;
    int length;
    long frameIndex;

    /**
     * @return capture timestamp, ns since the epoch.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    public int sourceAddress()
    {
        return sourceAddress;
    }

    public int sourcePort()
    {
        return sourcePort;
    }

    public int destinationAddress()
    {
        return destinationAddress;
    }

    public int destinationPort()
    {
        return destinationPort;
    }

    /**
     * @return the buffer holding the payload (valid until the reader's next call).
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    /**
     * @return 0-based index of the frame in the capture (packet records, not blocks).
     */
    public long frameIndex()
    {
        return frameIndex;
    }

    /**
     * @param dotted an IPv4 address such as {@code 224.0.31.11}.
     * @return it as an int in network order.
     * @throws IllegalArgumentException naming the value when it is not a dotted IPv4 address.
     */
    public static int ipv4(final String dotted)
    {
        final String[] parts = dotted.trim().split("\\.", -1);
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address (a.b.c.d)");
        }
        int address = 0;
        for (final String part : parts)
        {
            final int value;
            try
            {
                value = Integer.parseInt(part);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address (a.b.c.d)");
            }
            if (value < 0 || value > 255 || part.isEmpty() || part.length() > 3)
            {
                throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address (a.b.c.d, 0..255)");
            }
            address = address << 8 | value;
        }
        return address;
    }

    /**
     * @param address an IPv4 address in network order.
     * @return it dotted (allocates).
     */
    public static String ipv4(final int address)
    {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    public String toString()
    {
        return "CaptureDatagram{" + ipv4(sourceAddress) + ":" + sourcePort + " -> " + ipv4(destinationAddress) + ":" +
            destinationPort + ", " + length + " bytes, t=" + timestampNs + ", frame " + frameIndex + "}";
    }
}
