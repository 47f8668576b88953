package io.ticklane.benchmarks.book;

import io.ticklane.book.BookOptions;
import io.ticklane.book.BookResult;
import io.ticklane.book.LadderOrderBook;
import io.ticklane.book.OrderPool;
import io.ticklane.book.ReferenceOrderBook;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Per-event latency distribution of the three books on the {@link BookEventTape} mix, complementing the JMH
 * averages of {@link BookUpdateBenchmark}. {@link System#nanoTime()} costs about 20 ns itself, as much as an event,
 * so events are timed in batches of {@code batch} (default 16) consecutive events: each batch's time, less the
 * median cost of an empty timed batch, divided by the batch size, is one sample in an HdrHistogram. The median is
 * robust to the preemptions of a shared machine; the tail is not, and says so. Thread CPU time per event is
 * printed beside it. The "tape only" line reads and dispatches the events without a book: the harness's own share
 * of every figure. Run:
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp benchmarks/target/ticklane-benchmarks.jar \
 *     io.ticklane.benchmarks.book.BookLatencyHarness [passes] [batch] [pool] [snapshot depth]
 * </pre>
 */
public final class BookLatencyHarness
{
    private interface Book
    {
        int apply(BookEventTape tape, int i);
    }

    private BookLatencyHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        final int pool = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 20;
        final int depth = args.length > 3 ? Integer.parseInt(args[3]) : BookOptions.DEFAULT_SNAPSHOT_DEPTH;
        if (args.length > 4)
        {
            measure(args[4], passes, batch, pool, depth);
            return;
        }
        // One JVM per book, so that each runs with its own JIT profile (a shared call site would go megamorphic).
        final java.util.Map<String, Double> medians = new java.util.LinkedHashMap<>();
        for (final String name : new String[]{"tape", "ladder", "reference", "exchange-core"})
        {
            final java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java")));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"),
                BookLatencyHarness.class.getName(), String.valueOf(passes), String.valueOf(batch),
                String.valueOf(pool), String.valueOf(depth), name));
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0)
            {
                throw new IllegalStateException(name + " failed:\n" + output);
            }
            System.out.print(output);
            output.lines().filter(l -> l.startsWith("p50=")).findFirst()
                .ifPresent(l -> medians.put(name, Double.parseDouble(l.substring(4))));
        }
        System.out.printf("median ratios: reference/ladder %.2f, exchange-core/ladder %.2f%n",
            medians.get("reference") / medians.get("ladder"), medians.get("exchange-core") / medians.get("ladder"));
    }

    private static void measure(final String name, final int passes, final int batch, final int pool, final int depth)
    {
        final BookEventTape tape = new BookEventTape(BookEventTape.DEFAULT_EVENTS, BookEventTape.DEFAULT_LIVE_ORDERS,
            42);
        final long overheadNs = timerOverhead();
        final Book book;
        switch (name)
        {
            case "tape":
                book = BookEventTape::touch;
                System.out.println("tape: " + tape.length() + " events, " + tape.mix() + "; batch " + batch +
                    ", pool " + pool + ", depth " + depth + ", " + passes + " measured passes; timed empty batch " +
                    overheadNs + " ns, subtracted");
                break;
            case "ladder":
                final LadderOrderBook ladder = new LadderOrderBook(1, BookEventTape.TICK,
                    BookEventTape.START_MID_TICKS * BookEventTape.TICK, 4096, new OrderPool(pool),
                    BookOptions.DEFAULT.withSnapshotDepth(depth));
                book = (t, i) -> t.apply(ladder, i);
                break;
            case "reference":
                final ReferenceOrderBook reference = new ReferenceOrderBook(1, BookEventTape.TICK);
                book = (t, i) -> t.apply(reference, i);
                break;
            default:
                book = new ExchangeCoreBook()::apply;
                break;
        }
        System.out.println("p50=" + run(name, book, tape, passes, batch, overheadNs));
    }

    private static long timerOverhead()
    {
        final Histogram h = new Histogram(1_000_000, 3);
        for (int i = 0; i < 2_000_000; i++)
        {
            final long t0 = System.nanoTime();
            final long t1 = System.nanoTime();
            h.recordValue(Math.min(t1 - t0, 1_000_000));
        }
        return h.getValueAtPercentile(50);
    }

    private static double run(
        final String name, final Book book, final BookEventTape tape, final int passes, final int batch,
        final long overheadNs)
    {
        final int n = tape.length();
        for (int warm = 0; warm < 3; warm++)
        {
            for (int i = 0; i < n; i++)
            {
                if (book.apply(tape, i) != BookResult.OK)
                {
                    throw new IllegalStateException(name + " refused tape event " + i);
                }
            }
        }
        final Histogram perEvent = new Histogram(10_000_000, 3); // tenths of a ns per event
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long cpu0 = threads.getCurrentThreadCpuTime();
        final long wall0 = System.nanoTime();
        int failures = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            for (int start = 0; start + batch <= n; start += batch)
            {
                final long t0 = System.nanoTime();
                for (int i = start; i < start + batch; i++)
                {
                    failures += book.apply(tape, i);
                }
                final long elapsed = System.nanoTime() - t0 - overheadNs;
                perEvent.recordValue(Math.min(10_000_000, Math.max(0, elapsed * 10 / batch)));
            }
            for (int i = n - n % batch; i < n; i++)
            {
                failures += book.apply(tape, i);
            }
        }
        final long events = (long)passes * n;
        final double cpuPerEvent = (threads.getCurrentThreadCpuTime() - cpu0) / (double)events;
        final double wallPerEvent = (System.nanoTime() - wall0) / (double)events;
        if (failures != 0)
        {
            throw new IllegalStateException(name + ": " + failures + " events refused");
        }
        final double p50 = perEvent.getValueAtPercentile(50) / 10.0;
        System.out.printf("%-14s per event: p50 %6.1f  p90 %6.1f  p99 %6.1f  p99.9 %7.1f ns | mean wall %6.1f, " +
            "cpu %6.1f ns%n", name, p50, perEvent.getValueAtPercentile(90) / 10.0,
            perEvent.getValueAtPercentile(99) / 10.0, perEvent.getValueAtPercentile(99.9) / 10.0, wallPerEvent,
            cpuPerEvent);
        return p50;
    }
}
