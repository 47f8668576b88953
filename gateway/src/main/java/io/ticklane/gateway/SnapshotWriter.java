package io.ticklane.gateway;

/**
 * Writes one instrument's snapshot from a {@link SyntheticOrderFlow} as a run of packets: definition and snapshot
 * begin, then the orders packed {@value #ORDERS_PER_PACKET} per packet in queue order, then snapshot end, all
 * carrying the last incremental sequence the snapshot reflects. One thread; reuses its arrays.
 */
public final class SnapshotWriter
{
    /** Orders per packet: keeps a snapshot packet inside a 1,408-byte MTU. */
    public static final int ORDERS_PER_PACKET = 48;

    /**
     * Where the packets go.
     */
    public interface PacketSink
    {
        /**
         * @param nowNs send time.
         * @return the encoder of a new packet.
         */
        PacketEncoder begin(long nowNs);

        /**
         * Sends the packet begun last.
         */
        void send();
    }

    private final long[] ids = new long[SyntheticOrderFlow.maxOrders()];
    private final byte[] sides = new byte[SyntheticOrderFlow.maxOrders()];
    private final long[] prices = new long[SyntheticOrderFlow.maxOrders()];
    private final long[] quantities = new long[SyntheticOrderFlow.maxOrders()];

    /**
     * @param flow            the flow that holds the book.
     * @param instrumentIndex which of its instruments.
     * @param lastSequence    last incremental sequence published (the snapshot reflects it and all before).
     * @param nowNs           send and transact time.
     * @param sink            receives the packets.
     * @return packets written.
     */
    public int write(
        final SyntheticOrderFlow flow,
        final int instrumentIndex,
        final long lastSequence,
        final long nowNs,
        final PacketSink sink)
    {
        final int instrumentId = flow.instrument(instrumentIndex).id();
        final int count = flow.snapshot(instrumentIndex, ids, sides, prices, quantities);
        PacketEncoder encoder = sink.begin(nowNs);
        flow.definition(encoder, instrumentIndex, nowNs);
        encoder.snapshotBegin(nowNs, instrumentId, lastSequence, count);
        sink.send();
        int packets = 1;
        for (int from = 0; from < count; from += ORDERS_PER_PACKET)
        {
            encoder = sink.begin(nowNs);
            encoder.snapshotOrders(instrumentId, ids, sides, prices, quantities, from,
                Math.min(ORDERS_PER_PACKET, count - from));
            sink.send();
            packets++;
        }
        sink.begin(nowNs).snapshotEnd(instrumentId, lastSequence);
        sink.send();
        return packets + 1;
    }
}
