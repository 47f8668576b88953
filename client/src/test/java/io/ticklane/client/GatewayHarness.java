package io.ticklane.client;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookFactory;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookOptions;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import io.ticklane.book.OrderPool;
import io.ticklane.book.Side;
import io.ticklane.book.TradingStatus;
import io.ticklane.config.PublishSettings;
import io.ticklane.stream.SnapshotResponder;
import io.ticklane.stream.StreamPublisher;
import org.agrona.collections.MutableLong;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Random;

/**
 * The gateway side of the stream on the test's thread: a book applier behind a {@link StreamPublisher}, its
 * {@link SnapshotResponder}, and a random but valid-looking venue flow (order-by-order instruments 1..3 with adds,
 * modifies, deletes, executions and trades; a market-by-price instrument 4 with every level action, so that its
 * slots are also unknown and empty; trading status and stale/live now and then). Allocation-free per event after
 * the definitions.
 */
final class GatewayHarness
{
    static final int ORDER_INSTRUMENTS = 3;
    static final int LEVEL_INSTRUMENT = 4;
    private static final int MAX_ORDERS = 512;

    final BookEventApplier applier;
    final StreamPublisher publisher;
    final SnapshotResponder responder;
    private final ExclusivePublication publication;
    private final ExclusivePublication snapshotPublication;
    private final io.aeron.Subscription requestSubscription;
    private final Random random;
    private final long[][] orderIds = new long[ORDER_INSTRUMENTS][MAX_ORDERS];
    private final long[][] prices = new long[ORDER_INSTRUMENTS][MAX_ORDERS];
    private final int[] live = new int[ORDER_INSTRUMENTS];
    private long nextOrderId = 1;

    GatewayHarness(final Aeron aeron, final PublishSettings settings, final long seed)
    {
        this(aeron, settings, seed, settings.channel(), 1000, StreamPublisher.InstrumentFilter.ALL);
    }

    GatewayHarness(final Aeron aeron, final PublishSettings settings, final long seed,
        final String publicationChannel, final int offerRetries)
    {
        this(aeron, settings, seed, publicationChannel, offerRetries, StreamPublisher.InstrumentFilter.ALL);
    }

    /**
     * @param publicationChannel channel of the incremental publication (e.g. with a small term).
     * @param offerRetries       the publisher's retries on back pressure.
     * @param shard              the instruments this gateway publishes (its shard of the venue's instruments).
     */
    GatewayHarness(final Aeron aeron, final PublishSettings settings, final long seed,
        final String publicationChannel, final int offerRetries, final StreamPublisher.InstrumentFilter shard)
    {
        random = new Random(seed);
        applier = new BookEventApplier(BookFactory.ladder(new OrderPool(1 << 14), BookOptions.DEFAULT,
            BookListener.NONE), BookListener.NONE);
        publication = aeron.addExclusivePublication(publicationChannel, settings.streamId());
        snapshotPublication = aeron.addExclusivePublication(settings.snapshotChannel(), settings.snapshotStreamId());
        requestSubscription = aeron.addSubscription(settings.requestChannel(), settings.requestStreamId());
        publisher = new StreamPublisher(applier, publication, shard,
            new StreamPublisher.Counters(counter(), counter(), counter(), counter(), counter()), offerRetries,
            new YieldingIdleStrategy(), new OffsetEpochNanoClock()).heartbeatIntervalNs(settings.heartbeatNs());
        responder = new SnapshotResponder("snapshots", requestSubscription, snapshotPublication, applier, publisher,
            counter(), counter(), 1000, new YieldingIdleStrategy(), new OffsetEpochNanoClock());
    }

    /** Stops this gateway as a process exit would: its publications and subscription close. */
    void close()
    {
        org.agrona.CloseHelper.closeAll(publication, snapshotPublication, requestSubscription);
    }

    static AtomicCounter counter()
    {
        return new AtomicCounter(new UnsafeBuffer(new byte[128]), 0);
    }

    /** Defines the instruments (one venue event). */
    void define()
    {
        final InstrumentDefinition d = new InstrumentDefinition();
        for (int i = 1; i <= ORDER_INSTRUMENTS; i++)
        {
            publisher.onDefinition(d.reset().instrumentId(i).symbol("ORD" + i).tickSize(1).priceExponent(-2)
                .referencePrice(10_000).bandTicks(512));
        }
        publisher.onDefinition(d.reset().instrumentId(LEVEL_INSTRUMENT).symbol("LVL").tickSize(1).priceExponent(-2)
            .books(InstrumentDefinition.BOOK_LEVELS).depth(5, 2));
        publisher.onEndOfEvent();
    }

