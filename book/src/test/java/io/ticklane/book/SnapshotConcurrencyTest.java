package io.ticklane.book;

import io.ticklane.testkit.Await;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader thread copies the BBO and the top levels continuously while the writer applies millions of events. The
 * writer records, for every version it publishes, a hash of the true top of book and of the true top levels; every
 * copy the reader got must equal what the writer recorded for that version, so a torn read, a crossed book the
 * sequence never had, or a state between two halves of one event would all be caught. The sequence never crosses.
 */
@Tag("slow")
class SnapshotConcurrencyTest
{
    private static final int EVENTS = 2_000_000;
    private static final int MAX_EVENTS = 6_000_000;
    private static final int MIN_SAMPLES = 20_000;
    private static final int DEPTH = 5;
    private static final int SAMPLES = 1 << 20;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readersOnlyEverSeeStatesTheSequenceHad() throws Exception
    {
        final long tick = 100;
        final LadderOrderBook book = new LadderOrderBook(1, tick, 50_000 * tick, 64, new OrderPool(4096),
            BookOptions.DEFAULT.withSnapshotDepth(DEPTH));
        final BookSnapshotReader reader = book.reader();
        final long[] topByVersion = new long[MAX_EVENTS + 2];
        final long[] depthByVersion = new long[MAX_EVENTS + 2];
        final java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
        final long[] sampleVersion = new long[SAMPLES];
        final long[] sampleHash = new long[SAMPLES];
        final boolean[] sampleIsDepth = new boolean[SAMPLES];
        final int[] samples = new int[1];
        final long[] retries = new long[1];
        final long[] totalReads = new long[1];
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<String> readerFailure = new AtomicReference<>();

        final Thread readerThread = new Thread(() ->
        {
            final TopOfBook top = new TopOfBook();
            final BookDepth depth = new BookDepth(DEPTH);
            long lastVersion = -1;
            long reads = 0;
            int distinct = 0;
            int n = 0;
            boolean alternate = false;
            while (!done.get() && null == readerFailure.get())
            {
                alternate = !alternate;
                reads++;
                final long version;
                final long hash;
                if (alternate)
                {
                    retries[0] += reader.read(top);
                    version = top.version();
                    hash = topHash(top.bidPrice(), top.bidQuantity(), top.bidOrders(),
                        top.askPrice(), top.askQuantity(), top.askOrders());
                    if (top.isCrossed())
                    {
                        readerFailure.set("crossed top of book read: " + top);
                    }
                }
                else
                {
                    retries[0] += reader.read(depth);
                    version = depth.version();
                    hash = depthHash(depth);
                }
                if ((version & 1) != 0 || version < lastVersion)
                {
                    readerFailure.set("version " + version + " after " + lastVersion);
                }
                final boolean newVersion = version != lastVersion;
                lastVersion = version;
                if (newVersion && (++distinct & 255) == 0)
                {
                    progress.lazySet(distinct);
                }
                if (n < SAMPLES && (newVersion || (reads & 63) == 0))
                {
                    sampleVersion[n] = version;
                    sampleHash[n] = hash;
                    sampleIsDepth[n] = !alternate;
                    n++;
                }
            }
            samples[0] = n;
            totalReads[0] = reads;
        }, "snapshot-reader");

        final NearTouchFlow flow = new NearTouchFlow(7, tick, 50_000, 2048, 1);
        final long[] prices = new long[DEPTH];
        final long[] quantities = new long[DEPTH];
        final int[] counts = new int[DEPTH];
        final BookDepth truth = new BookDepth(DEPTH);
        record(book, topByVersion, depthByVersion, prices, quantities, counts, truth);
        readerThread.start();
        // until the reader runs: on a busy machine it may start late
        Await.until("the reader thread to start", Duration.ofSeconds(30), readerThread::isAlive);
        // At least EVENTS events, and more (up to MAX_EVENTS) until the reader has seen enough distinct versions.
        for (int i = 0; i < MAX_EVENTS && (i < EVENTS || progress.get() < MIN_SAMPLES); i++)
        {
            flow.next();
            assertEquals(BookResult.OK, flow.apply(book), "event " + i);
            record(book, topByVersion, depthByVersion, prices, quantities, counts, truth);
        }
        done.set(true);
        readerThread.join(60_000);
        assertFalse(readerThread.isAlive());
        assertNull(readerFailure.get());

        final int n = samples[0];
        assertTrue(n > 1000, "reader checked only " + n + " snapshots");
        int distinctVersions = 0;
        long previous = -1;
        for (int i = 0; i < n; i++)
        {
            final int index = (int)(sampleVersion[i] / 2);
            final long expected = sampleIsDepth[i] ? depthByVersion[index] : topByVersion[index];
            assertEquals(expected, sampleHash[i], "sample " + i + " at version " + sampleVersion[i]);
            if (sampleVersion[i] != previous)
            {
                distinctVersions++;
                previous = sampleVersion[i];
            }
        }
        // On a machine with a free core for each thread the reader sees tens of thousands of versions; when both
        // share one core it sees about one per time slice, still with reads cut by preemption mid-copy.
        assertTrue(distinctVersions >= 100, "reader saw only " + distinctVersions + " versions in " + n +
            " checked copies");
        System.out.println("snapshot concurrency: " + totalReads[0] + " reads, " + n + " checked, " +
            distinctVersions + " distinct versions, " + retries[0] + " retries, writer at version " + reader.version());
    }

