package io.ticklane.stream;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.DepthBook;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.LevelAction;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import io.ticklane.stream.sbe.DefinitionEncoder;
import io.ticklane.stream.sbe.MessageHeaderDecoder;
import io.ticklane.stream.sbe.MessageHeaderEncoder;
import io.ticklane.stream.sbe.PacketEncoder;
import io.ticklane.stream.sbe.SnapshotBeginEncoder;
import io.ticklane.stream.sbe.SnapshotEndEncoder;
import io.ticklane.stream.sbe.SnapshotLevelEncoder;
import io.ticklane.stream.sbe.SnapshotOrderEncoder;
import io.ticklane.stream.sbe.SnapshotRequestDecoder;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayQueue;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * Serves book snapshots of one book agent's instruments on request: the gateway's own late-join and loss recovery
 * (docs/STREAM.md says why not Aeron Archive). Polls the request stream; for each instrument asked for (one, or all
 * this agent publishes) it writes, between two venue events, SnapshotBegin (as of the instrument's last published
 * sequence, with its stale state and trading status), its Definition, its orders in queue order or its level slots,
 * and SnapshotEnd, in {@link StreamDescriptor#KIND_SNAPSHOT} packets on the snapshot publication. One instrument per
 * duty cycle, so that a large request does not hold the book agent for long.
 * <p>
 * A snapshot whose packet cannot be offered within the retries is abandoned and counted; the client asks again
 * after its timeout.
 * <p>
 * Threading: the book agent's thread only (composed with its {@code BookAgent}), which owns the books and the
 * publisher. Allocation-free in steady state (the scratch arrays grow to the largest book served).
 */
public final class SnapshotResponder implements Agent, FragmentHandler
{
    private static final int REQUEST_POLL_LIMIT = 16;
    private static final int MAX_QUEUED = 1 << 16;

    private final String roleName;
    private final Subscription requests;
    private final Publication snapshots;
    private final BookEventApplier applier;
    private final StreamPublisher publisher;
    private final AtomicCounter served;
    private final AtomicCounter abandoned;
    private final int offerRetries;
    private final IdleStrategy retryIdle;
    private final EpochNanoClock clock;
    private final FragmentHandler assembler = new io.aeron.FragmentAssembler(this);
    private final IntArrayQueue queue = new IntArrayQueue(64, Integer.MIN_VALUE);
    private final org.agrona.collections.IntHashSet queued = new org.agrona.collections.IntHashSet();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SnapshotRequestDecoder request = new SnapshotRequestDecoder();
    private final UnsafeBuffer buffer =
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(StreamDescriptor.MAX_PACKET_LENGTH, 64));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final PacketEncoder packet = new PacketEncoder();
    private final SnapshotBeginEncoder begin = new SnapshotBeginEncoder();
    private final DefinitionEncoder definition = new DefinitionEncoder();
    private final SnapshotOrderEncoder order = new SnapshotOrderEncoder();
    private final SnapshotLevelEncoder level = new SnapshotLevelEncoder();
    private final SnapshotEndEncoder end = new SnapshotEndEncoder();
    private long[] prices = new long[256];
    private long[] quantities = new long[256];
    private int[] counts = new int[256];
    private long[] orderIds = new long[256];
    private long[] orderQuantities = new long[256];
    private int position;
    private int messageCount;
    private long sequence;
    private long lastRequestId;
    private boolean failed;
    private long servedCount;
    private long abandonedCount;

    /**
     * @param roleName     e.g. {@code snapshot.0}.
     * @param requests     the request subscription.
     * @param snapshots    where snapshots go (an exclusive publication of this agent).
     * @param applier      the book agent's applier (its books).
     * @param publisher    the book agent's publisher (instrument sequences, boundaries, sharding).
     * @param served       snapshots served.
     * @param abandoned    snapshots abandoned for back pressure.
     * @param offerRetries retries per packet.
     * @param retryIdle    idles between retries.
     * @param clock        sending times.
     */
    public SnapshotResponder(
        final String roleName,
        final Subscription requests,
        final Publication snapshots,
        final BookEventApplier applier,
        final StreamPublisher publisher,
        final AtomicCounter served,
        final AtomicCounter abandoned,
        final int offerRetries,
        final IdleStrategy retryIdle,
        final EpochNanoClock clock)
    {
        this.roleName = roleName;
        this.requests = requests;
        this.snapshots = snapshots;
        this.applier = applier;
        this.publisher = publisher;
        this.served = served;
        this.abandoned = abandoned;
        this.offerRetries = offerRetries;
        this.retryIdle = retryIdle;
        this.clock = clock;
    }

    public int doWork()
    {
        int work = requests.poll(assembler, REQUEST_POLL_LIMIT);
        if (!queue.isEmpty() && publisher.atEventBoundary())
        {
            final int instrumentId = queue.pollInt();
            queued.remove(instrumentId);
            serve(instrumentId);
            work++;
        }
        return work;
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            headerDecoder.templateId() != SnapshotRequestDecoder.TEMPLATE_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + headerDecoder.blockLength())
        {
            return;
        }
        request.wrapAndApplyHeader(buffer, offset, headerDecoder);
        lastRequestId = request.requestId();
        if (request.allInstruments() != 0)
        {
            applier.forEachBook(this::enqueue); // a request for all: rare, may allocate
        }
        else if (null != applier.book(request.instrumentId()))
        {
            enqueue(applier.book(request.instrumentId()));
        }
    }

    private void enqueue(final InstrumentBook book)
    {
        final int id = book.instrumentId();
        if (publisher.publishes(id) && queue.size() < MAX_QUEUED && queued.add(id))
        {
            queue.addInt(id); // asked again before it was served: one snapshot answers both
        }
    }

    private void serve(final int instrumentId)
    {
        final InstrumentBook book = applier.book(instrumentId);
        if (null == book)
        {
            return;
        }
        final long instrumentSequence = publisher.instrumentSequence(instrumentId);
        failed = false;
        position = StreamDescriptor.PACKET_HEADER_LENGTH;
        messageCount = 0;
        final OrderBook orders = book.book();
        final DepthBook levels = book.levelBook();
        reserve(SnapshotBeginEncoder.BLOCK_LENGTH);
        begin.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
            .instrumentSequence(instrumentSequence).requestId(lastRequestId)
            .orderCount(null == orders ? 0 : orders.orderCount())
            .levelCount(null == levels ? 0 : 2 * (levels.depth(LevelAction.OUTRIGHT) + levels.depth(LevelAction.IMPLIED)))
            .tradingStatus(book.tradingStatus()).stale((short)(book.isStale() ? 1 : 0));
        commit(begin.encodedLength());
        reserve(DefinitionEncoder.BLOCK_LENGTH);
        StreamPublisher.encodeDefinition(definition.wrapAndApplyHeader(buffer, position, header), book.definition(),
            instrumentSequence);
        commit(definition.encodedLength());
        if (null != orders)
        {
            writeOrders(instrumentId, orders, Side.BID);
            writeOrders(instrumentId, orders, Side.ASK);
        }
        if (null != levels)
        {
            writeLevels(instrumentId, levels);
        }
        reserve(SnapshotEndEncoder.BLOCK_LENGTH);
        end.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
            .instrumentSequence(instrumentSequence).requestId(lastRequestId);
        commit(end.encodedLength());
        flush();
        if (failed)
        {
            abandoned.setRelease(++abandonedCount);
        }
        else
        {
            served.setRelease(++servedCount);
        }
    }

    private void writeOrders(final int instrumentId, final OrderBook orders, final int side)
    {
        int n;
        while ((n = orders.levels(side, prices.length, prices, quantities, counts)) == prices.length)
        {
            prices = Arrays.copyOf(prices, n * 2);
            quantities = Arrays.copyOf(quantities, n * 2);
            counts = Arrays.copyOf(counts, n * 2);
        }
        for (int i = 0; i < n && !failed; i++)
        {
            if (counts[i] > orderIds.length)
            {
                orderIds = new long[Integer.highestOneBit(counts[i]) * 2];
                orderQuantities = new long[orderIds.length];
            }
            final int k = orders.ordersAt(side, prices[i], orderIds, orderQuantities, orderIds.length);
            for (int j = 0; j < k; j++)
            {
                reserve(SnapshotOrderEncoder.BLOCK_LENGTH);
                order.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId).orderId(orderIds[j])
                    .price(prices[i]).quantity(orderQuantities[j]).side((short)side);
                commit(order.encodedLength());
            }
        }
    }

    private void writeLevels(final int instrumentId, final DepthBook levels)
    {
        for (int book = LevelAction.OUTRIGHT; book <= LevelAction.IMPLIED; book++)
        {
            for (int side = Side.BID; side <= Side.ASK; side++)
            {
                for (int lv = 1; lv <= levels.depth(book); lv++)
                {
                    reserve(SnapshotLevelEncoder.BLOCK_LENGTH);
                    level.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                        .price(levels.levelPrice(book, side, lv)).quantity(levels.levelQuantity(book, side, lv))
                        .orderCount(levels.levelOrders(book, side, lv)).level(lv).book((short)book)
                        .side((short)side).slotState((short)levels.levelState(book, side, lv));
                    commit(level.encodedLength());
                }
            }
        }
    }

    private void reserve(final int blockLength)
    {
        if (position + MessageHeaderEncoder.ENCODED_LENGTH + blockLength > StreamDescriptor.MAX_PACKET_LENGTH)
        {
            flush();
        }
    }

    private void commit(final int blockLength)
    {
        position += MessageHeaderEncoder.ENCODED_LENGTH + blockLength;
        messageCount++;
    }

    private void flush()
    {
        if (messageCount == 0)
        {
            return;
        }
        packet.wrapAndApplyHeader(buffer, 0, header).sequence(++sequence).sendingTimeNs(clock.nanoTime())
            .venueSendingTimeNs(0).messageCount(messageCount).kind((short)StreamDescriptor.KIND_SNAPSHOT);
        int tries = 0;
        long result;
        while (!failed && (result = snapshots.offer(buffer, 0, position)) < 0)
        {
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED || tries++ >= offerRetries)
            {
                failed = true; // the rest of this snapshot is not sent; the client asks again
                break;
            }
            retryIdle.idle();
        }
        retryIdle.reset();
        position = StreamDescriptor.PACKET_HEADER_LENGTH;
        messageCount = 0;
    }

    /**
     * @return snapshots served.
     */
    public long served()
    {
        return servedCount;
    }

    /**
     * @return snapshots abandoned.
     */
    public long abandoned()
    {
        return abandonedCount;
    }

    public String roleName()
    {
        return roleName;
    }
}
