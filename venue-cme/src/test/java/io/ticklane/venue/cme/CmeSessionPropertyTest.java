package io.ticklane.venue.cme;

import io.ticklane.book.InstrumentDefinition;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MBP semantics through the whole session, over random venues: random depth, loss on either line, gaps no line
 * fills, late joins, book resets, back pressure and snapshot rounds with random lag. After every packet, every
 * level a live book shows as known must be the venue's level ({@link SessionRun#check()}), and the fast
 * {@link io.ticklane.book.DepthBook} must agree with the list-based reference on every update the session emits.
 * A final snapshot round leaves every instrument live again.
 */
class CmeSessionPropertyTest
{
    @Property(tries = 40)
    void liveBooksShowOnlyWhatTheVenueHas(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = 10) final int depth,
        @ForAll @IntRange(min = 0, max = 2) final int impliedDepth,
        @ForAll @IntRange(min = 0, max = 30) final int lossPercent,
        @ForAll @IntRange(min = 0, max = 20) final int bothLossPermille,
        @ForAll final boolean lateJoin,
        @ForAll @IntRange(min = 0, max = 3) final int backPressures)
    {
        final VenueSimulator venue = new VenueSimulator(seed, 3, depth, impliedDepth, lateJoin ? 500 : 1,
            lateJoin ? 9_000 : 1);
        final SessionRun run = new SessionRun(venue, new CmeSessionOptions().recoveryBufferBytes(1 << 16),
            InstrumentDefinition.BOOK_LEVELS);
        final SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        if (lateJoin)
        {
            for (int e = 0; e < 50; e++)
            {
                venue.nextEvent(run.timeNs);
            }
        }
        int pressures = backPressures;
        for (int e = 0; e < 1500; e++)
        {
            if (pressures > 0 && r.nextInt(500) == 0)
            {
                pressures--;
                run.sink.backPressureFrom = run.sink.events + 1 + r.nextInt(20);
                run.sink.backPressureTo = run.sink.backPressureFrom + r.nextInt(3);
            }
            run.event(lossPercent / 100.0, lossPercent / 100.0, bothLossPermille / 1000.0, r);
            if (r.nextInt(150) == 0)
            {
                run.snapshotRound(r.nextInt(40));
            }
        }
        run.sink.backPressureFrom = Long.MAX_VALUE;
        for (int e = 0; e < 20; e++)
        {
            run.event(0, 0, 0, r); // let the last hole time out
        }
        run.snapshotRound(0);
        for (int e = 0; e < 100; e++)
        {
            run.event(0, 0, 0, r); // recovered books must stay right, and a run lost mostly to stale books still checks
        }
        final String where = "seed " + seed + " depth " + depth + "/" + impliedDepth + " loss " + lossPercent +
            "% both " + bothLossPermille + "permille late " + lateJoin;
        assertNull(run.sink.disagreement, where);
        for (int i = 0; i < venue.instruments; i++)
        {
            final CmeInstrument instrument = run.instrument(i);
            if (instrument != null)
            {
                assertFalse(instrument.stale(), where + ": " + instrument);
                assertEquals(0, run.books(i).levelRefusals, where + ": " + instrument);
            }
        }
        assertEquals(0, run.session.staleInstruments(), where);
        assertTrue(run.checks > 100, where + ": checked " + run.checks); // not vacuous
    }
}
