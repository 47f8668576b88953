package io.ticklane.gateway;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.OrderBook;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Recovery, restart and tail scenarios, run deterministically through {@link TicklaneSession} with books as the sink:
 * after every scenario each book must equal the feed's own view of it (the generator's mirror), exactly.
 */
class TicklaneSessionRecoveryTest
{
    private static final long GAP_TIMEOUT_NS = 1_000_000;
    private static final int EVENTS = 4;

    private FeedScript feed = new FeedScript(4, 11);
    private final BookEventApplier books = TestBooks.ladder(8192);
    private final GatewayCounters counters = GatewayCounters.unmapped();
    private TicklaneSession channel = channel(1 << 20);
    private long now;

    private TicklaneSession channel(final int recoveryBuffer)
    {
        return new TicklaneSession(FeedScript.CHANNEL_ID, new LineArbiter(256, FeedPublisher.MAX_PACKET_LENGTH,
            GAP_TIMEOUT_NS, 1 << 20), books, counters, new StageRegistry(1_000_000_000L).newRecorder(
            LatencyStage.PUBLISH_TO_RECEIVE), null, recoveryBuffer);
    }

    private void line(final int line, final byte[] packet)
    {
        now += 1_000;
        channel.onLinePacket(line, new UnsafeBuffer(packet), 0, packet.length, now);
        channel.onTimer(now);
    }

    private void snapshot(final List<byte[]> packets)
    {
        for (final byte[] packet : packets)
        {
            now += 1_000;
            channel.onSnapshotPacket(new UnsafeBuffer(packet), 0, packet.length, now);
        }
    }

    private void stream(final int packets)
    {
        for (int i = 0; i < packets; i++)
        {
            line(0, feed.next(EVENTS));
        }
    }

    private void waitOutTheGap()
    {
        now += 2 * GAP_TIMEOUT_NS;
        channel.onTimer(now);
    }

    private boolean anyStale()
    {
        for (int i = 0; i < feed.instruments.size(); i++)
        {
            if (TestBooks.isStale(books, feed.instruments.get(i).id()))
            {
                return true;
            }
        }
        return false;
    }

    private void assertBooksEqualTheFeed()
    {
        assertFalse(anyStale(), "every book is live");
        assertEquals(0, channel.instruments().staleCount());
        for (int i = 0; i < feed.instruments.size(); i++)
        {
            final OrderBook book = TestBooks.book(books, feed.instruments.get(i).id());
            assertNotNull(book, feed.instruments.get(i).symbol());
            assertTrue(feed.flow.mirror(i).orderCount() > 20, "a real book");
            assertEquals(feed.flow.mirror(i).stateHash(), book.stateHash(), feed.instruments.get(i).symbol());
        }
    }

    @Test
    void noLossNeedsNoSnapshot()
    {
        line(0, feed.definitions());
        stream(2_000);
        snapshot(feed.snapshotRound());
        assertEquals(0, channel.recoveries(), "live books ignore snapshots");
        assertBooksEqualTheFeed();
    }

    @Test
    void gapOnBothLinesMakesBooksStaleUntilASnapshotRebuildsThem()
    {
        line(0, feed.definitions());
        stream(500);
        for (int i = 0; i < 10; i++)
        {
            feed.next(EVENTS); // lost on both lines
        }
        stream(50);
        waitOutTheGap();
        assertEquals(10, counters.gaps().get());
        assertTrue(anyStale());
        assertEquals(4, counters.staleInstruments().get());
        final long stateWhileStale = TestBooks.book(books, 1).stateHash();
        stream(100);
        assertEquals(stateWhileStale, TestBooks.book(books, 1).stateHash(), "a stale book is not updated");

        snapshot(feed.snapshotRound());
        assertEquals(4, channel.recoveries());
        assertEquals(4, counters.recoveries().get());
        assertBooksEqualTheFeed();
        stream(500);
        assertBooksEqualTheFeed();
    }

    @Test
    void lossOnOneLineIsFilledByTheOther()
    {
        line(0, feed.definitions());
        long droppedA = 0;
        long droppedB = 0;
        for (int i = 0; i < 3_000; i++)
        {
            final byte[] packet = feed.next(EVENTS);
            if (i % 17 != 0)
            {
                line(0, packet);
            }
            else
            {
                droppedA++;
            }
            if (i % 17 != 5)
            {
                line(1, packet);
            }
            else
            {
                droppedB++;
            }
        }
        assertEquals(0, counters.gaps().get());
        assertEquals(0, channel.recoveries());
        assertTrue(counters.duplicates().get() > 2_500);
        assertEquals(droppedA, counters.lineLosses()[0].get());
        assertEquals(droppedB, counters.lineLosses()[1].get());
        assertBooksEqualTheFeed();
    }

    @Test
    void lateJoinWaitsForASnapshotThenFollowsTheFeed()
    {
        feed.definitions();
        for (int i = 0; i < 1_000; i++)
        {
            feed.next(EVENTS); // published before the engine started
        }
        stream(200);
        assertTrue(anyStale() || null == TestBooks.book(books, 1), "nothing is trusted before the snapshot");
        snapshot(feed.snapshotRound());
        stream(300);
        assertEquals(4, channel.recoveries());
        assertBooksEqualTheFeed();
    }

