package io.ticklane.engine;

import io.ticklane.latency.CounterSample;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.CountersFollower;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code engine stat}: prints a running engine's counters from its counters file every interval, like AeronStat,
 * from a separate process and without touching the engine. Shows whether the engine is alive (heartbeat), waits
 * for one to start, and follows a restarted engine to its new file.
 */
final class StatCommand implements SpecifiedCommand
{
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
        .withZone(ZoneId.systemDefault());

    private static final CommandSpec SPEC = CommandSpec.builder("stat",
        "print a running engine's counters every second (from another process)")
        .description(
            "Reads the engine's memory-mapped counters file (counters.path) and prints every counter with its",
            "type, value and rate per second, refreshing each --interval until Ctrl-C. The first line says whether",
            "the engine is RUNNING (heartbeat fresh), NOT RESPONDING (heartbeat older than 2s, process alive),",
            "STOPPED (closed cleanly: values are final) or DEAD (process gone without closing). With no file yet",
            "it waits for the engine; when the engine restarts it follows the new file. docs/OPERATIONS.md says",
            "what every counter means.")
        .option("counters", "PATH", "counters file (default: counters.path from the configuration)")
        .option("interval", "D", "refresh period (default 1s)")
        .option("count", "N", "stop after N refreshes")
        .flag("once", "print once and exit (exit status 1 when there is no counters file)")
        .option("filter", "REGEX", "only counters whose label matches (e.g. 'gateway|ring')")
        .flag("no-clear", "do not clear the screen between refreshes (default when not on a terminal)")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        line.refuseTogether("count", "once", "--once is --count 1");
        final long intervalNs = line.durationNs("interval", 1_000_000_000L);
        final long count = line.has("once") ? 1 : line.longValue("count", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        final Pattern filter = filter(line.get("filter", null));
        final Path path = line.has("counters") ? Path.of(line.get("counters", "")) :
            Path.of(line.config(Map.of()).latency().countersPath());
        final boolean clear = !line.has("no-clear") && null != System.console() && out == System.out;
        final StopSignal stop = new StopSignal();
        try (CountersFollower follower = new CountersFollower(path))
        {
            final Map<Integer, Long> previous = new HashMap<>();
            long previousNs = 0;
            boolean found = false;
            for (long refresh = 0; refresh < count; refresh++)
            {
                if (refresh > 0 && stop.await(intervalNs))
                {
                    break;
                }
                final CountersFile file = follower.poll();
                final long nowNs = System.nanoTime();
                final StringBuilder sb = new StringBuilder(clear ? CLEAR_SCREEN : (refresh > 0 ? "\n" : ""));
                if (follower.switched())
                {
                    previous.clear();
                }
                if (null == file)
                {
                    sb.append(TIME.format(Instant.now())).append(" - waiting for an engine: ")
                        .append(follower.problem()).append('\n');
                }
                else
                {
                    found = true;
                    final double elapsedSec = previous.isEmpty() ? 0 : (nowNs - previousNs) / 1e9;
                    render(sb, file, filter, previous, elapsedSec);
                }
                previousNs = nowNs;
                out.print(sb);
                out.flush();
            }
            return found || !line.has("once") ? 0 : 1;
        }
        finally
        {
            stop.finished();
        }
    }

    private static Pattern filter(final String regex)
    {
        if (null == regex)
        {
            return null;
        }
        try
        {
            return Pattern.compile(regex);
        }
        catch (final PatternSyntaxException ex)
        {
            throw new UsageException("option '--filter' has value '" + regex + "'; allowed: a Java regular " +
                "expression (" + ex.getDescription() + ")");
        }
    }

    /**
     * Renders one refresh: a status line, then one line per counter.
     *
     * @param sb         where the text goes.
     * @param file       an open counters file.
     * @param filter     label filter or null.
     * @param previous   values at the previous refresh by counter id; updated.
     * @param elapsedSec seconds since the previous refresh, 0 when there was none (no rates shown).
     */
    static void render(
        final StringBuilder sb,
        final CountersFile file,
        final Pattern filter,
        final Map<Integer, Long> previous,
        final double elapsedSec)
    {
        final long nowMs = System.currentTimeMillis();
        final CountersFile.Liveness liveness = file.liveness(nowMs);
        sb.append(String.format(Locale.ROOT, "%s - engine pid %d %s, up %s, heartbeat %s ago - %s%n",
            TIME.format(Instant.ofEpochMilli(nowMs)), file.ownerPid(), liveness.name().replace('_', ' '),
            duration(file.heartbeatMs() - file.startTimeMs()), duration(nowMs - file.heartbeatMs()), file.path()));
        sb.append("=".repeat(100)).append('\n');
        sb.append(String.format(Locale.ROOT, "%4s %5s %-8s %20s %14s  %s%n", "id", "type", "group", "value",
            "rate/s", "label"));
        final List<CounterSample> samples = new ArrayList<>(file.snapshot());
        // areas together (type ranges), then allocation order
        samples.sort(Comparator.comparingInt((CounterSample c) -> c.typeId() / 100)
            .thenComparingInt(CounterSample::id));
        for (final CounterSample sample : samples)
        {
            final Long before = previous.put(sample.id(), sample.value());
            if (null != filter && !filter.matcher(sample.label()).find())
            {
                continue;
            }
            final String rate = null == before || elapsedSec <= 0 ? "" :
                String.format(Locale.ROOT, "%,.0f", (sample.value() - before) / elapsedSec);
            sb.append(String.format(Locale.ROOT, "%4d %5d %-8s %,20d %14s  %s%n",
                sample.id(), sample.typeId(), sample.group(), sample.value(), rate, sample.label()));
        }
        sb.append("-".repeat(100)).append('\n');
    }

    private static String duration(final long ms)
    {
        if (ms < 1_000)
        {
            return Math.max(ms, 0) + " ms";
        }
        final long s = ms / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
