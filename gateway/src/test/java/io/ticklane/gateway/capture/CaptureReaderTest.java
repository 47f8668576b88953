package io.ticklane.gateway.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.ticklane.gateway.capture.CaptureBuilder.*;
import static io.ticklane.gateway.capture.CaptureDatagram.ipv4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The capture reader on every shared capture (counts, destinations, sequence ranges and timestamps known from the
 * data's README) and on files built here byte by byte: both byte orders, micro- and nanosecond pcap, pcapng with
 * several sections, interfaces, timestamp resolutions and offsets, every link layer it claims, VLAN tags, and what it
 * must skip and count (fragments, other protocols, snap-length cuts, a file cut at every byte, random corruption).
 */
class CaptureReaderTest
{
    private static final int GROUP = ipv4("224.0.31.11");

    @TempDir
    Path dir;

    static Path shared(final String relative)
    {
        final Path file = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"), relative);
        assumeTrue(Files.isReadable(file), "shared capture not found at " + file + "; skipped");
        return file;
    }

    private static List<String> readAll(final CaptureReader reader)
    {
        final List<String> seen = new ArrayList<>();
        final CaptureDatagram d = new CaptureDatagram();
        while (reader.next(d))
        {
            final byte[] payload = new byte[d.length()];
            d.buffer().getBytes(d.offset(), payload);
            seen.add(ipv4(d.destinationAddress()) + ":" + d.destinationPort() + " from " + ipv4(d.sourceAddress()) +
                ":" + d.sourcePort() + " t=" + d.timestampNs() + " " + java.util.Arrays.toString(payload));
        }
        return seen;
    }

    private Path write(final String name, final byte[] bytes) throws IOException
    {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void cmeV8CaptureIsPcapngWithTenThousandDatagramsFiveThousandPerLine() throws IOException
    {
        try (CaptureReader reader = CaptureReader.open(shared("cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap")))
        {
            assertTrue(reader.isPcapng());
            final CaptureDatagram d = new CaptureDatagram();
            final TreeSet<Long> a = new TreeSet<>();
            final TreeSet<Long> b = new TreeSet<>();
            final long from = Instant.parse("2016-09-27T21:46:00Z").getEpochSecond() * 1_000_000_000L;
            final long to = Instant.parse("2016-09-27T22:01:00Z").getEpochSecond() * 1_000_000_000L;
            while (reader.next(d))
            {
                final long sequence = d.buffer().getInt(d.offset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                if (d.destinationAddress() == GROUP && d.destinationPort() == 14320)
                {
                    a.add(sequence);
                }
                else if (d.destinationAddress() == ipv4("224.0.32.11") && d.destinationPort() == 15320)
                {
                    b.add(sequence);
                }
                assertTrue(d.timestampNs() >= from && d.timestampNs() < to, "timestamp " + d.timestampNs());
            }
            assertEquals(10_000, reader.datagrams());
            assertEquals(10_000, reader.frames());
            assertEquals(0, reader.truncated() + reader.nonUdp() + reader.malformed() + reader.fragments());
            assertEquals(5_000, a.size());
            assertEquals(5_000, b.size());
            assertEquals(17_347_815L, a.first());
            assertEquals(17_352_814L, a.last());
            assertEquals(a, b);
            assertFalse(reader.endedMalformed());
        }
    }

    @Test
    void cmeV9StreamHasNinetyNineDatagramsAndOneOtherFrame() throws IOException
    {
        try (CaptureReader reader = CaptureReader.open(shared("cme/pcap-v9-stream/Cme.Mdp3.Sbe.v9.1.Example.pcap")))
        {
            assertFalse(reader.isPcapng());
            final List<String> seen = readAll(reader);
            assertEquals(99, seen.size());
            assertEquals(100, reader.frames());
            assertEquals(1, reader.nonUdp(), reader.summary());
            assertTrue(seen.stream().allMatch(s -> s.startsWith("224.0.28.")), seen.get(0));
        }
    }

    @Test
    void cmeV9SinglePacketSamplesAndTheItchSample() throws IOException
    {
        for (final String name : new String[]{
            "MdIncrementalRefreshBook.pcap", "MdIncrementalRefreshOrderBook.pcap",
            "MdIncrementalRefreshTradeSummary.pcap"})
        {
            try (CaptureReader reader = CaptureReader.open(shared("cme/pcap-v9/" + name)))
            {
                final List<String> seen = readAll(reader);
                assertEquals(1, seen.size(), name);
                assertTrue(seen.get(0).startsWith("224.0.28."), seen.get(0));
            }
        }
        try (CaptureReader reader = CaptureReader.open(shared("itch/Multiple.Packets.pcap")))
        {
            final List<String> seen = readAll(reader);
            assertEquals(2, seen.size());
            assertTrue(seen.get(0).startsWith("233.54.12.111:26477"), seen.get(0));
        }
    }

    @Test
    void everyLinkLayerInBothByteOrdersAndBothResolutions() throws IOException
    {
        final int[][] links = {
            {CaptureFormatDescriptor.LINK_ETHERNET, 0}, {CaptureFormatDescriptor.LINK_ETHERNET, 1},
            {CaptureFormatDescriptor.LINK_ETHERNET, 2}, {CaptureFormatDescriptor.LINK_LINUX_SLL, 0},
            {CaptureFormatDescriptor.LINK_LINUX_SLL2, 0}, {CaptureFormatDescriptor.LINK_RAW, 0},
            {CaptureFormatDescriptor.LINK_IPV4, 0}, {CaptureFormatDescriptor.LINK_NULL, 0}};
        for (final ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN})
        {
            for (final boolean nanos : new boolean[]{false, true})
            {
                for (final int[] link : links)
                {
                    final String what = order + " nanos=" + nanos + " link " + link[0] + " tags " + link[1];
                    final byte[] payload = payload(37, link[0]);
                    final CaptureBuilder b = new CaptureBuilder().order(order).pcapHeader(nanos, link[0], 65535);
                    b.pcapRecord(1_500_000_000L, 123_456, frame(link, udp(GROUP, 14320, payload)), 0);
                    b.pcapRecord(1_500_000_001L, 0, frame(link, ipv4Udp(1, 2, GROUP, 14320, payload, 0x2000, 17)), 0);
                    b.pcapRecord(1_500_000_001L, 0, frame(link, ipv4Udp(1, 2, GROUP, 14320, payload, 0x0010, 17)), 0);
                    b.pcapRecord(1_500_000_002L, 0, frame(link, ipv4Udp(1, 2, GROUP, 14320, payload, 0, 6)), 0);
                    b.pcapRecord(1_500_000_003L, 7, frame(link, udp(GROUP, 15320, payload)), 0);
                    try (CaptureReader reader = CaptureReader.open(write("l.pcap", b.bytes())))
                    {
                        final CaptureDatagram d = new CaptureDatagram();
                        assertTrue(reader.next(d), what);
                        assertEquals(1_500_000_000_000_000_000L + (nanos ? 123_456 : 123_456_000), d.timestampNs(),
                            what);
                        assertEquals(GROUP, d.destinationAddress(), what);
                        assertEquals(14320, d.destinationPort(), what);
                        assertEquals(0x0A000001, d.sourceAddress(), what);
                        assertEquals(40000, d.sourcePort(), what);
                        final byte[] got = new byte[d.length()];
                        d.buffer().getBytes(d.offset(), got);
                        assertArrayEquals(payload, got, what);
                        assertTrue(reader.next(d), what);
                        assertEquals(15320, d.destinationPort(), what);
                        assertFalse(reader.next(d), what);
                        assertEquals(2, reader.fragments(), what);
                        assertEquals(1, reader.nonUdp(), what);
                        assertEquals(5, reader.frames(), what);
                        assertEquals(0, reader.truncated() + reader.malformed(), what);
                    }
                }
            }
        }
    }

    private static byte[] frame(final int[] link, final byte[] ip)
    {
        switch (link[0])
        {
            case CaptureFormatDescriptor.LINK_ETHERNET:
                return link[1] == 0 ? ethernet(0x0800, ip) : link[1] == 1 ? ethernet(0x0800, ip, 0x8100) :
                    ethernet(0x0800, ip, 0x88A8, 0x8100);
            case CaptureFormatDescriptor.LINK_LINUX_SLL:
                return sll(ip);
            case CaptureFormatDescriptor.LINK_LINUX_SLL2:
                return sll2(ip);
            case CaptureFormatDescriptor.LINK_NULL:
                return loopback(ip);
            default:
                return ip;
        }
    }

    @Test
    void pcapngSectionsInterfacesResolutionsAndBlockKinds() throws IOException
    {
        final byte[] p1 = payload(20, 1);
        final byte[] p2 = payload(21, 2);
        final CaptureBuilder b = new CaptureBuilder().order(ByteOrder.LITTLE_ENDIAN).sectionHeader();
        b.interfaceDescription(CaptureFormatDescriptor.LINK_ETHERNET, 0, new byte[0]); // default: microseconds
        b.interfaceDescription(CaptureFormatDescriptor.LINK_LINUX_SLL, 0, b.tsresolOption(9));
        b.interfaceDescription(CaptureFormatDescriptor.LINK_LINUX_SLL2, 0, b.tsresolAndOffset(0x80 | 20, 100));
        b.enhancedPacket(0, 5_000_001L, ethernet(0x0800, udp(GROUP, 1, p1), 0x8100), 0);
        b.unknownBlock();
        b.enhancedPacket(1, 7_000_000_123L, sll(udp(GROUP, 2, p2)), 0);
        b.enhancedPacket(2, 3L << 20 | 1L << 19, sll2(udp(GROUP, 3, p1)), 0);
        b.enhancedPacket(0, 1, ethernet(0x86DD, ipv6()), 0);
        b.enhancedPacket(9, 1, ethernet(0x0800, udp(GROUP, 9, p1)), 0); // no interface 9
        b.order(ByteOrder.BIG_ENDIAN).sectionHeader();
        b.interfaceDescription(CaptureFormatDescriptor.LINK_RAW, 0, b.tsresolOption(3));
        b.obsoletePacket(0, 42, udp(GROUP, 4, p2));
        b.simplePacket(udp(GROUP, 5, p1));
        try (CaptureReader reader = CaptureReader.open(write("n.pcapng", b.bytes())))
        {
            final CaptureDatagram d = new CaptureDatagram();
            final long[] expectedTimes = {5_000_001_000L, 7_000_000_123L, 103_500_000_000L, 42_000_000L, 0L};
            for (int port = 1; port <= 5; port++)
            {
                assertTrue(reader.next(d), "port " + port + ": " + reader.summary());
                assertEquals(port, d.destinationPort());
                assertEquals(expectedTimes[port - 1], d.timestampNs(), "port " + port);
                assertEquals(port % 2 == 0 ? 21 : 20, d.length());
            }
            assertFalse(reader.next(d));
            assertEquals(1, reader.nonUdp());
            assertEquals(1, reader.malformed(), "the packet of an undescribed interface");
            assertEquals(7, reader.frames());
            assertFalse(reader.endedMalformed());
        }
    }

    @Test
    void aFrameCutByTheSnapLengthIsCountedAsTruncated() throws IOException
    {
        final byte[] whole = ethernet(0x0800, udp(GROUP, 14320, payload(100, 3)));
        final CaptureBuilder b = new CaptureBuilder().pcapHeader(false, CaptureFormatDescriptor.LINK_ETHERNET, 64);
        b.pcapRecord(1, 0, java.util.Arrays.copyOf(whole, 64), whole.length);
        b.pcapRecord(2, 0, ethernet(0x0800, udp(GROUP, 14320, payload(10, 3))), 0);
        try (CaptureReader reader = CaptureReader.open(write("s.pcap", b.bytes())))
        {
            assertEquals(1, readAll(reader).size());
            assertEquals(1, reader.truncated());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFileCutAtEveryByteEndsCleanlyWithTheCutCounted() throws IOException
    {
        final byte[] pcap = new CaptureBuilder().pcapHeader(true, CaptureFormatDescriptor.LINK_ETHERNET, 65535)
            .pcapRecord(1, 0, ethernet(0x0800, udp(GROUP, 1, payload(30, 1))), 0)
            .pcapRecord(2, 0, ethernet(0x0800, udp(GROUP, 2, payload(31, 2))), 0)
            .pcapRecord(3, 0, ethernet(0x0800, udp(GROUP, 3, payload(32, 3))), 0).bytes();
        final CaptureBuilder ngBuilder = new CaptureBuilder().sectionHeader();
        ngBuilder.interfaceDescription(CaptureFormatDescriptor.LINK_ETHERNET, 0, ngBuilder.tsresolOption(9));
        final byte[] pcapng = ngBuilder.enhancedPacket(0, 1, ethernet(0x0800, udp(GROUP, 1, payload(30, 1))), 0)
            .enhancedPacket(0, 2, ethernet(0x0800, udp(GROUP, 2, payload(31, 2))), 0)
            .enhancedPacket(0, 3, ethernet(0x0800, udp(GROUP, 3, payload(32, 3))), 0).bytes();
        for (final byte[] full : new byte[][]{pcap, pcapng})
        {
            int previous = 0;
            for (int cut = 0; cut <= full.length; cut++)
            {
                final Path file = write("cut", java.util.Arrays.copyOf(full, cut));
                final CaptureReader reader;
                try
                {
                    reader = CaptureReader.open(file, 4096);
                }
                catch (final CaptureFormatException ex)
                {
                    assertTrue(ex.getMessage().startsWith(file.toString()), ex.getMessage());
                    assertTrue(cut < 28, "only a cut inside the header may refuse the file: " + cut);
                    continue;
                }
                try (reader)
                {
                    final int datagrams = readAll(reader).size();
                    assertTrue(datagrams >= previous && datagrams <= 3, "cut " + cut);
                    previous = datagrams;
                    assertTrue(reader.truncated() <= 1, "cut " + cut + ": " + reader.summary());
                    assertEquals(0, reader.malformed(), "cut " + cut + ": " + reader.summary());
                    if (cut == full.length)
                    {
                        assertEquals(3, datagrams);
                        assertEquals(0, reader.truncated());
                    }
                }
            }
            assertEquals(3, previous);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomCorruptionNeverThrowsOrHangs() throws IOException
    {
        final CaptureBuilder builder = new CaptureBuilder().sectionHeader();
        builder.interfaceDescription(CaptureFormatDescriptor.LINK_ETHERNET, 0, builder.tsresolOption(9));
        for (int i = 0; i < 20; i++)
        {
            builder.enhancedPacket(0, i, ethernet(0x0800, udp(GROUP, i, payload(20 + i, i)), i % 3 == 0 ? 0x8100 : 0),
                0);
        }
        final byte[] ng = builder.bytes();
        final byte[] pcap = new CaptureBuilder().order(ByteOrder.BIG_ENDIAN)
            .pcapHeader(false, CaptureFormatDescriptor.LINK_LINUX_SLL2, 65535)
            .pcapRecord(1, 0, sll2(udp(GROUP, 1, payload(30, 1))), 0)
            .pcapRecord(2, 0, sll2(udp(GROUP, 2, payload(300, 2))), 0).bytes();
        final SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 1500; round++)
        {
            final byte[] mutant = (round % 2 == 0 ? ng : pcap).clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--)
            {
                mutant[random.nextInt(mutant.length)] = (byte)random.nextInt(256);
            }
            final Path file = write("m", mutant);
            try (CaptureReader reader = CaptureReader.open(file, 4096))
            {
                final CaptureDatagram d = new CaptureDatagram();
                int n = 0;
                while (reader.next(d))
                {
                    assertTrue(d.offset() >= 0 && d.length() >= 0 && d.offset() + d.length() <= 4096);
                    n++;
                }
                assertTrue(n <= 20);
            }
            catch (final CaptureFormatException ex)
            {
                assertTrue(ex.getMessage().startsWith(file.toString()), ex.getMessage());
            }
        }
    }

    @Test
    void aRecordLongerThanTheBufferIsSkippedAndCounted() throws IOException
    {
        final byte[] pcap = new CaptureBuilder().pcapHeader(false, CaptureFormatDescriptor.LINK_ETHERNET, 65535)
            .pcapRecord(1, 0, ethernet(0x0800, udp(GROUP, 1, payload(1000, 1))), 0)
            .pcapRecord(2, 0, ethernet(0x0800, udp(GROUP, 2, payload(30, 2))), 0).bytes();
        try (CaptureReader reader = CaptureReader.open(write("big.pcap", pcap), 256))
        {
            final CaptureDatagram d = new CaptureDatagram();
            assertTrue(reader.next(d));
            assertEquals(2, d.destinationPort());
            assertFalse(reader.next(d));
            assertEquals(1, reader.oversize());
            assertEquals(2, reader.frames());
        }
    }

    @Test
    void aFileThatIsNoCaptureIsOneClearLine() throws IOException
    {
        final Path text = write("notes.txt", "hello, this is not a capture".getBytes());
        final CaptureFormatException ex = assertThrows(CaptureFormatException.class, () -> CaptureReader.open(text));
        assertTrue(ex.getMessage().startsWith(text.toString()) && ex.getMessage().contains("not a pcap"),
            ex.getMessage());
        final Path empty = write("empty.pcap", new byte[0]);
        assertTrue(assertThrows(CaptureFormatException.class, () -> CaptureReader.open(empty)).getMessage()
            .contains("not a capture"));
    }

    @Test
    void readingAllocatesNothingPerDatagram() throws IOException
    {
        final CaptureBuilder b = new CaptureBuilder().pcapHeader(true, CaptureFormatDescriptor.LINK_ETHERNET, 65535);
        final byte[] frame = ethernet(0x0800, udp(GROUP, 14320, payload(120, 5)), 0x8100);
        for (int i = 0; i < 40_000; i++)
        {
            b.pcapRecord(i, i, frame, 0);
        }
        final Path file = write("many.pcap", b.bytes());
        try (CaptureReader reader = CaptureReader.open(file, 64 * 1024))
        {
            final CaptureDatagram d = new CaptureDatagram();
            for (int i = 0; i < 5_000; i++)
            {
                assertTrue(reader.next(d));
            }
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long id = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(id);
            long sum = 0;
            while (reader.next(d))
            {
                sum += d.length();
            }
            final long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertEquals(35_000L * 120, sum);
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 35,000 datagrams");
        }
    }
}
