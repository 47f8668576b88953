package io.ticklane.book;

import io.ticklane.latency.StageRecorder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Drains one book agent's many-to-one ring ({@link BookEventDescriptor}) into its {@link BookEventApplier}, which
 * owns every book of the instruments sharded to this agent, then records the decoded-to-applied and
 * publish-to-applied latencies of each applied event (definitions and event ends excepted). Ring messages of an
 * unknown type are counted and dropped.
 * <p>
 * Threading: one instance per book agent thread. The counters are published once per duty cycle (release), so
 * other threads and processes read them without touching the hot path. Allocation-free in steady state.
 */
public final class BookAgent implements Agent, MessageHandler
{
    /**
     * The agent's shared-memory counters.
     *
     * @param applied  events applied.
     * @param rejected events rejected by a book, for an undefined instrument, or of an unknown type.
     * @param poolUsed order slots in use.
     */
    public record Counters(AtomicCounter applied, AtomicCounter rejected, AtomicCounter poolUsed)
    {
    }

    /**
     * Latency recording.
     *
     * @param clock            comparable with the gateway's and the publisher's.
     * @param decodedToApplied recorder owned by this agent.
     * @param endToEnd         publisher send to applied, recorder owned by this agent.
     */
    public record Latency(NanoClock clock, StageRecorder decodedToApplied, StageRecorder endToEnd)
    {
    }

    private final String roleName;
    private final RingBuffer ring;
    private final OrderPool pool;
    private final BookEventApplier applier;
    private final BookEventHandler sink;
    private final Latency latency;
    private final Counters counters;
    private final int readLimit;
    private final BookEventRingReader reader = new BookEventRingReader();
    private long unknownTypeEvents;

    /**
     * @param roleName  agent name, e.g. {@code book.0}.
     * @param ring      the agent's inbound ring.
     * @param pool      order slots of the agent's books (for the pool counter).
     * @param applier   owns the agent's books.
     * @param latency   latency recording.
     * @param counters  shared-memory counters.
     * @param readLimit most events per duty cycle.
     */
    public BookAgent(
        final String roleName,
        final RingBuffer ring,
        final OrderPool pool,
        final BookEventApplier applier,
        final Latency latency,
        final Counters counters,
        final int readLimit)
    {
        this(roleName, ring, pool, applier, applier, latency, counters, readLimit);
    }

    /**
     * @param roleName  agent name, e.g. {@code book.0}.
     * @param ring      the agent's inbound ring.
     * @param pool      order slots of the agent's books (for the pool counter).
     * @param applier   owns the agent's books.
     * @param sink      where the ring's events go: the applier, or a decorator in front of it (the stream
     *                  publisher) that hands every event on to it.
     * @param latency   latency recording.
     * @param counters  shared-memory counters.
     * @param readLimit most events per duty cycle.
     */
    public BookAgent(
        final String roleName,
        final RingBuffer ring,
        final OrderPool pool,
        final BookEventApplier applier,
        final BookEventHandler sink,
        final Latency latency,
        final Counters counters,
        final int readLimit)
    {
        this.roleName = roleName;
        this.ring = ring;
        this.pool = pool;
        this.applier = applier;
        this.sink = sink;
        this.latency = latency;
        this.counters = counters;
        this.readLimit = readLimit;
    }

    public int doWork()
    {
        final int events = ring.read(this, readLimit);
        if (events > 0)
        {
            counters.applied().setRelease(applier.applied());
            counters.rejected().setRelease(applier.rejected() + unknownTypeEvents);
            counters.poolUsed().setRelease(pool.used());
        }
        return events;
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final BookEventType type = BookEventType.of(msgTypeId);
        if (null == type)
        {
            unknownTypeEvents++;
            return;
        }
        reader.dispatch(type, buffer, index, sink);
        if (type != BookEventType.END_OF_EVENT && type != BookEventType.DEFINE &&
            applier.lastResult() == BookResult.OK)
        {
            final long nowNs = latency.clock().nanoTime();
            latency.decodedToApplied().record(nowNs - buffer.getLong(index + BookEventDescriptor.DECODED_TIME_OFFSET));
            latency.endToEnd().record(nowNs - buffer.getLong(index + BookEventDescriptor.SEND_TIME_OFFSET));
        }
    }

    /**
     * Safe only on the agent thread, or after it has stopped.
     *
     * @return the agent's applier and books.
     */
    public BookEventApplier applier()
    {
        return applier;
    }

    /**
     * @return ring messages dropped because their type is not a {@link BookEventType}.
     */
    public long unknownTypeEvents()
    {
        return unknownTypeEvents;
    }

    public String roleName()
    {
        return roleName;
    }
}
