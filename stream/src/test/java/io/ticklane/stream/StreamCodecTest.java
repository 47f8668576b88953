package io.ticklane.stream;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import io.ticklane.stream.sbe.MessageHeaderDecoder;
import io.ticklane.stream.sbe.MessageHeaderEncoder;
import io.ticklane.stream.sbe.PacketDecoder;
import io.ticklane.stream.sbe.SnapshotRequestDecoder;
import io.ticklane.stream.sbe.SnapshotRequestEncoder;
import io.ticklane.testkit.Await;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every incremental message round-trips: events through a {@link StreamPublisher} over a real IPC publication,
 * read back with {@link StreamReader}, equal the events the publisher handed on, with instrument sequences 1, 2, 3...
 * per instrument and packet sequences 1, 2, 3...; events larger than a packet are split into continued packets.
 * The snapshot request round-trips through its codec.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamCodecTest
{
    private static AtomicCounter counter()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[128]), 0);
    }

    @Test
    void everyIncrementalRoundTripsWithItsSequences()
    {
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/ticklane-test-" + UUID.randomUUID()).threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1)).dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        try
        {
            final Subscription subscription = aeron.addSubscription("aeron:ipc", 77);
            final Publication publication = aeron.addExclusivePublication("aeron:ipc", 77);
            Await.until("connected", Duration.ofSeconds(10), publication::isConnected);
            final RecordingHandler applied = new RecordingHandler();
            final StreamPublisher publisher = new StreamPublisher(applied, publication,
                StreamPublisher.InstrumentFilter.ALL, new StreamPublisher.Counters(counter(), counter(), counter(),
                counter(), counter()), 100, new YieldingIdleStrategy(), new OffsetEpochNanoClock());
            final Random random = new Random(3);
            final InstrumentDefinition d = new InstrumentDefinition();
            publisher.onDefinition(d.reset().instrumentId(7).symbol("ABCDEFGHIJKLMNOPQRSTUVWX").tickSize(25)
                .priceExponent(-9).referencePrice(123_456_789L).bandTicks(4096).books(3).depth(10, 2));
            publisher.onDefinition(d.reset().instrumentId(Integer.MAX_VALUE).symbol("Z").tickSize(1));
            for (int e = 0; e < 5_000; e++)
            {
                publisher.onPacket(e, e, e);
                final int n = e == 4_000 ? 500 : 1 + random.nextInt(6); // one event larger than a packet
                for (int i = 0; i < n; i++)
                {
                    oneEvent(publisher, random);
                }
                publisher.onEndOfEvent();
            }
            final RecordingHandler decoded = new RecordingHandler();
            final StreamReader reader = new StreamReader();
            final PacketDecoder packet = new PacketDecoder();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final long[] expectedPacket = {1};
            final long[] instrumentSequences = new long[2];
            final int[] continued = new int[1];
            Await.until(() -> "all events read back: " + decoded.events.size() + " of " + applied.events.size(),
                Duration.ofSeconds(20), () ->
                {
                    subscription.poll(new FragmentAssembler((buffer, offset, length, h) ->
                    {
                        packet.wrapAndApplyHeader(buffer, offset, header);
                        assertEquals(expectedPacket[0]++, packet.sequence(), "packet sequence");
                        continued[0] += packet.kind() == StreamDescriptor.KIND_CONTINUED ? 1 : 0;
                        int at = offset + StreamDescriptor.PACKET_HEADER_LENGTH;
                        for (int m = 0; m < packet.messageCount(); m++)
                        {
                            final int len = reader.wrap(buffer, at, offset + length);
                            assertTrue(len > 0);
                            final int slot = reader.instrumentId() == 7 ? 0 : 1;
                            assertEquals(++instrumentSequences[slot], reader.instrumentSequence(), "instrument seq");
                            assertTrue(reader.dispatch(decoded));
                            at += len;
                        }
                        assertEquals(offset + length, at, "packet fully read");
                    }), 100);
                    return decoded.events.size() >= applied.events.size();
                });
            assertEquals(applied.events, decoded.events);
            assertTrue(continued[0] > 0, "the large event was split");
            assertEquals(0, publisher.lost());
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, driver);
        }
    }

    private static void oneEvent(final StreamPublisher p, final Random r)
    {
        final int id = r.nextBoolean() ? 7 : Integer.MAX_VALUE;
        switch (r.nextInt(14))
        {
            case 0 -> p.onAdd(id, r.nextLong(), r.nextInt(2), r.nextLong(), r.nextLong());
            case 1 -> p.onModify(id, r.nextLong(), r.nextLong(), r.nextLong());
            case 2 -> p.onDelete(id, r.nextLong());
            case 3 -> p.onExecute(id, r.nextLong(), r.nextLong());
            case 4 -> p.onTrade(id, r.nextLong(), r.nextLong(), r.nextInt(3));
            case 5 -> p.onClear(id);
            case 6 -> p.onSnapshotBegin(id, r.nextLong(), r.nextLong());
            case 7 -> p.onSnapshotOrder(id, r.nextLong(), r.nextInt(2), r.nextLong(), r.nextLong());
            case 8 -> p.onSnapshotEnd(id, r.nextLong());
            case 9 -> p.onLevel(id, r.nextInt(2), r.nextInt(2), r.nextInt(LevelAction.COUNT), r.nextInt(20),
                r.nextLong(), r.nextLong(), r.nextInt(1000));
            case 10 -> p.onTradingStatus(id, r.nextInt(5));
            case 11 -> p.onStale(id);
            case 12 -> p.onLive(id);
            default -> p.onDefinition(new InstrumentDefinition().instrumentId(id).symbol("S" + r.nextInt(99))
                .tickSize(1 + r.nextInt(9)).priceExponent(-r.nextInt(10)).books(1 + r.nextInt(3)).depth(5, 0));
        }
    }

    @Test
    void snapshotRequestRoundTrips()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        new SnapshotRequestEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).requestId(-5L)
            .instrumentId(99).allInstruments((short)1);
        final SnapshotRequestDecoder decoder = new SnapshotRequestDecoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(-5L, decoder.requestId());
        assertEquals(99, decoder.instrumentId());
        assertEquals(1, decoder.allInstruments());
    }
}
