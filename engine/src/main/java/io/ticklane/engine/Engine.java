package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.BookAgent;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderPool;
import io.ticklane.config.AgentSpec;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.config.Units;
import io.ticklane.gateway.GatewayAgent;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.RingRouter;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalOptions;
import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.HistogramLogAgent;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The composition root: counters file, media driver (embedded unless configured external), Aeron client,
 * journal, one many-to-one ring and book agent per shard, the gateway agent, and the histogram log agent, each
 * on its own thread with its configured CPU and idle strategy.
 * <p>
 * Lifecycle, on one controlling thread: {@link #launch}, then {@link #close()}, which stops the gateway first,
 * lets the book agents drain their rings, stops them, writes the last histogram interval, then flushes and unmaps
 * the journal and closes Aeron, the driver and the counters file.
 */
public final class Engine implements AutoCloseable
{
    static final int MAX_COUNTERS = 256;
    private static final long DRAIN_TIMEOUT_NS = 5_000_000_000L;

    private final EngineConfig config;
    private final PrintStream log;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private CountersFile counters;
    private MediaDriver driver;
    private Aeron aeron;
    private Journal journal;
    private RingBuffer[] rings;
    private StageRegistry stages;
    private HistogramLogAgent logAgent;
    private BookAgent[] bookAgents;
    private GatewayAgent gatewayAgent;
    private GatewayCounters gatewayCounters;
    private AtomicCounter[] applied;
    private AtomicCounter[] rejected;
    private AtomicCounter[] ringFull;
    private AtomicCounter agentErrors;
    private AtomicCounter recoveries;
    private final AtomicLong distinctErrors = new AtomicLong();
    private List<String> warnings;
    private AgentRunner gatewayRunner;
    private final List<AgentRunner> bookRunners = new ArrayList<>();
    private AgentRunner logRunner;
    private long startNs;
    private boolean closed;
    private long[] finalCounts;

    private Engine(final EngineConfig config, final PrintStream log)
    {
        this.config = config;
        this.log = log;
        try
        {
            start();
        }
        catch (final RuntimeException | Error ex)
        {
            close();
            throw ex;
        }
    }

    private void start()
    {
        final SystemEpochClock epochClock = SystemEpochClock.INSTANCE;
        counters = CountersFile.create(Path.of(config.latency().countersPath()), MAX_COUNTERS, epochClock);
        driver = config.driver().embedded() ? MediaDrivers.launchEmbedded(config.driver()) : null;
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.driver().directory()));
        journal = config.journal().enabled() ?
            Journal.open(new JournalOptions(Path.of(config.journal().path()), config.journal().capacityBytes())) :
            null;

        final int shards = config.book().agents();
        rings = new RingBuffer[shards];
        final AtomicCounter[] ringDepth = new AtomicCounter[shards];
        ringFull = new AtomicCounter[shards];
        applied = new AtomicCounter[shards];
        rejected = new AtomicCounter[shards];
        for (int i = 0; i < shards; i++)
        {
            final int length = config.book().ringCapacityBytes() + RingBufferDescriptor.TRAILER_LENGTH;
            rings[i] = new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64)));
            ringDepth[i] = counters.newCounter("ring book." + i + " depth bytes", CounterTypes.RING_DEPTH);
            ringFull[i] = counters.newCounter("ring book." + i + " full (producer retries)", CounterTypes.RING_FULL);
            counters.newCounter("ring book." + i + " capacity bytes", CounterTypes.RING_CAPACITY)
                .setRelease(rings[i].capacity());
        }
        gatewayCounters = new GatewayCounters(
            counters.newCounter("gateway packets received", CounterTypes.PACKETS_RECEIVED),
            counters.newCounter("gateway messages received", CounterTypes.MESSAGES_RECEIVED),
            counters.newCounter("gateway gaps (packets missed)", CounterTypes.GAPS),
            counters.newCounter("gateway duplicates dropped", CounterTypes.DUPLICATES),
            counters.newCounter("gateway malformed packets", CounterTypes.MALFORMED),
            counters.newCounter("journal bytes", CounterTypes.JOURNAL_BYTES),
            counters.newCounter("journal records", CounterTypes.JOURNAL_RECORDS),
            counters.newCounter("journal append errors", CounterTypes.JOURNAL_ERRORS));
        // Incremented by the gateway's snapshot recovery (issue 5): hand it to the gateway when that lands.
        recoveries = counters.newCounter("gateway snapshot recoveries", CounterTypes.RECOVERIES);
        agentErrors = counters.newCounter("agent errors", CounterTypes.AGENT_ERRORS);
        final String range = "0.." + Units.formatDuration(config.latency().highestTrackableNs());
        final AtomicCounter[] clamped = new AtomicCounter[LatencyStage.values().length];
        for (final LatencyStage stage : LatencyStage.values())
        {
            clamped[stage.ordinal()] = counters.newCounter(
                "latency " + stage.tag() + " clamped (outside " + range + ")", CounterTypes.LATENCY_CLAMPED);
        }

        stages = new StageRegistry(config.latency().highestTrackableNs());
        bookAgents = new BookAgent[shards];
        for (int i = 0; i < shards; i++)
        {
            applied[i] = counters.newCounter("book." + i + " events applied", CounterTypes.BOOK_EVENTS_APPLIED);
            rejected[i] = counters.newCounter("book." + i + " events rejected", CounterTypes.BOOK_EVENTS_REJECTED);
            bookAgents[i] = new BookAgent(
                "book." + i,
                rings[i],
                new OrderPool(config.book().orderPoolCapacity()),
                clock,
                stages.newRecorder(LatencyStage.DECODED_TO_APPLIED),
                stages.newRecorder(LatencyStage.END_TO_END),
                applied[i],
                rejected[i],
                counters.newCounter("book." + i + " order pool used", CounterTypes.ORDER_POOL_USED),
                256);
            counters.newCounter("book." + i + " order pool capacity", CounterTypes.ORDER_POOL_CAPACITY)
                .setRelease(config.book().orderPoolCapacity());
        }

        final Int2IntHashMap shardByInstrument = new Int2IntHashMap(-1);
        for (final InstrumentSpec instrument : config.simulator().instruments())
        {
            shardByInstrument.put(instrument.id(), instrument.bookAgent());
        }
        final Subscription subscription = aeron.addSubscription(config.feed().channel(), config.feed().streamId());
        final RingRouter router = new RingRouter(
            rings,
            shardByInstrument,
            config.gatewayAgent().idle().newIdleStrategy(),
            ringFull,
            clock,
            stages.newRecorder(LatencyStage.RECEIVE_TO_DECODED));
        gatewayAgent = new GatewayAgent(
            "gateway",
            subscription,
            null == journal ? null : journal.newAppender(),
            router,
            clock,
            stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE),
            stages.newRecorder(LatencyStage.RECEIVE_TO_JOURNAL),
            gatewayCounters,
            64);
        logAgent = new HistogramLogAgent(
            stages, Path.of(config.latency().hlogPath()), config.latency().intervalNs(), clock, epochClock);
        final HousekeepingAgent housekeeping = new HousekeepingAgent(
            counters, rings, ringDepth, stages, clamped, clock, epochClock);

        final HostCpus host = HostCpus.live();
        final List<AgentSpec> plan = new ArrayList<>(config.bookAgents());
        plan.add(0, config.gatewayAgent());
        plan.add(config.logAgent());
        warnings = AgentThreads.checkPlan(plan, host);
        for (final String warning : warnings)
        {
            log.println("[engine] WARNING " + warning);
        }
        final AgentThreads threads = new AgentThreads(ThreadPinner.openHft(), host, log, this::onAgentError,
            agentErrors, counters, config.latency().stallThresholdNs());
        logRunner = threads.start(new CompositeAgent(logAgent, housekeeping), config.logAgent());
        for (int i = 0; i < shards; i++)
        {
            bookRunners.add(threads.start(bookAgents[i], config.bookAgents().get(i)));
        }
        gatewayRunner = threads.start(gatewayAgent, config.gatewayAgent());
        startNs = clock.nanoTime();
    }

    /**
     * Starts everything. On failure, whatever was started is closed again before the exception propagates.
     *
     * @param config validated configuration.
     * @param log    where start-up lines and warnings go.
     * @return the running engine.
     */
    public static Engine launch(final EngineConfig config, final PrintStream log)
    {
        return new Engine(config, log);
    }

    private void onAgentError(final Throwable error)
    {
        if (distinctErrors.incrementAndGet() <= 20)
        {
            log.println("[engine] agent error: " + error);
            error.printStackTrace(log);
        }
    }

    /**
     * @return the Aeron client (to add a publication for an in-process feed, as the demo does).
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Main thread only (counter allocation is single-threaded), e.g. for an in-process feed's counters.
     *
     * @param label  readable label.
     * @param typeId one of {@code CounterTypes}.
     * @return a new counter in the engine's counters file.
     */
    public AtomicCounter newCounter(final String label, final int typeId)
    {
        return counters.newCounter(label, typeId);
    }

    /**
     * @return the configuration the engine runs with.
     */
    public EngineConfig config()
    {
        return config;
    }

    /**
     * @return messages received by the gateway so far (any thread).
     */
    public long messagesReceived()
    {
        return gatewayCounters.messages().get();
    }

    /**
     * @return events applied plus rejected by all book agents so far (any thread).
     */
    public long eventsProcessed()
    {
        long total = 0;
        for (int i = 0; i < applied.length; i++)
        {
            total += applied[i].get() + rejected[i].get();
        }
        return total;
    }

    /**
     * Waits until the book agents have processed every message the gateway has received and the gateway has
     * received {@code expectedMessages}.
     *
     * @param expectedMessages messages the feed published.
     * @param timeoutNs        how long to wait.
     * @return true when caught up, false on timeout.
     */
    public boolean awaitCaughtUp(final long expectedMessages, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (System.nanoTime() - deadline < 0)
        {
            final long received = messagesReceived();
            if (received >= expectedMessages && eventsProcessed() >= received)
            {
                return true;
            }
            sleepMs(10);
        }
        return false;
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops and closes everything, in order. Idempotent.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        CloseHelper.quietClose(gatewayRunner);
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
        for (final RingBuffer ring : null == rings ? new RingBuffer[0] : rings)
        {
            while (ring.size() > 0 && System.nanoTime() - deadline < 0)
            {
                sleepMs(1);
            }
        }
        bookRunners.forEach(CloseHelper::quietClose);
        CloseHelper.quietClose(logRunner); // the log agent writes its last interval on close
        if (null != gatewayCounters)
        {
            finalCounts = snapshotCounts();
        }
        CloseHelper.quietClose(journal);
        CloseHelper.quietClose(aeron);
        CloseHelper.quietClose(driver);
        CloseHelper.quietClose(counters); // unmaps: no counter may be read after this
    }

    private long[] snapshotCounts()
    {
        long appliedTotal = 0;
        long rejectedTotal = 0;
        long full = 0;
        for (int i = 0; i < applied.length; i++)
        {
            appliedTotal += applied[i].get();
            rejectedTotal += rejected[i].get();
            full += ringFull[i].get();
        }
        return new long[]
        {
            gatewayCounters.packets().get(),
            gatewayCounters.messages().get(),
            appliedTotal,
            rejectedTotal,
            gatewayCounters.gaps().get(),
            gatewayCounters.duplicates().get(),
            gatewayCounters.malformed().get(),
            full,
            gatewayCounters.journalBytes().get(),
            gatewayCounters.journalRecords().get(),
            gatewayCounters.journalErrors().get(),
            agentErrors.get()
        };
    }

    /**
     * Only after {@link #close()}.
     *
     * @param published messages the feed published, or -1 when unknown (engine alone).
     * @return the run's figures.
     */
    public EngineSummary summary(final long published)
    {
        if (null == finalCounts)
        {
            throw new IllegalStateException("summary is taken after close");
        }
        final List<InstrumentBook> books = new ArrayList<>();
        for (final BookAgent agent : bookAgents)
        {
            books.addAll(agent.books());
        }
        books.sort((a, b) -> Integer.compare(a.instrumentId(), b.instrumentId()));
        final long[] c = finalCounts;
        return new EngineSummary(
            (clock.nanoTime() - startNs) / 1e9,
            published,
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11],
            books,
            logAgent,
            null == journal ? null : journal.directory(),
            logAgent.path(),
            counters.path());
    }

    /**
     * @return start-up warnings about the CPU plan.
     */
    public List<String> warnings()
    {
        return warnings;
    }

    /**
     * Only after {@link #close()}.
     *
     * @return the book agents, for inspection of their books.
     */
    public BookAgent[] bookAgents()
    {
        return bookAgents.clone();
    }
}
