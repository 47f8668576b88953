package io.ticklane.gateway.capture;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.ticklane.gateway.capture.CaptureFormatDescriptor.*;

/**
 * Reads the UDP datagrams of a pcap or pcapng capture ({@link CaptureFormatDescriptor}): Ethernet with up to two
 * 802.1Q/802.1ad tags, Linux cooked captures SLL and SLL2, raw IPv4 and BSD loopback; IPv4 and UDP; microsecond,
 * nanosecond and any pcapng {@code if_tsresol}/{@code if_tsoffset} timestamps; either byte order, and pcapng
 * sections of different byte orders in one file.
 * <p>
 * Whatever is not a complete, unfragmented IPv4 UDP datagram is skipped and counted, never thrown: frames cut short
 * by the end of the file or by the snap length ({@link #truncated()}), frames of other protocols
 * ({@link #nonUdp()}), IP fragments ({@link #fragments()}), frames of link types it does not know
 * ({@link #unsupportedLink()}), records longer than its buffer ({@link #oversize()}) and inconsistent headers
 * ({@link #malformed()}). A capture whose block structure is broken (a pcapng block whose trailing length does not
 * match) ends there, counted as malformed; a capture cut off mid-record ends cleanly with one more truncated frame.
 * <p>
 * Reads through a large direct buffer, refilled from a {@link FileChannel}; nothing is allocated per datagram. The
 * payload a {@link CaptureDatagram} points at stays valid until the next call to {@link #next}.
 * <p>
 * Threading: one thread.
 */
