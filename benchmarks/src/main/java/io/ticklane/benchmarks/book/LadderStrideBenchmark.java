package io.ticklane.benchmarks.book;

import io.ticklane.book.BookOptions;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * False sharing between ladder levels, to choose the level stride: one writer thread adds and deletes an order at
 * level i (each event a release store of that level's word) while one reader thread polls level i+1 with
 * {@code PriceLadder.quantityAt}. With a 32-byte stride the two words share a cache line; with 64 they sit on
 * adjacent lines (which an adjacent-line prefetcher may pair); with 128 they never meet. Both threads spin, so it
 * needs two free cores; on a shared machine, compare strides within one run only.
 * <pre>
 * java -jar benchmarks/target/ticklane-benchmarks.jar 'book.LadderStrideBenchmark'
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/java.util.zip=ALL-UNNAMED"})
public class LadderStrideBenchmark
{
    private static final long TICK = 100;
    private static final long LEVEL_TICKS = 10_000;

    @Param({"32", "64", "128"})
    int stride;

    LadderOrderBook book;
    long orderId;

    @Setup(Level.Trial)
    public void setUp()
    {
        book = new LadderOrderBook(1, TICK, LEVEL_TICKS * TICK, 64, new OrderPool(1024),
            new BookOptions(1, 16, stride, true));
        book.add(1, Side.BID, (LEVEL_TICKS + 1) * TICK, 100); // level i+1, what the reader polls
        book.add(2, Side.BID, LEVEL_TICKS * TICK, 100); // keeps level i non-empty
        orderId = 10;
    }

    @Benchmark
    @Group("adjacent")
    @GroupThreads(1)
    public int writer()
    {
        final long id = orderId++;
        return book.add(id, Side.BID, LEVEL_TICKS * TICK, 100) + book.delete(id);
    }

    @Benchmark
    @Group("adjacent")
    @GroupThreads(1)
    public long reader()
    {
        return book.ladder().quantityAt(Side.BID, (LEVEL_TICKS + 1) * TICK, TICK);
    }
}
