package io.ticklane.backtest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A configured backtest, and the entry point the {@code engine backtest} command wires:
 * <pre>
 * BacktestSummary summary = Backtest.builder()
 *     .source(marketSource)                   // normalized events: journal, capture, LOBSTER, Databento, DBN
 *     .strategy(strategy)                     // or StrategyLoader.load(...), or new ScriptedOrdersStrategy(file)
 *     .entryLatency(LatencyModel.constant(50_000)).responseLatency(...).recordedFeedLatency(true)
 *     .queueModel(QueueModel.parse("fifo")).partialFills(true).fees(FeeModel.parse("maker=-0.5bp,taker=1bp"))
 *     .from(fromNs).to(toNs).out(dir).progress((events, nowNs) -> ...)
 *     .build().run();
 * </pre>
 * A run is deterministic: the same inputs and settings give byte-identical files (all but {@code timing.json}).
 * Immutable once built; {@link #run()} runs on the calling thread.
 */
public final class Backtest
{
    /** Default PnL interval: one second of exchange time. */
    public static final long DEFAULT_INTERVAL_NS = 1_000_000_000L;
    /** Default order slots per book copy. */
    public static final int DEFAULT_ORDER_POOL = 1 << 18;

    /** Hears progress on long runs (every 2^16 events; the caller throttles what it prints), on the run's thread. */
    @FunctionalInterface
    public interface Progress
    {
        Progress NONE = (events, exchangeTimeNs) -> {};

        void onProgress(long events, long exchangeTimeNs);
    }

    private final MarketSource source;
    private final Strategy strategy;
    private final StrategyParameters parameters;
    private final LatencyModel entryLatency;
    private final LatencyModel responseLatency;
    private final LatencyModel feedLatency;
    private final boolean recordedFeedLatency;
    private final QueueModel queueModel;
    private final boolean partialFills;
    private final FeeModel fees;
    private final long fromNs;
    private final long toNs;
    private final long intervalNs;
    private final Map<String, Double> multipliers;
    private final Path outDir;
    private final Progress progress;
    private final int orderPoolCapacity;

    private Backtest(final Builder b)
    {
        this.source = Objects.requireNonNull(b.source, "a market source is required");
        this.strategy = Objects.requireNonNull(b.strategy, "a strategy is required");
        this.parameters = b.parameters;
        this.entryLatency = b.entryLatency;
        this.responseLatency = b.responseLatency;
        this.feedLatency = b.feedLatency;
        this.recordedFeedLatency = b.recordedFeedLatency;
        this.queueModel = b.queueModel;
        this.partialFills = b.partialFills;
        this.fees = b.fees;
        this.fromNs = b.fromNs;
        this.toNs = b.toNs;
        this.intervalNs = b.intervalNs;
        this.multipliers = Map.copyOf(b.multipliers);
        this.outDir = b.outDir;
        this.progress = b.progress;
        this.orderPoolCapacity = b.orderPoolCapacity;
        if (fromNs > toNs)
        {
            throw new IllegalArgumentException("--from " + fromNs + " is after --to " + toNs);
        }
    }

    /**
     * @return a builder with the defaults: no latency, exact FIFO, no partial fills, no fees, the whole data.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Runs the backtest on the calling thread and writes the outputs (when an output directory is set).
     *
     * @return the summary.
     */
    public BacktestSummary run()
    {
        return new BacktestRun(this).run();
    }

    MarketSource source()
    {
        return source;
    }

    Strategy strategy()
    {
        return strategy;
    }

    StrategyParameters parameters()
    {
        return parameters;
    }

    LatencyModel entryLatency()
    {
        return entryLatency;
    }

    LatencyModel responseLatency()
    {
        return responseLatency;
    }

    LatencyModel feedLatency()
    {
        return feedLatency;
    }

    boolean recordedFeedLatency()
    {
        return recordedFeedLatency;
    }

    QueueModel queueModel()
    {
        return queueModel;
    }

    boolean partialFills()
    {
        return partialFills;
    }

    FeeModel fees()
    {
        return fees;
    }

    long fromNs()
    {
        return fromNs;
    }

    long toNs()
    {
        return toNs;
    }

    long intervalNs()
    {
        return intervalNs;
    }

    double multiplier(final String symbol)
    {
        return multipliers.getOrDefault(symbol, 1.0);
    }

    Path outDir()
    {
        return outDir;
    }

    Progress progress()
    {
        return progress;
    }

    int orderPoolCapacity()
    {
        return orderPoolCapacity;
    }

    /**
     * @return the settings in words, for the report.
     */
    public String describe()
    {
        return "latency entry " + entryLatency.describe() + ", response " + responseLatency.describe() + ", feed " +
            (recordedFeedLatency ? "recorded" : feedLatency.describe()) + "; queue " + queueModel.describe() +
            "; partial fills " + (partialFills ? "on" : "off") + "; fees " + fees.describe();
    }

    /** Collects the settings; not thread-safe. */
    public static final class Builder
    {
        private MarketSource source;
        private Strategy strategy;
        private StrategyParameters parameters = new StrategyParameters(Map.of());
        private LatencyModel entryLatency = LatencyModel.constant(0);
        private LatencyModel responseLatency = LatencyModel.constant(0);
        private LatencyModel feedLatency = LatencyModel.constant(0);
        private boolean recordedFeedLatency;
        private QueueModel queueModel = QueueModel.DEFAULT;
        private boolean partialFills;
        private FeeModel fees = FeeModel.NONE;
        private long fromNs = Long.MIN_VALUE;
        private long toNs = Long.MAX_VALUE;
        private long intervalNs = DEFAULT_INTERVAL_NS;
        private final Map<String, Double> multipliers = new HashMap<>();
        private Path outDir;
        private Progress progress = Progress.NONE;
        private int orderPoolCapacity = DEFAULT_ORDER_POOL;

        public Builder source(final MarketSource source)
        {
            this.source = source;
            return this;
        }

        public Builder strategy(final Strategy strategy)
        {
            this.strategy = strategy;
            return this;
        }

        public Builder parameters(final StrategyParameters parameters)
        {
            this.parameters = parameters;
            return this;
        }

        public Builder entryLatency(final LatencyModel model)
        {
            this.entryLatency = model;
            return this;
        }

        public Builder responseLatency(final LatencyModel model)
        {
            this.responseLatency = model;
            return this;
        }

        /**
         * @param model constant feed latency added to each event's exchange time (turns recorded off).
         * @return this.
         */
        public Builder feedLatency(final LatencyModel model)
        {
            this.feedLatency = model;
            this.recordedFeedLatency = false;
            return this;
        }

        /**
         * @param recorded true: the strategy sees each event at its recorded receive time.
         * @return this.
         */
        public Builder recordedFeedLatency(final boolean recorded)
        {
            this.recordedFeedLatency = recorded;
            return this;
        }

        /**
         * @param settings parsed {@code --latency} option.
         * @return this.
         */
        public Builder latency(final LatencySettings settings)
        {
            this.entryLatency = settings.entry();
            this.responseLatency = settings.response();
            this.feedLatency = settings.feed();
            this.recordedFeedLatency = settings.recordedFeed();
            return this;
        }

        public Builder queueModel(final QueueModel model)
        {
            this.queueModel = model;
            return this;
        }

        public Builder partialFills(final boolean partialFills)
        {
            this.partialFills = partialFills;
            return this;
        }

        public Builder fees(final FeeModel fees)
        {
            this.fees = fees;
            return this;
        }

        /**
         * @param fromNs exchange time the strategy starts at (earlier events only build the books).
         * @return this.
         */
        public Builder from(final long fromNs)
        {
            this.fromNs = fromNs;
            return this;
        }

        /**
         * @param toNs exchange time the run stops at.
         * @return this.
         */
        public Builder to(final long toNs)
        {
            this.toNs = toNs;
            return this;
        }

        public Builder interval(final long intervalNs)
        {
            if (intervalNs <= 0)
            {
                throw new IllegalArgumentException("interval " + intervalNs + "ns; allowed: > 0");
            }
            this.intervalNs = intervalNs;
            return this;
        }

        /**
         * @param symbol     instrument symbol.
         * @param multiplier currency per price point per unit (e.g. 50 for ES).
         * @return this.
         */
        public Builder multiplier(final String symbol, final double multiplier)
        {
            this.multipliers.put(symbol, multiplier);
            return this;
        }

        public Builder out(final Path dir)
        {
            this.outDir = dir;
            return this;
        }

        public Builder progress(final Progress progress)
        {
            this.progress = progress;
            return this;
        }

        public Builder orderPoolCapacity(final int capacity)
        {
            this.orderPoolCapacity = capacity;
            return this;
        }

        public Backtest build()
        {
            return new Backtest(this);
        }
    }
}