    /** One venue event of 1..4 book events, then a responder duty cycle. */
    void step()
    {
        publisher.onPacket(0, System.nanoTime(), System.nanoTime());
        final int events = 1 + random.nextInt(4);
        for (int e = 0; e < events; e++)
        {
            final int roll = random.nextInt(100);
            if (roll < 75)
            {
                orderEvent(random.nextInt(ORDER_INSTRUMENTS));
            }
            else if (roll < 97)
            {
                levelEvent();
            }
            else if (roll < 98)
            {
                publisher.onTradingStatus(1 + random.nextInt(4), random.nextInt(TradingStatus.COUNT));
            }
            else if (roll < 99)
            {
                publisher.onStale(1 + random.nextInt(4));
            }
            else
            {
                publisher.onLive(1 + random.nextInt(4));
            }
        }
        publisher.onEndOfEvent();
        responder.doWork();
    }

    private void orderEvent(final int k)
    {
        final int id = k + 1;
        final int roll = random.nextInt(100);
        if (live[k] < 8 || (roll < 45 && live[k] < MAX_ORDERS))
        {
            final long price = 10_000 + random.nextInt(41) - 20;
            orderIds[k][live[k]] = nextOrderId;
            prices[k][live[k]] = price;
            live[k]++;
            publisher.onAdd(id, nextOrderId++, price < 10_000 ? Side.BID : Side.ASK, price, 1 + random.nextInt(100));
            return;
        }
        final int at = random.nextInt(live[k]);
        final long orderId = orderIds[k][at];
        if (roll < 65)
        {
            publisher.onModify(id, orderId, prices[k][at], 1 + random.nextInt(100));
        }
        else if (roll < 80)
        {
            publisher.onExecute(id, orderId, 1);
        }
        else if (roll < 85)
        {
            publisher.onTrade(id, prices[k][at], 1 + random.nextInt(10), random.nextInt(2));
        }
        else
        {
            publisher.onDelete(id, orderId);
            live[k]--;
            orderIds[k][at] = orderIds[k][live[k]];
            prices[k][at] = prices[k][live[k]];
        }
    }

    private void levelEvent()
    {
        final int book = random.nextInt(4) == 0 ? LevelAction.IMPLIED : LevelAction.OUTRIGHT;
        final int depth = book == LevelAction.OUTRIGHT ? 5 : 2;
        final int roll = random.nextInt(100);
        final int action = roll < 40 ? LevelAction.NEW : roll < 70 ? LevelAction.CHANGE : roll < 85 ?
            LevelAction.DELETE : roll < 90 ? LevelAction.DELETE_FROM : roll < 98 ? LevelAction.OVERLAY :
            LevelAction.DELETE_THRU;
        final int side = random.nextInt(2);
        publisher.onLevel(LEVEL_INSTRUMENT, book, side, action, 1 + random.nextInt(depth),
            side == Side.BID ? 9_990 - random.nextInt(10) : 10_010 + random.nextInt(10), 1 + random.nextInt(500),
            book == LevelAction.OUTRIGHT ? 1 + random.nextInt(20) : 0);
    }

    /**
     * @param client a client.
     * @return null when every book this gateway publishes equals the client's (hash, stale state, trading status),
     * else the first difference.
     */
    String difference(final StreamClient client)
    {
        final MutableLong checked = new MutableLong();
        final StringBuilder diff = new StringBuilder();
        applier.forEachBook(g ->
        {
            if (!publisher.publishes(g.instrumentId()))
            {
                return;
            }
            final InstrumentBook c = client.book(g.instrumentId());
            checked.increment();
            if (diff.length() == 0 && (null == c || c.stateHash() != g.stateHash() || c.isStale() != g.isStale() ||
                c.tradingStatus() != g.tradingStatus()))
            {
                diff.append(g.symbol()).append(": gateway hash ").append(Long.toHexString(g.stateHash()))
                    .append(" stale ").append(g.isStale()).append(" status ").append(g.tradingStatus())
                    .append(", client ").append(null == c ? "none" : Long.toHexString(c.stateHash()) + " stale " +
                    c.isStale() + " status " + c.tradingStatus());
            }
        });
        return checked.get() == 0 ? "no gateway books" : diff.length() == 0 ? null : diff.toString();
    }
}
