package io.ticklane.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code engine lobster-check} on the shared LOBSTER sample (skipped, saying so, when ../shared/data is absent) and
 * on small hand-made files that always exist.
 */
class LobsterCheckCommandTest
{
    private static final String SHARED_DATA_PROPERTY = "ticklane.shared.data";
    private static final Path LOBSTER =
        Path.of(System.getProperty(SHARED_DATA_PROPERTY, "../shared/data"), "lobster");
    private static String sharedData;

    /**
     * Surefire's {@code -Dticklane.shared.data} also reads as a {@code ticklane.*} configuration override, which the
     * command would reject as an unknown key; hide it while the commands run.
     */
    @BeforeAll
    static void hideSharedDataProperty()
    {
        sharedData = System.clearProperty(SHARED_DATA_PROPERTY);
    }

    @AfterAll
    static void restoreSharedDataProperty()
    {
        if (null != sharedData)
        {
            System.setProperty(SHARED_DATA_PROPERTY, sharedData);
        }
    }
    private static final String TEN_MESSAGES = "AAPL_2012-06-21_34200000_57600000_message_10.csv";
    private static final String TEN_ROWS = "AAPL_2012-06-21_34200000_57600000_orderbook_10.csv";

    @TempDir
    Path dir;

    private record Result(int status, String out, String err)
    {
        long figure(final String name)
        {
            return out.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new AssertionError("no '" + name + "' in:\n" + out + err));
        }
    }

    private static Result run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path shared(final String name)
    {
        final Path path = LOBSTER.resolve(name);
        Assumptions.assumeTrue(Files.exists(path), "shared LOBSTER sample not present at " + path + "; skipped");
        return path;
    }

    @Test
    void tenLevelSampleHasNoMismatchAtAnyBand()
    {
        final Path messages = shared(TEN_MESSAGES);
        final Path rows = shared(TEN_ROWS);
        for (final String band : List.of("4096", "4", "0"))
        {
            final Result r = run("lobster-check", "--messages", messages.toString(), "--orderbook", rows.toString(),
                "--levels", "10", "--band", band);
            assertEquals(0, r.status(), r.out() + r.err());
            assertEquals(0, r.figure("mismatches"));
            assertEquals(998, r.figure("checked"), "999 rows (the last without a newline): 998 transitions");
            assertEquals(0, r.figure("skipped"));
        }
    }

    @Test
    void oneLevelZipsHaveNoMismatch()
    {
        final Path aapl = shared("LOBSTER_SampleFile_AAPL_2012-06-21_1.zip");
        final Result a = run("lobster-check", "--messages", aapl.toString(), "--orderbook", aapl.toString(),
            "--levels", "1");
        assertEquals(0, a.status(), a.out() + a.err());
        assertEquals(88_425, a.figure("checked"));
        assertEquals(30_071, a.figure("skipped"));
        assertEquals(0, a.figure("mismatches"));

        final Path amzn = shared("LOBSTER_SampleFile_AMZN_2012-06-21_1.zip");
        final Result b = run("lobster-check", "--messages", amzn.toString(), "--orderbook", amzn.toString(),
            "--band", "2");
        assertEquals(0, b.status(), b.out() + b.err());
        assertEquals(0, b.figure("mismatches"));
        assertEquals(57_514, b.figure("transitions"));
        assertEquals(57_514, b.figure("checked") + b.figure("skipped"));
        assertTrue(b.out().contains("re-centres"), b.out());
    }

    @Test
    void aCorruptedRowIsReportedInWordsAndFailsTheRun() throws IOException
    {
        final Path messages = shared(TEN_MESSAGES);
        final List<String> rows = Files.readAllLines(shared(TEN_ROWS));
        final String[] fields = rows.get(500).split(",");
        fields[3] = String.valueOf(Long.parseLong(fields[3]) + 1); // best bid size of row 501
        rows.set(500, String.join(",", fields));
        final Path corrupted = Files.write(dir.resolve("corrupted_orderbook_10.csv"), rows);
        final Result r = run("lobster-check", "--messages", messages.toString(), "--orderbook", corrupted.toString());
        assertEquals(1, r.status());
        assertEquals(2, r.figure("mismatches"), "row 501 differs from what message 501 makes of row 500, " +
            "and seeds a wrong book for message 502: " + r.out());
        assertTrue(r.out().contains("MISMATCH message 501 (line 501"), r.out());
        assertTrue(r.out().contains("bid level 1: expected"), r.out());
    }

    @Test
    void handMadeFilesCoverEveryMessageType() throws IOException
    {
        final Path messages = Files.writeString(dir.resolve("t_message_2.csv"), String.join("\n",
            "1.0,1,1,100,1000000,1",
            "2.0,1,2,50,1010000,-1",
            "3.0,1,3,10,1000000,1",
            "4.0,2,1,30,1000000,1",
            "5.0,4,2,20,1010000,-1",
            "6.0,5,0,7,1005000,1",
            "7.0,3,3,10,1000000,1",
            "8.0,1,4,5,990000,1",
            "9.0,6,0,0,1000000,1",
            "10.0,7,0,0,-1,-1",
            "11.0,3,1,70,1000000,1"));
        final Path rows = Files.writeString(dir.resolve("t_orderbook_2.csv"), String.join("\n",
            "9999999999,0,1000000,100,9999999999,0,-9999999999,0",
            "1010000,50,1000000,100,9999999999,0,-9999999999,0",
            "1010000,50,1000000,110,9999999999,0,-9999999999,0",
            "1010000,50,1000000,80,9999999999,0,-9999999999,0",
            "1010000,30,1000000,80,9999999999,0,-9999999999,0",
            "1010000,30,1000000,80,9999999999,0,-9999999999,0",
            "1010000,30,1000000,70,9999999999,0,-9999999999,0",
            "1010000,30,1000000,70,9999999999,0,990000,5",
            "1010000,30,1000000,70,9999999999,0,990000,5",
            "1010000,30,1000000,70,9999999999,0,990000,5",
            "1010000,30,990000,5,9999999999,0,-9999999999,0"));
        final Result r = run("lobster-check", "--messages", messages.toString(), "--orderbook", rows.toString(),
            "--tick", "10000", "--band", "1");
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals(10, r.figure("checked"));
        assertEquals(0, r.figure("mismatches"));

        final Result wrongLevels = run("lobster-check", "--messages", messages.toString(), "--orderbook",
            rows.toString(), "--levels", "3");
        assertEquals(2, wrongLevels.status());
        assertTrue(wrongLevels.err().contains("has 2 levels"), wrongLevels.err());

        final Path shortRows = Files.writeString(dir.resolve("s_orderbook_2.csv"),
            "9999999999,0,1000000,100,9999999999,0,-9999999999,0\n");
        final Result ragged = run("lobster-check", "--messages", messages.toString(), "--orderbook",
            shortRows.toString(), "--tick", "10000");
        assertEquals(1, ragged.status());
        assertTrue(ragged.err().contains("ends at row 1"), ragged.err());

        final Result missing = run("lobster-check", "--messages", dir.resolve("nope.csv").toString(),
            "--orderbook", rows.toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
