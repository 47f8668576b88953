package io.ticklane.venue.cme;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.gateway.PacketSource;
import io.ticklane.venue.cme.config.CmeChannelConfig;
import io.ticklane.venue.cme.config.CmeConnection;
import io.ticklane.venue.cme.config.CmeFeed;
import io.ticklane.venue.cme.config.CmeInstrumentDefaults;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million and more fuzzed MDP 3.0 packets, mutations of valid encoder output (incrementals, snapshots by price
 * and by order, definitions) and of the shared captures, mixed into a live stream on every feed of a session:
 * nothing throws, nothing hangs, a packet that validation refuses delivers nothing to the books, and whatever
 * valid-looking garbage gets through leaves the fast {@link io.ticklane.book.DepthBook} identical to the reference
 * model fed the same events.
 */
@Tag("slow")
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CmeFuzzTest
{
    private static final int PACKETS = 1_000_000;

    private static CmeChannelConfig channel()
    {
        final Int2ObjectHashMap<CmeInstrumentDefaults> instruments = new Int2ObjectHashMap<>();
        for (int i = 0; i < 3; i++)
        {
            instruments.put(VenueSimulator.securityId(i), new CmeInstrumentDefaults(VenueSimulator.TICK, -9, 5, 2,
                InstrumentDefinition.BOOK_LEVELS | (i == 0 ? InstrumentDefinition.BOOK_ORDERS : 0), null, "GRP"));
        }
        return new CmeChannelConfig(310, "fuzz", List.of(
            new CmeConnection("310IA", CmeFeed.INCREMENTAL, 0, "224.0.31.1", 14310, "lo", null),
            new CmeConnection("310IB", CmeFeed.INCREMENTAL, 1, "224.0.32.1", 15310, "lo", null)),
            null, instruments);
    }

    private static List<byte[]> seeds(final VenueSimulator venue)
    {
        final List<byte[]> seeds = new ArrayList<>();
        final long tick = VenueSimulator.TICK;
        seeds.add(new MdpPacketBuilder().begin(1, 0).definition54(100, "ESZ6", "ES", tick, 5, 2)
            .definition54(101, "ESH7", "ES", tick, 3, 0).bytes());
        seeds.add(new MdpPacketBuilder().begin(2, 0).orders47(MdpPacketBuilder.EOE,
            new MdpPacketBuilder.Order(100, 1, 1, 400 * tick, 5, '0', 0, 0),
            new MdpPacketBuilder.Order(100, 2, 2, 401 * tick, 5, '1', 1, 0)).bytes());
        seeds.add(new MdpPacketBuilder().begin(3, 0).snapshot53(2, 100, 2, 1,
            new MdpPacketBuilder.Order(100, 3, 1, 400 * tick, 5, '0', 0, 0)).bytes());
        seeds.add(new MdpPacketBuilder().begin(4, 0).status30(MdpPacketBuilder.EOE, Integer.MAX_VALUE, "GRP", 17)
            .channelReset(MdpPacketBuilder.EOE, 310).heartbeat().bytes());
        seeds.add(new MdpPacketBuilder().begin(5, 0).book32(MdpPacketBuilder.EOE,
            MdpPacketBuilder.level(101, 3, '1', 0, 1, 75_845_000_000L, 2, 1)).bytes());
        for (final String capture : new String[]{SharedCaptures.V8, SharedCaptures.V9_STREAM, SharedCaptures.V9_BOOK,
            SharedCaptures.V9_TRADE_SUMMARY, SharedCaptures.V9_ORDER_BOOK})
        {
            try
            {
                int n = 0;
                for (final SharedCaptures.Datagram d : SharedCaptures.read(capture))
                {
                    if (n++ % 7 == 0)
                    {
                        seeds.add(d.payload);
                    }
                }
            }
            catch (final org.opentest4j.TestAbortedException missing)
            {
                // without the shared data, the encoder's packets alone are mutated
            }
        }
        return seeds;
    }

    @Test
    void fuzzedPacketsNeverThrowNeverHangAndNeverLeakIntoBooks()
    {
        final SplittableRandom random = new SplittableRandom(20261202);
        final VenueSimulator venue = new VenueSimulator(77, 3, 5, 2, 1, 1);
        final BookSink sink = new BookSink();
        sink.logLevels = false;
        final CmeSession session = new CmeSession(channel(), new CmeSessionOptions().recoveryBufferBytes(1 << 18),
            sink);
        final List<byte[]> seeds = seeds(venue);
        final List<byte[]> recent = new ArrayList<>();
        final UnsafeBuffer mutant = new UnsafeBuffer(ByteBuffer.allocateDirect(MdpPacketDescriptor.MAX_PACKET_LENGTH));
        final UnsafeBuffer valid = new UnsafeBuffer(new byte[0]);
        long time = 1_000_000_000L;
        long refused = 0;
        long accepted = 0;
        for (int i = 0; i < PACKETS; i++)
        {
            time += 100_000;
            if (random.nextInt(100) < 8)
            {
                for (final byte[] packet : venue.nextEvent(time))
                {
                    valid.wrap(packet);
                    session.onPacket(random.nextInt(2), valid, 0, packet.length, time);
                    recent.add(packet);
                    if (recent.size() > 256)
                    {
                        recent.remove(0);
                    }
                }
                if (random.nextInt(50) == 0)
                {
                    final long last = venue.firstSequence() + venue.packets() - 1;
                    final long asOf = Math.max(venue.firstSequence(),
                        Math.min(last, session.lastProcessedSequence) - random.nextInt(5));
                    for (int k = 0; k < 3; k++)
                    {
                        final byte[] snapshot = venue.snapshot(k, asOf, k);
                        valid.wrap(snapshot);
                        session.onPacket(PacketSource.SNAPSHOT_A, valid, 0, snapshot.length, time);
                        recent.add(snapshot);
                    }
                }
                session.onTimer(time);
                continue;
            }
            final byte[] base = recent.isEmpty() || random.nextInt(4) == 0 ? seeds.get(random.nextInt(seeds.size())) :
                recent.get(random.nextInt(recent.size()));
            final int length = mutate(base, mutant, random, session.arbiter().expected(),
                recent.isEmpty() ? base : recent.get(random.nextInt(recent.size())));
            final int source = random.nextInt(10) < 7 ? random.nextInt(2) : 2 + random.nextInt(4);
            final long eventsBefore = sink.events;
            final int logBefore = sink.log.size();
            final long refusedBefore = session.refused(source);
            session.onPacket(source, mutant, 0, length, time);
            if (session.refused(source) > refusedBefore)
            {
                refused++;
                assertEquals(eventsBefore, sink.events, "a refused packet delivered events");
                assertEquals(logBefore, sink.log.size(), "a refused packet changed something");
            }
            else
            {
                accepted++;
            }
            assertNull(sink.disagreement, "fast and reference depth books disagree");
            if ((i & 1023) == 0)
            {
                session.onTimer(time);
            }
        }
        assertTrue(refused > 100_000, "refused " + refused);
        assertTrue(accepted > 100_000, "accepted " + accepted);
        assertTrue(session.decoder().messages(46) > 10_000);
        System.out.println("cme fuzz: " + PACKETS + " packets, " + refused + " refused, " + accepted +
            " accepted; gaps " + session.gaps() + ", instruments " + session.instruments().size() +
            ", invalid definitions " + session.invalidDefinitions() + ", level refusals " +
            sink.books.values().stream().mapToInt(b -> b.levelRefusals).sum());
    }

    /**
     * Writes a mutant of {@code base} into {@code out}.
     *
     * @return its length.
     */
    private static int mutate(
        final byte[] base, final UnsafeBuffer out, final SplittableRandom random, final long expected,
        final byte[] other)
    {
        int length = base.length;
        out.putBytes(0, base);
        switch (random.nextInt(8))
        {
            case 0:
                for (int n = 1 + random.nextInt(4); n > 0; n--)
                {
                    out.putByte(random.nextInt(length), (byte)random.nextInt(256));
                }
                break;
            case 1:
                out.putByte(12 + random.nextInt(Math.max(1, Math.min(40, length - 12))), (byte)random.nextInt(256));
                break;
            case 2:
                length = random.nextInt(length + 1);
                break;
            case 3:
            {
                final int extra = 1 + random.nextInt(64);
                for (int k = 0; k < extra && length < out.capacity(); k++)
                {
                    out.putByte(length++, (byte)random.nextInt(256));
                }
                break;
            }
            case 4:
            {
                final int at = random.nextInt(Math.max(1, length - 1)) & ~1;
                final int[] values = {0, 1, 2, 0x7FFF, 0xFFFF, length, length - 12, 255, 256};
                out.putShort(at, (short)values[random.nextInt(values.length)], MdpPacketDescriptor.BYTE_ORDER);
                break;
            }
            case 5:
            {
                final int cut = random.nextInt(length + 1);
                final int from = random.nextInt(other.length + 1);
                final int tail = Math.min(other.length - from, out.capacity() - cut);
                out.putBytes(cut, other, from, tail);
                length = cut + tail;
                break;
            }
            case 6:
                length = 1 + random.nextInt(300);
                for (int k = 0; k < length; k++)
                {
                    out.putByte(k, (byte)random.nextInt(256));
                }
                break;
            default:
                // a plausible sequence, so that the mutant is processed rather than dropped as a duplicate
                for (int n = 1 + random.nextInt(3); n > 0; n--)
                {
                    out.putByte(12 + random.nextInt(Math.max(1, length - 12)), (byte)random.nextInt(256));
                }
                break;
        }
        if (length >= 4 && random.nextInt(3) == 0 && expected > 0)
        {
            out.putInt(0, (int)expected, MdpPacketDescriptor.BYTE_ORDER);
        }
        return length;
    }
}
