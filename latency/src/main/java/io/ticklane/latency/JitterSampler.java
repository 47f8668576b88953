package io.ticklane.latency;

import io.ticklane.affinity.ThreadPinner;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures how much the OS interrupts a thread on one CPU: a fresh thread, pinned to the CPU, spins on
 * {@link System#nanoTime()} for a while and records the gap between consecutive reads. On a quiet isolated core
 * every gap is the cost of one clock read (tens of ns); timer ticks, interrupts, kernel threads and other tasks
 * show up as gaps of microseconds to milliseconds. The caller's thread waits; the spinning thread busies its CPU
 * for the whole sample.
 */
public final class JitterSampler
{
    /** A gap at least this long is counted as an interruption. */
    public static final long INTERRUPTION_NS = 10_000L;
    private static final long HIGHEST_NS = 10_000_000_000L;

    private JitterSampler()
    {
    }

    /**
     * What one CPU's sample showed. Immutable once returned.
     *
     * @param cpu                CPU sampled.
     * @param pinned             whether the thread was bound to it (if not, the figures are for wherever the OS
     *                           ran it).
     * @param durationNs         how long the thread spun.
     * @param gaps               every gap between consecutive clock reads, ns.
     * @param interruptions      gaps of at least {@link #INTERRUPTION_NS}.
     * @param interruptedNs      total time inside those gaps.
     */
    public record Sample(int cpu, boolean pinned, long durationNs, Histogram gaps, long interruptions,
        long interruptedNs)
    {
        /**
         * @return share of the sample the thread did not run, 0..1.
         */
        public double lostFraction()
        {
            return durationNs <= 0 ? 0 : (double)interruptedNs / durationNs;
        }
    }

    /**
     * @param cpu        CPU to sample.
     * @param durationNs how long to spin there.
     * @param pinner     binds the sampling thread to the CPU.
     * @return the sample.
     * @throws InterruptedException when the caller is interrupted while waiting.
     */
    public static Sample sample(final int cpu, final long durationNs, final ThreadPinner pinner)
        throws InterruptedException
    {
        final AtomicReference<Sample> result = new AtomicReference<>();
        final Thread thread = new Thread(() -> result.set(spin(cpu, durationNs, pinner.pin(cpu))),
            "ticklane-jitter-" + cpu);
        thread.setDaemon(true);
        thread.start();
        thread.join();
        return result.get();
    }

    private static Sample spin(final int cpu, final long durationNs, final boolean pinned)
    {
        final Histogram gaps = new Histogram(1, HIGHEST_NS, 2);
        long interruptions = 0;
        long interruptedNs = 0;
        final long startNs = System.nanoTime();
        final long endNs = startNs + durationNs;
        long previousNs = startNs;
        while (true)
        {
            final long nowNs = System.nanoTime();
            final long gapNs = nowNs - previousNs;
            if (gapNs >= INTERRUPTION_NS)
            {
                interruptions++;
                interruptedNs += gapNs;
            }
            gaps.recordValue(Math.min(Math.max(gapNs, 0), HIGHEST_NS));
            previousNs = nowNs;
            if (nowNs - endNs >= 0)
            {
                break;
            }
        }
        return new Sample(cpu, pinned, previousNs - startNs, gaps, interruptions, interruptedNs);
    }
}
