package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.book.BookAgent;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventRingWriter;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.LadderLevelDescriptor;
import io.ticklane.book.OrderPool;
import io.ticklane.config.AgentSpec;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.FeedSettings;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.config.Units;
import io.ticklane.gateway.AeronIngress;
import io.ticklane.gateway.EngineStartRecord;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayAgent;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.Ingress;
import io.ticklane.gateway.LineArbiter;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.gateway.TicklaneSession;
import io.ticklane.gateway.udp.UdpMulticastIngress;
import io.ticklane.venue.cme.CmeChannelCounters;
import io.ticklane.venue.cme.CmeSession;
import io.ticklane.venue.cme.config.CmeChannelConfig;
import io.ticklane.journal.Journal;
import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.HistogramLogAgent;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.Agent;
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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The composition root: locks (one engine per journal and counters file), counters file, media driver (embedded
 * unless configured external), Aeron client, journal, one many-to-one ring and book agent per shard, one gateway
 * agent per feed channel (its ingresses, its protocol session and the ring writer), and the histogram log agent,
 * each on its own thread with its configured CPU and idle strategy.
 * <p>
 * Lifecycle, on one controlling thread: {@link #launch}, then {@link #close()}, which stops the gateways first,
 * lets the book agents drain their rings, stops them, writes the last histogram interval, then flushes and unmaps
 * the journal and closes Aeron, the driver, the counters file and the locks.
 */
public final class Engine implements AutoCloseable
{
    static final int MAX_COUNTERS = 4096;
    private static final long DRAIN_TIMEOUT_NS = 5_000_000_000L;
    private static final int ERROR_LOG_BYTES = 64 * 1024;
    private static final int BOOK_READ_LIMIT = 256;
    private static final int GATEWAY_POLL_LIMIT = 64;
    /** Instruments of a CME channel with counters of their own in the counters file. */
    private static final int CME_INSTRUMENT_COUNTERS = 128;

    /** One book agent with its ring, books and counters. */
    private record BookShard(RingBuffer ring, OrderPool pool, BookAgent agent, BookAgent.Counters counters,
        AtomicCounter ringFull, AtomicCounter ringDepth)
    {
    }

    /** One venue channel's gateway with its session and counters ({@code cme} is set for a CME channel). */
    private record ChannelShard(GatewayAgent agent, ProtocolSession session, GatewayCounters counters,
        AtomicCounter dropped, CmeChannelCounters cme)
    {
        long otherSessionPackets()
        {
            return session instanceof TicklaneSession ? ((TicklaneSession)session).otherSessionPackets() : 0;
        }
    }

    private final EngineConfig config;
    private final PrintStream log;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final AtomicLong distinctAgentErrors = new AtomicLong();
    private final List<EngineLock> locks = new ArrayList<>();
    private final List<AgentRunner> gatewayRunners = new ArrayList<>();
    private final List<AgentRunner> bookRunners = new ArrayList<>();
    private final UnsafeBuffer errorLogBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ERROR_LOG_BYTES));
    private CountersFile counters;
    private MediaDriver driver;
    private EngineStream stream = EngineStream.NONE;
    private Aeron aeron;
    private Journal journal;
    private StageRegistry stages;
    private HistogramLogAgent logAgent;
    private BookShard[] books = new BookShard[0];
    private ChannelShard[] channels = new ChannelShard[0];
    private AtomicCounter agentErrors;
    private AtomicCounter journalPanicked;
    private List<String> warnings = List.of();
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
     * @throws OperatorException when another engine owns the journal or counters file, or the journal is panicked.
     */
    public static Engine launch(final EngineConfig config, final PrintStream log)
    {
        return new Engine(config, log);
    }

    private void start()
    {
        final SystemEpochClock epochClock = SystemEpochClock.INSTANCE;
        final Path countersPath = Path.of(config.latency().countersPath());
        locks.add(EngineLock.acquire(countersPath, "counters file", "counters.path"));
        if (config.journal().enabled())
        {
            locks.add(EngineLock.acquire(Path.of(config.journal().path()), "journal", "journal.path"));
        }
        counters = CountersFile.create(countersPath, MAX_COUNTERS, epochClock);
        if (config.driver().embedded())
        {
            reclaimStaleDriverDirectories();
            driver = MediaDrivers.launchEmbedded(config.driver());
        }
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.driver().directory()));
        openJournal();
        stages = new StageRegistry(config.latency().highestTrackableNs());
        agentErrors = counters.newCounter("agent errors", CounterTypes.AGENT_ERRORS);
        journalPanicked = counters.newCounter("journal panicked (1 means nothing is journaled since)",
            CounterTypes.JOURNAL_PANICKED);
        stream = EngineStream.create(config.publish(), aeron, counters);
        buildBooks();
        buildChannels();
        startAgents(epochClock);
        startNs = clock.nanoTime();
    }

    private void reclaimStaleDriverDirectories()
    {
        final Path parent = Path.of(config.driver().directory()).toAbsolutePath().getParent();
        final StaleDriverDirectories.Reclaimed reclaimed =
            StaleDriverDirectories.reclaim(parent, System.getProperty("user.name", "default"));
        if (!reclaimed.pids().isEmpty())
        {
            log.printf("[engine] reclaimed %d media driver director%s of dead engines (pids %s) in %s: %,d MB%n",
                reclaimed.pids().size(), reclaimed.pids().size() == 1 ? "y" : "ies", reclaimed.pids(), parent,
                reclaimed.bytes() >> 20);
        }
    }

    private void openJournal()
    {
        if (!config.journal().enabled())
        {
            return;
        }
        journal = Journal.open(JournalCommand.options(config.journal()));
        final String panic = JournalPanics.describe(journal);
        if (null != panic)
        {
            throw new OperatorException(panic);
        }
        final UnsafeBuffer record = new UnsafeBuffer(new byte[EngineStartRecord.LENGTH]);
        EngineStartRecord.write(record, 0, ProcessHandle.current().pid(), System.currentTimeMillis());
        if (journal.newAppender().append(EngineStartRecord.recordType(), clock.nanoTime(), record, 0,
            EngineStartRecord.LENGTH) < 0)
        {
            throw new OperatorException("cannot append to the journal " + journal.directory().toAbsolutePath() +
                " (" + JournalPanics.describe(journal) + ")");
        }
    }

    private void startAgents(final SystemEpochClock epochClock)
    {
        final String range = "0.." + Units.formatDuration(config.latency().highestTrackableNs());
        final AtomicCounter[] clamped = new AtomicCounter[LatencyStage.values().length];
        for (final LatencyStage stage : LatencyStage.values())
        {
            clamped[stage.ordinal()] = counters.newCounter(
                "latency " + stage.tag() + " clamped (outside " + range + ")", CounterTypes.LATENCY_CLAMPED);
        }
        logAgent = new HistogramLogAgent(
            stages, Path.of(config.latency().hlogPath()), config.latency().intervalNs(), clock, epochClock);
        final RingBuffer[] rings = new RingBuffer[books.length];
        final AtomicCounter[] ringDepth = new AtomicCounter[books.length];
        for (int i = 0; i < books.length; i++)
        {
            rings[i] = books[i].ring();
            ringDepth[i] = books[i].ringDepth();
        }
        final HousekeepingAgent housekeeping = new HousekeepingAgent(
            counters, rings, ringDepth, stages, clamped, clock, epochClock)
            .watchJournal(journal, journalPanicked, log);

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
        for (int i = 0; i < books.length; i++)
        {
            bookRunners.add(threads.start(stream.agent(i, books[i].agent()), config.bookAgents().get(i)));
        }
        startGateways(threads);
    }

    /**
     * One thread per configured gateway agent ({@code feed.channels} of them); when a venue has more channels than
     * that (CME), the channels are dealt round-robin and each thread runs its share as one composite agent.
     */
    private void startGateways(final AgentThreads threads)
    {
        final List<AgentSpec> specs = config.gatewayAgents();
        final int threadCount = Math.min(specs.size(), channels.length);
        for (int t = 0; t < threadCount; t++)
        {
            final List<Agent> share = new ArrayList<>();
            for (int k = t; k < channels.length; k += threadCount)
            {
                share.add(channels[k].agent());
            }
            gatewayRunners.add(threads.start(share.size() == 1 ? share.get(0) : new CompositeAgent(share), specs.get(t)));
        }
    }

    private void buildBooks()
    {
        final int shards = config.book().agents();
        books = new BookShard[shards];
        final BookOptions bookOptions = new BookOptions(config.book().snapshotDepth(), config.book().overflowLevels(),
            LadderLevelDescriptor.DEFAULT_STRIDE, config.book().recentre());
        for (int i = 0; i < shards; i++)
        {
            final String name = "book." + i;
            final int length = config.book().ringCapacityBytes() + RingBufferDescriptor.TRAILER_LENGTH;
            final RingBuffer ring =
                new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64)));
            final AtomicCounter ringDepth = counters.newCounter("ring " + name + " depth bytes",
                CounterTypes.RING_DEPTH);
            final AtomicCounter ringFull = counters.newCounter("ring " + name + " full (producer retries)",
                CounterTypes.RING_FULL);
            counters.newCounter("ring " + name + " capacity bytes", CounterTypes.RING_CAPACITY)
                .setRelease(ring.capacity());
            final BookAgent.Counters bookCounters = new BookAgent.Counters(
                counters.newCounter(name + " events applied", CounterTypes.BOOK_EVENTS_APPLIED),
                counters.newCounter(name + " events rejected", CounterTypes.BOOK_EVENTS_REJECTED),
                counters.newCounter(name + " order pool used", CounterTypes.ORDER_POOL_USED));
            counters.newCounter(name + " order pool capacity", CounterTypes.ORDER_POOL_CAPACITY)
                .setRelease(config.book().orderPoolCapacity());
            final OrderPool pool = new OrderPool(config.book().orderPoolCapacity());
            final BookEventApplier applier = new BookEventApplier(
                BookFactory.ladder(pool, bookOptions, BookListener.NONE), BookListener.NONE)
                .maxBandTicks(config.book().maxBandTicks());
            final BookAgent agent = new BookAgent(name, ring, pool, applier, stream.sink(name, applier),
                new BookAgent.Latency(clock, stages.newRecorder(LatencyStage.DECODED_TO_APPLIED),
                    stages.newRecorder(LatencyStage.END_TO_END)),
                bookCounters, BOOK_READ_LIMIT);
            books[i] = new BookShard(ring, pool, agent, bookCounters, ringFull, ringDepth);
        }
    }

    private void buildChannels()
    {
        final Int2IntHashMap shardByInstrument = new Int2IntHashMap(-1);
        for (final InstrumentSpec instrument : config.simulator().instruments())
        {
            shardByInstrument.put(instrument.id(), instrument.bookAgent());
        }
        final RingBuffer[] rings = new RingBuffer[books.length];
        final AtomicCounter[] ringFull = new AtomicCounter[books.length];
        for (int i = 0; i < books.length; i++)
        {
            rings[i] = books[i].ring();
            ringFull[i] = books[i].ringFull();
        }
        if (config.venue().isCme())
        {
            buildCmeChannels(rings, ringFull);
        }
        else
        {
            buildOwnFeedChannels(rings, ringFull, shardByInstrument);
        }
    }

    private BookEventRingWriter ringWriter(
        final RingBuffer[] rings, final AtomicCounter[] ringFull, final Int2IntHashMap shards, final AgentSpec spec,
        final AtomicCounter dropped)
    {
        return new BookEventRingWriter(rings, shards, spec.idle().newIdleStrategy(), ringFull, clock,
            stages.newRecorder(LatencyStage.RECEIVE_TO_DECODED), config.book().ringFullTimeoutNs(), dropped);
    }

    private void buildOwnFeedChannels(
        final RingBuffer[] rings, final AtomicCounter[] ringFull, final Int2IntHashMap shardByInstrument)
    {
        final FeedSettings feed = config.feed();
        final DistinctErrorLog errorLog = new DistinctErrorLog(errorLogBuffer, SystemEpochClock.INSTANCE);
        channels = new ChannelShard[feed.channels()];
        for (int k = 0; k < channels.length; k++)
        {
            final String name = "gateway." + k;
            final GatewayCounters c = newGatewayCounters(name);
            final AtomicCounter dropped = counters.newCounter(name + " events dropped (ring full past bound)",
                CounterTypes.EVENTS_DROPPED);
            final BookEventRingWriter writer =
                ringWriter(rings, ringFull, shardByInstrument, config.gatewayAgents().get(k), dropped);
            final TicklaneSession session = new TicklaneSession(k + 1,
                new LineArbiter(feed.arbitrationWindow(), FeedPublisher.MAX_PACKET_LENGTH, feed.gapTimeoutNs(),
                    feed.maxSequenceJump()),
                writer, c, stages.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE), errorLog, feed.recoveryBufferBytes());
            final List<Ingress> ingresses = new ArrayList<>();
            ingresses.add(new AeronIngress(aeron.addSubscription(feed.channel(), feed.streamId() + k),
                PacketSource.INCREMENTAL_A, clock));
            if (feed.hasLineB())
            {
                ingresses.add(new AeronIngress(aeron.addSubscription(feed.channelB(), feed.streamIdB() + k),
                    PacketSource.INCREMENTAL_B, clock));
            }
            if (feed.hasSnapshots())
            {
                ingresses.add(new AeronIngress(
                    aeron.addSubscription(feed.snapshotChannel(), feed.snapshotStreamId() + k),
                    PacketSource.SNAPSHOT_A, clock));
            }
            channels[k] = new ChannelShard(gatewayAgent(name, session, ingresses, writer, c), session, c, dropped,
                null);
        }
    }

    /**
     * A CME channel per configured channel ({@code cme.channels}, or every channel of {@code cme.config}): raw UDP
     * multicast lines joined on the channel's interface, a {@link CmeSession}, its counters. Instruments (security
     * ids, unknown before the definitions arrive) are sharded over book agents by id.
     */
    private void buildCmeChannels(final RingBuffer[] rings, final AtomicCounter[] ringFull)
    {
        final VenueSessions venues = new VenueSessions(config);
        final List<CmeChannelConfig> selected = venues.cmeChannels();
        channels = new ChannelShard[selected.size()];
        final Int2IntHashMap byId = new Int2IntHashMap(-1);
        final List<String> socketWarnings = new ArrayList<>();
        for (int k = 0; k < channels.length; k++)
        {
            final CmeChannelConfig channel = selected.get(k);
            final String name = "cme." + channel.id();
            final GatewayCounters c = newGatewayCounters(name);
            final AtomicCounter dropped = counters.newCounter(name + " events dropped (ring full past bound)",
                CounterTypes.EVENTS_DROPPED);
            final BookEventRingWriter writer =
                ringWriter(rings, ringFull, byId, config.gatewayAgents().get(k % config.gatewayAgents().size()),
                    dropped);
            final CmeChannelCounters session = new CmeChannelCounters(
                new CmeSession(channel, venues.cmeOptions(), writer), c, counters::newCounter, name,
                CME_INSTRUMENT_COUNTERS);
            final Ingress ingress;
            try
            {
                ingress = new UdpMulticastIngress(channel.udpLines(), config.venue().cmeReceiveBufferBytes(),
                    warning -> socketWarnings.add(name + ": " + warning));
            }
            catch (final IOException ex)
            {
                throw new OperatorException("cannot receive CME channel " + channel.id() + " (" + channel.label() +
                    "): " + ex.getMessage());
            }
            log.printf("[engine] %s: %s%n", name, ingress.describe());
            channels[k] = new ChannelShard(gatewayAgent(name, session, List.of(ingress), writer, c), session, c,
                dropped, session);
        }
        if (!socketWarnings.isEmpty())
        {
            log.println("[engine] WARNING " + socketWarnings.get(0) + (socketWarnings.size() == 1 ? "" :
                " (and " + (socketWarnings.size() - 1) + " more socket warning(s) like it)"));
        }
    }

    private GatewayAgent gatewayAgent(
        final String name,
        final ProtocolSession session,
        final List<Ingress> ingresses,
        final BookEventRingWriter writer,
        final GatewayCounters c)
    {
        return new GatewayAgent(new GatewayAgent.Context(name, session, ingresses.toArray(new Ingress[0]),
            null == journal ? null : journal.newAppender(), writer, clock,
            stages.newRecorder(LatencyStage.RECEIVE_TO_JOURNAL), c, GATEWAY_POLL_LIMIT));
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
            lineCounters(name, "lag", CounterTypes.LINE_LAG, lineB),
            counters.newCounter(name + " publisher session resets", CounterTypes.SESSION_RESETS));
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
        for (final ChannelShard channel : channels)
        {
            total += channel.counters().messages().get();
        }
        return total;
    }

    /**
     * @return instruments stale right now over all channels (any thread).
     */
    public long staleInstruments()
    {
        long total = 0;
        for (final ChannelShard channel : channels)
        {
            total += channel.counters().staleInstruments().get();
        }
        return total;
    }

    /**
     * @return events applied plus rejected by all book agents so far (any thread; published once per duty cycle).
     */
    public long eventsProcessed()
    {
        long total = 0;
        for (final BookShard book : books)
        {
            total += book.counters().applied().get() + book.counters().rejected().get();
        }
        return total;
    }

    /**
     * Any thread.
     *
     * @return true once the journal panicked while the engine ran (nothing is journaled since).
     */
    public boolean journalPanicked()
    {
        for (final ChannelShard channel : channels)
        {
            if (channel.agent().journalPanicked())
            {
                return true;
            }
        }
        return null != journalPanicked && journalPanicked.get() != 0;
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
            for (int k = 0; k < channels.length; k++)
            {
                sequenced &= channels[k].counters().sequence().get() >= (k < lastSequences.length ?
                    lastSequences[k] : 0);
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
        for (final BookShard book : books)
        {
            if (book.ring().size() > 0)
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
        for (final BookShard book : books)
        {
            while (book.ring().size() > 0 && System.nanoTime() - deadline < 0)
            {
                sleepMs(1);
            }
        }
        bookRunners.forEach(CloseHelper::quietClose);
        CloseHelper.quietClose(logRunner); // the log agent writes its last interval on close
        if (channels.length > 0 && null != channels[channels.length - 1])
        {
            finalCounts = snapshotCounts();
        }
        CloseHelper.quietClose(journal);
        CloseHelper.quietClose(stream);
        CloseHelper.quietClose(aeron);
        CloseHelper.quietClose(driver);
        CloseHelper.quietClose(counters); // unmaps: no counter may be read after this
        locks.forEach(CloseHelper::quietClose);
    }

    private EngineCounts snapshotCounts()
    {
        final EngineCounts.Builder b = new EngineCounts.Builder();
        for (final BookShard book : books)
        {
            b.applied += book.agent().applier().applied();
            b.rejected += book.agent().applier().rejected() + book.agent().unknownTypeEvents();
            b.ringFull += book.ringFull().get();
        }
        for (final ChannelShard channel : channels)
        {
            final GatewayCounters c = channel.counters();
            b.packets += c.packets().get();
            b.messages += c.messages().get();
            b.gaps += c.gaps().get();
            b.duplicates += c.duplicates().get();
            b.malformed += c.malformed().get();
            b.recoveries += c.recoveries().get();
            b.stale += c.staleInstruments().get();
            b.dropped += channel.dropped().get();
            b.journalBytes += c.journalBytes().get();
            b.journalRecords += c.journalRecords().get();
            b.journalErrors += c.journalErrors().get();
            b.lineAReceived += c.lineReceived()[0].get();
            b.lineALosses += c.lineLosses()[0].get();
            b.lineBReceived += c.lineReceived()[1].get();
            b.lineBLosses += c.lineLosses()[1].get();
            b.sessionResets += c.sessionResets().get();
            b.otherSessionPackets += channel.otherSessionPackets();
        }
        b.agentErrors = agentErrors.get();
        b.journalPanicked = journalPanicked();
        return b.build();
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
        final List<InstrumentBook> all = new ArrayList<>();
        for (final BookShard book : books)
        {
            all.addAll(book.agent().applier().books());
        }
        all.sort((a, b) -> Integer.compare(a.instrumentId(), b.instrumentId()));
        final StringBuilder errors = new StringBuilder();
        ErrorLogReader.read(errorLogBuffer, (count, first, last, text) ->
            errors.append(String.format("  %,d x %s%n", count, text.lines().findFirst().orElse(text))));
        return new EngineSummary(
            (clock.nanoTime() - startNs) / 1e9,
            published,
            finalCounts,
            config.feed().hasLineB(),
            all,
            logAgent,
            errors.toString(),
            null == journal ? null : journal.directory(),
            logAgent.path(),
            counters.path(),
            venueReport());
    }

    private List<String> venueReport()
    {
        final List<String> lines = new ArrayList<>();
        if (null != stream.summaryLine())
        {
            lines.add(stream.summaryLine());
        }
        for (final ChannelShard channel : channels)
        {
            if (null != channel.cme())
            {
                lines.addAll(channel.cme().report());
                lines.addAll(channel.cme().instrumentReport());
            }
        }
        return lines;
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
        final BookAgent[] agents = new BookAgent[books.length];
        for (int i = 0; i < books.length; i++)
        {
            agents[i] = books[i].agent();
        }
        return agents;
    }

    /**
     * Only after {@link #close()}.
     *
     * @return the gateway agents, one per feed channel.
     */
    public GatewayAgent[] gatewayAgents()
    {
        final GatewayAgent[] agents = new GatewayAgent[channels.length];
        for (int k = 0; k < channels.length; k++)
        {
            agents[k] = channels[k].agent();
        }
        return agents;
    }

    /**
     * Only after {@link #close()}.
     *
     * @return the protocol sessions, one per venue channel.
     */
    public ProtocolSession[] sessions()
    {
        final ProtocolSession[] sessions = new ProtocolSession[channels.length];
        for (int k = 0; k < channels.length; k++)
        {
            sessions[k] = channels[k].session();
        }
        return sessions;
    }
}
