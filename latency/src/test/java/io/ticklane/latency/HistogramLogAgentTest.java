package io.ticklane.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes a log with known values per stage through the real agent, then reads it back with HdrHistogram's own
 * tools: the tags and counts must survive.
 */
class HistogramLogAgentTest
{
    private static final long INTERVAL_NS = 1_000_000_000L;
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final Map<String, Long> expected = new HashMap<>();
    private Path hlog;

    @BeforeEach
    void writeLog()
    {
        hlog = dir.resolve("run/latency.hlog");
        nanoClock.update(5_000_000_000L);
        epochClock.update(START_MS);
        final StageRegistry registry = new StageRegistry(10_000_000_000L);
        final StageRecorder gatewayPublish = registry.newRecorder(LatencyStage.PUBLISH_TO_RECEIVE);
        final StageRecorder book0 = registry.newRecorder(LatencyStage.END_TO_END);
        final StageRecorder book1 = registry.newRecorder(LatencyStage.END_TO_END);
        final StageRecorder journal = registry.newRecorder(LatencyStage.RECEIVE_TO_JOURNAL);
        final HistogramLogAgent agent = new HistogramLogAgent(registry, hlog, INTERVAL_NS, nanoClock, epochClock);

        for (int second = 0; second < 3; second++)
        {
            for (int i = 0; i < 100; i++)
            {
                gatewayPublish.record(1_000 + i);
                book0.record(50_000 + i);
            }
            for (int i = 0; i < 10 * (second + 1); i++)
            {
                book1.record(2_000_000);
            }
            journal.record(300);
            assertEquals(0, agent.doWork(), "not due before the interval elapses");
            nanoClock.advance(INTERVAL_NS);
            epochClock.advance(1_000);
            assertEquals(1, agent.doWork());
        }
        agent.onClose();
        expected.put("publish-receive", 300L);
        expected.put("publish-applied", 300L + 10 + 20 + 30);
        expected.put("receive-journal", 3L);
        expected.put("receive-decoded", 0L);
        expected.put("decoded-applied", 0L);
        assertEquals(360, agent.total(LatencyStage.END_TO_END).getTotalCount());
    }

    @Test
    void hdrHistogramLogReaderSeesEveryStageTaggedAndTheEndToEndStageAlsoUntagged() throws Exception
    {
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        final Map<String, Long> counts = new HashMap<>();
        final Map<String, Integer> intervals = new HashMap<>();
        Histogram previous = null;
        EncodableHistogram next;
        while (null != (next = reader.nextIntervalHistogram()))
        {
            final Histogram h = (Histogram)next;
            final String tag = null == h.getTag() ? "untagged" : h.getTag();
            counts.merge(tag, h.getTotalCount(), Long::sum);
            intervals.merge(tag, 1, Integer::sum);
            assertTrue(h.getEndTimeStamp() >= h.getStartTimeStamp());
            if (null == h.getTag())
            {
                assertNotNull(previous);
                assertEquals("publish-applied", previous.getTag(), "the untagged entry follows the tagged one");
                assertEquals(previous, h, "and is the same histogram");
                assertEquals(previous.getStartTimeStamp(), h.getStartTimeStamp());
            }
            previous = h;
        }
        final Map<String, Long> withCopy = new HashMap<>(expected);
        withCopy.put("untagged", expected.get("publish-applied"));
        assertEquals(withCopy, counts);
        for (final LatencyStage stage : LatencyStage.values())
        {
            assertEquals(4, intervals.get(stage.tag()), "3 full intervals and the closing one for " + stage);
        }
        assertEquals(4, intervals.get("untagged"), "one untagged entry per interval");
        assertEquals(START_MS / 1000.0, reader.getStartTimeSec(), 0.001);
    }

