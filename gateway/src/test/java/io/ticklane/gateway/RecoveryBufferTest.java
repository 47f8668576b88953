package io.ticklane.gateway;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RecoveryBufferTest
{
    @Property(tries = 200)
    void keepsExactlyTheNewestPacketsThatFit(
        @ForAll @Size(min = 1, max = 400) final List<@IntRange(min = 1, max = 3000) Integer> lengths,
        @ForAll @IntRange(min = 4, max = 64) final int capacityKiB)
    {
        final RecoveryBuffer buffer = new RecoveryBuffer(capacityKiB * 1024);
        final List<byte[]> appended = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < lengths.size(); i++)
        {
            final byte[] packet = new byte[lengths.get(i)];
            for (int j = 0; j < packet.length; j++)
            {
                packet[j] = (byte)(i * 31 + j);
            }
            assertTrue(buffer.fits(packet.length));
            final int dropped = buffer.append(new UnsafeBuffer(packet), 0, packet.length, 1_000L + i);
            appended.add(packet);
            kept = kept + 1 - dropped;
            assertEquals(kept, buffer.count());
            assertTrue(buffer.bytesUsed() <= capacityKiB * 1024L);

            final List<byte[]> contents = new ArrayList<>();
            final List<Long> times = new ArrayList<>();
            buffer.forEach((b, offset, length, receiveNs) ->
            {
                final byte[] bytes = new byte[length];
                b.getBytes(offset, bytes);
                contents.add(bytes);
                times.add(receiveNs);
            });
            assertEquals(kept, contents.size());
            for (int k = 0; k < kept; k++)
            {
                final int index = appended.size() - kept + k;
                assertArrayEquals(appended.get(index), contents.get(k), "packet " + index);
                assertEquals(1_000L + index, times.get(k));
            }
        }
        buffer.dropOldest();
        assertEquals(Math.max(0, kept - 1), buffer.count());
        buffer.clear();
        assertEquals(0, buffer.count());
        assertEquals(0, buffer.bytesUsed());
    }
}
