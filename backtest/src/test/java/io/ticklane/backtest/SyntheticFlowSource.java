package io.ticklane.backtest;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.Side;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * An allocation-free synthetic order-by-order flow near the touch (adds, cancels, executions of the front order)
 * for allocation and throughput checks; it measures the bytes its own thread allocates between the end of a warm-up
 * and the end of the run, which is the backtest's hot path.
 */
final class SyntheticFlowSource implements MarketSource
{
    private static final int MAX_LIVE = 4096;

    private final long events;
    private final long warmup;
    private final long[][] ids = new long[2][MAX_LIVE];
    private final int[] live = new int[2];
    private final long[] prices = new long[1 << 20];
    private final SplittableRandom random = new SplittableRandom(42);
    long allocatedBytes = -1;

    SyntheticFlowSource(final long events, final long warmup)
    {
        this.events = events;
        this.warmup = warmup;
    }

    public long run(final BookEventHandler sink, final BooleanSupplier stop)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long before = 0;
        long time = 1_000_000_000L;
        sink.onPacket(0, time, time);
        sink.onDefinition(new InstrumentDefinition().instrumentId(1).symbol("SYN").tickSize(1).priceExponent(-2)
            .referencePrice(10_000).bandTicks(4096));
        sink.onEndOfEvent();
        long nextId = 1;
        for (long i = 0; i < events && !stop.getAsBoolean(); i++)
        {
            if (i == warmup)
            {
                before = threads.getThreadAllocatedBytes(thread);
            }
            time += 1_000;
            sink.onPacket(i, time, time + 20_000);
            final int side = random.nextInt(2);
            final int n = live[side];
            final int kind = random.nextInt(100);
            if (n < 8 || (kind < 48 && n < MAX_LIVE))
            {
                final long id = nextId++;
                final long price = side == Side.BID ? 9_999 - random.nextInt(20) : 10_001 + random.nextInt(20);
                ids[side][live[side]++] = id;
                prices[(int)(id & (prices.length - 1))] = price;
                sink.onAdd(1, id, side, price, 1 + random.nextInt(9));
            }
            else if (kind < 92)
            {
                final int k = random.nextInt(n);
                final long id = ids[side][k];
                ids[side][k] = ids[side][--live[side]];
                sink.onDelete(1, id);
            }
            else
            {
                final int k = random.nextInt(n);
                final long id = ids[side][k];
                ids[side][k] = ids[side][--live[side]];
                sink.onDelete(1, id); // keep the flow simple: the execution is a full one
                sink.onTrade(1, prices[(int)(id & (prices.length - 1))], 1, Side.opposite(side));
            }
            sink.onEndOfEvent();
        }
        allocatedBytes = threads.getThreadAllocatedBytes(thread) - before;
        return events;
    }

    public String describe()
    {
        return "synthetic near-touch flow";
    }
}
