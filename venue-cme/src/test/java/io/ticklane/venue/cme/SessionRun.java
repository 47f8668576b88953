package io.ticklane.venue.cme;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.gateway.PacketSource;
import io.ticklane.venue.cme.config.CmeChannelConfig;
import io.ticklane.venue.cme.config.CmeConnection;
import io.ticklane.venue.cme.config.CmeFeed;
import io.ticklane.venue.cme.config.CmeInstrumentDefaults;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A {@link CmeSession} fed by a {@link VenueSimulator} into a {@link BookSink}, with a simulated receive clock (1 ms
 * per packet, so a hole that no line fills becomes a gap after the session's 10 ms timeout) and a soundness check:
 * every instrument the session calls live shows, at every known slot, exactly the venue's book as of the last
 * packet processed.
 */
final class SessionRun
{
    static final long PACKET_INTERVAL_NS = 1_000_000L;

    final VenueSimulator venue;
    final CmeSession session;
    final BookSink sink = new BookSink();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    long timeNs = 1_000_000_000L;
    long snapshotSequence = 1;
    long checks;
    /**
     * Per instrument, the last packet lost on both lines that held one of its entries ({@link #lostSequence}) and
     * the instrument's RptSeq after it ({@link #lostRptSeq}). Until the session's RptSeq for the instrument reaches
     * it (a snapshot after the loss), a live book may show a level the venue has changed since: CME's RptSeq reveals
     * the loss at the instrument's next entry (it turns stale), the snapshot loop at the next snapshot after it.
     * That window is the one thing a session cannot know, so it is not checked.
     */
    private final long[] lostSequence;
    private final long[] lostRptSeq;

    SessionRun(final VenueSimulator venue, final CmeSessionOptions options, final int books)
    {
        this.venue = venue;
        this.session = new CmeSession(channel(venue.depth, venue.impliedDepth, books), options, sink);
        sink.logLevels = false;
        lostSequence = new long[venue.instruments];
        lostRptSeq = new long[venue.instruments];
        java.util.Arrays.fill(lostSequence, Long.MAX_VALUE);
    }

    static CmeChannelConfig channel(final int depth, final int impliedDepth, final int books)
    {
        return new CmeChannelConfig(310, "test", List.of(
            new CmeConnection("310IA", CmeFeed.INCREMENTAL, 0, "224.0.31.1", 14310, "lo", null),
            new CmeConnection("310IB", CmeFeed.INCREMENTAL, 1, "224.0.32.1", 15310, "lo", null),
            new CmeConnection("310SA", CmeFeed.SNAPSHOT, 0, "224.0.31.2", 14310, "lo", null),
            new CmeConnection("310NA", CmeFeed.DEFINITION, 0, "224.0.31.3", 14310, "lo", null)),
            new CmeInstrumentDefaults(VenueSimulator.TICK, -9, depth, impliedDepth, books, null, "GRP"),
            new Int2ObjectHashMap<>());
    }

    static SessionRun levels(final long seed, final long firstSequence, final long firstRptSeq)
    {
        return new SessionRun(new VenueSimulator(seed, 4, 5, 2, firstSequence, firstRptSeq), new CmeSessionOptions(),
            InstrumentDefinition.BOOK_LEVELS);
    }

    void deliver(final int source, final byte[] packet)
    {
        buffer.wrap(packet);
        session.onPacket(source, buffer, 0, packet.length, timeNs);
    }

    void tick()
    {
        timeNs += PACKET_INTERVAL_NS;
        session.onTimer(timeNs);
    }

    /**
     * One venue event, each packet on both lines (B first when {@code bFirst}), unless dropped.
     */
    List<byte[]> event(final double lossA, final double lossB, final double lossBoth, final java.util.SplittableRandom r)
    {
        final List<byte[]> packets = venue.nextEvent(timeNs);
        for (final byte[] p : packets)
        {
            final boolean both = r.nextDouble() < lossBoth;
            if (both)
            {
                final long sequence = io.ticklane.venue.cme.MdpPacketDescriptor.msgSeqNum(new UnsafeBuffer(p), 0);
                final long lost = venue.instrumentsIn(sequence);
                for (int i = 0; i < venue.instruments; i++)
                {
                    if ((lost & 1L << i) != 0)
                    {
                        lostSequence[i] = Math.min(lostSequence[i], sequence); // the earliest loss not caught up
                        lostRptSeq[i] = Math.max(lostRptSeq[i], venue.rptSeqAfter(sequence, i));
                    }
                }
            }
            final boolean dropA = both || r.nextDouble() < lossA;
            final boolean dropB = both || !dropA && r.nextDouble() < lossB;
            if (r.nextBoolean())
            {
                if (!dropA)
                {
                    deliver(PacketSource.INCREMENTAL_A, p);
                }
                if (!dropB)
                {
                    deliver(PacketSource.INCREMENTAL_B, p);
                }
            }
            else
            {
                if (!dropB)
                {
                    deliver(PacketSource.INCREMENTAL_B, p);
                }
                if (!dropA)
                {
                    deliver(PacketSource.INCREMENTAL_A, p);
                }
            }
            tick();
            check();
        }
        return packets;
    }

    /**
     * A snapshot of every instrument as of {@code lag} packets before the last one the session processed.
     */
    void snapshotRound(final int lag)
    {
        final long asOf = Math.max(venue.firstSequence(), session.lastProcessedSequence - lag);
        for (int i = 0; i < venue.instruments; i++)
        {
            deliver(PacketSource.SNAPSHOT_A, venue.snapshot(snapshotSequence++, asOf, i));
            check();
        }
    }

    /**
     * Soundness of every live instrument's book against the venue as of the last packet processed, except where a
     * loss is not revealed yet (see {@link #lostSequence}).
     */
    void check()
    {
        assertNull(sink.disagreement, "DepthBook and ReferenceDepthBook disagree");
        if (session.lastProcessedSequence < 0)
        {
            return;
        }
        for (int i = 0; i < venue.instruments; i++)
        {
            final CmeInstrument instrument = session.instrumentOrNull(VenueSimulator.securityId(i));
            final BookSink.Books books = sink.books(VenueSimulator.securityId(i));
            if (instrument != null && instrument.rptSeq() >= lostRptSeq[i])
            {
                lostSequence[i] = Long.MAX_VALUE; // the session's book has caught up past the lost entries
            }
            final boolean unrevealed = session.lastProcessedSequence >= lostSequence[i];
            if (instrument != null && books != null && !instrument.stale() &&
                instrument.levelsState() == CmeInstrument.LIVE && !unrevealed)
            {
                checks++;
                assertNull(venue.soundness(books.depth, i, session.lastProcessedSequence));
            }
        }
    }

    CmeInstrument instrument(final int index)
    {
        return session.instrumentOrNull(VenueSimulator.securityId(index));
    }

    BookSink.Books books(final int index)
    {
        return sink.books(VenueSimulator.securityId(index));
    }
}
