package io.ticklane.gateway;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Whatever the encoder writes, the decoder reads back exactly, and the packet header carries channel, sequence
 * and send time unchanged.
 */
class PacketCodecTest
{
    /** One message as a kind plus numeric fields, encoded and expected-rendered by the test. */
    record Msg(int kind, int instrument, long a, long b, long c, long time, int side)
    {
        String expected()
        {
            switch (kind)
            {
                case 0: return "add " + time + " " + instrument + " " + a + " " + side + " " + b + " " + c;
                case 1: return "mod " + time + " " + instrument + " " + a + " " + b + " " + c;
                case 2: return "del " + time + " " + instrument + " " + a;
                case 3: return "exe " + time + " " + instrument + " " + a + " " + c + " " + b;
                case 4: return "trd " + time + " " + instrument + " " + a + " " + b + " " + c + " " + (side % 3);
                case 5: return "clr " + time + " " + instrument;
                case 6: return "sb " + time + " " + instrument + " " + a + " " + (int)c;
                case 7: return "so " + instrument + " " + a + " " + side + " " + b + " " + c;
                case 8: return "se " + instrument + " " + a;
                case 9: return "hb " + time;
                default: return "def " + time + " " + instrument + " SYM" + instrument + " 1 -4 " + reference() +
                    " " + band();
            }
        }

        // definitions must be valid to pass validation: tick 1 keeps every later price of the instrument on tick
        long reference()
        {
            return 1 + (c & 0x7FFF_FFFF_FFFFL);
        }

        int band()
        {
            return 1 + (int)(a & 0xFFFF);
        }

        void encode(final PacketEncoder e)
        {
            switch (kind)
            {
                case 0: e.addOrder(time, instrument, a, side, b, c); break;
                case 1: e.modifyOrder(time, instrument, a, b, c); break;
                case 2: e.deleteOrder(time, instrument, a); break;
                case 3: e.executeOrder(time, instrument, a, c, b); break;
                case 4: e.trade(time, instrument, a, b, c, side % 3); break;
                case 5: e.bookClear(time, instrument); break;
                case 6: e.snapshotBegin(time, instrument, a, (int)c); break;
                case 7: e.snapshotOrder(instrument, a, side, b, c); break;
                case 8: e.snapshotEnd(instrument, a); break;
                case 9: e.heartbeat(time); break;
                default: e.instrumentDefinition(time, instrument, "SYM" + instrument, 1, -4, reference(), band());
            }
        }
    }

    @Provide
    Arbitrary<Msg> messages()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, 10),
            Arbitraries.integers().between(1, 100_000),
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 1)).as(Msg::new);
    }

    @Property(tries = 300)
    void roundTrip(
        @ForAll @Size(max = 60) final List<@From("messages") Msg> msgs,
        @ForAll final int channel,
        @ForAll final long sequence,
        @ForAll final long sendNs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
        final PacketEncoder encoder = new PacketEncoder().begin(buffer, 16, channel, 0, sequence, sendNs, 5);
        final List<String> expected = new ArrayList<>();
        for (final Msg msg : msgs)
        {
            msg.encode(encoder);
            expected.add(msg.expected());
        }
        assertEquals(msgs.size(), encoder.messageCount());
        final RecordingFeedHandler handler = new RecordingFeedHandler();
        assertEquals(FeedDecoder.OK, new FeedDecoder().decode(buffer, 16, encoder.length(), handler));
        assertEquals(expected, handler.messages);
        assertEquals(channel, PacketHeaderDescriptor.channelId(buffer, 16));
        assertEquals(sequence, PacketHeaderDescriptor.sequence(buffer, 16));
        assertEquals(sendNs, PacketHeaderDescriptor.sendingTimeNs(buffer, 16));
        assertEquals(msgs.size(), PacketHeaderDescriptor.messageCount(buffer, 16));
    }
}
