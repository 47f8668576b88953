package io.ticklane.stream;

import io.aeron.Publication;
import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.stream.sbe.ClearEncoder;
import io.ticklane.stream.sbe.DefinitionEncoder;
import io.ticklane.stream.sbe.InstrumentStateEncoder;
import io.ticklane.stream.sbe.LevelUpdateEncoder;
import io.ticklane.stream.sbe.MessageHeaderEncoder;
import io.ticklane.stream.sbe.OrderAddEncoder;
import io.ticklane.stream.sbe.OrderDeleteEncoder;
import io.ticklane.stream.sbe.OrderExecuteEncoder;
import io.ticklane.stream.sbe.OrderModifyEncoder;
import io.ticklane.stream.sbe.PacketEncoder;
import io.ticklane.stream.sbe.TradeEncoder;
import io.ticklane.stream.sbe.TradingStatusEncoder;
import io.ticklane.stream.sbe.VenueSnapshotBeginEncoder;
import io.ticklane.stream.sbe.VenueSnapshotEndEncoder;
import io.ticklane.stream.sbe.VenueSnapshotOrderEncoder;
import org.agrona.BufferUtil;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Set;

/**
 * Publishes a book agent's normalized book events over Aeron: a {@link BookEventHandler} decorator in front of the
 * agent's applier. Every event goes to the applier first, then (for published instruments) is encoded into one
 * pre-allocated packet buffer with its instrument's next sequence; {@link #onEndOfEvent()} offers the packet, so a
 * packet is a venue event boundary (an event larger than a packet goes out as {@link StreamDescriptor#KIND_CONTINUED}
 * packets and a last one).
 * <p>
 * Back pressure: an offer refused for back pressure or an admin action is retried up to {@code offerRetries} times
 * under the retry idle strategy, each retry counted; past that the packet is counted lost and its stream sequence
 * is spent anyway, so every client sees the loss as a gap and recovers from a snapshot. With no subscriber connected
 * nothing is lost to anyone: the packet is counted as unheard.
 * <p>
 * Sharding: with an instrument filter only the instruments whose id or symbol it names are published (the others
 * still reach the applier).
 * <p>
 * Threading: the book agent's thread only (also {@link SnapshotResponder}, which runs on it). Counters are published
 * with release stores once per packet. Allocation-free in steady state; a new instrument's first event may grow the
 * sequence map.
 */
public final class StreamPublisher implements BookEventHandler
{
    /**
     * Shared-memory counters of one publisher.
     *
     * @param packets       packets offered successfully.
     * @param messages      messages in them.
     * @param backPressured offers retried for back pressure.
     * @param lost          packets given up after the retries (clients see a gap).
     * @param unheard       packets offered while no subscriber was connected.
     */
    public record Counters(
        AtomicCounter packets, AtomicCounter messages, AtomicCounter backPressured, AtomicCounter lost,
        AtomicCounter unheard)
    {
    }

    private final BookEventHandler next;
    private final Publication publication;
    private final Counters counters;
    private final int offerRetries;
    private final IdleStrategy retryIdle;
    private final EpochNanoClock clock;
    private final IntHashSet allowedIds;
    private final Set<String> allowedSymbols;
    private final boolean all;
    private final Long2LongHashMap sequences = new Long2LongHashMap(0);
    private final UnsafeBuffer buffer =
        new UnsafeBuffer(BufferUtil.allocateDirectAligned(StreamDescriptor.MAX_PACKET_LENGTH, 64));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final PacketEncoder packet = new PacketEncoder();
    private final DefinitionEncoder definition = new DefinitionEncoder();
    private final OrderAddEncoder add = new OrderAddEncoder();
    private final OrderModifyEncoder modify = new OrderModifyEncoder();
    private final OrderDeleteEncoder delete = new OrderDeleteEncoder();
    private final OrderExecuteEncoder execute = new OrderExecuteEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final ClearEncoder clear = new ClearEncoder();
    private final LevelUpdateEncoder level = new LevelUpdateEncoder();
    private final TradingStatusEncoder status = new TradingStatusEncoder();
    private final InstrumentStateEncoder state = new InstrumentStateEncoder();
    private final VenueSnapshotBeginEncoder snapshotBegin = new VenueSnapshotBeginEncoder();
    private final VenueSnapshotOrderEncoder snapshotOrder = new VenueSnapshotOrderEncoder();
    private final VenueSnapshotEndEncoder snapshotEnd = new VenueSnapshotEndEncoder();
    private int position = StreamDescriptor.PACKET_HEADER_LENGTH;
    private int messageCount;
    private long streamSequence;
    private long venueSendTimeNs;
    private long packets;
    private long messages;
    private long backPressured;
    private long lost;
    private long unheard;

