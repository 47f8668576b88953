package io.ticklane.book;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The book's seqlock snapshot ({@link BookSnapshotWriter} on the book thread, {@link BookSnapshotReader} on another):
 * one event moves the whole top of book from bid 100 x 10 / ask 101 x 10 to bid 101 x 20 / ask 102 x 20, the ask
 * first (for a moment the ladder holds ask 102 with bid 100 and then bid 101 with ask 102); a reader's consistent copy
 * is one of the two published states, never a mix, never crossed. r1..r4: bid, ask, bid quantity, ask quantity, or
 * all -1 for an attempt the reader had to retry (the writer was inside the event).
 */
@JCStressTest
@Outcome(id = "100, 101, 10, 10", expect = ACCEPTABLE, desc = "before the event")
@Outcome(id = "101, 102, 20, 20", expect = ACCEPTABLE, desc = "after the event")
@Outcome(id = "-1, -1, -1, -1", expect = ACCEPTABLE, desc = "attempt failed: the writer was inside the event")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "torn or crossed top of book")
@State
public class SeqlockSnapshotTest
{
    /** The ladder as the writer's source sees it: after each removal, the next level. */
    final long[] best = { 100, 101 };
    final BookSnapshotWriter writer = new BookSnapshotWriter(1, 1, new BookSnapshotWriter.LevelSource()
    {
        public long nextWorse(final int side, final long ticks)
        {
            return LadderOrderBook.NO_TICKS;
        }

        public long best(final int side)
        {
            return best[side];
        }

        public long levelQuantity(final int side, final long ticks)
        {
            return 20;
        }

        public int levelOrders(final int side, final long ticks)
        {
            return 2;
        }
    });
    final BookSnapshotReader reader;
    final TopOfBook top = new TopOfBook();

    public SeqlockSnapshotTest()
    {
        writer.levelCreated(Side.BID, 100, 10, 1);
        writer.levelCreated(Side.ASK, 101, 10, 1);
        writer.end();
        reader = new BookSnapshotReader(writer.buffer());
    }

    @Actor
    public void bookWriter()
    {
        best[Side.ASK] = 102;
        writer.levelRemoved(Side.ASK, 101);
        best[Side.BID] = 101;
        writer.levelRemoved(Side.BID, 100);
        writer.end();
    }

    @Actor
    public void snapshotReader(final JJJJ_Result r)
    {
        if (reader.tryRead(top))
        {
            r.r1 = top.bidPrice;
            r.r2 = top.askPrice;
            r.r3 = top.bidQuantity;
            r.r4 = top.askQuantity;
        }
        else
        {
            r.r1 = -1;
            r.r2 = -1;
            r.r3 = -1;
            r.r4 = -1;
        }
    }
}
