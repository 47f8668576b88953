package io.ticklane.gateway;

import org.agrona.DirectBuffer;

/**
 * Receives packets from an {@link Ingress}: raw venue bytes (one UDP payload, one Aeron message, one captured
 * datagram), where they came from and when they arrived. The buffer is valid during the call only.
 */
@FunctionalInterface
public interface PacketHandler
{
    /**
     * @param source        a {@link PacketSource}.
     * @param buffer        packet bytes.
     * @param offset        packet start.
     * @param length        packet length.
     * @param receiveTimeNs receive time (the ingress's clock, or the capture's timestamp).
     */
    void onPacket(int source, DirectBuffer buffer, int offset, int length, long receiveTimeNs);
}
