package io.ticklane.gateway;

import io.ticklane.book.BookEventHandler;
import org.agrona.DirectBuffer;

/**
 * One channel of one venue's protocol: everything between the raw packets of the channel's feeds and the normalized
 * book events ({@link BookEventHandler}). A session validates packets (counting bad ones by reason), puts the
 * incremental lines in sequence with A/B arbitration ({@link LineArbiter}), tracks each instrument's own sequence
 * where the venue has one, recovers stale instruments (snapshots, late join, resets) and translates venue messages
 * into book events for its sink.
 * <p>
 * Implementations: the project's own feed, CME MDP 3.0; see docs/VENUES.md for how to add one. The same session
 * class runs live, in replay and in backtests, so the books are the same in all three.
 * <p>
 * Deterministic: time enters only through receive timestamps and {@link #onTimer}; a timer decision that changes
 * anything returns &gt; 0 so that the gateway journals it and replay repeats it at the same point.
 * <p>
 * Threading: single thread (the channel's gateway agent, or a replay loop). Allocation-free in steady state.
 */
public interface ProtocolSession
{
    /**
     * @return the venue's id in journal record types ({@link JournalRecordTypes#VENUE_TICKLANE}, ...).
     */
    int venueId();

    /**
     * @return the venue's id of the channel this session reads.
     */
    int channelId();

    /**
     * A packet of one of this channel's feeds.
     *
     * @param source        a {@link PacketSource}.
     * @param buffer        packet bytes, valid during the call.
     * @param offset        packet start.
     * @param length        packet length.
     * @param receiveTimeNs receive time.
     */
    void onPacket(int source, DirectBuffer buffer, int offset, int length, long receiveTimeNs);

    /**
     * Lets time-driven decisions happen (a hole that waited long enough becomes a gap).
     *
     * @param nowNs now, on the receive clock.
     * @return &gt; 0 when a decision changed the session's state (the gateway journals the timer so that replay
     *         repeats it here); 0 otherwise.
     */
    int onTimer(long nowNs);

    /**
     * Copies the session's statistics to the shared-memory counters other processes read, for a session that keeps
     * them in plain fields. Called by the gateway agent on the session's thread, every
     * {@link GatewayAgent#COUNTERS_INTERVAL_NS} and when it stops. A session that writes its counters as it goes
     * does nothing here.
     */
    default void publishCounters()
    {
    }
}
