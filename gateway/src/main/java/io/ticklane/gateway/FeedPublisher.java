package io.ticklane.gateway;

import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Publishes feed packets on one Aeron publication with a per-channel sequence: {@link #begin} a packet, encode
 * messages into the returned {@link PacketEncoder}, then {@link #publish()}. Back pressure is retried under the
 * idle strategy and counted, never dropped. One thread per instance.
 */
public final class FeedPublisher
{
    /** Largest packet this publisher builds. */
    public static final int MAX_PACKET_LENGTH = 8192;

    private final Publication publication;
    private final int channelId;
    private final IdleStrategy idle;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_PACKET_LENGTH));
    private final PacketEncoder encoder = new PacketEncoder();
    private long nextSequence = 1;
    private long packetsPublished;
    private long messagesPublished;
    private long backPressureRetries;

    /**
     * @param publication  Aeron publication.
     * @param channelId    feed channel id stamped in every packet.
     * @param idle         how to wait on back pressure.
     */
    public FeedPublisher(final Publication publication, final int channelId, final IdleStrategy idle)
    {
        this.publication = publication;
        this.channelId = channelId;
        this.idle = idle;
    }

    /**
     * @param sendingTimeNs send time for the header (the intended send time, for coordinated-omission-free timing).
     * @return the encoder for this packet's messages.
     */
    public PacketEncoder begin(final long sendingTimeNs)
    {
        return encoder.begin(buffer, 0, channelId, 0, nextSequence, sendingTimeNs);
    }

    /**
     * Offers the packet begun last, retrying on back pressure.
     *
     * @return true when published; false when the publication is closed or the deadline passed first.
     * @param deadlineNs give up (and keep the sequence) at this {@code System.nanoTime()}.
     */
    public boolean publish(final long deadlineNs)
    {
        final int length = encoder.length();
        while (true)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                idle.reset();
                nextSequence++;
                packetsPublished++;
                messagesPublished += encoder.messageCount();
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            backPressureRetries++;
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            idle.idle();
        }
    }

    /**
     * @return buffer holding the packet begun last (bytes 0 until {@link #packetLength()}).
     */
    public DirectBuffer packetBuffer()
    {
        return buffer;
    }

    /**
     * @return length of the packet begun last, as encoded so far.
     */
    public int packetLength()
    {
        return encoder.length();
    }

    /**
     * @return true when at least one subscriber is connected.
     */
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    /**
     * @return packets published.
     */
    public long packetsPublished()
    {
        return packetsPublished;
    }

    /**
     * @return messages published.
     */
    public long messagesPublished()
    {
        return messagesPublished;
    }

    /**
     * @return offers retried because of back pressure (or no subscriber yet).
     */
    public long backPressureRetries()
    {
        return backPressureRetries;
    }

    /**
     * @return the sequence the next packet will carry.
     */
    public long nextSequence()
    {
        return nextSequence;
    }
}