    /**
     * @param next         the applier (or any handler) every event goes to first.
     * @param publication  where packets go (an exclusive publication of this agent).
     * @param instruments  ids and symbols to publish, both empty for all.
     * @param counters     shared-memory counters.
     * @param offerRetries retries on back pressure before a packet is counted lost.
     * @param retryIdle    idles between retries.
     * @param clock        sending times (epoch ns, comparable across hosts as far as their clocks agree); an
     *                     allocation-free one such as {@code OffsetEpochNanoClock} (the system one makes an Instant).
     */
    public StreamPublisher(
        final BookEventHandler next,
        final Publication publication,
        final InstrumentFilter instruments,
        final Counters counters,
        final int offerRetries,
        final IdleStrategy retryIdle,
        final EpochNanoClock clock)
    {
        this.next = next;
        this.publication = publication;
        this.counters = counters;
        this.offerRetries = offerRetries;
        this.retryIdle = retryIdle;
        this.clock = clock;
        this.all = instruments.all();
        this.allowedIds = new IntHashSet();
        for (final int id : instruments.ids())
        {
            allowedIds.add(id);
        }
        this.allowedSymbols = Set.copyOf(instruments.symbols());
    }

    /**
     * Which instruments a gateway publishes ({@code publish.instruments}).
     *
     * @param ids     instrument ids.
     * @param symbols symbols.
     */
    public record InstrumentFilter(java.util.List<Integer> ids, java.util.List<String> symbols)
    {
        /** Every instrument. */
        public static final InstrumentFilter ALL = new InstrumentFilter(java.util.List.of(), java.util.List.of());

