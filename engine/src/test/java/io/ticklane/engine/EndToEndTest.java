package io.ticklane.engine;

import io.aeron.ExclusivePublication;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.Side;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.FeedTranslator;
import io.ticklane.gateway.EngineStartRecord;
import io.ticklane.gateway.FeedDecoder;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.SyntheticOrderFlow;
import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalOptions;
import io.ticklane.journal.JournalReader;
import io.ticklane.latency.LatencyStage;
import io.ticklane.testkit.Await;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The first end-to-end path with the real embedded media driver: feed packets published over Aeron are journaled
 * byte for byte, every event is applied, and each engine book equals the reference model fed the same events.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EndToEndTest
{
    private static final int PACKETS = 20_000;
    private static final int BATCH = 4;

    @TempDir
    Path dir;

    @Test
    void ipcFeedIsJournaledAppliedAndEqualToTheReferenceModel()
    {
        runAndCheck(TestEngines.ipcChannel(), 1);
    }

    @Test
    void udpMulticastFeedOverTwoBookAgents()
    {
        runAndCheck(TestEngines.udpChannel(), 2);
    }

    private void runAndCheck(final String channel, final int bookAgents)
    {
        final Map<String, String> settings = TestEngines.settings(dir, channel);
        settings.put("book.agents", Integer.toString(bookAgents));
        final EngineConfig config = TestEngines.config(settings);
        final List<InstrumentSpec> instruments = config.simulator().instruments();
        final List<byte[]> published = new ArrayList<>();
        final BookEventApplier reference = new BookEventApplier(BookFactory.reference(), BookListener.NONE);
        final FeedTranslator toReference = new FeedTranslator(reference, id -> { });
        final FeedDecoder decoder = new FeedDecoder();
        final SyntheticOrderFlow flow = new SyntheticOrderFlow(instruments, 7);
        long messages = 0;

        final PrintStream log = new PrintStream(new ByteArrayOutputStream());
        try (Engine engine = Engine.launch(config, log))
        {
            final ExclusivePublication publication = engine.aeron().addExclusivePublication(
                config.feed().channel(), config.feed().streamId());
            final FeedPublisher publisher = new FeedPublisher(publication, 1, FeedPublisher.newSessionId(),
                new BackoffIdleStrategy());
            Await.until("a subscription to connect on " + channel, Duration.ofSeconds(20), publisher::isConnected);
            for (int p = 0; p < PACKETS; p++)
            {
                final long now = System.nanoTime();
                final PacketEncoder encoder = publisher.begin(now);
                if (p == 0)
                {
                    flow.definitions(encoder, now);
                }
                else
                {
                    flow.next(encoder, BATCH, now);
                }
                final byte[] bytes = new byte[publisher.packetLength()];
                publisher.packetBuffer().getBytes(0, bytes);
                published.add(bytes);
                assertEquals(FeedDecoder.OK, decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, toReference));
                reference.onEndOfEvent();
                messages += encoder.messageCount();
                assertTrue(publisher.publish(now + TimeUnit.SECONDS.toNanos(10)), "publish failed at packet " + p);
            }
            assertTrue(engine.awaitCaughtUp(new long[]{PACKETS}, TimeUnit.SECONDS.toNanos(30)),
                "engine did not catch up: received " + engine.messagesReceived() + " processed " +
                engine.eventsProcessed() + " of " + messages);
            engine.close();

            final EngineSummary summary = engine.summary(messages);
            assertEquals(messages, summary.counts().messages(), "received");
            assertEquals(messages, summary.counts().applied(), "applied");
            assertEquals(0, summary.counts().rejected(), "rejected");
            assertEquals(0, summary.counts().gaps(), "gaps");
            assertEquals(PACKETS, summary.counts().packets(), "packets");
            assertEquals(PACKETS, summary.counts().journalRecords(), "journal records (packets)");
            assertEquals(0, reference.rejected(), "the generator only emits valid events");
            assertEquals(messages - instruments.size(),
                summary.histogram(LatencyStage.END_TO_END).getTotalCount(), "one latency sample per order event");

            assertEquals(instruments.size(), summary.books().size());
            for (int i = 0; i < instruments.size(); i++)
            {
                final InstrumentBook engineBook = summary.books().get(i);
                final OrderBook expected = reference.book(instruments.get(i).id()).book();
                assertEquals(instruments.get(i).symbol(), engineBook.symbol());
                assertTrue(expected.orderCount() > 10, "a non-trivial book");
                assertEquals(expected.orderCount(), engineBook.book().orderCount(), engineBook.symbol());
                assertEquals(expected.bestPrice(Side.BID), engineBook.book().bestPrice(Side.BID));
                assertEquals(expected.bestPrice(Side.ASK), engineBook.book().bestPrice(Side.ASK));
                assertEquals(expected.stateHash(), engineBook.book().stateHash(), engineBook.symbol());
                assertEquals(flow.mirror(i).stateHash(), engineBook.book().stateHash(), engineBook.symbol());
            }
        }

        assertJournalHolds(config, published);
    }

    private static void assertJournalHolds(final EngineConfig config, final List<byte[]> published)
    {
        final List<byte[]> journaled = new ArrayList<>();
        try (Journal journal = Journal.open(
            JournalCommand.options(config.journal())))
        {
            final JournalReader reader = journal.newReader(0);
            while (reader.poll((type, ts, buffer, offset, length, position) ->
            {
                if (journaled.isEmpty() && type == EngineStartRecord.recordType())
                {
                    assertEquals(ProcessHandle.current().pid(), EngineStartRecord.pid(buffer, offset));
                    journaled.add(null);
                    return;
                }
                assertEquals(JournalRecordTypes.recordType(
                    JournalRecordTypes.VENUE_TICKLANE, JournalRecordTypes.FEED_PACKET, 1), type);
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                journaled.add(bytes);
            }, 1024) > 0)
            {
                // drain
            }
        }
        assertEquals(published.size() + 1, journaled.size(), "journal frames: the engine start, then every packet");
        assertNull(journaled.get(0), "the run starts with its engine-start record");
        for (int i = 0; i < published.size(); i++)
        {
            assertTrue(Arrays.equals(published.get(i), journaled.get(i + 1)), "packet " + i + " differs in the journal");
        }
    }
}
