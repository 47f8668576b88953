package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.BookAgent;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.LadderLevelDescriptor;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderPool;
import io.ticklane.config.AgentSpec;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.FeedSettings;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.config.Units;
import io.ticklane.gateway.FeedChannel;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayAgent;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.RingRouter;
import io.ticklane.journal.Journal;
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
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The composition root: counters file, media driver (embedded unless configured external), Aeron client,
 * journal, one many-to-one ring and book agent per shard, one gateway agent per feed channel (lines A/B and the
 * snapshot stream), and the histogram log agent, each on its own thread with its configured CPU and idle strategy.
 * <p>
 * Lifecycle, on one controlling thread: {@link #launch}, then {@link #close()}, which stops the gateways first,
 * lets the book agents drain their rings, stops them, writes the last histogram interval, then flushes and unmaps
 * the journal and closes Aeron, the driver and the counters file.
 */
public final class Engine implements AutoCloseable
{
    static final int MAX_COUNTERS = 512;
    private static final long DRAIN_TIMEOUT_NS = 5_000_000_000L;
    private static final int ERROR_LOG_BYTES = 64 * 1024;

    private final EngineConfig config;
    private final PrintStream log;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final AtomicLong distinctAgentErrors = new AtomicLong();
    private final List<AgentRunner> gatewayRunners = new ArrayList<>();
    private final List<AgentRunner> bookRunners = new ArrayList<>();
    private final UnsafeBuffer errorLogBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ERROR_LOG_BYTES));
    private CountersFile counters;
    private MediaDriver driver;
    private Aeron aeron;
    private Journal journal;
    private RingBuffer[] rings;
    private StageRegistry stages;
    private HistogramLogAgent logAgent;
    private BookAgent[] bookAgents;
    private GatewayAgent[] gatewayAgents;
    private GatewayCounters[] gatewayCounters;
    private AtomicCounter[] dropped;
    private AtomicCounter[] applied;
    private AtomicCounter[] rejected;
    private AtomicCounter[] ringFull;
    private AtomicCounter agentErrors;
    private List<String> warnings;
    private AgentRunner logRunner;
    private long startNs;
    private boolean closed;
    private EngineCounts finalCounts;

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

    private void start()
    {
        final SystemEpochClock epochClock = SystemEpochClock.INSTANCE;
        counters = CountersFile.create(Path.of(config.latency().countersPath()), MAX_COUNTERS, epochClock);
        driver = config.driver().embedded() ? MediaDrivers.launchEmbedded(config.driver()) : null;
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.driver().directory()));
        journal = config.journal().enabled() ?
            Journal.open(JournalCommand.options(config.journal())) :
            null;
        stages = new StageRegistry(config.latency().highestTrackableNs());
        agentErrors = counters.newCounter("agent errors", CounterTypes.AGENT_ERRORS);

        final AtomicCounter[] ringDepth = buildBooks();
        buildGateways();

        final String range = "0.." + Units.formatDuration(config.latency().highestTrackableNs());
        final AtomicCounter[] clamped = new AtomicCounter[LatencyStage.values().length];
        for (final LatencyStage stage : LatencyStage.values())
        {
            clamped[stage.ordinal()] = counters.newCounter(
                "latency " + stage.tag() + " clamped (outside " + range + ")", CounterTypes.LATENCY_CLAMPED);
        }
        logAgent = new HistogramLogAgent(
            stages, Path.of(config.latency().hlogPath()), config.latency().intervalNs(), clock, epochClock);
        final HousekeepingAgent housekeeping = new HousekeepingAgent(
            counters, rings, ringDepth, stages, clamped, clock, epochClock);

        final HostCpus host = HostCpus.live();
        final List<AgentSpec> plan = new ArrayList<>(config.gatewayAgents());
        plan.addAll(config.bookAgents());
        plan.add(config.logAgent());
        warnings = AgentThreads.checkPlan(plan, host);
        for (final String warning : warnings)
        {
            log.println("[engine] WARNING " + warning);
        }
        final AgentThreads threads = new AgentThreads(ThreadPinner.openHft(), host, log, this::onAgentError,
            agentErrors, counters, config.latency().stallThresholdNs());
        logRunner = threads.start(new CompositeAgent(logAgent, housekeeping), config.logAgent());
        for (int i = 0; i < bookAgents.length; i++)
        {
            bookRunners.add(threads.start(bookAgents[i], config.bookAgents().get(i)));
        }
        for (int k = 0; k < gatewayAgents.length; k++)
        {
            gatewayRunners.add(threads.start(gatewayAgents[k], config.gatewayAgents().get(k)));
        }
        startNs = clock.nanoTime();
    }

    private AtomicCounter[] buildBooks()
    {
        final int shards = config.book().agents();
        rings = new RingBuffer[shards];
        bookAgents = new BookAgent[shards];
        final BookOptions bookOptions = new BookOptions(config.book().snapshotDepth(), config.book().overflowLevels(),
            LadderLevelDescriptor.DEFAULT_STRIDE, config.book().recentre());
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
                256,
                bookOptions,
                BookListener.NONE).maxBandTicks(config.book().maxBandTicks());
            counters.newCounter("book." + i + " order pool capacity", CounterTypes.ORDER_POOL_CAPACITY)
                .setRelease(config.book().orderPoolCapacity());
        }
        return ringDepth;
    }

    private void buildGateways()
    {
        final FeedSettings feed = config.feed();
        final Int2IntHashMap shardByInstrument = new Int2IntHashMap(-1);
        for (final InstrumentSpec instrument : config.simulator().instruments())
        {
            shardByInstrument.put(instrument.id(), instrument.bookAgent());
        }
        final DistinctErrorLog errorLog = new DistinctErrorLog(errorLogBuffer, SystemEpochClock.INSTANCE);
        final int channels = feed.channels();
        gatewayAgents = new GatewayAgent[channels];
        gatewayCounters = new GatewayCounters[channels];
        dropped = new AtomicCounter[channels];
        for (int k = 0; k < channels; k++)
        {
            final String name = "gateway." + k;
            final GatewayCounters c = newGatewayCounters(name);
            gatewayCounters[k] = c;
            dropped[k] = counters.newCounter(name + " events dropped (ring full past bound)",
                CounterTypes.EVENTS_DROPPED);
            final AgentSpec spec = config.gatewayAgents().get(k);
            final RingRouter router = new RingRouter(rings, shardByInstrument, spec.idle().newIdleStrategy(),
                ringFull, clock, stages.newRecorder(LatencyStage.RECEIVE_TO_DECODED),
                config.book().ringFullTimeoutNs(), dropped[k]);
            final FeedChannel channel = new FeedChannel(
                k + 1,
                new LineArbiter(
                    feed.arbitrationWindow(), FeedPublisher.MAX_PACKET_LENGTH, feed.gapTimeoutNs(), feed.maxSequenceJump()),
                router,
                c,
                stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE),
                errorLog,
                feed.recoveryBufferBytes());
            final Subscription lineA = aeron.addSubscription(feed.channel(), feed.streamId() + k);
            final Subscription lineB = feed.hasLineB() ?
                aeron.addSubscription(feed.channelB(), feed.streamIdB() + k) : null;
            final Subscription snapshots = feed.hasSnapshots() ?
                aeron.addSubscription(feed.snapshotChannel(), feed.snapshotStreamId() + k) : null;
            gatewayAgents[k] = new GatewayAgent(
                name,
                channel,
                lineA,
                lineB,
                snapshots,
                null == journal ? null : journal.newAppender(),
                router,
                clock,
                stages.newRecorder(LatencyStage.RECEIVE_TO_JOURNAL),
                c,
                64);
        }
    }

    private GatewayCounters newGatewayCounters(final String name)
    {
        final boolean lineB = config.feed().hasLineB();
        return new GatewayCounters(
            counters.newCounter(name + " packets received", CounterTypes.PACKETS_RECEIVED),
            counters.newCounter(name + " messages received", CounterTypes.MESSAGES_RECEIVED),
            counters.newCounter(name + " gaps (packets lost on all lines)", CounterTypes.GAPS),
            counters.newCounter(name + " duplicates dropped", CounterTypes.DUPLICATES),
            counters.newCounter(name + " malformed packets", CounterTypes.MALFORMED),
            counters.newCounter(name + " recoveries", CounterTypes.RECOVERIES),
            counters.newCounter(name + " stale instruments", CounterTypes.STALE_INSTRUMENTS),
            counters.newCounter(name + " sequence accounted for", CounterTypes.SEQUENCE),
            counters.newCounter(name + " journal bytes", CounterTypes.JOURNAL_BYTES),
            counters.newCounter(name + " journal records", CounterTypes.JOURNAL_RECORDS),
            counters.newCounter(name + " journal append errors", CounterTypes.JOURNAL_ERRORS),
            lineCounters(name, "received", CounterTypes.LINE_RECEIVED, lineB),
            lineCounters(name, "losses", CounterTypes.LINE_LOSSES, lineB),
            lineCounters(name, "lag", CounterTypes.LINE_LAG, lineB));
    }

    /**
     * Per-line counters; without a line B its counters live outside the file, so stat shows no phantom line.
     */
    private AtomicCounter[] lineCounters(final String name, final String what, final int typeId, final boolean lineB)
    {
        return new AtomicCounter[]{
            counters.newCounter(name + " line a " + what, typeId),
            lineB ? counters.newCounter(name + " line b " + what, typeId) :
                new AtomicCounter(new UnsafeBuffer(new byte[CountersReader.COUNTER_LENGTH]), 0)};
    }

    private void onAgentError(final Throwable error)
    {
        if (distinctAgentErrors.incrementAndGet() <= 20)
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
     * @return messages received in sequence by all gateways so far (any thread).
     */
    public long messagesReceived()
    {
        long total = 0;
        for (final GatewayCounters c : gatewayCounters)
        {
            total += c.messages().get();
        }
        return total;
    }

    /**
     * @return instruments stale right now over all channels (any thread).
     */
    public long staleInstruments()
    {
        long total = 0;
        for (final GatewayCounters c : gatewayCounters)
        {
            total += c.staleInstruments().get();
        }
        return total;
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
     * Waits until every feed channel has accounted for its packets up to the given sequence (received, or declared
     * lost on every line), no instrument is stale, and the book agents have drained their rings.
     *
     * @param lastSequences per feed channel index, the last sequence the feed published.
     * @param timeoutNs     how long to wait.
     * @return true when caught up, false on timeout.
     */
    public boolean awaitCaughtUp(final long[] lastSequences, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (System.nanoTime() - deadline < 0)
        {
            boolean sequenced = true;
            for (int k = 0; k < gatewayCounters.length; k++)
            {
                sequenced &= gatewayCounters[k].sequence().get() >= (k < lastSequences.length ? lastSequences[k] : 0);
            }
            if (sequenced && staleInstruments() == 0 && ringsEmpty())
            {
                return true;
            }
            sleepMs(10);
        }
        return false;
    }

    private boolean ringsEmpty()
    {
        for (final RingBuffer ring : rings)
        {
            if (ring.size() > 0)
            {
                return false;
            }
        }
        return true;
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
        gatewayRunners.forEach(CloseHelper::quietClose);
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
        if (null != gatewayAgents && null != gatewayAgents[gatewayAgents.length - 1])
        {
            finalCounts = snapshotCounts();
        }
        CloseHelper.quietClose(journal);
        CloseHelper.quietClose(aeron);
        CloseHelper.quietClose(driver);
        CloseHelper.quietClose(counters); // unmaps: no counter may be read after this
    }

    private EngineCounts snapshotCounts()
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
        final long[] g = new long[17];
        for (int k = 0; k < gatewayCounters.length; k++)
        {
            final GatewayCounters c = gatewayCounters[k];
            final AtomicCounter[] values = {c.packets(), c.messages(), c.gaps(), c.duplicates(), c.malformed(),
                c.recoveries(), c.staleInstruments(), dropped[k], c.journalBytes(), c.journalRecords(),
                c.journalErrors(), c.lineReceived()[0], c.lineLosses()[0], c.lineReceived()[1], c.lineLosses()[1]};
            for (int i = 0; i < values.length; i++)
            {
                g[i] += values[i].get();
            }
        }
        return new EngineCounts(g[0], g[1], appliedTotal, rejectedTotal, g[2], g[3], g[4], g[5], g[6], g[7], full,
            g[8], g[9], g[10], agentErrors.get(), g[11], g[12], g[13], g[14]);
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
        final StringBuilder errors = new StringBuilder();
        ErrorLogReader.read(errorLogBuffer, (count, first, last, text) ->
            errors.append(String.format("  %,d x %s%n", count, text.lines().findFirst().orElse(text))));
        return new EngineSummary(
            (clock.nanoTime() - startNs) / 1e9,
            published,
            finalCounts,
            config.feed().hasLineB(),
            books,
            logAgent,
            errors.toString(),
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

    /**
     * Only after {@link #close()}.
     *
     * @return the gateway agents, one per feed channel.
     */
    public GatewayAgent[] gatewayAgents()
    {
        return gatewayAgents.clone();
    }
}
