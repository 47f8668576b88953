package io.ticklane.book;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reader thread copies a {@link DepthBook}'s published levels continuously while the writer applies random updates
 * in "venue events" of 1..8 updates, publishing once per event. The writer records, for every version it publishes,
 * a hash of the known levels of both books as they stood; every copy the reader got must hash to what the writer
 * recorded for that version, so a torn read or a state from the middle of an event would be caught.
 */
class DepthSnapshotConcurrencyTest
{
    private static final int EVENTS = 300_000;
    private static final int MAX_EVENTS = 3_000_000;
    private static final int SAMPLES = 1 << 18;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readersOnlySeeStatesAtEventBoundaries() throws Exception
    {
        final int depth = 10;
        final DepthBook book = new DepthBook(1, "X", 1, 0, depth, 2);
        final DepthSnapshotReader reader = book.reader();
        final long[] hashByPublication = new long[MAX_EVENTS + 2];
        final long[] sampleVersion = new long[SAMPLES];
        final long[] sampleHash = new long[SAMPLES];
        final int[] samples = new int[1];
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicInteger seen = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();
        final Thread readerThread = new Thread(() ->
        {
            final DepthLevels copy = new DepthLevels(depth);
            long last = -1;
            int n = 0;
            while (!done.get())
            {
                reader.read(copy);
                final long version = copy.version();
                if ((version & 1) != 0 || version < last)
                {
                    failure.set("version " + version + " after " + last);
                }
                if (version != last && n < SAMPLES)
                {
                    sampleVersion[n] = version;
                    sampleHash[n] = hash(copy);
                    n++;
                    seen.lazySet(n);
                }
                last = version;
            }
            samples[0] = n;
        }, "depth-reader");

        final RandomLevelOps ops = new RandomLevelOps(11, depth, 2, 1);
        final java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        book.clear();
        book.publish();
        hashByPublication[1] = truthHash(book);
        readerThread.start();
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (seen.get() == 0 && System.nanoTime() - deadline < 0)
        {
            Thread.yield(); // until the reader runs: on a busy machine it may start late
        }
        int publications = 1;
        for (int event = 0; event < MAX_EVENTS && (event < EVENTS || seen.get() < 1000); event++)
        {
            final int updates = 1 + random.nextInt(8);
            for (int i = 0; i < updates; i++)
            {
                ops.next(book);
                ops.apply(book);
            }
            if (book.publish())
            {
                publications++;
                if (publications < hashByPublication.length)
                {
                    hashByPublication[publications] = truthHash(book);
                }
            }
        }
        done.set(true);
        readerThread.join(10_000);
        assertNull(failure.get());
        assertTrue(samples[0] >= 1000, "reader saw only " + samples[0] + " versions");
        int checked = 0;
        for (int i = 0; i < samples[0]; i++)
        {
            final int publication = (int)(sampleVersion[i] / 2);
            if (publication < hashByPublication.length)
            {
                assertEquals(hashByPublication[publication], sampleHash[i], "version " + sampleVersion[i]);
                checked++;
            }
        }
        assertTrue(checked >= 1000, "checked " + checked);
    }

    /** What the writer published, read from the live book on the writer thread (same fields as the snapshot). */
    private static long truthHash(final DepthBook book)
    {
        final int[] levels = new int[4];
        int known = 0;
        final long[] p = new long[10];
        final long[] q = new long[10];
        final int[] o = new int[10];
        long hash = BookStateHash.SEED;
        for (int b = 0; b < 2; b++)
        {
            for (int s = 0; s < 2; s++)
            {
                levels[b * 2 + s] = book.levels(b, s, 10, p, q, o);
                known |= book.isKnown(b, s) ? 1 << (b * 2 + s) : 0;
                hash = BookStateHash.mix(hash, levels[b * 2 + s]);
                for (int r = 0; r < levels[b * 2 + s]; r++)
                {
                    hash = BookStateHash.mix(BookStateHash.mix(BookStateHash.mix(hash, p[r]), q[r]), o[r]);
                }
            }
        }
        return BookStateHash.mix(hash, known);
    }

    private static long hash(final DepthLevels copy)
    {
        long hash = BookStateHash.SEED;
        int known = 0;
        for (int b = 0; b < 2; b++)
        {
            for (int s = 0; s < 2; s++)
            {
                final int n = copy.levels(b, s);
                known |= copy.isKnown(b, s) ? 1 << (b * 2 + s) : 0;
                hash = BookStateHash.mix(hash, n);
                for (int r = 0; r < n; r++)
                {
                    hash = BookStateHash.mix(BookStateHash.mix(BookStateHash.mix(hash, copy.price(b, s, r)),
                        copy.quantity(b, s, r)), copy.orders(b, s, r));
                }
            }
        }
        return BookStateHash.mix(hash, known);
    }
}
