package io.ticklane.engine;

import io.ticklane.latency.HistogramLogAgent;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRecorder;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code engine latency} on a log written by the real log agent: 10 one-second intervals in which every stage
 * records 100 values of (stage ordinal + 1) x 1 us, and the end-to-end stage also records one 5 ms outlier in
 * interval 7.
 */
class LatencyCommandTest
{
    @TempDir
    Path dir;

    private Path hlog;

    @BeforeEach
    void writeLog()
    {
        hlog = dir.resolve("latency.hlog");
        final CachedNanoClock nano = new CachedNanoClock();
        final CachedEpochClock epoch = new CachedEpochClock();
        epoch.update(1_800_000_000_000L);
        final StageRegistry registry = new StageRegistry(10_000_000_000L);
        final Map<LatencyStage, StageRecorder> recorders = new EnumMap<>(LatencyStage.class);
        for (final LatencyStage stage : LatencyStage.values())
        {
            recorders.put(stage, registry.newRecorder(stage));
        }
        final HistogramLogAgent agent = new HistogramLogAgent(registry, hlog, 1_000_000_000L, nano, epoch);
        for (int second = 0; second < 10; second++)
        {
            for (final LatencyStage stage : LatencyStage.values())
            {
                for (int i = 0; i < 100; i++)
                {
                    recorders.get(stage).record((stage.ordinal() + 1) * 1_000L);
                }
            }
            if (second == 7)
            {
                recorders.get(LatencyStage.END_TO_END).record(5_000_000L);
            }
            nano.advance(1_000_000_000L);
            epoch.advance(1_000);
            agent.doWork();
        }
        agent.onClose();
    }

    private static String[] row(final String out, final String tag)
    {
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith(tag + " ")).findFirst()
            .orElseThrow(() -> new AssertionError("no row for " + tag + " in\n" + out)).trim().split("\\s+");
    }

    @Test
    void printsOneRowPerStageForTheWholeRun()
    {
        final CommandRun run = CommandRun.of("latency", hlog.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("whole run, 11 intervals"),
            "10 one-second intervals and the closing one, not 55 histograms: " + run.out());
        for (final LatencyStage stage : LatencyStage.values())
        {
            final String[] cells = row(run.out(), stage.tag());
            final long count = stage == LatencyStage.END_TO_END ? 1001 : 1000;
            assertEquals(Long.toString(count), cells[1], stage.tag());
            assertEquals((stage.ordinal() + 1), Double.parseDouble(cells[3]), 0.01, "p50 us of " + stage.tag());
        }
        final String[] e2e = row(run.out(), "publish-applied");
        assertEquals(5000.0, Double.parseDouble(e2e[8]), 5.0, "the outlier is the max");
        assertEquals(5.0, Double.parseDouble(e2e[3]), 0.01);
    }

    @Test
    void aWindowSelectsOnlyItsIntervals()
    {
        final CommandRun early = CommandRun.of("latency", hlog.toString(), "--start", "0", "--end", "5.5");
        assertEquals(0, early.status(), early.err());
        assertEquals("600", row(early.out(), "publish-applied")[1], "intervals starting at 0..5 s");
        assertTrue(early.out().contains("window 0.0 s to 5.5 s"), early.out());
        assertEquals(5.0, Double.parseDouble(row(early.out(), "publish-applied")[8]), 0.01, "no outlier yet");

        final CommandRun late = CommandRun.of("latency", hlog.toString(), "--start", "6.5");
        assertEquals("301", row(late.out(), "publish-applied")[1], "intervals 7, 8 and 9 with the outlier");

        final CommandRun none = CommandRun.of("latency", hlog.toString(), "--start", "100");
        assertEquals(0, none.status());
        assertTrue(none.out().contains("no intervals in this window"), none.out());
    }

    @Test
    void exportsCsv() throws Exception
    {
        final Path csv = dir.resolve("latency.csv");
        final CommandRun run = CommandRun.of("latency", hlog.toString(), "--csv", csv.toString());
        assertEquals(0, run.status(), run.err());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals("stage,count,mean_ns,p50_ns,p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns", lines.get(0));
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith("publish-receive,1000,1000.0,1000,"), lines.get(1));

        final CommandRun stdout = CommandRun.of("latency", hlog.toString(), "--csv", "-");
        assertEquals(String.join("\n", lines) + "\n", stdout.out(), "'-' prints only the CSV");
    }

    @Test
    void badInputGetsAClearMessage() throws Exception
    {
        final CommandRun unwritable = CommandRun.of("latency", hlog.toString(), "--csv",
            dir.resolve("no/such/dir/x.csv").toString());
        assertEquals(1, unwritable.status());
        assertTrue(unwritable.err().contains("cannot write CSV to"), unwritable.err());

        final CommandRun missing = CommandRun.of("latency", dir.resolve("nope.hlog").toString());
        assertEquals(2, missing.status(), "a file that is not there is bad input");
        assertTrue(missing.err().contains("no histogram log at"), missing.err());

        final CommandRun backwards = CommandRun.of("latency", hlog.toString(), "--start", "5", "--end", "2");
        assertEquals(2, backwards.status());
        assertTrue(backwards.err().contains("'--end' (2) must be after '--start' (5)"), backwards.err());

        final CommandRun notANumber = CommandRun.of("latency", hlog.toString(), "--start", "soon");
        assertEquals(2, notANumber.status());
        assertTrue(notANumber.err().contains("option '--start' has value 'soon'"), notANumber.err());

        final Path garbage = Files.writeString(dir.resolve("garbage.hlog"), "Tag=x,0.0,1.0,1.0,@@@notbase64\n");
        final CommandRun corrupt = CommandRun.of("latency", garbage.toString());
        assertEquals(2, corrupt.status(), "a file that is not a log is bad input");
        assertTrue(corrupt.err().contains("not a histogram log"), corrupt.err());
        final Path text = Files.writeString(dir.resolve("notes.hlog"), "hello\nworld\n");
        assertTrue(CommandRun.of("latency", text.toString()).err().contains("not a histogram log"));

        final String whole = Files.readString(hlog);
        int cut = -1;
        for (int i = 0; i < 10; i++)
        {
            cut = whole.indexOf("Tag=receive-decoded", cut + 1); // the 10th interval's line of this stage
        }
        final Path partial = Files.writeString(dir.resolve("partial.hlog"), whole.substring(0, cut + 40));
        final CommandRun live = CommandRun.of("latency", partial.toString());
        assertEquals(0, live.status(), "a log cut mid-line (still being written) is read up to the cut");
        assertTrue(live.err().contains("unreadable line"), live.err());
        assertEquals("900", row(live.out(), "receive-decoded")[1], live.out());
    }
}
