package io.ticklane.benchmarks.backtest;

import io.ticklane.backtest.Backtest;
import io.ticklane.backtest.BacktestSummary;
import io.ticklane.backtest.MarketSource;
import io.ticklane.backtest.Strategy;
import io.ticklane.benchmarks.book.BookEventTape;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.OrderPool;
import io.ticklane.config.EngineConfig;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.engine.VenueSessions;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Backtest throughput on one core against {@code engine replay}'s work on the same events, in one invocation.
 * <p>
 * The events are the LOBSTER-like {@link BookEventTape} (one book, adds/deletes/reductions/executions near the touch,
 * 1 us of exchange time apart), replayed {@code passes} times. Two paths, each run without and with the backtest:
 * <ul>
 * <li><b>events</b>: the tape as normalized book events (what a session emits) straight into the sink: replay = the
 * engine's {@link BookEventApplier} and ladder book, backtest = {@link Backtest} with a no-op strategy (its
 * {@code MarketOrderIndex}, exchange books, clock and ledger);</li>
 * <li><b>feed</b>: each event encoded as one own-feed packet, decoded and sequenced by the own feed's
 * {@code TicklaneSession} (made by {@link VenueSessions}, as {@code engine replay} and {@code engine backtest} make it)
 * into the same two sinks; encoding is paid by both.</li>
 * </ul>
 * Trials alternate the four variants; the best and the median of each are printed, with the ratio backtest/replay
 * and the bytes the backtest thread allocated per event in its measured trials (0 expected: no allocation per event).
 * <p>
 * Usage: {@code BacktestThroughputHarness [trials=7] [passes=40] [events=250000]}. Single thread.
 */
public final class BacktestThroughputHarness
{
    private static final Strategy NO_OP = new Strategy()
    {
    };

    private BacktestThroughputHarness()
    {
    }

    public static void main(final String[] args)
    {
        final int trials = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        final int passes = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        final int events = args.length > 2 ? Integer.parseInt(args[2]) : BookEventTape.DEFAULT_EVENTS;
        final BookEventTape tape = new BookEventTape(events, BookEventTape.DEFAULT_LIVE_ORDERS, 42);
        final long total = (long)tape.length() * passes;
        System.out.printf(Locale.ROOT, "tape: %,d events (%s), %d passes = %,d events per trial, %d trials%n",
            tape.length(), tape.mix(), passes, total, trials);
        final String[] names = {"replay (events -> applier)", "backtest (events -> no-op strategy)",
            "replay (own feed session -> applier)", "backtest (own feed session -> no-op strategy)"};
        final double[][] rates = new double[names.length][trials];
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long backtestBytes = 0;
        long backtestEvents = 0;
        for (int t = -2; t < trials; t++) // two discarded warm-up rounds
        {
            for (int v = 0; v < names.length; v++)
            {
                final boolean feed = v >= 2;
                final boolean backtest = (v & 1) == 1;
                final MarketSource source = feed ? new FeedSource(tape, passes) : new TapeSource(tape, passes);
                final long before = threads.getThreadAllocatedBytes(thread);
                final long start = System.nanoTime();
                final long delivered;
                if (backtest)
                {
                    final BacktestSummary summary = Backtest.builder().source(source).strategy(NO_OP).build().run();
                    delivered = summary.events();
                }
                else
                {
                    final BookEventApplier applier = new BookEventApplier(BookFactory.ladder(
                        new OrderPool(Backtest.DEFAULT_ORDER_POOL), BookOptions.DEFAULT, BookListener.NONE),
                        BookListener.NONE);
                    source.run(applier, () -> false);
                    delivered = applier.applied();
                }
                final long ns = System.nanoTime() - start;
                final long bytes = threads.getThreadAllocatedBytes(thread) - before;
                if (delivered < total)
                {
                    throw new IllegalStateException(names[v] + ": " + delivered + " events of " + total);
                }
                if (t >= 0)
                {
                    rates[v][t] = delivered * 1e9 / ns;
                    if (backtest)
                    {
                        backtestBytes += bytes;
                        backtestEvents += delivered;
                    }
                }
            }
        }
        for (int v = 0; v < names.length; v++)
        {
            System.out.printf(Locale.ROOT, "%-48s best %,14.0f  median %,14.0f events/s%n", names[v],
                best(rates[v]), median(rates[v]));
        }
        System.out.printf(Locale.ROOT, "ratio backtest/replay, events: best %.2f median %.2f; own feed: best %.2f " +
            "median %.2f%n", best(rates[1]) / best(rates[0]), median(rates[1]) / median(rates[0]),
            best(rates[3]) / best(rates[2]), median(rates[3]) / median(rates[2]));
        System.out.printf(Locale.ROOT, "backtest thread allocation in measured trials: %,d bytes for %,d events " +
            "(%.4f bytes/event, setup included)%n", backtestBytes, backtestEvents,
            (double)backtestBytes / backtestEvents);
        for (final boolean feed : new boolean[]{false, true})
        {
            final long once = allocated(threads, thread, feed, tape, passes);
            final long twice = allocated(threads, thread, feed, tape, 2 * passes);
            System.out.printf(Locale.ROOT, "steady state, backtest %s: %,d more bytes for %,d more events " +
                "(%.4f bytes/event)%n", feed ? "through the own feed session" : "on events", twice - once,
                total, (double)(twice - once) / total);
        }
    }