    @Test
    void snapshotAheadOfTheIncrementalsSkipsWhatItAlreadyReflects()
    {
        line(0, feed.definitions());
        stream(300);
        feed.next(EVENTS); // lost
        stream(20);
        waitOutTheGap();
        final List<byte[]> ahead = new ArrayList<>();
        for (int i = 0; i < 30; i++)
        {
            ahead.add(feed.next(EVENTS)); // published, not yet arrived
        }
        snapshot(feed.snapshotRound()); // reflects those 30 packets already
        for (final byte[] packet : ahead)
        {
            line(0, packet);
        }
        stream(100);
        assertBooksEqualTheFeed();
    }

    @Test
    void snapshotOlderThanTheBufferIsIgnoredAndTheNextOneRecovers()
    {
        line(0, feed.definitions());
        stream(300);
        final List<byte[]> old = feed.snapshotRound();
        stream(50);
        feed.next(EVENTS); // lost
        stream(50);
        waitOutTheGap();
        snapshot(old);
        assertEquals(0, channel.recoveries(), "a snapshot from before the gap cannot be joined up");
        assertTrue(anyStale());
        snapshot(feed.snapshotRound());
        assertEquals(4, channel.recoveries());
        assertBooksEqualTheFeed();
    }

    @Test
    void incompleteSnapshotIsNotAppliedAndTheNextOneRecovers()
    {
        line(0, feed.definitions());
        stream(400);
        feed.next(EVENTS); // lost
        stream(10);
        waitOutTheGap();
        final List<byte[]> round = feed.snapshotRound();
        assertTrue(round.size() > 8, "snapshots span several packets");
        round.remove(3); // one snapshot packet lost
        snapshot(round);
        assertTrue(channel.recoveries() < 4, "the instrument whose snapshot lost a packet stays stale");
        assertTrue(anyStale());
        snapshot(feed.snapshotRound());
        assertBooksEqualTheFeed();
    }

    @Test
    void fullRecoveryBufferDropsItsOldestPacketsAndNeedsANewerSnapshot()
    {
        channel = channel(64 * 1024);
        line(0, feed.definitions());
        stream(200);
        feed.next(EVENTS); // lost
        stream(10);
        waitOutTheGap();
        final List<byte[]> early = feed.snapshotRound();
        stream(2_000); // far more than 64 KiB of packets while stale
        assertTrue(channel.bufferOverflows() > 0);
        snapshot(early);
        assertEquals(0, channel.recoveries(), "the buffer no longer reaches back to this snapshot");
        snapshot(feed.snapshotRound());
        assertBooksEqualTheFeed();
    }

    @Test
    void aRestartedPublisherIsANewStreamThatRebuildsTheBooks()
    {
        line(0, feed.definitions());
        stream(500);
        final byte[] lateOldPacket = feed.next(EVENTS);
        feed = new FeedScript(4, 12, 8); // the publisher restarted: new session, sequence from 1, a fresh flow
        line(0, feed.definitions());
        stream(300);
        line(1, lateOldPacket); // a straggler of the replaced session on the other line
        assertEquals(1, channel.sessionResets());
        assertEquals(1, counters.sessionResets().get());
        assertEquals(1, channel.otherSessionPackets());
        assertEquals(0, counters.duplicates().get(), "a new stream's packets are not duplicates of the old one's");
        assertEquals(0, counters.gaps().get());
        assertBooksEqualTheFeed();
    }

    @Test
    void aRestartedPublisherJoinedMidStreamIsStaleUntilASnapshot()
    {
        line(0, feed.definitions());
        stream(300);
        feed = new FeedScript(4, 13, 9);
        feed.definitions(); // missed: the engine joins the new stream late
        for (int i = 0; i < 40; i++)
        {
            feed.next(EVENTS);
        }
        stream(20);
        assertEquals(1, channel.sessionResets());
        assertTrue(anyStale(), "the old books are void and the new stream's start was missed");
        snapshot(feed.snapshotRound());
        stream(50);
        assertBooksEqualTheFeed();
    }

    @Test
    void aTailThatNoLineDeliveredIsAGapNotAQuietFeed()
    {
        line(0, feed.definitions());
        stream(200);
        line(0, feed.heartbeat(false));
        waitOutTheGap();
        assertEquals(0, counters.gaps().get(), "a heartbeat that announces what arrived is a quiet feed");
        for (int i = 0; i < 5; i++)
        {
            feed.next(EVENTS); // the tail: lost on every line
        }
        line(0, feed.heartbeat(true));
        line(1, feed.heartbeat(true));
        assertEquals(0, counters.gaps().get(), "the tail may still come within the gap timeout");
        waitOutTheGap();
        assertEquals(5, counters.gaps().get());
        assertEquals(feed.lastSequence(), counters.sequence().get(), "every announced sequence is accounted for");
        assertTrue(anyStale());
        assertEquals(feed.lastSequence(), channel.endOfSessionSequence());
    }

    @Test
    void anAnnouncedTailThatArrivesLateIsNoGap()
    {
        line(0, feed.definitions());
        stream(100);
        final byte[] tail = feed.next(EVENTS);
        line(1, feed.heartbeat(true)); // the heartbeat overtakes the last packet
        line(0, tail);
        waitOutTheGap();
        assertEquals(0, counters.gaps().get());
        assertBooksEqualTheFeed();
    }
}
