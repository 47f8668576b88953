package io.ticklane.gateway;

import org.agrona.DirectBuffer;

/**
 * Receives a channel's packets from a {@link LineArbiter} in strict sequence order, exactly once each, and is told
 * of every sequence range that no line delivered.
 */
public interface SequencedPacketHandler
{
    /**
     * @param buffer        packet bytes (valid only during the call).
     * @param offset        packet start.
     * @param length        packet length.
     * @param sequence      its sequence: always the previous one plus one, or the first after a gap or join.
     * @param receiveTimeNs when the first copy arrived.
     */
    void onSequencedPacket(DirectBuffer buffer, int offset, int length, long sequence, long receiveTimeNs);

    /**
     * Packets {@code fromSequence..toSequence} (inclusive) were lost on every line.
     *
     * @param fromSequence first missing.
     * @param toSequence   last missing.
     */
    void onGap(long fromSequence, long toSequence);

    /**
     * The first packet seen on the channel did not carry sequence 1: the engine joined a running feed.
     *
     * @param firstSequence sequence of the first packet seen.
     */
    void onLateJoin(long firstSequence);
}
