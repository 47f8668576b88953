package io.ticklane.book;

import java.lang.management.ManagementFactory;

/**
 * Applies a realistic flow of events through a {@link BookAgent} (ring, books, listener, snapshot) and reports the
 * bytes this thread allocated during the measured part. Run in its own JVM by {@link AllocationTest}, under the
 * Epsilon collector with a small heap, so that any allocation per event would also exhaust the heap and kill it.
 * Prints one line {@code events=N allocated=B} and exits 0, or exits 1 when the book misbehaves.
 */
public final class AllocationProbe
{
    private AllocationProbe()
    {
    }

    public static void main(final String[] args)
    {
        final long events = Long.parseLong(args[0]);
        final long[] heard = new long[1];
        final BookAgentHarness harness = new BookAgentHarness(1 << 16, BookOptions.DEFAULT, new BookListener()
        {
            public void onTopOfBook(final int id, final long bp, final long bq, final long ap, final long aq)
            {
                heard[0]++;
            }

            public void onLevel(final int id, final int side, final long price, final long qty, final int orders)
            {
                heard[0]++;
            }
        });
        final int instruments = 4;
        final NearTouchFlow[] flows = new NearTouchFlow[instruments];
        for (int i = 0; i < instruments; i++)
        {
            harness.define(i + 1, "SYM" + i, 100, 100_000 * 100L, 4096);
            flows[i] = new NearTouchFlow(i, 100, 100_000, 4096, 1);
        }
        harness.drain();
        final TopOfBook top = new TopOfBook();
        final BookSnapshotReader reader = harness.book(1).reader();
        final long warmup = Math.min(events, 2_000_000);
        run(harness, flows, warmup, reader, top);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        run(harness, flows, events, reader, top);
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        if (harness.rejected.get() != 0 || heard[0] == 0)
        {
            System.out.println("rejected=" + harness.rejected.get() + " heard=" + heard[0]);
            System.exit(1);
        }
        System.out.println("events=" + events + " allocated=" + allocated + " applied=" + harness.applied.get());
    }

    private static void run(
        final BookAgentHarness harness,
        final NearTouchFlow[] flows,
        final long events,
        final BookSnapshotReader reader,
        final TopOfBook top)
    {
        for (long i = 0; i < events; i++)
        {
            final int instrument = (int)(i & 3);
            flows[instrument].next();
            harness.event(flows[instrument], instrument + 1);
            if ((i & 255) == 0)
            {
                harness.drain();
                reader.read(top);
            }
        }
        harness.drain();
    }
}
