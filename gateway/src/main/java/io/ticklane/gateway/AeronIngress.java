package io.ticklane.gateway;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * Packets from an Aeron subscription (the project's own feed: one Aeron message is one packet; messages longer
 * than the MTU are reassembled), stamped with the receive time when polled and tagged with one
 * {@link PacketSource}.
 * <p>
 * Threading: polled by one thread. Allocation-free in steady state (the assembler reuses its buffer).
 */
public final class AeronIngress implements Ingress, FragmentHandler
{
    private final Subscription subscription;
    private final int source;
    private final NanoClock clock;
    private final FragmentAssembler assembler = new FragmentAssembler(this);
    private PacketHandler handler;

    /**
     * @param subscription the subscription (closed with this ingress).
     * @param source       the {@link PacketSource} of its packets.
     * @param clock        receive timestamps.
     */
    public AeronIngress(final Subscription subscription, final int source, final NanoClock clock)
    {
        this.subscription = subscription;
        this.source = source;
        this.clock = clock;
    }

    public int poll(final PacketHandler handler, final int limit)
    {
        this.handler = handler;
        return subscription.poll(assembler, limit);
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        handler.onPacket(source, buffer, offset, length, clock.nanoTime());
    }

    public String describe()
    {
        return "aeron " + subscription.channel() + " stream " + subscription.streamId() + " (" +
            PacketSource.name(source) + ")";
    }

    /**
     * @return true while at least one publisher's image is connected.
     */
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    public void close()
    {
        CloseHelper.quietClose(subscription);
    }
}
