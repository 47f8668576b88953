package io.ticklane.gateway.capture;

import io.ticklane.gateway.PacketSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteOrder;

import static io.ticklane.gateway.capture.CaptureDatagram.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capture ingress maps destinations to sources through the lookup it was given, delivers the capture's timestamp
 * as the receive time, and counts what it does not deliver.
 */
class CaptureIngressTest
{
    private static final int A = ipv4("224.0.31.11");
    private static final int B = ipv4("224.0.32.11");

    @Test
    void deliversBothLinesOfTheV8CaptureWithCaptureTimestamps() throws IOException
    {
        final long[] perSource = new long[PacketSource.COUNT];
        final long[] lastSequence = new long[2];
        final long[] firstTime = {0};
        try (CaptureIngress ingress = CaptureIngress.open(
            CaptureReaderTest.shared("cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap"),
            (group, port) -> group == A && port == 14320 ? PacketSource.INCREMENTAL_A :
                group == B && port == 15320 ? PacketSource.INCREMENTAL_B : CaptureIngress.NOT_MINE))
        {
            int polls = 0;
            while (!ingress.isDone())
            {
                polls++;
                ingress.poll((source, buffer, offset, length, receiveTimeNs) ->
                {
                    perSource[source]++;
                    final long sequence = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                    assertTrue(sequence > lastSequence[source], "each line in order");
                    lastSequence[source] = sequence;
                    if (firstTime[0] == 0)
                    {
                        firstTime[0] = receiveTimeNs;
                    }
                    assertTrue(receiveTimeNs >= 1_475_012_000_000_000_000L, "capture time " + receiveTimeNs);
                }, 100);
            }
            assertTrue(polls >= 100, "poll limit honoured: " + polls);
            assertEquals(5_000, perSource[PacketSource.INCREMENTAL_A]);
            assertEquals(5_000, perSource[PacketSource.INCREMENTAL_B]);
            assertEquals(5_000, ingress.delivered(PacketSource.INCREMENTAL_B));
            assertEquals(0, ingress.unmatched());
            assertEquals(0, ingress.poll((s, b, o, l, t) -> { }, 10));
        }
    }

    @Test
    void countsWhatTheLookupDoesNotMap() throws IOException
    {
        try (CaptureIngress ingress = CaptureIngress.open(
            CaptureReaderTest.shared("cme/pcap-v9-stream/Cme.Mdp3.Sbe.v9.1.Example.pcap"),
            (group, port) -> port == 14312 ? PacketSource.INCREMENTAL_A : port == 15312 ? PacketSource.INCREMENTAL_B :
                CaptureIngress.NOT_MINE))
        {
            int delivered = 0;
            while (!ingress.isDone())
            {
                delivered += ingress.poll((s, b, o, l, t) -> { }, 1000);
            }
            assertEquals(9, delivered, "channel 312: 5 on line A, 4 on line B");
            assertEquals(5, ingress.delivered(PacketSource.INCREMENTAL_A));
            assertEquals(90, ingress.unmatched());
            assertTrue(ingress.describe().contains("Cme.Mdp3.Sbe.v9.1.Example.pcap"));
        }
    }
}
