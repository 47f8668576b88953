package io.ticklane.gateway;

import io.ticklane.config.InstrumentSpec;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Test feed: the synthetic flow of one channel encoded into incremental and snapshot packets as byte arrays, so
 * tests decide exactly which copies reach the gateway, in which order, on which line.
 */
final class FeedScript
{
    static final int CHANNEL_ID = 1;

    final List<InstrumentSpec> instruments;
    final SyntheticOrderFlow flow;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedPublisher.MAX_PACKET_LENGTH));
    private final PacketEncoder encoder = new PacketEncoder();
    private final SnapshotWriter snapshots = new SnapshotWriter();
    private long sequence = 1;
    private long snapshotSequence = 1;
    private long time = 1_000;
    private final int sessionId;

    FeedScript(final int instrumentCount, final long seed)
    {
        this(instrumentCount, seed, 7);
    }

    /**
     * @param instrumentCount instruments of the flow.
     * @param seed            the flow's seed.
     * @param sessionId       the publisher session every packet carries.
     */
    FeedScript(final int instrumentCount, final long seed, final int sessionId)
    {
        this.sessionId = sessionId;
        instruments = new ArrayList<>();
        final String[] symbols = {"AAPL", "MSFT", "ESZ6", "EURUSD", "GOOG", "NVDA"};
        for (int i = 0; i < instrumentCount; i++)
        {
            instruments.add(new InstrumentSpec(symbols[i], i + 1, 100, -4, 1_000_000 + 100_000L * i, 2048, 0, 0));
        }
        flow = new SyntheticOrderFlow(instruments, seed);
    }

    private byte[] copy()
    {
        final byte[] bytes = new byte[encoder.length()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * @return the definitions packet (takes the next sequence).
     */
    byte[] definitions()
    {
        encoder.begin(buffer, 0, CHANNEL_ID, 0, sequence++, time, sessionId);
        flow.definitions(encoder, time);
        return copy();
    }

    /**
     * @param events events in the packet.
     * @return the next incremental packet.
     */
    byte[] next(final int events)
    {
        time += 1_000;
        encoder.begin(buffer, 0, CHANNEL_ID, 0, sequence++, time, sessionId);
        flow.next(encoder, events, time);
        return copy();
    }

    /**
     * @param endOfSession whether the publisher says it ends here.
     * @return an unsequenced heartbeat announcing the last sequence made so far.
     */
    byte[] heartbeat(final boolean endOfSession)
    {
        time += 1_000;
        encoder.begin(buffer, 0, CHANNEL_ID, PacketHeaderDescriptor.FLAG_HEARTBEAT |
            (endOfSession ? PacketHeaderDescriptor.FLAG_END_OF_SESSION : 0), sequence - 1, time, sessionId)
            .heartbeat(time);
        return copy();
    }

    /**
     * @return a snapshot round of every instrument, reflecting every incremental packet made so far.
     */
    List<byte[]> snapshotRound()
    {
        final List<byte[]> packets = new ArrayList<>();
        final long lastSequence = sequence - 1;
        for (int i = 0; i < flow.instrumentCount(); i++)
        {
            snapshots.write(flow, i, lastSequence, time, new SnapshotWriter.PacketSink()
            {
                public PacketEncoder begin(final long nowNs)
                {
                    return encoder.begin(buffer, 0, CHANNEL_ID, PacketHeaderDescriptor.FLAG_SNAPSHOT,
                        snapshotSequence++, nowNs, sessionId);
                }

                public void send()
                {
                    packets.add(copy());
                }
            });
        }
        return packets;
    }

    long lastSequence()
    {
        return sequence - 1;
    }

    long time()
    {
        return time;
    }
}