    /** Bytes the thread allocates for one whole backtest run (setup, run, summary; no files). */
    private static long allocated(final com.sun.management.ThreadMXBean threads, final long thread,
        final boolean feed, final BookEventTape tape, final int passes)
    {
        final MarketSource source = feed ? new FeedSource(tape, passes) : new TapeSource(tape, passes);
        final long before = threads.getThreadAllocatedBytes(thread);
        Backtest.builder().source(source).strategy(NO_OP).build().run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    private static double best(final double[] v)
    {
        return Arrays.stream(v).max().orElse(0);
    }

    private static double median(final double[] v)
    {
        final double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The tape as normalized events, one venue event each, 1 us apart. Single thread. */
    private static final class TapeSource implements MarketSource, BookEventTape.Sink
    {
        private final BookEventTape tape;
        private final int passes;
        private BookEventHandler sink;

        TapeSource(final BookEventTape tape, final int passes)
        {
            this.tape = tape;
            this.passes = passes;
        }

        public long run(final BookEventHandler sink, final BooleanSupplier stop)
        {
            this.sink = sink;
            long time = 1_700_000_000_000_000_000L;
            sink.onPacket(0, time, time);
            sink.onDefinition(new InstrumentDefinition().instrumentId(1).symbol("TAPE").tickSize(BookEventTape.TICK)
                .priceExponent(-4).referencePrice(BookEventTape.START_MID_TICKS * BookEventTape.TICK)
                .bandTicks(8192));
            sink.onEndOfEvent();
            long sequence = 1;
            for (int p = 0; p < passes; p++)
            {
                for (int i = 0; i < tape.length(); i++)
                {
                    time += 1_000;
                    sink.onPacket(++sequence, time, time);
                    tape.emit(i, this);
                    sink.onEndOfEvent();
                }
            }
            return sequence;
        }

        public void add(final long orderId, final int side, final long price, final long quantity)
        {
            sink.onAdd(1, orderId, side, price, quantity);
        }

        public void delete(final long orderId)
        {
            sink.onDelete(1, orderId);
        }

        public void modify(final long orderId, final long price, final long quantity)
        {
            sink.onModify(1, orderId, price, quantity);
        }

        public void execute(final long orderId, final long quantity)
        {
            sink.onExecute(1, orderId, quantity);
        }

        public String describe()
        {
            return "tape";
        }
    }

    /** The tape as own-feed packets (one message each) through the own feed's session. Single thread. */
    private static final class FeedSource implements MarketSource, BookEventTape.Sink
    {
        private final BookEventTape tape;
        private final int passes;
        private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
        private final PacketEncoder encoder = new PacketEncoder();
        private long time = 1_700_000_000_000_000_000L;
        private long tradeId;

        FeedSource(final BookEventTape tape, final int passes)
        {
            this.tape = tape;
            this.passes = passes;
        }

        public long run(final BookEventHandler sink, final BooleanSupplier stop)
        {
            final EngineConfig config = EngineConfig.load(null, Map.of());
            final ProtocolSession session = new VenueSessions(config).session(JournalRecordTypes.VENUE_TICKLANE, 0,
                sink, GatewayCounters.unmapped(),
                new StageRegistry(config.latency().highestTrackableNs()).newRecorder(LatencyStage.PUBLISH_TO_RECEIVE));
            long sequence = 1;
            encoder.begin(buffer, 0, 0, 0, sequence, time, 1).instrumentDefinition(time, 1, "TAPE",
                BookEventTape.TICK, -4, BookEventTape.START_MID_TICKS * BookEventTape.TICK, 8192);
            session.onPacket(PacketSource.INCREMENTAL_A, buffer, 0, encoder.length(), time);
            for (int p = 0; p < passes; p++)
            {
                for (int i = 0; i < tape.length(); i++)
                {
                    time += 1_000;
                    encoder.begin(buffer, 0, 0, 0, ++sequence, time, 1);
                    tape.emit(i, this);
                    session.onPacket(PacketSource.INCREMENTAL_A, buffer, 0, encoder.length(), time);
                }
            }
            return sequence;
        }

        public void add(final long orderId, final int side, final long price, final long quantity)
        {
            encoder.addOrder(time, 1, orderId, side, price, quantity);
        }

        public void delete(final long orderId)
        {
            encoder.deleteOrder(time, 1, orderId);
        }

        public void modify(final long orderId, final long price, final long quantity)
        {
            encoder.modifyOrder(time, 1, orderId, price, quantity);
        }

        public void execute(final long orderId, final long quantity)
        {
            encoder.executeOrder(time, 1, orderId, quantity, ++tradeId);
        }

        public String describe()
        {
            return "tape as own feed";
        }
    }
}
