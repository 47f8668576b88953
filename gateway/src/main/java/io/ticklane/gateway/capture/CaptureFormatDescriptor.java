package io.ticklane.gateway.capture;

/**
 * Layouts of the capture formats {@link CaptureReader} reads, and of the headers it walks from a captured frame down
 * to a UDP payload. Multi-byte fields of the file formats are in the byte order the file's magic number says
 * (either); protocol headers are big-endian (network order).
 * <p>
 * pcap (libpcap) file: a global header, then records.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |  Magic: A1B2C3D4 (microseconds) or A1B23C4D (nanoseconds)     |  0
 * |  Version Major (16)            |  Version Minor (16)          |  4
 * |  This Zone (32), Sigfigs (32): unused                          |  8
 * |  Snap Length (32)                                             | 16
 * |  Link Type (low 16 bits; the high bits may carry FCS flags)   | 20
 * +---------------------------------------------------------------+
 * record: | Seconds (32) | Fraction (32, us or ns) | Captured Length (32) | Original Length (32) | data...
 * </pre>
 * pcapng file: blocks, each {@code Type (32) | Total Length (32) | body | Total Length (32)}, lengths a multiple of
 * 4. Options in a body are {@code Code (16) | Length (16) | value padded to 4}, ended by code 0.
 * <pre>
 * Section Header (0A0D0D0A): Byte-Order Magic 1A2B3C4D (32) | Major (16) | Minor (16) | Section Length (64) | options
 * Interface Description (1): Link Type (16) | Reserved (16) | Snap Length (32) | options
 *     (if_tsresol = 9: 1 byte, 10^-n, or 2^-(n &amp; 0x7F) when the top bit is set; if_tsoffset = 14: seconds, 64)
 * Enhanced Packet (6): Interface Id (32) | Timestamp High (32) | Timestamp Low (32) | Captured Length (32) |
 *     Original Length (32) | data padded to 4 | options
 * Simple Packet (3): Original Length (32) | data (interface 0, no timestamp)
 * Packet (2, obsolete): Interface Id (16) | Drops (16) | Timestamp High | Timestamp Low | Captured | Original | data
 * </pre>
 * Link layers:
 * <pre>
 * Ethernet (1):        Destination (48) | Source (48) | EtherType (16) ...  payload at 14
 *   802.1Q / 802.1ad:  ... | 8100 or 88A8 (16) | TCI (16) | EtherType (16) ...  each tag adds 4
 * Linux SLL (113):     Packet Type (16) | ARPHRD (16) | Address Length (16) | Address (64) | Protocol (16): payload at 16
 * Linux SLL2 (276):    Protocol (16) | Reserved (16) | Interface Index (32) | ARPHRD (16) | Packet Type (8) |
 *                      Address Length (8) | Address (64): payload at 20
 * Raw IP (101, 228):   the IPv4 header at 0
 * BSD loopback (0):    Address Family (32, host order; 2 = IPv4): payload at 4
 * </pre>
 * IPv4 and UDP:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------+-------+---------------+-------------------------------+
 * |Version|  IHL  |      TOS      |         Total Length          |  0
 * |         Identification        |Flags|   Fragment Offset (13)  |  4   (MF = 0x2000)
 * |      TTL      | Protocol (17) |        Header Checksum        |  8
 * |                       Source Address                          | 12
 * |                    Destination Address                        | 16
 * +---------------------------------------------------------------+  IHL * 4
 * |          Source Port          |       Destination Port        |  UDP +0
 * |      Length (header + data)   |           Checksum            |  UDP +4
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class CaptureFormatDescriptor
{
    public static final int PCAP_MAGIC_MICROS = 0xA1B2C3D4;
    public static final int PCAP_MAGIC_NANOS = 0xA1B23C4D;
    public static final int PCAP_GLOBAL_HEADER_LENGTH = 24;
    public static final int PCAP_LINK_TYPE_OFFSET = 20;
    public static final int PCAP_RECORD_HEADER_LENGTH = 16;

    public static final int PCAPNG_SECTION_HEADER = 0x0A0D0D0A;
    public static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    public static final int PCAPNG_INTERFACE_DESCRIPTION = 1;
    public static final int PCAPNG_PACKET = 2;
    public static final int PCAPNG_SIMPLE_PACKET = 3;
    public static final int PCAPNG_ENHANCED_PACKET = 6;
    public static final int PCAPNG_BLOCK_OVERHEAD = 12;
    public static final int PCAPNG_OPTION_END = 0;
    public static final int PCAPNG_OPTION_TSRESOL = 9;
    public static final int PCAPNG_OPTION_TSOFFSET = 14;

    public static final int LINK_NULL = 0;
    public static final int LINK_ETHERNET = 1;
    public static final int LINK_RAW = 101;
    public static final int LINK_LINUX_SLL = 113;
    public static final int LINK_IPV4 = 228;
    public static final int LINK_LINUX_SLL2 = 276;

    public static final int ETHERNET_HEADER_LENGTH = 14;
    public static final int ETHER_TYPE_OFFSET = 12;
    public static final int ETHER_TYPE_IPV4 = 0x0800;
    public static final int ETHER_TYPE_VLAN = 0x8100;
    public static final int ETHER_TYPE_QINQ = 0x88A8;
    public static final int VLAN_TAG_LENGTH = 4;
    public static final int SLL_HEADER_LENGTH = 16;
    public static final int SLL_PROTOCOL_OFFSET = 14;
    public static final int SLL2_HEADER_LENGTH = 20;
    public static final int SLL2_PROTOCOL_OFFSET = 0;
    public static final int NULL_HEADER_LENGTH = 4;
    public static final int NULL_FAMILY_IPV4 = 2;

    public static final int IPV4_MIN_HEADER_LENGTH = 20;
    public static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
    public static final int IPV4_FLAGS_FRAGMENT_OFFSET = 6;
    public static final int IPV4_MORE_FRAGMENTS = 0x2000;
    public static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1FFF;
    public static final int IPV4_PROTOCOL_OFFSET = 9;
    public static final int IPV4_SOURCE_OFFSET = 12;
    public static final int IPV4_DESTINATION_OFFSET = 16;
    public static final int IP_PROTOCOL_UDP = 17;
    public static final int UDP_HEADER_LENGTH = 8;
    public static final int UDP_LENGTH_OFFSET = 4;

    private CaptureFormatDescriptor()
    {
    }
}