    @Test
    void hdrHistogramLogProcessorReadsEachTag() throws Exception
    {
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Path out = dir.resolve("processed-" + stage.tag());
            new HistogramLogProcessor(new String[]
                {"-i", hlog.toString(), "-tag", stage.tag(), "-o", out.toString()}).run();
            final String hgrm = Files.readString(Path.of(out + ".hgrm"), StandardCharsets.US_ASCII);
            final Matcher total = Pattern.compile("Total count\\s+=\\s+(\\d+)").matcher(hgrm);
            assertTrue(total.find(), "percentile distribution with a total for " + stage + ":\n" + hgrm);
            assertEquals(expected.get(stage.tag()), Long.parseLong(total.group(1)), stage.tag());
        }
        final Path e2e = dir.resolve("processed-publish-applied.hgrm");
        final String distribution = Files.readString(e2e, StandardCharsets.US_ASCII);
        assertTrue(distribution.contains("1/(1-Percentile)"), distribution);
        final Matcher max = Pattern.compile("#\\[Max\\s+=\\s+([0-9.]+)").matcher(distribution);
        assertTrue(max.find());
        assertEquals(2.0, Double.parseDouble(max.group(1)), 0.01, "2 ms max in the processor's default ms units");
    }

    @Test
    void hdrHistogramLogProcessorWithNoFlagsReadsTheEndToEndStage() throws Exception
    {
        final Path out = dir.resolve("processed-untagged");
        new HistogramLogProcessor(new String[]{"-i", hlog.toString(), "-o", out.toString()}).run();
        final String hgrm = Files.readString(Path.of(out + ".hgrm"), StandardCharsets.US_ASCII);
        final Matcher total = Pattern.compile("Total count\\s+=\\s+(\\d+)").matcher(hgrm);
        assertTrue(total.find(), "a percentile distribution without -tag:\n" + hgrm);
        assertEquals(expected.get("publish-applied"), Long.parseLong(total.group(1)), "the end-to-end stage");
        final Matcher max = Pattern.compile("#\\[Max\\s+=\\s+([0-9.]+)").matcher(hgrm);
        assertTrue(max.find());
        assertEquals(2.0, Double.parseDouble(max.group(1)), 0.01, "publish-applied's 2 ms max");
    }

    @Test
    void hdrHistogramLogProcessorHonoursATimeWindow() throws Exception
    {
        final Path out = dir.resolve("window");
        new HistogramLogProcessor(new String[]
            {"-i", hlog.toString(), "-tag", "publish-applied", "-start", "1.5", "-end", "2.5", "-o", out.toString()})
            .run();
        final String hgrm = Files.readString(Path.of(out + ".hgrm"), StandardCharsets.US_ASCII);
        final Matcher total = Pattern.compile("Total count\\s+=\\s+(\\d+)").matcher(hgrm);
        assertTrue(total.find(), hgrm);
        assertEquals(100 + 30, Long.parseLong(total.group(1)), "only the interval starting at 2 s");

        final LatencyReport report = LatencyReport.read(hlog, 1.5, 2.5);
        assertEquals(130, report.byTag().get("publish-applied").getTotalCount(), "same window, same intervals");
    }

    @Test
    void latencyReportMergesTheWholeRunInPipelineOrder()
    {
        final LatencyReport report = LatencyReport.read(hlog, 0, Double.MAX_VALUE);
        assertEquals(List.of("publish-receive", "receive-decoded", "decoded-applied", "receive-journal",
            "publish-applied"), report.tags());
        for (final Map.Entry<String, Long> e : expected.entrySet())
        {
            assertEquals(e.getValue(), report.byTag().get(e.getKey()).getTotalCount(), e.getKey());
        }
        assertEquals(4, report.intervals(), "3 full intervals and the closing one, each with every stage");
        assertFalse(report.byTag().containsKey(LatencyReport.UNTAGGED), "the untagged copy is not a row of its own");
        assertEquals(START_MS / 1000.0, report.startTimeSec(), 0.001);
        assertEquals(START_MS / 1000.0 + 3, report.lastIntervalEndSec(), 0.01);
        assertEquals(null, report.truncation());
    }

    @Test
    void tailReturnsTheSameIntervalsAsTheReaderIncrementally() throws Exception
    {
        final byte[] whole = Files.readAllBytes(hlog);
        final Path growing = dir.resolve("growing.hlog");
        final HistogramLogTail tail = new HistogramLogTail(growing);
        assertTrue(tail.poll().intervals().isEmpty(), "absent file: nothing, no exception");

        final Map<String, Long> counts = new HashMap<>();
        int written = 0;
        int polls = 0;
        final int step = 97; // cuts lines in the middle, as a live writer would
        while (written < whole.length)
        {
            final int n = Math.min(step, whole.length - written);
            Files.write(growing, java.util.Arrays.copyOfRange(whole, written, written + n),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            written += n;
            final HistogramLogTail.Result result = tail.poll();
            assertFalse(result.reset());
            for (final Histogram h : result.intervals())
            {
                counts.merge(h.getTag(), h.getTotalCount(), Long::sum);
                assertTrue(h.getStartTimeStamp() >= START_MS, "absolute timestamps: " + h.getStartTimeStamp());
            }
            polls++;
        }
        assertTrue(polls > 10);
        assertEquals(expected, counts);
        assertEquals(0, tail.badLines());
        assertEquals(START_MS, tail.startTimeMs());

        final String nextRun = new String(whole, StandardCharsets.US_ASCII)
            .replace("StartTime: 1700000000.000", "StartTime: 1700000009.000");
        Files.delete(growing);
        Files.writeString(growing, nextRun, StandardCharsets.US_ASCII);
        final HistogramLogTail.Result again = tail.poll();
        assertTrue(again.reset(), "a replaced file is a new run, even on a reused inode");
        assertEquals(20, again.intervals().size());

        Files.writeString(growing, nextRun.substring(0, nextRun.indexOf("Tag=")), StandardCharsets.US_ASCII);
        final HistogramLogTail.Result truncated = tail.poll();
        assertTrue(truncated.reset(), "a truncated file is a new run");
        assertTrue(truncated.intervals().isEmpty());
    }

    @Test
    void aFileThatIsNotAHistogramLogIsToldApartByItsFirstLine() throws Exception
    {
        assertNull(HistogramLogTail.formatProblem(hlog), "the agent's log");
        assertNull(HistogramLogTail.formatProblem(dir.resolve("absent.hlog")), "not written yet");
        assertNull(HistogramLogTail.formatProblem(Files.writeString(dir.resolve("empty.hlog"), "")), "just created");
        final String whole = Files.readString(hlog);
        final Path firstInterval = Files.writeString(dir.resolve("headless.hlog"), whole.substring(whole.indexOf("Tag=")));
        assertNull(HistogramLogTail.formatProblem(firstInterval), "an interval line first is a log too");

        final Path csv = Files.writeString(dir.resolve("table.csv"), "stage,count\npublish-applied,3\n");
        assertEquals(csv + " is not a histogram log: its first line 'stage,count' is neither a '#' header nor an " +
            "interval histogram (is it a CSV export or another file?)", HistogramLogTail.formatProblem(csv));
        assertEquals(dir + " is a directory, not a histogram log", HistogramLogTail.formatProblem(dir));

        final HistogramLogTail tail = new HistogramLogTail(csv);
        assertTrue(tail.poll().intervals().isEmpty());
        assertEquals(HistogramLogTail.formatProblem(csv), tail.problem(), "the tail says the same while following");
        Files.writeString(csv, whole);
        assertEquals(20, tail.poll().intervals().size(), "replaced by a log, the tail reads it");
        assertNull(tail.problem());
    }
}
