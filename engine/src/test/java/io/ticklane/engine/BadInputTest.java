package io.ticklane.engine;

import io.ticklane.affinity.HostCpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets one clear line and exit status 2, naming the option or key, the value and what is allowed, and
 * nothing starts: never a stack trace, a hang, a silently wrong result or a silently ignored argument.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadInputTest
{
    private static final String LOBSTER_NAME = "AAPL_2012-06-21_34200000_57600000_message_1.csv";
    private static final String DATABENTO_HEADER =
        "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,price,size,channel_id,order_id,flags," +
        "ts_in_delta,sequence,symbol";

    @TempDir
    Path dir;

    /**
     * Runs with the test's own counters, journal and log paths first, so that nothing a run could start collides;
     * a later {@code --set} of the same key wins.
     */
    private CommandRun run(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of(args[0]));
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.udpChannel());
        all.addAll(List.of(TestEngines.setArgs(settings)));
        all.addAll(List.of(args).subList(1, args.length));
        return CommandRun.of(all.toArray(String[]::new));
    }

    private static String oneLine(final CommandRun run)
    {
        assertEquals(2, run.status(), run.out() + run.err());
        final List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        return lines.get(0);
    }

    private Path lobster(final String content) throws Exception
    {
        return Files.writeString(dir.resolve(LOBSTER_NAME), content);
    }

    @Test
    void aDirectoryGivenAsARecordedFileIsRefused() throws Exception
    {
        final Path lobsterDir = Files.createDirectories(dir.resolve(LOBSTER_NAME.replace(".csv", "-dir.csv")));
        final String lobster = oneLine(run("feed", "--lobster", lobsterDir.toString()));
        assertTrue(lobster.startsWith("engine feed: option '--lobster' has value '" + lobsterDir + "'"), lobster);
        assertTrue(lobster.contains("this is a directory"), lobster);
        final String databento = oneLine(run("feed", "--databento", dir.toString()));
        assertTrue(databento.startsWith("engine feed: option '--databento' has value '" + dir + "'"), databento);
        assertTrue(databento.contains("this is a directory"), databento);
    }

    @Test
    void recordedFilesWithNothingToPublishAreRefused() throws Exception
    {
        final Path empty = lobster("");
        final String lobster = oneLine(run("feed", "--lobster", empty.toString()));
        assertTrue(lobster.contains(empty.toString()) && lobster.contains("no messages"), lobster);
        final Path headerOnly = Files.writeString(dir.resolve("header-only.csv"), DATABENTO_HEADER + "\n");
        final String databento = oneLine(run("feed", "--databento", headerOnly.toString()));
        assertTrue(databento.contains(headerOnly.toString()) && databento.contains("no records"), databento);
    }

    @Test
    void optionsThatWouldBeIgnoredTogetherAreRefused() throws Exception
    {
        final Path file = lobster("34200.004241176,1,16113575,18,5853300,1\n");
        final String rateAndSpeed = oneLine(run("feed", "--lobster", file.toString(), "--rate", "1000",
            "--speed", "2"));
        assertTrue(rateAndSpeed.contains("'--rate' and '--speed'"), rateAndSpeed);
        final Path databento = Files.writeString(dir.resolve("mbo.csv"), DATABENTO_HEADER + "\n" +
            "1752757200000000000,1752757200000000000,160,2,42,A,B,5.510000000,100,0,1,0,0,1,ARL\n");
        final String idWithDatabento = oneLine(run("feed", "--databento", databento.toString(),
            "--instrument-id", "7"));
        assertTrue(idWithDatabento.contains("'--instrument-id'") && idWithDatabento.contains("--databento"),
            idWithDatabento);
        final String durationWithFile = oneLine(run("feed", "--lobster", file.toString(), "--duration", "5s"));
        assertTrue(durationWithFile.contains("'--duration'"), durationWithFile);
    }

    @Test
    void journalPathOnARegularFileIsRefusedBeforeAnythingStarts() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        final String line = oneLine(run("run", "--duration", "1s", "--set", "journal.path=" + file));
        assertTrue(line.startsWith("engine run: invalid configuration: key 'journal.path' has value '" + file + "'"),
            line);
        assertTrue(line.contains("allowed: a directory"), line);
        assertFalse(Files.exists(dir.resolve("counters")), "nothing was started");
    }

    @Test
    void duplicateInstrumentSymbolsAreRefused()
    {
        final String line = oneLine(run("run", "--duration", "1s", "--set", "instruments=AAPL,MSFT,AAPL"));
        assertTrue(line.contains("key 'instruments' has value 'AAPL,MSFT,AAPL'") && line.contains("AAPL"), line);
    }

    @Test
    void aLatencyFileThatIsNotAHistogramLogIsRefused() throws Exception
    {
        for (final String content : List.of("stage,count,mean_ns\npublish-applied,10,5.0\n", "1,2,3\n4,5,6\n",
            "1.5,2.5,3,4\n", "0.0,1.0,2.0,AAAA\n"))
        {
            final Path csv = Files.writeString(dir.resolve("table.csv"), content);
            final String line = oneLine(CommandRun.of("latency", csv.toString()));
            assertTrue(line.startsWith("engine latency: " + csv + " is not a histogram log"), line);
        }
    }

    @Test
    void theConsoleRefusesAHistogramLogThatIsNotOne() throws Exception
    {
        final Path csv = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        final String line = oneLine(CommandRun.of("console", "--port", "0", "--duration", "1ms",
            "--counters", dir.resolve("engine.counters").toString(), "--hlog", csv.toString()));
        assertTrue(line.startsWith("engine console: option '--hlog' has value '" + csv + "'"), line);
        assertTrue(line.contains("not a histogram log"), line);
        final String contradiction = oneLine(CommandRun.of("console", "--port", "0", "--duration", "1ms",
            "--hlog", dir.resolve("a.hlog").toString(), "--set", "latency.hlog.path=" + dir.resolve("b.hlog")));
        assertTrue(contradiction.contains("contradicts the option that sets latency.hlog.path"), contradiction);
    }

    @Test
    void doctorRefusesCpusThisHostDoesNotHave()
    {
        final int missing = HostCpus.live().online().length();
        final String line = oneLine(CommandRun.of("doctor", "--jitter", "1ms", "--cpus", "0," + missing));
        assertTrue(line.startsWith("engine doctor: option '--cpus' has value '0," + missing + "'"), line);
        assertTrue(line.contains("CPU " + missing + " does not exist"), line);
    }
}
