package io.ticklane.engine;

import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalDescriptor;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintStream;

/**
 * Off the hot path, every {@link #PERIOD_NS}: stamps the counters file's heartbeat (so {@code engine stat} can tell
 * a live engine from a dead one), samples each ring's depth, publishes each stage's latency clamp count, and
 * watches the journal: the moment it panics, the counter says so and one ERROR line is logged. Runs
 * composed with the histogram log agent on a sleeping thread; it is the only writer of the counters it is given.
 */
final class HousekeepingAgent implements Agent
{
    static final long PERIOD_NS = 100_000_000L;
    private static final LatencyStage[] STAGES = LatencyStage.values();

    private final CountersFile counters;
    private final RingBuffer[] rings;
    private final AtomicCounter[] ringDepth;
    private final StageRegistry stages;
    private final AtomicCounter[] clampedByStage;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private long nextNs;
    private Journal journal;
    private AtomicCounter journalPanicked;
    private PrintStream log;

    /**
     * @param counters       file whose heartbeat is stamped.
     * @param rings          the book agents' rings.
     * @param ringDepth      one depth counter per ring.
     * @param stages         latency recorders.
     * @param clampedByStage one counter per {@link LatencyStage}, by ordinal.
     * @param nanoClock      schedule clock.
     * @param epochClock     heartbeat clock.
     */
    HousekeepingAgent(
        final CountersFile counters,
        final RingBuffer[] rings,
        final AtomicCounter[] ringDepth,
        final StageRegistry stages,
        final AtomicCounter[] clampedByStage,
        final NanoClock nanoClock,
        final EpochClock epochClock)
    {
        this.counters = counters;
        this.rings = rings;
        this.ringDepth = ringDepth;
        this.stages = stages;
        this.clampedByStage = clampedByStage;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    public int doWork()
    {
        final long nowNs = nanoClock.nanoTime();
        if (nowNs < nextNs)
        {
            return 0;
        }
        nextNs = nowNs + PERIOD_NS;
        counters.heartbeat(epochClock.time());
        for (int i = 0; i < rings.length; i++)
        {
            ringDepth[i].setRelease(rings[i].size());
        }
        for (final LatencyStage stage : STAGES)
        {
            clampedByStage[stage.ordinal()].setRelease(stages.clampedCount(stage));
        }
        checkJournal();
        return 1;
    }

    /**
     * Main thread, before the agent starts.
     *
     * @param journal         the engine's journal, or null when disabled.
     * @param journalPanicked set to 1 when it panics.
     * @param log             where the one ERROR line goes.
     * @return this.
     */
    HousekeepingAgent watchJournal(final Journal journal, final AtomicCounter journalPanicked, final PrintStream log)
    {
        this.journal = journal;
        this.journalPanicked = journalPanicked;
        this.log = log;
        return this;
    }

    private void checkJournal()
    {
        if (null != journal && journalPanicked.get() == 0 && journal.panicReason() != JournalDescriptor.PANIC_NONE)
        {
            journalPanicked.setRelease(1);
            log.println("[engine] ERROR " + JournalPanics.describe(journal) +
                ". Nothing is journaled from now on (counted as journal errors); the run will exit non-zero.");
        }
    }

    public String roleName()
    {
        return "housekeeping";
    }
}