        /**
         * @return true when nothing is filtered out.
         */
        public boolean all()
        {
            return ids.isEmpty() && symbols.isEmpty();
        }
    }

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        venueSendTimeNs = sendTimeNs;
        next.onPacket(sequence, sendTimeNs, receiveTimeNs);
    }

    public int onDefinition(final InstrumentDefinition d)
    {
        final int result = next.onDefinition(d);
        final int id = d.instrumentId();
        if (!all && !allowedIds.contains(id) && allowedSymbols.contains(d.symbol()))
        {
            allowedIds.add(id); // sharded by symbol: from its definition on
        }
        if (publishes(id))
        {
            reserve(DefinitionEncoder.BLOCK_LENGTH);
            encodeDefinition(definition.wrapAndApplyHeader(buffer, position, header), d, nextSequence(id));
            commit(definition.encodedLength());
        }
        return result;
    }

    /**
     * Encodes a definition's fields (shared with the snapshot responder).
     *
     * @param encoder            wrapped encoder.
     * @param d                  the definition.
     * @param instrumentSequence its sequence (the snapshot's for a served snapshot).
     */
    static void encodeDefinition(final DefinitionEncoder encoder, final InstrumentDefinition d,
        final long instrumentSequence)
    {
        encoder.instrumentId(d.instrumentId()).instrumentSequence(instrumentSequence)
            .tickSize(d.tickSize()).referencePrice(d.referencePrice()).bandTicks(d.bandTicks())
            .priceExponent((byte)d.priceExponent()).books((short)d.books()).depth(d.depth())
            .impliedDepth(d.impliedDepth()).symbolBytes((short)d.symbolLength());
        for (int i = 0; i < InstrumentDefinition.MAX_SYMBOL_LENGTH; i++)
        {
            encoder.symbol(i, i < d.symbolLength() ? d.symbolByte(i) : 0);
        }
    }

    public int onAdd(final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        final int result = next.onAdd(instrumentId, orderId, side, price, quantity);
        if (publishes(instrumentId))
        {
            reserve(OrderAddEncoder.BLOCK_LENGTH);
            add.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).orderId(orderId).price(price).quantity(quantity)
                .side((short)side);
            commit(add.encodedLength());
        }
        return result;
    }

    public int onModify(final int instrumentId, final long orderId, final long price, final long quantity)
    {
        final int result = next.onModify(instrumentId, orderId, price, quantity);
        if (publishes(instrumentId))
        {
            reserve(OrderModifyEncoder.BLOCK_LENGTH);
            modify.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).orderId(orderId).price(price).quantity(quantity);
            commit(modify.encodedLength());
        }
        return result;
    }

    public int onDelete(final int instrumentId, final long orderId)
    {
        final int result = next.onDelete(instrumentId, orderId);
        if (publishes(instrumentId))
        {
            reserve(OrderDeleteEncoder.BLOCK_LENGTH);
            delete.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).orderId(orderId);
            commit(delete.encodedLength());
        }
        return result;
    }

    public int onExecute(final int instrumentId, final long orderId, final long quantity)
    {
        final int result = next.onExecute(instrumentId, orderId, quantity);
        if (publishes(instrumentId))
        {
            reserve(OrderExecuteEncoder.BLOCK_LENGTH);
            execute.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).orderId(orderId).quantity(quantity);
            commit(execute.encodedLength());
        }
        return result;
    }

    public int onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
        final int result = next.onTrade(instrumentId, price, quantity, aggressorSide);
        if (publishes(instrumentId))
        {
            reserve(TradeEncoder.BLOCK_LENGTH);
            trade.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).price(price).quantity(quantity)
                .aggressorSide((short)(aggressorSide & 0xFF));
            commit(trade.encodedLength());
        }
        return result;
    }

    public int onClear(final int instrumentId)
    {
        final int result = next.onClear(instrumentId);
        if (publishes(instrumentId))
        {
            reserve(ClearEncoder.BLOCK_LENGTH);
            clear.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId));
            commit(clear.encodedLength());
        }
        return result;
    }

    public int onSnapshotBegin(final int instrumentId, final long lastSequence, final long count)
    {
        final int result = next.onSnapshotBegin(instrumentId, lastSequence, count);
        if (publishes(instrumentId))
        {
            reserve(VenueSnapshotBeginEncoder.BLOCK_LENGTH);
            snapshotBegin.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).lastSequence(lastSequence).count(count);
            commit(snapshotBegin.encodedLength());
        }
        return result;
    }

    public int onSnapshotOrder(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        final int result = next.onSnapshotOrder(instrumentId, orderId, side, price, quantity);
        if (publishes(instrumentId))
        {
            reserve(VenueSnapshotOrderEncoder.BLOCK_LENGTH);
            snapshotOrder.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).orderId(orderId).price(price).quantity(quantity)
                .side((short)side);
            commit(snapshotOrder.encodedLength());
        }
        return result;
    }

    public int onSnapshotEnd(final int instrumentId, final long lastSequence)
    {
        final int result = next.onSnapshotEnd(instrumentId, lastSequence);
        if (publishes(instrumentId))
        {
            reserve(VenueSnapshotEndEncoder.BLOCK_LENGTH);
            snapshotEnd.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).lastSequence(lastSequence);
            commit(snapshotEnd.encodedLength());
        }
        return result;
    }

    public int onLevel(
        final int instrumentId, final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        final int result = next.onLevel(instrumentId, book, side, action, level, price, quantity, orderCount);
        if (publishes(instrumentId))
        {
            reserve(LevelUpdateEncoder.BLOCK_LENGTH);
            this.level.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).price(price).quantity(quantity)
                .orderCount(orderCount).level(level).book((short)book).side((short)side).action((short)action);
            commit(this.level.encodedLength());
        }
        return result;
    }

    public int onTradingStatus(final int instrumentId, final int status)
    {
        final int result = next.onTradingStatus(instrumentId, status);
        if (publishes(instrumentId))
        {
            reserve(TradingStatusEncoder.BLOCK_LENGTH);
            this.status.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).status(status);
            commit(this.status.encodedLength());
        }
        return result;
    }

    public void onStale(final int instrumentId)
    {
        next.onStale(instrumentId);
        state(instrumentId, true);
    }

    public void onLive(final int instrumentId)
    {
        next.onLive(instrumentId);
        state(instrumentId, false);
    }

    private void state(final int instrumentId, final boolean stale)
    {
        if (publishes(instrumentId))
        {
            reserve(InstrumentStateEncoder.BLOCK_LENGTH);
            state.wrapAndApplyHeader(buffer, position, header).instrumentId(instrumentId)
                .instrumentSequence(nextSequence(instrumentId)).stale((short)(stale ? 1 : 0));
            commit(state.encodedLength());
        }
    }

    public void onEndOfEvent()
    {
        next.onEndOfEvent();
        if (messageCount > 0)
        {
            flush(StreamDescriptor.KIND_END_OF_EVENT);
        }
    }

    /**
     * @param instrumentId instrument.
     * @return true when this publisher publishes it.
     */
    public boolean publishes(final int instrumentId)
    {
        return all || allowedIds.contains(instrumentId);
    }

    /**
     * @param instrumentId instrument.
     * @return the sequence of its last published event (0: none yet).
     */
    public long instrumentSequence(final int instrumentId)
    {
        return sequences.get(instrumentId);
    }

    /**
     * @return true between venue events: nothing encoded waits for its packet (a served snapshot is consistent).
     */
    public boolean atEventBoundary()
    {
        return messageCount == 0;
    }

    private long nextSequence(final int instrumentId)
    {
        final long sequence = sequences.get(instrumentId) + 1;
        sequences.put(instrumentId, sequence);
        return sequence;
    }

    private void reserve(final int blockLength)
    {
        if (position + MessageHeaderEncoder.ENCODED_LENGTH + blockLength > StreamDescriptor.MAX_PACKET_LENGTH)
        {
            flush(StreamDescriptor.KIND_CONTINUED);
        }
    }

    private void commit(final int blockLength)
    {
        position += MessageHeaderEncoder.ENCODED_LENGTH + blockLength;
        messageCount++;
    }

    private void flush(final int kind)
    {
        packet.wrapAndApplyHeader(buffer, 0, header).sequence(++streamSequence).sendingTimeNs(clock.nanoTime())
            .venueSendingTimeNs(venueSendTimeNs).messageCount(messageCount).kind((short)kind);
        int tries = 0;
        long result;
        while ((result = publication.offer(buffer, 0, position)) < 0)
        {
            if (result == Publication.NOT_CONNECTED)
            {
                counters.unheard().setRelease(++unheard);
                break;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || tries++ >= offerRetries)
            {
                counters.lost().setRelease(++lost);
                break;
            }
            counters.backPressured().setRelease(++backPressured);
            retryIdle.idle();
        }
        retryIdle.reset();
        if (result > 0)
        {
            counters.packets().setRelease(++packets);
            messages += messageCount;
            counters.messages().setRelease(messages);
        }
        position = StreamDescriptor.PACKET_HEADER_LENGTH;
        messageCount = 0;
    }

    /**
     * @return packets offered successfully.
     */
    public long packets()
    {
        return packets;
    }

    /**
     * @return messages (book events) in them.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * @return retries for back pressure.
     */
    public long backPressured()
    {
        return backPressured;
    }

    /**
     * @return packets lost after the retries.
     */
    public long lost()
    {
        return lost;
    }

    /**
     * @return packets offered with no subscriber connected.
     */
    public long unheard()
    {
        return unheard;
    }
}
