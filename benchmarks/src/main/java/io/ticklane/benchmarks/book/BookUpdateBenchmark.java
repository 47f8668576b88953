package io.ticklane.benchmarks.book;

import io.ticklane.book.BookResult;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.ReferenceOrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Average time per book event on the LOBSTER-like mix of {@link BookEventTape}, single-threaded: the ladder book
 * against the reference model and exchange-core's order book, in one invocation. Each operation applies
 * {@link #BATCH} consecutive events of the tape (reported per event); the tape replays forever because it ends
 * with an empty book. {@code pool} is the order pool's capacity, which sizes the id index (1M is the engine's
 * default; 64K fits the live orders of one busy instrument many times over).
 * <pre>
 * java -jar benchmarks/target/ticklane-benchmarks.jar 'book.BookUpdateBenchmark'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
    "-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class BookUpdateBenchmark
{
    static final int BATCH = 1000;

    @Param({"65536", "1048576"})
    int pool;

    BookEventTape tape;
    LadderOrderBook ladder;
    ReferenceOrderBook reference;
    ExchangeCoreBook exchangeCore;
    int ladderNext;
    int referenceNext;
    int exchangeCoreNext;

    @Setup(Level.Trial)
    public void setUp()
    {
        tape = new BookEventTape(BookEventTape.DEFAULT_EVENTS, BookEventTape.DEFAULT_LIVE_ORDERS, 42);
        ladder = new LadderOrderBook(1, BookEventTape.TICK, BookEventTape.START_MID_TICKS * BookEventTape.TICK,
            4096, new OrderPool(pool));
        reference = new ReferenceOrderBook(1, BookEventTape.TICK);
        exchangeCore = new ExchangeCoreBook();
        for (int i = 0; i < tape.length(); i++) // one full pass, checked, also warms the pools up
        {
            if (tape.apply(ladder, i) != BookResult.OK || tape.apply(reference, i) != BookResult.OK ||
                exchangeCore.apply(tape, i) != 0)
            {
                throw new IllegalStateException("tape event " + i + " refused");
            }
        }
        if (ladder.orderCount() != 0 || reference.orderCount() != 0 || exchangeCore.orderCount() != 0)
        {
            throw new IllegalStateException("tape did not end empty");
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ladder()
    {
        int i = ladderNext;
        int failures = 0;
        for (int k = 0; k < BATCH; k++)
        {
            failures += tape.apply(ladder, i);
            if (++i == tape.length())
            {
                i = 0;
            }
        }
        ladderNext = i;
        return failures;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int reference()
    {
        int i = referenceNext;
        int failures = 0;
        for (int k = 0; k < BATCH; k++)
        {
            failures += tape.apply(reference, i);
            if (++i == tape.length())
            {
                i = 0;
            }
        }
        referenceNext = i;
        return failures;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int exchangeCore()
    {
        int i = exchangeCoreNext;
        int failures = 0;
        for (int k = 0; k < BATCH; k++)
        {
            failures += exchangeCore.apply(tape, i);
            if (++i == tape.length())
            {
                i = 0;
            }
        }
        exchangeCoreNext = i;
        return failures;
    }
}
