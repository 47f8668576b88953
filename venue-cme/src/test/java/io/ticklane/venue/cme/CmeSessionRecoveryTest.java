package io.ticklane.venue.cme;

import io.ticklane.book.BookState;
import io.ticklane.gateway.PacketSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sequencing and recovery of a {@link CmeSession} against a {@link VenueSimulator}: the start of a week, loss on
 * one line, gaps no line fills, a late join, back pressure; the books checked against the venue after every packet
 * ({@link SessionRun#check()}).
 */
class CmeSessionRecoveryTest
{
    @Test
    void startOfWeekBuildsEveryBookFromEmptyAndPublishesOncePerEvent()
    {
        final SessionRun run = SessionRun.levels(1, 1, 1);
        final SplittableRandom r = new SplittableRandom(2);
        for (int e = 0; e < 2000; e++)
        {
            run.event(0, 0, 0, r);
        }
        assertEquals(0, run.session.gaps());
        assertEquals(0, run.session.lateJoins());
        // One publication per venue event that changed something the sink holds (volume-only events change none).
        assertTrue(run.sink.endOfEvents > 1800 && run.sink.endOfEvents <= 2000, "published " + run.sink.endOfEvents);
        for (int i = 0; i < 4; i++)
        {
            assertEquals(CmeInstrument.LIVE, run.instrument(i).levelsState());
            assertFalse(run.instrument(i).stale());
            assertEquals(0, run.books(i).levelRefusals, run.sink.log.toString());
            assertEquals(0, run.instrument(i).rptSeqGaps());
        }
        assertTrue(run.checks > 7000, "checked " + run.checks);
        final long packets = run.session.lastProcessedSequence;
        assertEquals(packets, run.session.arbiter().lineReceived(0));
        assertEquals(packets, run.session.arbiter().lineReceived(1));
        assertEquals(packets, run.session.arbiter().lineDuplicates(0) + run.session.arbiter().lineDuplicates(1),
            "the second copy of every packet is a duplicate");
    }

    @Test
    void lossOnOneLineIsNeverAGap()
    {
        final SessionRun run = SessionRun.levels(3, 1, 1);
        final SplittableRandom r = new SplittableRandom(4);
        for (int e = 0; e < 3000; e++)
        {
            run.event(0.2, 0.25, 0, r);
        }
        assertEquals(0, run.session.gaps());
        assertTrue(run.session.arbiter().lineLosses(0) > 300, "line A lost " + run.session.arbiter().lineLosses(0));
        assertTrue(run.session.arbiter().lineLosses(1) > 300, "line B lost " + run.session.arbiter().lineLosses(1));
        for (int i = 0; i < 4; i++)
        {
            assertEquals(CmeInstrument.LIVE, run.instrument(i).levelsState());
            assertEquals(0, run.instrument(i).rptSeqGaps());
        }
    }

    @Test
    void aGapNeitherLineFillsIsRecoveredFromTheSnapshotLoop()
    {
        final SessionRun run = SessionRun.levels(5, 1, 1);
        final SplittableRandom r = new SplittableRandom(6);
        for (int e = 0; e < 300; e++)
        {
            run.event(0.05, 0.05, 0, r);
        }
        for (int e = 0; e < 5; e++)
        {
            run.event(0, 0, 1.0, r); // lost on both lines
        }
        for (int e = 0; e < 40; e++)
        {
            run.event(0, 0, 0, r);
        }
        assertEquals(1, run.session.gaps());
        int stale = 0;
        for (int i = 0; i < 4; i++)
        {
            stale += run.instrument(i).stale() ? 1 : 0;
        }
        assertTrue(stale > 0, "the lost packets held updates of some instrument");
        run.snapshotRound(3);
        for (int i = 0; i < 4; i++)
        {
            assertFalse(run.instrument(i).stale(), "instrument " + i + " recovered");
            assertEquals(BookState.LIVE, run.books(i).state);
        }
        assertTrue(run.session.snapshots().levelSnapshotsApplied() >= stale);
        for (int e = 0; e < 300; e++)
        {
            run.event(0, 0, 0, r);
        }
        assertEquals(0, run.session.staleInstruments());
    }

    @Test
    void aLateJoinerIsStaleUntilASnapshotThatTheBufferCanBringUpToDate()
    {
        final SessionRun run = SessionRun.levels(7, 1_000, 50_000);
        final SplittableRandom r = new SplittableRandom(8);
        for (int e = 0; e < 100; e++)
        {
            run.venue.nextEvent(run.timeNs); // published before we joined
        }
        for (int e = 0; e < 60; e++)
        {
            run.event(0, 0, 0, r);
        }
        assertEquals(1, run.session.lateJoins());
        for (int i = 0; i < 4; i++)
        {
            assertTrue(run.instrument(i).stale(), "instrument " + i);
            assertEquals(0, run.books(i).depth.orderCount(), "nothing applied while stale");
        }
        final long joinedAt = run.session.lastProcessedSequence - 59;
        final long tooOld = joinedAt - 10;
        run.deliver(PacketSource.SNAPSHOT_A, run.venue.snapshot(1, tooOld, 0));
        assertEquals(1, run.session.snapshots().unusable(), "taken before the first packet we have");
        assertTrue(run.instrument(0).stale());
        run.snapshotRound(20);
        for (int i = 0; i < 4; i++)
        {
            assertFalse(run.instrument(i).stale(), "instrument " + i);
            assertEquals(1, run.instrument(i).recoveries());
            assertTrue(VenueSimulator.fullyKnown(run.books(i).reference) ||
                run.books(i).depth.levels(0, 5, new long[5], new long[5], new int[5]) > 0);
        }
        for (int e = 0; e < 500; e++)
        {
            run.event(0.1, 0.1, 0, r);
        }
        assertEquals(0, run.session.staleInstruments());
    }

    @Test
    void aBackPressuredEventMakesOnlyItsInstrumentStaleUntilASnapshot()
    {
        final SessionRun run = SessionRun.levels(9, 1, 1);
        final SplittableRandom r = new SplittableRandom(10);
        for (int e = 0; e < 200; e++)
        {
            run.event(0, 0, 0, r);
        }
        run.sink.backPressureFrom = run.sink.events + 1;
        run.sink.backPressureTo = run.sink.events + 1;
        while (run.sink.events < run.sink.backPressureFrom)
        {
            run.event(0, 0, 0, r);
        }
        assertEquals(1, run.session.backPressuredEvents());
        assertEquals(1, run.session.staleInstruments());
        for (int e = 0; e < 50; e++)
        {
            run.event(0, 0, 0, r);
        }
        run.snapshotRound(5);
        assertEquals(0, run.session.staleInstruments());
        for (int e = 0; e < 200; e++)
        {
            run.event(0, 0, 0, r);
        }
        assertEquals(0, run.session.gaps());
    }

    @Test
    void theConservativePolicyMakesEveryInstrumentStaleOnAChannelGap()
    {
        final SessionRun run = new SessionRun(new VenueSimulator(11, 4, 5, 2, 1, 1),
            new CmeSessionOptions().staleOnChannelGap(true), io.ticklane.book.InstrumentDefinition.BOOK_LEVELS);
        final SplittableRandom r = new SplittableRandom(12);
        for (int e = 0; e < 200; e++)
        {
            run.event(0, 0, 0, r);
        }
        run.event(0, 0, 1.0, r);
        for (int e = 0; e < 15; e++)
        {
            run.event(0, 0, 0, r);
        }
        assertEquals(1, run.session.gaps());
        assertEquals(4, run.session.staleInstruments());
        run.snapshotRound(0);
        assertEquals(0, run.session.staleInstruments());
        for (int i = 0; i < 4; i++)
        {
            assertNull(run.venue.soundness(run.books(i).depth, i, run.session.lastProcessedSequence));
        }
    }
}
