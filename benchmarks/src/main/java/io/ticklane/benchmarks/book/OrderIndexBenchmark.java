package io.ticklane.benchmarks.book;

import io.ticklane.book.OrderPool;
import org.agrona.collections.Long2LongHashMap;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The order-id index: the pool's own open-addressing index (key compared through the slot, displacement kept in the
 * entry, locality-preserving hash) against Agrona's {@link Long2LongHashMap} (the skeleton's choice), both sized for
 * the pool's capacity. One operation = one order's life as a feed sees it: insert a new sequential id, look up a
 * random live id and read its slot, remove a random live id (so about {@code live} orders rest). The own index
 * compares keys through the slot, so both variants touch the looked-up order's slot, as the book does.
 * <pre>
 * java -jar benchmarks/target/ticklane-benchmarks.jar 'book.OrderIndexBenchmark'
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/java.util.zip=ALL-UNNAMED",
    "-Xmx2g"})
public class OrderIndexBenchmark
{
    private static final int OPS = 1024;

    @Param({"65536", "1048576"})
    int capacity;

    @Param({"2000"})
    int live;

    OrderPool pool;
    int tag;
    Long2LongHashMap agrona;
    long[] liveIds;
    int[] liveSlots;
    long nextId;
    final SplittableRandom random = new SplittableRandom(1);
    int[] picks;
    int pick;

    @Setup(Level.Trial)
    public void setUp()
    {
        pool = new OrderPool(capacity);
        tag = pool.registerBook();
        agrona = new Long2LongHashMap(capacity * 2, 0.5f, -1);
        liveIds = new long[live];
        liveSlots = new int[live];
        for (int i = 0; i < live; i++)
        {
            final long id = ++nextId;
            final int slot = pool.allocate();
            pool.set(slot, id, 0, 1);
            pool.insertAt(~pool.find(tag, id), tag, 0, slot);
            agrona.put(id, slot);
            liveIds[i] = id;
            liveSlots[i] = slot;
        }
        picks = new int[1 << 16];
        for (int i = 0; i < picks.length; i++)
        {
            picks[i] = random.nextInt(live);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long ownIndex()
    {
        long sum = 0;
        for (int k = 0; k < OPS; k++)
        {
            final int i = picks[pick++ & (picks.length - 1)];
            final int j = picks[pick++ & (picks.length - 1)];
            sum += pool.slotAt(pool.find(tag, liveIds[j]));
            final int position = pool.find(tag, liveIds[i]);
            final int slot = pool.slotAt(position);
            pool.removeAt(position);
            final long id = ++nextId;
            pool.set(slot, id, 0, 1);
            pool.insertAt(~pool.find(tag, id), tag, 0, slot);
            liveIds[i] = id;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long agronaLong2LongHashMap()
    {
        long sum = 0;
        for (int k = 0; k < OPS; k++)
        {
            final int i = picks[pick++ & (picks.length - 1)];
            final int j = picks[pick++ & (picks.length - 1)];
            sum += pool.orderId((int)agrona.get(liveIds[j])); // the book reads the order's slot next either way
            final long slot = agrona.remove(liveIds[i]);
            final long id = ++nextId;
            agrona.put(id, slot);
            liveIds[i] = id;
        }
        return sum;
    }
}
