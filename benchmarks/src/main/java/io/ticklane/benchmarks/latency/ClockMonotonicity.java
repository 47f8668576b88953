package io.ticklane.benchmarks.latency;

import io.ticklane.affinity.ThreadPinner;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Is a clock as monotonic as {@link System#nanoTime()}? Two checks per clock, both counting violations rather than
 * assuming none:
 * <ol>
 *     <li>one thread reads the clock N times and counts steps backwards;</li>
 *     <li>a writer thread pinned to one CPU reads the clock and publishes the value (volatile); a reader thread
 *     pinned to another CPU waits for it, then reads its own clock: a reading earlier than the published one is a
 *     cross-CPU violation (the clocks of the two CPUs disagree by more than the hand-off takes).</li>
 * </ol>
 * Spins two threads for a few seconds. Run: {@code java -cp benchmarks/target/ticklane-benchmarks.jar
 * io.ticklane.benchmarks.latency.ClockMonotonicity [reads] [handoffs] [cpuA] [cpuB]}.
 */
public final class ClockMonotonicity
{
    private ClockMonotonicity()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final long reads = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        final long handoffs = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000L;
        final int cpuA = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        final int cpuB = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        System.out.printf(Locale.ROOT, "%-12s %14s %12s %14s %12s %16s%n", "clock", "reads", "backwards",
            "handoffs", "cross-cpu", "min handoff"); // in the clock's own unit: ns, or ticks for tsc-ticks
        check("nanoTime", System::nanoTime, reads, handoffs, cpuA, cpuB);
        if (TscTicker.isAvailable())
        {
            final TscTicker tsc = TscTicker.load();
            check("tsc-ns", tsc::nanoTime, reads, handoffs, cpuA, cpuB);
            check("tsc-ticks", TscTicker::rdtsc, reads, handoffs, cpuA, cpuB);
        }
        else
        {
            System.out.println(TscTicker.unavailableReason());
        }
    }

    private static void check(
        final String name, final LongSupplier clock, final long reads, final long handoffs, final int cpuA,
        final int cpuB) throws InterruptedException
    {
        long backwards = 0;
        long previous = clock.getAsLong();
        for (long i = 0; i < reads; i++)
        {
            final long now = clock.getAsLong();
            if (now < previous)
            {
                backwards++;
            }
            previous = now;
        }
        final long[] crossCpu = handoff(clock, handoffs, cpuA, cpuB);
        System.out.printf(Locale.ROOT, "%-12s %,14d %,12d %,14d %,12d %,16d%n", name, reads, backwards, handoffs,
            crossCpu[0], crossCpu[1]);
    }

    // returns {violations, smallest reader-minus-writer difference}
    private static long[] handoff(final LongSupplier clock, final long handoffs, final int cpuA, final int cpuB)
        throws InterruptedException
    {
        final AtomicLong published = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong acknowledged = new AtomicLong(-1);
        final ThreadPinner pinner = ThreadPinner.openHft();
        final long[] result = {0, Long.MAX_VALUE};
        final Thread writer = new Thread(() ->
        {
            pinner.pin(cpuA);
            for (long i = 0; i < handoffs; i++)
            {
                while (acknowledged.get() != i - 1)
                {
                    Thread.onSpinWait();
                }
                published.set(clock.getAsLong()); // volatile: the reader sees it after we read the clock
            }
        }, "monotonicity-writer");
        final Thread reader = new Thread(() ->
        {
            pinner.pin(cpuB);
            long last = Long.MIN_VALUE;
            for (long i = 0; i < handoffs; i++)
            {
                long seen;
                while ((seen = published.get()) == last)
                {
                    Thread.onSpinWait();
                }
                final long now = clock.getAsLong();
                if (now < seen)
                {
                    result[0]++;
                }
                result[1] = Math.min(result[1], now - seen);
                last = seen;
                acknowledged.set(i);
            }
        }, "monotonicity-reader");
        reader.start();
        writer.start();
        writer.join();
        reader.join();
        return result;
    }
}
