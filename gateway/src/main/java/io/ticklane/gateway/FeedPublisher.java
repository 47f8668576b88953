package io.ticklane.gateway;

import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Publishes one feed channel's packets with a per-channel sequence, on line A and (when given) the same bytes on
 * line B: {@link #begin} a packet, encode messages into the returned {@link PacketEncoder}, then
 * {@link #publish(long)}. Back pressure is retried under the idle strategy and counted, never dropped. An optional
 * {@link FeedLossModel} leaves packets off a line on purpose, for drills. One thread per instance.
 */
public final class FeedPublisher
{
    /** Largest packet this publisher builds (and the gateway can hold for reordering or recovery). */
    public static final int MAX_PACKET_LENGTH = 8192;

    private final Publication lineA;
    private final Publication lineB;
    private final int channelId;
    private final int flags;
    private final int sessionId;
    private final IdleStrategy idle;
    private final FeedLossModel loss;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_PACKET_LENGTH));
    private final UnsafeBuffer corrupt = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_PACKET_LENGTH));
    private final PacketEncoder encoder = new PacketEncoder();
    private long nextSequence = 1;
    private long packetsPublished;
    private long heartbeatsPublished;
    private long messagesPublished;
    private long backPressureRetries;
    private long droppedA;
    private long droppedB;
    private long corruptCopies;
    private boolean skipWhenNotConnected;

    /**
     * A single-line incremental publisher.
     *
     * @param publication Aeron publication.
     * @param channelId   feed channel id stamped in every packet.
     * @param sessionId   this publisher's session id, not 0 (see {@link #newSessionId()}).
     * @param idle        how to wait on back pressure.
     */
    public FeedPublisher(
        final Publication publication, final int channelId, final int sessionId, final IdleStrategy idle)
    {
        this(publication, null, channelId, 0, sessionId, idle, null);
    }

    /**
     * @param lineA     line A publication.
     * @param lineB     line B publication, or null.
     * @param channelId feed channel id stamped in every packet.
     * @param flags     packet flags (e.g. {@link PacketHeaderDescriptor#FLAG_SNAPSHOT}).
     * @param sessionId this publisher's session id, not 0; the same for a channel's incremental and snapshot
     *                  publishers, new each time the feed starts (see {@link #newSessionId()}).
     * @param idle      how to wait on back pressure.
     * @param loss      loss injection, or null.
     */
    public FeedPublisher(
        final Publication lineA,
        final Publication lineB,
        final int channelId,
        final int flags,
        final int sessionId,
        final IdleStrategy idle,
        final FeedLossModel loss)
    {
        if (sessionId == 0)
        {
            throw new IllegalArgumentException("session id 0 is reserved");
        }
        this.sessionId = sessionId;
        this.lineA = lineA;
        this.lineB = lineB;
        this.channelId = channelId;
        this.flags = flags;
        this.idle = idle;
        this.loss = null == loss || loss.isNone() ? null : loss;
    }

    /**
     * @param sendingTimeNs send time for the header (the intended send time, for coordinated-omission-free timing).
     * @return the encoder for this packet's messages.
     */
    public PacketEncoder begin(final long sendingTimeNs)
    {
        return encoder.begin(buffer, 0, channelId, flags, nextSequence, sendingTimeNs, sessionId);
    }

    /**
     * @return a fresh publisher session id (never 0): each start of a feed takes a new one.
     */
    public static int newSessionId()
    {
        int id;
        do
        {
            id = java.util.concurrent.ThreadLocalRandom.current().nextInt();
        }
        while (id == 0);
        return id;
    }

    /**
     * Sends an unsequenced heartbeat on every line: it carries the last sequence sent, so a receiver that has not
     * seen that sequence knows the tail is missing (a gap) rather than the feed quiet. No loss injection.
     *
     * @param nowNs        send time.
     * @param endOfSession true when nothing follows (the publisher is closing).
     * @param deadlineNs   give up at this {@code System.nanoTime()}.
     * @return true when sent on every line.
     */
    public boolean publishHeartbeat(final long nowNs, final boolean endOfSession, final long deadlineNs)
    {
        final int heartbeatFlags = flags | PacketHeaderDescriptor.FLAG_HEARTBEAT |
            (endOfSession ? PacketHeaderDescriptor.FLAG_END_OF_SESSION : 0);
        encoder.begin(buffer, 0, channelId, heartbeatFlags, nextSequence - 1, nowNs, sessionId).heartbeat(nowNs);
        final int length = encoder.length();
        if (!offer(lineA, buffer, length, deadlineNs) || (null != lineB && !offer(lineB, buffer, length, deadlineNs)))
        {
            return false;
        }
        heartbeatsPublished++;
        return true;
    }

    /**
     * Offers the packet begun last on each line, retrying on back pressure.
     *
     * @param deadlineNs give up (and keep the sequence) at this {@code System.nanoTime()}.
     * @return true when published; false when a publication is closed or the deadline passed first.
     */
    public boolean publish(final long deadlineNs)
    {
        final int length = encoder.length();
        boolean sendA = true;
        boolean sendB = null != lineB;
        if (null != loss)
        {
            loss.next();
            if (loss.dropA())
            {
                sendA = false;
                droppedA++;
            }
            if (sendB && loss.dropB())
            {
                sendB = false;
                droppedB++;
            }
        }
        if ((sendA && !offer(lineA, buffer, length, deadlineNs)) || (sendB && !offer(lineB, buffer, length, deadlineNs)))
        {
            return false;
        }
        nextSequence++;
        packetsPublished++;
        messagesPublished += encoder.eventCount();
        return true;
    }

    /**
     * Sends, on line A, a copy of the packet begun last that is corrupt in a way validation must catch, without
     * using a sequence number. For validation drills.
     *
     * @param kind       which corruption, any int (taken modulo the number of kinds).
     * @param deadlineNs give up at this {@code System.nanoTime()}.
     * @return true when sent.
     */
    public boolean publishCorruptCopy(final int kind, final long deadlineNs)
    {
        int length = encoder.length();
        corrupt.putBytes(0, buffer, 0, length);
        final int firstMessage = PacketHeaderDescriptor.HEADER_LENGTH;
        switch (Math.floorMod(kind, 5))
        {
            case 0:
                length--; // truncated
                break;
            case 1:
                corrupt.putShort(firstMessage + 4, (short)0x7A7A, ByteOrder.LITTLE_ENDIAN); // schema id
                break;
            case 2:
                corrupt.putShort(firstMessage + 2, (short)250, ByteOrder.LITTLE_ENDIAN); // template id
                break;
            case 3:
                PacketHeaderDescriptor.messageCount(corrupt, 0, encoder.messageCount() + 1); // count beyond the bytes
                break;
            default:
                corrupt.putInt(PacketHeaderDescriptor.CHANNEL_ID_OFFSET, channelId + 1000, ByteOrder.LITTLE_ENDIAN);
                break;
        }
        if (length < PacketHeaderDescriptor.HEADER_LENGTH + 1 || !offer(lineA, corrupt, length, deadlineNs))
        {
            return false;
        }
        corruptCopies++;
        return true;
    }

    private boolean offer(final Publication publication, final DirectBuffer src, final int length, final long deadlineNs)
    {
        while (true)
        {
            final long result = publication.offer(src, 0, length);
            if (result > 0)
            {
                idle.reset();
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            if (result == Publication.NOT_CONNECTED && skipWhenNotConnected)
            {
                return true; // nobody subscribes to this stream (e.g. snapshots while no engine recovers)
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
     * @param skip true to treat "no subscriber" as sent (for a snapshot stream that may have no listener).
     * @return this.
     */
    public FeedPublisher skipWhenNotConnected(final boolean skip)
    {
        this.skipWhenNotConnected = skip;
        return this;
    }

    /**
     * @param sendingTimeNs send time to stamp into the packet begun last (e.g. once its schedule is known).
     */
    public void sendingTimeNs(final long sendingTimeNs)
    {
        encoder.sendingTimeNs(sendingTimeNs);
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
     * @return true when every line has a connected subscriber.
     */
    public boolean isConnected()
    {
        return lineA.isConnected() && (null == lineB || lineB.isConnected());
    }

    public long packetsPublished()
    {
        return packetsPublished;
    }

    /**
     * @return unsequenced heartbeats sent (not counted as packets).
     */
    public long heartbeatsPublished()
    {
        return heartbeatsPublished;
    }

    /**
     * @return this publisher's session id.
     */
    public int sessionId()
    {
        return sessionId;
    }

    /**
     * @return book events published (messages other than heartbeats).
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
     * @return packets left off line A by the loss model.
     */
    public long droppedA()
    {
        return droppedA;
    }

    /**
     * @return packets left off line B by the loss model.
     */
    public long droppedB()
    {
        return droppedB;
    }

    /**
     * @return corrupt copies sent.
     */
    public long corruptCopies()
    {
        return corruptCopies;
    }

    /**
     * @return the sequence the next packet will carry.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * @return true for an incremental (not snapshot) publisher.
     */
    public boolean isIncremental()
    {
        return (flags & PacketHeaderDescriptor.FLAG_SNAPSHOT) == 0;
    }

    /**
     * @return this publisher's channel id.
     */
    public int channelId()
    {
        return channelId;
    }
}
