package io.ticklane.gateway.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes small pcap and pcapng files for tests, byte by byte from the published formats
 * ({@link CaptureFormatDescriptor}), so the reader is tested against files it did not write itself: frames with
 * Ethernet (optionally 802.1Q/802.1ad tagged), SLL, SLL2, raw IPv4 or BSD loopback framing around IPv4 UDP, and the
 * odd ones (IPv6, TCP, fragments).
 */
final class CaptureBuilder
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    byte[] bytes()
    {
        return out.toByteArray();
    }

    CaptureBuilder order(final ByteOrder order)
    {
        this.order = order;
        return this;
    }

    private void put(final byte[] b)
    {
        out.write(b, 0, b.length);
    }

    private byte[] ints(final int... values)
    {
        final ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(order);
        for (final int v : values)
        {
            b.putInt(v);
        }
        return b.array();
    }

    CaptureBuilder pcapHeader(final boolean nanos, final int linkType, final int snapLength)
    {
        put(ints(nanos ? CaptureFormatDescriptor.PCAP_MAGIC_NANOS : CaptureFormatDescriptor.PCAP_MAGIC_MICROS));
        final ByteBuffer b = ByteBuffer.allocate(20).order(order);
        b.putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(snapLength).putInt(linkType);
        put(b.array());
        return this;
    }

    CaptureBuilder pcapRecord(final long seconds, final long fraction, final byte[] frame, final int originalLength)
    {
        put(ints((int)seconds, (int)fraction, frame.length, originalLength));
        put(frame);
        return this;
    }

    CaptureBuilder sectionHeader()
    {
        block(CaptureFormatDescriptor.PCAPNG_SECTION_HEADER, concat(ints(CaptureFormatDescriptor.PCAPNG_BYTE_ORDER_MAGIC),
            shorts(1, 0), longs(-1L)));
        return this;
    }

    CaptureBuilder interfaceDescription(final int linkType, final int snapLength, final byte[] options)
    {
        block(CaptureFormatDescriptor.PCAPNG_INTERFACE_DESCRIPTION, concat(shorts(linkType, 0), ints(snapLength),
            options));
        return this;
    }

    byte[] tsresolOption(final int value)
    {
        return concat(shorts(9, 1), new byte[]{(byte)value, 0, 0, 0}, shorts(0, 0));
    }

    byte[] tsresolAndOffset(final int value, final long offsetSeconds)
    {
        return concat(shorts(9, 1), new byte[]{(byte)value, 0, 0, 0}, shorts(14, 8), longs(offsetSeconds),
            shorts(0, 0));
    }

    CaptureBuilder enhancedPacket(final int interfaceId, final long units, final byte[] frame, final int original)
    {
        block(CaptureFormatDescriptor.PCAPNG_ENHANCED_PACKET, concat(ints(interfaceId, (int)(units >>> 32), (int)units,
            frame.length, original), pad(frame), shorts(0, 0)));
        return this;
    }

    CaptureBuilder obsoletePacket(final int interfaceId, final long units, final byte[] frame)
    {
        block(CaptureFormatDescriptor.PCAPNG_PACKET, concat(shorts(interfaceId, 0), ints((int)(units >>> 32),
            (int)units, frame.length, frame.length), pad(frame)));
        return this;
    }

    CaptureBuilder simplePacket(final byte[] frame)
    {
        block(CaptureFormatDescriptor.PCAPNG_SIMPLE_PACKET, concat(ints(frame.length), pad(frame)));
        return this;
    }

    CaptureBuilder unknownBlock()
    {
        block(0x0BAD, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        return this;
    }

    private void block(final int type, final byte[] body)
    {
        final int total = body.length + 12;
        put(ints(type, total));
        put(body);
        put(ints(total));
    }

    private byte[] shorts(final int... values)
    {
        final ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(order);
        for (final int v : values)
        {
            b.putShort((short)v);
        }
        return b.array();
    }

    private byte[] longs(final long... values)
    {
        final ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
        for (final long v : values)
        {
            b.putLong(v);
        }
        return b.array();
    }

    static byte[] pad(final byte[] frame)
    {
        return java.util.Arrays.copyOf(frame, (frame.length + 3) & ~3);
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (final byte[] p : parts)
        {
            b.write(p, 0, p.length);
        }
        return b.toByteArray();
    }

    /** An IPv4 UDP packet (big-endian headers). */
    static byte[] ipv4Udp(
        final int source, final int sourcePort, final int group, final int port, final byte[] payload,
        final int flagsAndFragment, final int protocol)
    {
        final ByteBuffer b = ByteBuffer.allocate(28 + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte)0x45).put((byte)0).putShort((short)(28 + payload.length)).putShort((short)7)
            .putShort((short)flagsAndFragment).put((byte)16).put((byte)protocol).putShort((short)0)
            .putInt(source).putInt(group);
        b.putShort((short)sourcePort).putShort((short)port).putShort((short)(8 + payload.length)).putShort((short)0);
        b.put(payload);
        return b.array();
    }

    static byte[] udp(final int group, final int port, final byte[] payload)
    {
        return ipv4Udp(0x0A000001, 40000, group, port, payload, 0, 17);
    }

    static byte[] ethernet(final int etherType, final byte[] payload, final int... vlanTags)
    {
        final ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanTags.length + payload.length + 4)
            .order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[]{1, 0, 0x5e, 0, 0, 1, 2, 2, 2, 2, 2, 2});
        for (final int tpid : vlanTags)
        {
            b.putShort((short)tpid).putShort((short)0x0064);
        }
        b.putShort((short)etherType).put(payload);
        b.putInt(0xCAFEBABE); // trailing bytes (padding/FCS) the IP length must exclude
        return b.array();
    }

    static byte[] sll(final byte[] ip)
    {
        final ByteBuffer b = ByteBuffer.allocate(16 + ip.length).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short)0).putShort((short)1).putShort((short)6).put(new byte[8]).putShort((short)0x0800).put(ip);
        return b.array();
    }

    static byte[] sll2(final byte[] ip)
    {
        final ByteBuffer b = ByteBuffer.allocate(20 + ip.length).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short)0x0800).putShort((short)0).putInt(3).putShort((short)1).put((byte)0).put((byte)6)
            .put(new byte[8]).put(ip);
        return b.array();
    }

    static byte[] loopback(final byte[] ip)
    {
        final ByteBuffer b = ByteBuffer.allocate(4 + ip.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2).put(ip);
        return b.array();
    }

    static byte[] ipv6()
    {
        final byte[] b = new byte[48];
        b[0] = 0x60;
        return b;
    }

    static byte[] payload(final int n, final int seed)
    {
        final byte[] p = new byte[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = (byte)(seed * 31 + i);
        }
        return p;
    }
}