    private static void record(
        final LadderOrderBook book,
        final long[] topByVersion,
        final long[] depthByVersion,
        final long[] prices,
        final long[] quantities,
        final int[] counts,
        final BookDepth truth)
    {
        final int index = (int)(book.reader().version() / 2);
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            final int n = book.levels(side, DEPTH, prices, quantities, counts);
            truth.levels[side] = n;
            for (int r = 0; r < n; r++)
            {
                truth.prices[side][r] = prices[r];
                truth.quantities[side][r] = quantities[r];
                truth.orders[side][r] = counts[r];
            }
        }
        final boolean bid = truth.levels[Side.BID] > 0;
        final boolean ask = truth.levels[Side.ASK] > 0;
        topByVersion[index] = topHash(
            bid ? truth.prices[Side.BID][0] : OrderBook.NULL_PRICE, bid ? truth.quantities[Side.BID][0] : 0,
            bid ? truth.orders[Side.BID][0] : 0,
            ask ? truth.prices[Side.ASK][0] : OrderBook.NULL_PRICE, ask ? truth.quantities[Side.ASK][0] : 0,
            ask ? truth.orders[Side.ASK][0] : 0);
        depthByVersion[index] = depthHash(truth);
    }

    private static long topHash(
        final long bidPrice, final long bidQuantity, final int bidOrders,
        final long askPrice, final long askQuantity, final int askOrders)
    {
        long h = BookStateHash.SEED;
        h = BookStateHash.mix(h, bidPrice);
        h = BookStateHash.mix(h, bidQuantity);
        h = BookStateHash.mix(h, bidOrders);
        h = BookStateHash.mix(h, askPrice);
        h = BookStateHash.mix(h, askQuantity);
        return BookStateHash.mix(h, askOrders);
    }

    private static long depthHash(final BookDepth depth)
    {
        long h = BookStateHash.SEED;
        for (int side = Side.BID; side <= Side.ASK; side++)
        {
            h = BookStateHash.mix(h, depth.levels(side));
            for (int r = 0; r < depth.levels(side); r++)
            {
                h = BookStateHash.mix(h, depth.price(side, r));
                h = BookStateHash.mix(h, depth.quantity(side, r));
                h = BookStateHash.mix(h, depth.orders(side, r));
            }
        }
        return h;
    }
}
