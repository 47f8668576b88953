package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.AeronCounters;
import io.aeron.Publication;
import io.aeron.driver.status.StreamCounter;
import io.aeron.driver.status.SystemCounterDescriptor;
import org.agrona.concurrent.status.CountersReader;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of a feed: before its publications (and an embedded driver) close, the driver must have sent everything
 * they hold and served the retransmissions receivers ask for, or the tail never reaches them. Waits, bounded, until
 * each network publication's sender position has reached its publication position, then while retransmissions are
 * still being requested (until none for a quiet period). Receivers that still miss the tail learn of it from the
 * final heartbeats, which carry the last sequence, and count it as a gap.
 * <p>
 * Main thread, after the publishing agent stopped.
 */
final class PublicationDrain
{
    private static final long POLL_NS = 5_000_000L;

    /**
     * What the drain saw.
     *
     * @param drained        true when every network publication's data was sent before the deadline.
     * @param unsentBytes    bytes still unsent at the deadline (0 when drained).
     * @param retransmits    retransmissions the driver sent meanwhile.
     * @param seconds        time spent.
     */
    record Result(boolean drained, long unsentBytes, long retransmits, double seconds)
    {
    }

    private PublicationDrain()
    {
    }

    /**
     * @param aeron        the client whose driver sends the publications.
     * @param publications the feed's publications (IPC ones need no drain and are skipped).
     * @param timeoutNs    most time to wait.
     * @param quietNs      retransmission-free time that ends the linger.
     * @return what happened.
     */
    static Result drain(final Aeron aeron, final List<? extends Publication> publications, final long timeoutNs,
        final long quietNs)
    {
        final CountersReader counters = aeron.countersReader();
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + timeoutNs;
        final long retransmitsBefore = retransmits(counters);
        long unsent = unsent(counters, publications);
        while (unsent > 0 && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(POLL_NS);
            unsent = unsent(counters, publications);
        }
        long lastRetransmits = retransmits(counters);
        long quietSinceNs = System.nanoTime();
        while (unsent == 0 && System.nanoTime() - quietSinceNs < quietNs && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(POLL_NS);
            final long now = retransmits(counters);
            if (now != lastRetransmits)
            {
                lastRetransmits = now;
                quietSinceNs = System.nanoTime();
            }
        }
        return new Result(unsent == 0, unsent, lastRetransmits - retransmitsBefore,
            (System.nanoTime() - startNs) / 1e9);
    }

    private static long retransmits(final CountersReader counters)
    {
        return counters.getCounterValue(SystemCounterDescriptor.RETRANSMITS_SENT.id());
    }

    private static long unsent(final CountersReader counters, final List<? extends Publication> publications)
    {
        long unsent = 0;
        for (final Publication publication : publications)
        {
            if (publication.isClosed() || publication.channel().startsWith("aeron:ipc"))
            {
                continue;
            }
            final long senderPosition = senderPosition(counters, publication);
            if (senderPosition >= 0)
            {
                unsent += Math.max(0, publication.position() - senderPosition);
            }
        }
        return unsent;
    }

    private static long senderPosition(final CountersReader counters, final Publication publication)
    {
        final long[] found = {-1};
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID &&
                key.getInt(StreamCounter.SESSION_ID_OFFSET) == publication.sessionId() &&
                key.getInt(StreamCounter.STREAM_ID_OFFSET) == publication.streamId())
            {
                found[0] = counters.getCounterValue(counterId);
            }
        });
        return found[0];
    }
}
