package io.ticklane.client;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ticklane.book.BookEventApplier;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.LevelAction;
import io.ticklane.book.BookView;
import io.ticklane.config.PublishSettings;
import io.ticklane.stream.StreamDescriptor;
import io.ticklane.stream.StreamReader;
import io.ticklane.stream.sbe.DefinitionDecoder;
import io.ticklane.stream.sbe.MessageHeaderDecoder;
import io.ticklane.stream.sbe.MessageHeaderEncoder;
import io.ticklane.stream.sbe.PacketDecoder;
import io.ticklane.stream.sbe.SnapshotBeginDecoder;
import io.ticklane.stream.sbe.SnapshotEndDecoder;
import io.ticklane.stream.sbe.SnapshotLevelDecoder;
import io.ticklane.stream.sbe.SnapshotOrderDecoder;
import io.ticklane.stream.sbe.SnapshotRequestEncoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * Subscribes to the engine's normalized book stream and rebuilds the books with the book module's own
 * {@link BookEventApplier}, so a strategy reads them through the same {@link BookView} / {@code BookListener} API
 * as in-process readers and backtests (the listener is the one given to the applier's factory).
 * <p>
 * Recovery (docs/STREAM.md): every packet's stream sequence is checked per publisher (Aeron session), every
 * incremental's instrument sequence per instrument. A stream gap makes every known instrument recover; an
 * instrument gap (or an unknown instrument joining mid-stream) that instrument. A recovering instrument is marked
 * stale, a snapshot is requested, its incrementals are buffered; the snapshot rebuilds the book as of its instrument
 * sequence, the buffered incrementals after it are applied, and the instrument is live again. A snapshot that does
 * not come within the timeout is asked for again. On start the client asks for a snapshot of everything once its
 * incremental subscription is connected (late join).
 * <p>
 * Threading: one thread runs {@link #doWork()} and owns the books; other threads read them through their seqlock
 * readers ({@link InstrumentBook#reader()}). Allocation-free in steady state; recovery buffers grow as needed.
 */
public final class StreamClient implements Agent
{
    private static final int POLL_LIMIT = 64;
    private static final long NONE = Long.MIN_VALUE;

    private final Subscription incrementals;
    private final Subscription snapshots;
    private final Publication requests;
    private final BookEventApplier applier;
    private final ClientCounters counters;
    private final EpochNanoClock clock;
    private final long snapshotTimeoutNs;
    private final StreamReader reader = new StreamReader();
    private final PacketDecoder packet = new PacketDecoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SnapshotBeginDecoder begin = new SnapshotBeginDecoder();
    private final SnapshotOrderDecoder order = new SnapshotOrderDecoder();
    private final SnapshotLevelDecoder level = new SnapshotLevelDecoder();
    private final SnapshotEndDecoder end = new SnapshotEndDecoder();
    private final SnapshotRequestEncoder request = new SnapshotRequestEncoder();
    private final MessageHeaderEncoder requestHeader = new MessageHeaderEncoder();
    private final UnsafeBuffer requestBuffer = new UnsafeBuffer(new byte[64]);
    private final Long2LongHashMap streamSequences = new Long2LongHashMap(NONE);
    private final Long2LongHashMap snapshotSequences = new Long2LongHashMap(NONE);
    private final Long2LongHashMap applied = new Long2LongHashMap(0);
    /** The Aeron session (publisher) whose incrementals built each instrument's book. */
    private final Long2LongHashMap instrumentSessions = new Long2LongHashMap(NONE);
    private final Long2LongHashMap requestedAtNs = new Long2LongHashMap(NONE);
    private final Long2LongHashMap building = new Long2LongHashMap(NONE);
    private final Long2LongHashMap buildingStatus = new Long2LongHashMap(-1); // tradingStatus << 1 | stale
    private final IntHashSet recovering = new IntHashSet();
    private final ExpandableDirectByteBuffer pending = new ExpandableDirectByteBuffer(1 << 16);
    // packets larger than the channel's MTU arrive as fragments: reassembled into whole packets here
    private final FragmentHandler incrementalHandler = new FragmentAssembler(this::onIncrementalPacket);
    private final FragmentHandler snapshotHandler = new FragmentAssembler(this::onSnapshotPacket);
    private int pendingLength;
    private boolean joined;
    private long requestIds;
    private long packets;
    private long messages;
    private long gaps;
    private long instrumentGaps;
    private long recoveries;
    private long publisherRestarts;
    private long snapshotRequests;
    private long nextTimeoutCheckNs;
    private long lagNs;
    private int dropPackets;

    /**
     * @param aeron             connected client.
     * @param settings          the {@code publish.*} channels and streams, and the snapshot timeout.
     * @param applier           rebuilds the books (its factory's listener hears every change).
     * @param counters          counters.
     * @param clock             epoch ns, for the lag.
     */
    public StreamClient(
        final Aeron aeron,
        final PublishSettings settings,
        final BookEventApplier applier,
        final ClientCounters counters,
        final EpochNanoClock clock)
    {
        this.applier = applier;
        this.counters = counters;
        this.clock = clock;
        this.snapshotTimeoutNs = settings.snapshotTimeoutNs();
        this.incrementals = aeron.addSubscription(settings.channel(), settings.streamId());
        this.snapshots = aeron.addSubscription(settings.snapshotChannel(), settings.snapshotStreamId());
        this.requests = aeron.addPublication(settings.requestChannel(), settings.requestStreamId());
        this.requestIds = (long)ProcessHandle.current().pid() << 32;
    }

    public int doWork()
    {
        int work = snapshots.poll(snapshotHandler, POLL_LIMIT);
        work += incrementals.poll(incrementalHandler, POLL_LIMIT);
        if (!joined && incrementals.isConnected() && requests.isConnected())
        {
            joined = sendRequest(0, true); // late join: a snapshot of everything the gateways have
            work++;
        }
        final long nowNs = clock.nanoTime();
        if (nowNs - nextTimeoutCheckNs >= 0)
        {
            nextTimeoutCheckNs = nowNs + snapshotTimeoutNs / 4;
            work += retryTimedOut(nowNs);
        }
        return work;
    }

    private void onIncrementalPacket(final DirectBuffer buffer, final int offset, final int length, final Header h)
    {
        if (dropPackets > 0)
        {
            dropPackets--; // loss injection (tests): as if the packets never arrived
            return;
        }
        if (!wrapPacket(buffer, offset, length))
        {
            return;
        }
        final long sequence = packet.sequence();
        final boolean heartbeat = packet.kind() == StreamDescriptor.KIND_HEARTBEAT; // carries the last sequence sent
        final long expected = heartbeat ? sequence : sequence - 1;
        final long last = streamSequences.get(h.sessionId());
        if (last == NONE || sequence > last)
        {
            streamSequences.put(h.sessionId(), sequence);
        }
        if (last != NONE && expected > last)
        {
            gaps += expected - last;
            counters.gaps().setRelease(gaps);
            recoverAll();
        }
        if (heartbeat)
        {
            return;
        }
        final int limit = offset + length;
        int at = offset + StreamDescriptor.PACKET_HEADER_LENGTH;
        int n = 0;
        int len;
        while (n++ < packet.messageCount() && (len = reader.wrap(buffer, at, limit)) > 0)
        {
            if (StreamDescriptor.isIncremental(reader.templateId()))
            {
                onIncremental(buffer, at, len, h.sessionId());
            }
            at += len;
            messages++;
        }
        counters.messages().setRelease(messages);
        if (packet.kind() == StreamDescriptor.KIND_END_OF_EVENT)
        {
            applier.onEndOfEvent();
        }
    }

    private boolean wrapPacket(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < StreamDescriptor.PACKET_HEADER_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.templateId() != PacketDecoder.TEMPLATE_ID)
        {
            return false;
        }
        packet.wrapAndApplyHeader(buffer, offset, header);
        counters.packets().setRelease(++packets);
        lagNs = clock.nanoTime() - packet.sendingTimeNs();
        counters.lagNs().setRelease(lagNs);
        return true;
    }

    private void onIncremental(final DirectBuffer buffer, final int at, final int length, final int sessionId)
    {
        final int id = reader.instrumentId();
        final long sequence = reader.instrumentSequence();
        final long session = instrumentSessions.put(id, sessionId);
        if (session != NONE && session != sessionId)
        {
            // a new publisher for this instrument (its gateway restarted, or another took it over): its instrument
            // sequences start again, so the book is rebuilt from that publisher's snapshot, never left as it was
            counters.publisherRestarts().setRelease(++publisherRestarts);
            applied.remove(id);
            startRecovery(id, true);
        }
        if (recovering.contains(id))
        {
            buffer(buffer, at, length);
            return;
        }
        final long last = applied.get(id);
        if (sequence <= last)
        {
            return; // already in the books (a snapshot covered it)
        }
        if (sequence == last + 1)
        {
            reader.dispatch(applier);
            applied.put(id, sequence);
            return;
        }
        if (last > 0)
        {
            counters.instrumentGaps().setRelease(++instrumentGaps);
        }
        startRecovery(id, true);
        buffer(buffer, at, length);
    }

    private void onSnapshotPacket(final DirectBuffer buffer, final int offset, final int length, final Header h)
    {
        if (!wrapPacket(buffer, offset, length) || packet.kind() != StreamDescriptor.KIND_SNAPSHOT)
        {
            return;
        }
        final long sequence = packet.sequence();
        final long last = snapshotSequences.put(h.sessionId(), sequence);
        if (last != NONE && sequence != last + 1)
        {
            building.clear(); // a part of some snapshot is missing: the timeout asks again
        }
        final int limit = offset + length;
        int at = offset + StreamDescriptor.PACKET_HEADER_LENGTH;
        int n = 0;
        int len;
        while (n++ < packet.messageCount() && (len = reader.wrap(buffer, at, limit)) > 0)
        {
            onSnapshotMessage(buffer, at);
            at += len;
        }
    }

    private void onSnapshotMessage(final DirectBuffer buffer, final int at)
    {
        final int body = reader.bodyOffset();
        switch (reader.templateId())
        {
            case SnapshotBeginDecoder.TEMPLATE_ID:
                begin.wrap(buffer, body, reader.blockLength(), reader.version());
                final int id = begin.instrumentId();
                if (!recovering.contains(id) && applied.get(id) == 0)
                {
                    startRecovery(id, false); // late join: an instrument this client has not seen yet
                }
                if (recovering.contains(id))
                {
                    building.put(id, begin.instrumentSequence());
                    buildingStatus.put(id, (long)begin.tradingStatus() << 1 | (begin.stale() & 1));
                }
                break;
            case DefinitionDecoder.TEMPLATE_ID:
                final int defined = reader.instrumentId();
                if (building.containsKey(defined))
                {
                    applier.onDefinition(reader.definition(buffer, at));
                    applier.onClear(defined);
                }
                break;
            case SnapshotOrderDecoder.TEMPLATE_ID:
                order.wrap(buffer, body, reader.blockLength(), reader.version());
                if (building.containsKey(order.instrumentId()))
                {
                    applier.onSnapshotOrder(order.instrumentId(), order.orderId(), order.side(), order.price(),
                        order.quantity());
                }
                break;
            case SnapshotLevelDecoder.TEMPLATE_ID:
                level.wrap(buffer, body, reader.blockLength(), reader.version());
                onSnapshotLevel();
                break;
            case SnapshotEndDecoder.TEMPLATE_ID:
                end.wrap(buffer, body, reader.blockLength(), reader.version());
                if (building.get(end.instrumentId()) == end.instrumentSequence())
                {
                    building.remove(end.instrumentId());
                    completeRecovery(end.instrumentId(), end.instrumentSequence());
                }
                break;
            default:
                break;
        }
    }

    private void onSnapshotLevel()
    {
        final int id = level.instrumentId();
        if (!building.containsKey(id))
        {
            return;
        }
        if (level.slotState() == StreamDescriptor.SLOT_KNOWN)
        {
            applier.onLevel(id, level.book(), level.side(), LevelAction.OVERLAY, level.level(), level.price(),
                level.quantity(), level.orderCount());
        }
        else if (level.slotState() == StreamDescriptor.SLOT_UNKNOWN)
        {
            applier.onLevel(id, level.book(), level.side(), LevelAction.FORGET, level.level(), 0, 0, 0);
        }
    }

    private void completeRecovery(final int id, final long snapshotSequence)
    {
        final long status = buildingStatus.remove(id);
        if (status >= 0)
        {
            applier.onTradingStatus(id, (int)(status >> 1));
        }
        if (status >= 0 && (status & 1) != 0)
        {
            applier.onStale(id); // the gateway's own book is stale: so is this copy, until the gateway recovers
        }
        else
        {
            applier.onLive(id);
        }
        if (snapshotSequence > 0)
        {
            applied.put(id, snapshotSequence);
        }
        recovering.remove(id);
        requestedAtNs.remove(id);
        if (!replay(id))
        {
            startRecovery(id, true);
        }
        else
        {
            counters.recoveries().setRelease(++recoveries);
        }
        counters.recovering().setRelease(recovering.size());
        if (recovering.isEmpty())
        {
            pendingLength = 0;
        }
        applier.onEndOfEvent();
    }

    /**
     * Applies the buffered incrementals of one instrument after its snapshot.
     *
     * @return false on a hole in them (the instrument must recover again).
     */
    private boolean replay(final int id)
    {
        int at = 0;
        while (at < pendingLength)
        {
            final int length = pending.getInt(at);
            final int message = at + Integer.BYTES;
            at = message + length;
            if (reader.wrap(pending, message, message + length) < 0 || reader.instrumentId() != id)
            {
                continue;
            }
            final long sequence = reader.instrumentSequence();
            final long last = applied.get(id);
            if (sequence <= last)
            {
                continue;
            }
            if (sequence != last + 1)
            {
                counters.instrumentGaps().setRelease(++instrumentGaps);
                return false;
            }
            reader.dispatch(applier);
            applied.put(id, sequence);
        }
        return true;
    }

    private void buffer(final DirectBuffer buffer, final int at, final int length)
    {
        pending.putInt(pendingLength, length);
        pending.putBytes(pendingLength + Integer.BYTES, buffer, at, length);
        pendingLength += Integer.BYTES + length;
    }

    private void recoverAll()
    {
        final boolean any = applied.size() > 0;
        final Long2LongHashMap.KeyIterator ids = applied.keySet().iterator();
        while (ids.hasNext())
        {
            startRecovery((int)ids.nextValue(), false);
        }
        if (any)
        {
            sendRequest(0, true);
        }
    }

    private void startRecovery(final int id, final boolean request)
    {
        if (recovering.add(id))
        {
            applier.onStale(id);
            counters.recovering().setRelease(recovering.size());
            requestedAtNs.put(id, clock.nanoTime());
            if (request)
            {
                sendRequest(id, false);
            }
        }
    }

    private int retryTimedOut(final long nowNs)
    {
        int asked = 0;
        final Long2LongHashMap.KeyIterator ids = requestedAtNs.keySet().iterator();
        while (ids.hasNext())
        {
            final long id = ids.nextValue();
            if (nowNs - requestedAtNs.get(id) >= snapshotTimeoutNs)
            {
                requestedAtNs.put(id, nowNs);
                building.remove(id);
                sendRequest((int)id, false);
                asked++;
            }
        }
        return asked;
    }

    private boolean sendRequest(final int instrumentId, final boolean all)
    {
        request.wrapAndApplyHeader(requestBuffer, 0, requestHeader).requestId(++requestIds)
            .instrumentId(instrumentId).allInstruments((short)(all ? 1 : 0));
        final boolean sent = requests.offer(requestBuffer, 0,
            MessageHeaderEncoder.ENCODED_LENGTH + request.encodedLength()) > 0;
        if (sent)
        {
            counters.snapshotRequests().setRelease(++snapshotRequests);
        }
        return sent; // not sent: the timeout asks again
    }

    /**
     * Loss injection for tests and drills: the next incremental packets are dropped as if lost on the wire. Owner
     * thread only.
     *
     * @param packets how many to drop.
     */
    public void dropIncrementalPackets(final int packets)
    {
        dropPackets = packets;
    }

    /**
     * Owner thread only.
     *
     * @param instrumentId instrument.
     * @return its book view, or null when not (yet) known.
     */
    public InstrumentBook book(final int instrumentId)
    {
        return applier.book(instrumentId);
    }

    /**
     * Owner thread only.
     *
     * @return every known instrument's book, by instrument id (allocates).
     */
    public List<InstrumentBook> books()
    {
        return applier.books();
    }

    /**
     * @return true once the client asked for its late-join snapshot (the streams are connected).
     */
    public boolean joined()
    {
        return joined;
    }

    /**
     * @return instruments waiting for a snapshot now.
     */
    public int recovering()
    {
        return recovering.size();
    }

    /**
     * @return images (publishers) of the incremental subscription now.
     */
    public int images()
    {
        return incrementals.imageCount();
    }

    public long packets()
    {
        return packets;
    }

    public long messages()
    {
        return messages;
    }

    public long gaps()
    {
        return gaps;
    }

    public long instrumentGaps()
    {
        return instrumentGaps;
    }

    public long recoveries()
    {
        return recoveries;
    }

    /**
     * @return instruments whose incrementals came from a new publisher (Aeron session): a restarted gateway.
     */
    public long publisherRestarts()
    {
        return publisherRestarts;
    }

    public long snapshotRequests()
    {
        return snapshotRequests;
    }

    /**
     * Owner thread (e.g. from a {@code BookListener} during the packet's end of event).
     *
     * @return the gateway's sending time of the packet being (or last) processed, epoch ns.
     */
    public long packetSendingTimeNs()
    {
        return packet.sendingTimeNs();
    }

    /**
     * @return now minus the gateway's sending time of the last packet received, ns.
     */
    public long lagNs()
    {
        return lagNs;
    }

    /**
     * @return the applier that owns the books.
     */
    public BookEventApplier applier()
    {
        return applier;
    }

    public void onClose()
    {
        CloseHelper.quietCloseAll(incrementals, snapshots, requests);
    }

    public String roleName()
    {
        return "stream-client";
    }
}