public final class CaptureReader implements AutoCloseable
{
    /** Default read buffer: larger than any record a sane capture holds. */
    public static final int DEFAULT_BUFFER_BYTES = 4 << 20;
    /** Most interfaces one pcapng section may describe. */
    public static final int MAX_INTERFACES = 256;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};
    private static final int FRAME = 1;
    private static final int NO_FRAME = 0;
    private static final int END = -1;

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final int capacity;
    private final boolean pcapng;
    private final int[] interfaceLinkType = new int[MAX_INTERFACES];
    private final int[] interfaceSnapLength = new int[MAX_INTERFACES];
    private final boolean[] interfaceBinaryResolution = new boolean[MAX_INTERFACES];
    private final int[] interfaceResolution = new int[MAX_INTERFACES];
    private final long[] interfaceOffsetSeconds = new long[MAX_INTERFACES];
    private ByteOrder order;
    private boolean nanos;
    private int pcapLinkType;
    private int interfaces;
    private int position;
    private int limit;
    private boolean endOfFile;
    private boolean ended;
    private boolean endedMalformed;

    private int frameOffset;
    private int frameLength;
    private int frameLinkType;
    private long frameTimestampNs;
    private long frames;
    private long datagrams;
    private long truncated;
    private long nonUdp;
    private long fragments;
    private long malformed;
    private long oversize;
    private long unsupportedLink;

    private CaptureReader(final String name, final FileChannel channel, final int bufferBytes) throws IOException
    {
        this.name = name;
        this.channel = channel;
        this.capacity = bufferBytes;
        this.byteBuffer = ByteBuffer.allocateDirect(bufferBytes);
        this.buffer = new UnsafeBuffer(byteBuffer);
        if (!ensure(4))
        {
            throw new CaptureFormatException(name + ": not a capture: " + limit + " bytes");
        }
        final int magic = buffer.getInt(0, ByteOrder.BIG_ENDIAN);
        if (magic == PCAPNG_SECTION_HEADER)
        {
            pcapng = true;
            if (!ensure(12) || !sectionByteOrder(buffer.getInt(8, ByteOrder.BIG_ENDIAN)))
            {
                throw new CaptureFormatException(name + ": pcapng section header without a byte-order magic");
            }
        }
        else
        {
            pcapng = false;
            if (magic == PCAP_MAGIC_MICROS || magic == PCAP_MAGIC_NANOS)
            {
                order = ByteOrder.BIG_ENDIAN;
            }
            else if (Integer.reverseBytes(magic) == PCAP_MAGIC_MICROS || Integer.reverseBytes(magic) == PCAP_MAGIC_NANOS)
            {
                order = ByteOrder.LITTLE_ENDIAN;
            }
            else
            {
                throw new CaptureFormatException(name + ": not a pcap or pcapng capture (magic 0x" +
                    Integer.toHexString(magic) + ")");
            }
            if (!ensure(PCAP_GLOBAL_HEADER_LENGTH))
            {
                throw new CaptureFormatException(name + ": pcap global header cut off at " + limit + " bytes");
            }
            nanos = buffer.getInt(0, order) == PCAP_MAGIC_NANOS;
            pcapLinkType = buffer.getInt(PCAP_LINK_TYPE_OFFSET, order) & 0xFFFF;
            position = PCAP_GLOBAL_HEADER_LENGTH;
        }
    }

    /**
     * @param path a pcap or pcapng file.
     * @return a reader positioned at the first record.
     * @throws IOException when the file cannot be read, or ({@link CaptureFormatException}, one line naming the
     *                     file) is not a capture.
     */
    public static CaptureReader open(final Path path) throws IOException
    {
        return open(path, DEFAULT_BUFFER_BYTES);
    }

    /**
     * @param path        a pcap or pcapng file.
     * @param bufferBytes read buffer size; records longer than it are skipped and counted.
     * @return a reader positioned at the first record.
     * @throws IOException as {@link #open(Path)}.
     */
    public static CaptureReader open(final Path path, final int bufferBytes) throws IOException
    {
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try
        {
            return new CaptureReader(path.toString(), channel, bufferBytes);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private boolean sectionByteOrder(final int magicBigEndian)
    {
        if (magicBigEndian == PCAPNG_BYTE_ORDER_MAGIC)
        {
            order = ByteOrder.BIG_ENDIAN;
            return true;
        }
        if (Integer.reverseBytes(magicBigEndian) == PCAPNG_BYTE_ORDER_MAGIC)
        {
            order = ByteOrder.LITTLE_ENDIAN;
            return true;
        }
        return false;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #position}, refilling the buffer from the file.
     *
     * @return false when the file ends first (or {@code n} exceeds the buffer).
     */
    private boolean ensure(final int n) throws IOException
    {
        if (limit - position >= n)
        {
            return true;
        }
        if (n > capacity)
        {
            return false;
        }
        byteBuffer.limit(limit).position(position);
        byteBuffer.compact(); // moves the unread bytes to the start (memmove), allocation-free
        limit -= position;
        position = 0;
        while (limit < n && !endOfFile)
        {
            byteBuffer.limit(capacity).position(limit);
            final int read = channel.read(byteBuffer);
            if (read < 0)
            {
                endOfFile = true;
            }
            else
            {
                limit += read;
            }
        }
        return limit - position >= n;
    }

    /**
     * Skips {@code n} bytes from {@link #position}.
     *
     * @return false when the file ends first.
     */
    private boolean skip(final long n) throws IOException
    {
        final int available = limit - position;
        if (n <= available)
        {
            position += (int)n;
            return true;
        }
        final long beyond = n - available;
        position = 0;
        limit = 0;
        final long target = channel.position() + beyond;
        if (target > channel.size())
        {
            channel.position(channel.size());
            endOfFile = true;
            return false;
        }
        channel.position(target);
        return true;
    }

    /**
     * Reads up to the next UDP datagram, skipping and counting everything else.
     *
     * @param out receives the datagram.
     * @return true when {@code out} holds a datagram; false at the end of the capture.
     */
    public boolean next(final CaptureDatagram out)
    {
        try
        {
            while (!ended)
            {
                final int read = pcapng ? readBlock() : readRecord();
                if (read == FRAME)
                {
                    out.frameIndex = frames++;
                    if (decode(out))
                    {
                        datagrams++;
                        return true;
                    }
                }
                else if (read == END)
                {
                    ended = true;
                }
            }
        }
        catch (final IOException ex)
        {
            malformed++; // an I/O error reading an open file ends it like a malformed block
            endedMalformed = true;
            ended = true;
        }
        return false;
    }

    private int endOfCapture()
    {
        if (limit - position > 0 || !endOfFile)
        {
            truncated++;
        }
        return END;
    }

    private int endMalformed()
    {
        malformed++;
        endedMalformed = true;
        return END;
    }

    private int readRecord() throws IOException
    {
        if (!ensure(PCAP_RECORD_HEADER_LENGTH))
        {
            return endOfCapture();
        }
        final long seconds = buffer.getInt(position, order) & 0xFFFF_FFFFL;
        final long fraction = buffer.getInt(position + 4, order) & 0xFFFF_FFFFL;
        final long captured = buffer.getInt(position + 8, order) & 0xFFFF_FFFFL;
        if (captured > capacity - PCAP_RECORD_HEADER_LENGTH)
        {
            frames++;
            oversize++;
            return skip(PCAP_RECORD_HEADER_LENGTH + captured) ? NO_FRAME : endOfCapture();
        }
        if (!ensure(PCAP_RECORD_HEADER_LENGTH + (int)captured))
        {
            return endOfCapture();
        }
        frameOffset = position + PCAP_RECORD_HEADER_LENGTH;
        frameLength = (int)captured;
        frameLinkType = pcapLinkType;
        frameTimestampNs = seconds * NANOS_PER_SECOND + (nanos ? fraction : fraction * 1000);
        position += PCAP_RECORD_HEADER_LENGTH + (int)captured;
        return FRAME;
    }

    private int readBlock() throws IOException
    {
        if (!ensure(8))
        {
            return endOfCapture();
        }
        final int type = buffer.getInt(position, order);
        if (type == PCAPNG_SECTION_HEADER)
        {
            if (!ensure(12))
            {
                return endOfCapture();
            }
            if (!sectionByteOrder(buffer.getInt(position + 8, ByteOrder.BIG_ENDIAN)))
            {
                return endMalformed();
            }
        }
        final long total = buffer.getInt(position + 4, order) & 0xFFFF_FFFFL;
        if (total < PCAPNG_BLOCK_OVERHEAD || (total & 3) != 0)
        {
            return endMalformed();
        }
        if (total > capacity)
        {
            oversize++;
            frames += isPacketBlock(type) ? 1 : 0;
            return skip(total) ? NO_FRAME : endOfCapture();
        }
        if (!ensure((int)total))
        {
            return endOfCapture();
        }
        final int length = (int)total;
        if (buffer.getInt(position + length - 4, order) != length)
        {
            return endMalformed();
        }
        final int body = position + 8;
        final int bodyLength = length - PCAPNG_BLOCK_OVERHEAD;
        position += length;
        switch (type)
        {
            case PCAPNG_SECTION_HEADER:
                interfaces = 0;
                return NO_FRAME;
            case PCAPNG_INTERFACE_DESCRIPTION:
                interfaceDescription(body, bodyLength);
                return NO_FRAME;
            case PCAPNG_ENHANCED_PACKET:
                return packet(body, bodyLength, buffer.getInt(body, order), body + 4, 20);
            case PCAPNG_PACKET:
                return packet(body, bodyLength, buffer.getShort(body, order) & 0xFFFF, body + 4, 20);
            case PCAPNG_SIMPLE_PACKET:
                return simplePacket(body, bodyLength);
            default:
                return NO_FRAME;
        }
    }

    private static boolean isPacketBlock(final int type)
    {
        return type == PCAPNG_ENHANCED_PACKET || type == PCAPNG_PACKET || type == PCAPNG_SIMPLE_PACKET;
    }

    private void interfaceDescription(final int body, final int bodyLength)
    {
        if (bodyLength < 8 || interfaces >= MAX_INTERFACES)
        {
            malformed++;
            return;
        }
        final int index = interfaces++;
        interfaceLinkType[index] = buffer.getShort(body, order) & 0xFFFF;
        interfaceSnapLength[index] = buffer.getInt(body + 4, order);
        interfaceBinaryResolution[index] = false;
        interfaceResolution[index] = 6;
        interfaceOffsetSeconds[index] = 0;
        int option = body + 8;
        final int end = body + bodyLength;
        while (option + 4 <= end)
        {
            final int code = buffer.getShort(option, order) & 0xFFFF;
            final int length = buffer.getShort(option + 2, order) & 0xFFFF;
            if (code == PCAPNG_OPTION_END || option + 4 + length > end)
            {
                break;
            }
            if (code == PCAPNG_OPTION_TSRESOL && length >= 1)
            {
                final int value = buffer.getByte(option + 4) & 0xFF;
                interfaceBinaryResolution[index] = (value & 0x80) != 0;
                interfaceResolution[index] = value & 0x7F;
            }
            else if (code == PCAPNG_OPTION_TSOFFSET && length >= 8)
            {
                interfaceOffsetSeconds[index] = buffer.getLong(option + 4, order);
            }
            option += 4 + ((length + 3) & ~3);
        }
    }

    private int packet(
        final int body, final int bodyLength, final int interfaceId, final int timestampAt, final int headerLength)
    {
        if (bodyLength < headerLength || interfaceId < 0 || interfaceId >= interfaces)
        {
            frames++;
            malformed++;
            return NO_FRAME;
        }
        final long captured = buffer.getInt(body + 12, order) & 0xFFFF_FFFFL;
        if (captured > bodyLength - headerLength)
        {
            frames++;
            malformed++;
            return NO_FRAME;
        }
        final long units = (buffer.getInt(timestampAt, order) & 0xFFFF_FFFFL) << 32 |
            (buffer.getInt(timestampAt + 4, order) & 0xFFFF_FFFFL);
        frameOffset = body + headerLength;
        frameLength = (int)captured;
        frameLinkType = interfaceLinkType[interfaceId];
        frameTimestampNs = toNanos(units, interfaceId);
        return FRAME;
    }

    private int simplePacket(final int body, final int bodyLength)
    {
        if (bodyLength < 4 || interfaces == 0)
        {
            frames++;
            malformed++;
            return NO_FRAME;
        }
        final long original = buffer.getInt(body, order) & 0xFFFF_FFFFL;
        long captured = Math.min(original, bodyLength - 4);
        if (interfaceSnapLength[0] > 0)
        {
            captured = Math.min(captured, interfaceSnapLength[0]);
        }
        frameOffset = body + 4;
        frameLength = (int)captured;
        frameLinkType = interfaceLinkType[0];
        frameTimestampNs = 0;
        return FRAME;
    }

    private long toNanos(final long units, final int interfaceId)
    {
        final int resolution = interfaceResolution[interfaceId];
        final long offsetNs = interfaceOffsetSeconds[interfaceId] * NANOS_PER_SECOND;
        if (!interfaceBinaryResolution[interfaceId])
        {
            if (resolution <= 9)
            {
                return units * POW10[9 - resolution] + offsetNs;
            }
            return (resolution - 9 < POW10.length ? units / POW10[resolution - 9] : 0) + offsetNs;
        }
        if (resolution >= 63)
        {
            return offsetNs;
        }
        final long seconds = units >>> resolution;
        final long fraction = units & ((1L << resolution) - 1);
        return seconds * NANOS_PER_SECOND + (long)((double)fraction * NANOS_PER_SECOND / (1L << resolution)) + offsetNs;
    }

    private boolean decode(final CaptureDatagram out)
    {
        final int frame = frameOffset;
        final int captured = frameLength;
        int ip;
        switch (frameLinkType)
        {
            case LINK_ETHERNET:
            {
                if (captured < ETHERNET_HEADER_LENGTH)
                {
                    truncated++;
                    return false;
                }
                int etherType = buffer.getShort(frame + ETHER_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                ip = ETHERNET_HEADER_LENGTH;
                for (int tags = 0; tags < 2 && (etherType == ETHER_TYPE_VLAN || etherType == ETHER_TYPE_QINQ); tags++)
                {
                    if (captured < ip + VLAN_TAG_LENGTH)
                    {
                        truncated++;
                        return false;
                    }
                    etherType = buffer.getShort(frame + ip + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    ip += VLAN_TAG_LENGTH;
                }
                if (etherType != ETHER_TYPE_IPV4)
                {
                    nonUdp++;
                    return false;
                }
                break;
            }
            case LINK_LINUX_SLL:
            case LINK_LINUX_SLL2:
            {
                final boolean sll2 = frameLinkType == LINK_LINUX_SLL2;
                final int header = sll2 ? SLL2_HEADER_LENGTH : SLL_HEADER_LENGTH;
                if (captured < header)
                {
                    truncated++;
                    return false;
                }
                final int protocol = buffer.getShort(frame + (sll2 ? SLL2_PROTOCOL_OFFSET : SLL_PROTOCOL_OFFSET),
                    ByteOrder.BIG_ENDIAN) & 0xFFFF;
                if (protocol != ETHER_TYPE_IPV4)
                {
                    nonUdp++;
                    return false;
                }
                ip = header;
                break;
            }
            case LINK_RAW:
            case LINK_IPV4:
                ip = 0;
                break;
            case LINK_NULL:
            {
                if (captured < NULL_HEADER_LENGTH)
                {
                    truncated++;
                    return false;
                }
                final int family = buffer.getInt(frame, ByteOrder.LITTLE_ENDIAN);
                if (family != NULL_FAMILY_IPV4 && Integer.reverseBytes(family) != NULL_FAMILY_IPV4)
                {
                    nonUdp++;
                    return false;
                }
                ip = NULL_HEADER_LENGTH;
                break;
            }
            default:
                unsupportedLink++;
                return false;
        }
        return decodeIpv4(out, frame + ip, captured - ip);
    }

    private boolean decodeIpv4(final CaptureDatagram out, final int ip, final int available)
    {
        if (available < 1)
        {
            truncated++;
            return false;
        }
        final int versionAndLength = buffer.getByte(ip) & 0xFF;
        if (versionAndLength >>> 4 != 4)
        {
            nonUdp++;
            return false;
        }
        if (available < IPV4_MIN_HEADER_LENGTH)
        {
            truncated++;
            return false;
        }
        final int headerLength = (versionAndLength & 0x0F) * 4;
        final int totalLength = buffer.getShort(ip + IPV4_TOTAL_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if (headerLength < IPV4_MIN_HEADER_LENGTH || totalLength < headerLength)
        {
            malformed++;
            return false;
        }
        final int fragment = buffer.getShort(ip + IPV4_FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if ((fragment & (IPV4_MORE_FRAGMENTS | IPV4_FRAGMENT_OFFSET_MASK)) != 0)
        {
            fragments++;
            return false;
        }
        if ((buffer.getByte(ip + IPV4_PROTOCOL_OFFSET) & 0xFF) != IP_PROTOCOL_UDP)
        {
            nonUdp++;
            return false;
        }
        if (totalLength > available)
        {
            truncated++; // cut by the snap length
            return false;
        }
        if (totalLength - headerLength < UDP_HEADER_LENGTH)
        {
            malformed++;
            return false;
        }
        final int udp = ip + headerLength;
        final int udpLength = buffer.getShort(udp + UDP_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if (udpLength < UDP_HEADER_LENGTH || udpLength > totalLength - headerLength)
        {
            malformed++;
            return false;
        }
        out.timestampNs = frameTimestampNs;
        out.sourceAddress = buffer.getInt(ip + IPV4_SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        out.destinationAddress = buffer.getInt(ip + IPV4_DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        out.sourcePort = buffer.getShort(udp, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        out.destinationPort = buffer.getShort(udp + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        out.buffer = buffer;
        out.offset = udp + UDP_HEADER_LENGTH;
        out.length = udpLength - UDP_HEADER_LENGTH;
        return true;
    }

    /**
     * @return the file's name, as opened.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return true for pcapng, false for pcap.
     */
    public boolean isPcapng()
    {
        return pcapng;
    }

    /**
     * @return true once {@link #next} has returned false for good.
     */
    public boolean isEnded()
    {
        return ended;
    }

    /**
     * @return true when the capture ended at a broken block structure rather than at its end.
     */
    public boolean endedMalformed()
    {
        return endedMalformed;
    }

    /**
     * @return packet records seen (pcap records, pcapng packet blocks), delivered or not.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * @return UDP datagrams delivered.
     */
    public long datagrams()
    {
        return datagrams;
    }

    /**
     * @return frames cut short, by the end of the file or by the snap length.
     */
    public long truncated()
    {
        return truncated;
    }

    /**
     * @return frames of other protocols (not IPv4, or IPv4 but not UDP).
     */
    public long nonUdp()
    {
        return nonUdp;
    }

    /**
     * @return IPv4 fragments (first or later), which carry no whole datagram.
     */
    public long fragments()
    {
        return fragments;
    }

    /**
     * @return inconsistent headers or blocks.
     */
    public long malformed()
    {
        return malformed;
    }

    /**
     * @return records longer than the read buffer, skipped.
     */
    public long oversize()
    {
        return oversize;
    }

    /**
     * @return frames of link types this reader does not decode.
     */
    public long unsupportedLink()
    {
        return unsupportedLink;
    }

    /**
     * @return a one-line summary of the counts (allocates).
     */
    public String summary()
    {
        return name + ": " + frames + " frames, " + datagrams + " UDP datagrams, " + truncated + " truncated, " +
            nonUdp + " non-UDP, " + fragments + " fragments, " + malformed + " malformed, " + oversize +
            " oversize, " + unsupportedLink + " unsupported link" + (endedMalformed ? " (ended at a broken block)" : "");
    }

    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing a read-only file: nothing to lose
        }
    }
}
