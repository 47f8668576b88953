package io.ticklane.benchmarks.book;

import io.ticklane.book.BookDepth;
import io.ticklane.book.BookSnapshotReader;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.book.TopOfBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Uncontended reads of a book's published snapshot (no writer running): the seqlock BBO copy and the top-10 copy,
 * against the baseline of the writer thread's own unsynchronised queries ({@code bestPrice} and {@code levels}),
 * in one invocation. The book holds the orders of the first 100,000 events of {@link BookEventTape}.
 * <pre>
 * java -jar benchmarks/target/ticklane-benchmarks.jar 'book.SnapshotReadBenchmark'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/java.util.zip=ALL-UNNAMED"})
public class SnapshotReadBenchmark
{
    LadderOrderBook book;
    BookSnapshotReader reader;
    final TopOfBook top = new TopOfBook();
    final BookDepth depth = new BookDepth(10);
    final long[] prices = new long[10];
    final long[] quantities = new long[10];
    final int[] counts = new int[10];

    @Setup(Level.Trial)
    public void setUp()
    {
        final BookEventTape tape =
            new BookEventTape(BookEventTape.DEFAULT_EVENTS, BookEventTape.DEFAULT_LIVE_ORDERS, 7);
        book = new LadderOrderBook(1, BookEventTape.TICK, BookEventTape.START_MID_TICKS * BookEventTape.TICK, 4096,
            new OrderPool(1 << 16));
        for (int i = 0; i < 100_000; i++)
        {
            tape.apply(book, i);
        }
        reader = book.reader();
    }

    @Benchmark
    public long bboSeqlock()
    {
        reader.read(top);
        return top.bidPrice() + top.askQuantity();
    }

    @Benchmark
    public long bboWriterThreadBaseline()
    {
        book.levels(Side.BID, 1, prices, quantities, counts);
        final long bidQuantity = quantities[0];
        book.levels(Side.ASK, 1, prices, quantities, counts);
        return prices[0] + bidQuantity;
    }

    @Benchmark
    public long depth10Seqlock()
    {
        reader.read(depth);
        return depth.price(Side.BID, 0) + depth.quantity(Side.ASK, depth.levels(Side.ASK) - 1);
    }

    @Benchmark
    public long depth10WriterThreadBaseline()
    {
        book.levels(Side.BID, 10, prices, quantities, counts);
        final long bid = prices[0];
        final int asks = book.levels(Side.ASK, 10, prices, quantities, counts);
        return bid + quantities[asks - 1];
    }
}
