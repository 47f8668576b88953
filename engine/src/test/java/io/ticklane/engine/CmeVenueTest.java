package io.ticklane.engine;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderPool;
import io.ticklane.config.EngineConfig;
import io.ticklane.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CME MDP 3.0 through the engine, on the shared captures: {@code engine feed --pcap} replays the version 8 capture as
 * raw UDP multicast on loopback into a running engine with the sample channel file; the engine counts 10,000
 * packets, 5,000 unique, 5,000 duplicates, 0 gaps and the capture's messages per template, and ends with the same
 * books as the capture read directly with no network, and as a replay of the journal it wrote. The multi-channel
 * version 9 stream, with real one-line losses, ends with 0 gaps on every channel and each line's losses counted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CmeVenueTest
{
    private static final Pattern HASH = Pattern.compile("(\\S+)\\s+id (\\d+)\\s+levels (\\d+)\\s+hash ([0-9a-f]{16})");
    /** The v8 capture holds each packet on both lines: half of the data README's per-template counts. */
    private static final String V8_TEMPLATES = "templates in sequenced packets: 12 x6 30 x99 32 x4,898 35 x179 " +
        "37 x57 42 x60";

    @TempDir
    Path dir;

    private static Path data(final String relative)
    {
        final Path path = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"), relative);
        assumeTrue(Files.isReadable(path), "recorded data not found at " + path + " (../shared/data beside the project)");
        return path;
    }

    private static String sampleConfig()
    {
        final Path sample = Path.of("../venue-cme/src/main/resources/cme-sample-config.xml");
        assertTrue(Files.isRegularFile(sample), sample.toAbsolutePath().toString());
        return sample.toString();
    }

    private Map<String, String> settings()
    {
        final Map<String, String> settings = TestEngines.settings(dir, TestEngines.ipcChannel());
        settings.put("venue", "cme");
        settings.put("cme.config", sampleConfig());
        settings.put("cme.apply.without.snapshot", "true");
        settings.put("cme.receive.buffer", "2m");
        return settings;
    }

    private static Map<Integer, String> directBooks(final EngineConfig config, final Path capture) throws Exception
    {
        final BookEventApplier applier = new BookEventApplier(
            BookFactory.ladder(new OrderPool(1 << 16), BookOptions.DEFAULT, BookListener.NONE), BookListener.NONE);
        new CaptureSource(config, capture).run(applier, () -> false);
        final Map<Integer, String> books = new TreeMap<>();
        for (final InstrumentBook book : applier.books())
        {
            books.put(book.instrumentId(), String.format("%016x", book.stateHash()));
        }
        return books;
    }

    private static Map<Integer, String> printedBooks(final String text)
    {
        final Map<Integer, String> books = new TreeMap<>();
        final Matcher matcher = HASH.matcher(text);
        while (matcher.find())
        {
            books.put(Integer.parseInt(matcher.group(2)), matcher.group(4));
        }
        return books;
    }

    @Test
    void aCaptureReplayedOverLoopbackMulticastEqualsTheCaptureReadDirectlyAndItsJournalReplay() throws Exception
    {
        final Path capture = data("cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap");
        final Map<String, String> settings = settings();
        settings.put("cme.channels", "320");
        final EngineConfig config = TestEngines.config(settings);
        final Map<Integer, String> direct = directBooks(config, capture);
        assertEquals(39, direct.size(), "the capture's instruments");

        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final Map<Integer, String> live = new TreeMap<>();
        final String summaryText;
        try (Engine engine = Engine.launch(config, new PrintStream(log, true, StandardCharsets.UTF_8)))
        {
            final CommandRun feed = CommandRun.of("feed", "--pcap", capture.toString(), "--interface", "lo");
            assertEquals(0, feed.status(), feed.out() + feed.err());
            assertTrue(feed.out().contains("sent 10,000 datagrams"), feed.out());
            Await.until(() -> "the engine took every packet: " + engine.messagesReceived(), Duration.ofSeconds(60),
                () -> engine.sessions()[0] instanceof io.ticklane.venue.cme.CmeChannelCounters &&
                    ((io.ticklane.venue.cme.CmeChannelCounters)engine.sessions()[0]).session().arbiter().expected() ==
                    17_352_815);
            engine.close();
            final EngineSummary summary = engine.summary(-1);
            summaryText = summary.format(1);
            assertEquals(10_000, summary.counts().packets(), summaryText);
            assertEquals(5_000, summary.counts().duplicates(), summaryText);
            assertEquals(0, summary.counts().gaps(), summaryText);
            assertEquals(0, summary.counts().malformed(), summaryText);
            assertEquals(5_000, summary.counts().lineAReceived());
            assertEquals(5_000, summary.counts().lineBReceived());
            for (final InstrumentBook book : summary.books())
            {
                live.put(book.instrumentId(), String.format("%016x", book.stateHash()));
            }
        }
        assertTrue(summaryText.contains("cme.320 packets received 10,000  incremental 10,000 (unique 5,000, " +
            "duplicates 5,000)  gaps 0"), summaryText);
        assertTrue(summaryText.contains("cme.320 " + V8_TEMPLATES), summaryText);
        assertTrue(summaryText.contains("cme.320 security 174969"), "per-instrument lines: " + summaryText);
        assertEquals(direct, live, "the live books equal the capture read directly, state hash for state hash");

        final CommandRun replay = CommandRun.of(Stream.concat(Stream.of("replay", "--depth", "2"),
            Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new));
        assertEquals(0, replay.status(), replay.out() + replay.err());
        assertEquals(direct, printedBooks(replay.out()), "the journal replays to the same books: " + replay.out());
        assertTrue(replay.out().contains(V8_TEMPLATES), replay.out());

        final CommandRun dump = CommandRun.of(Stream.concat(Stream.of("journal", "dump", "--count", "3"),
            Stream.of(TestEngines.setArgs(settings))).toArray(String[]::new));
        assertEquals(0, dump.status(), dump.out() + dump.err());
        assertTrue(dump.out().contains("engine-start"), dump.out());
        assertTrue(dump.out().contains("incremental-a cme ch320"), dump.out());
        assertTrue(dump.out().contains("mdp MsgSeqNum 17347815"), dump.out());
        assertTrue(dump.out().contains("MDIncrementalRefreshBook32"), "decoded through CME's schema: " + dump.out());
    }

    @Test
    void runPcapReadsACaptureDirectlyAndDeterministically()
    {
        final Path capture = data("cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap");
        final String[] args = Stream.concat(Stream.of("run", "--pcap", capture.toString(), "--depth", "2"),
            Stream.of(TestEngines.setArgs(settings()))).toArray(String[]::new);
        final CommandRun first = CommandRun.of(args);
        final CommandRun second = CommandRun.of(args);
        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(first.out().contains("cme.320 " + V8_TEMPLATES), first.out());
        assertEquals(39, printedBooks(first.out()).size(), first.out());
        assertEquals(printedBooks(first.out()), printedBooks(second.out()), "deterministic");
        assertTrue(first.out().contains("outright (10 levels)"), first.out());
    }

    @Test
    void theMultiChannelStreamHasNoGapsAndCountsEachLinesLosses()
    {
        final Path capture = data("cme/pcap-v9-stream/Cme.Mdp3.Sbe.v9.1.Example.pcap");
        final CommandRun run = CommandRun.of(Stream.concat(Stream.of("run", "--pcap", capture.toString()),
            Stream.of(TestEngines.setArgs(settings()))).toArray(String[]::new));
        assertEquals(0, run.status(), run.out() + run.err());
        final Matcher channel = Pattern.compile("(cme\\.\\d+) packets received ([0-9,]+) .*? gaps (\\d+)")
            .matcher(run.out());
        final List<String> channels = new ArrayList<>();
        while (channel.find())
        {
            channels.add(channel.group(1));
            assertEquals("0", channel.group(3), channel.group() + "\n" + run.out());
        }
        assertEquals(9, channels.size(), run.out());
        final Matcher losses = Pattern.compile("line [AB] received [0-9,]+  duplicates [0-9,]+  losses (\\d+)")
            .matcher(run.out());
        int lost = 0;
        while (losses.find())
        {
            lost += Integer.parseInt(losses.group(1));
        }
        assertEquals(4, lost, "the capture's one-line holes, each filled by the other line: " + run.out());
    }
}
