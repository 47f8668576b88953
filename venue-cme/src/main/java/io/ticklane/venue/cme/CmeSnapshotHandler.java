package io.ticklane.venue.cme;

import io.ticklane.book.LevelAction;
import io.ticklane.book.Side;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture27Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture54Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption41Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption55Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread29Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread56Decoder;
import io.ticklane.venue.cme.sbe.PRICENULL9Decoder;
import io.ticklane.venue.cme.sbe.PRICENULLDecoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh38Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh52Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook44Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook53Decoder;

/**
 * The snapshot loops of a {@link CmeSession}'s channel. A market-by-price snapshot (38, 52) of an instrument that
 * needs one rebuilds its level books: each side of each book is emptied ({@code DeleteThru}, so every level is known
 * empty) and each snapshot level written with {@code Overlay} (order-independent), which leaves the books exactly as
 * the snapshot describes them without touching the order book. A market-by-order snapshot (44, 53) arrives in chunks
 * that are assembled (the copy on the other line ignored) and then sent as {@code onSnapshotBegin}, the orders in
 * priority order, {@code onSnapshotEnd}. Either way the buffered incrementals after the snapshot's
 * LastMsgSeqNumProcessed are replayed for that instrument, and it turns live.
 * <p>
 * Also the definition feed's view ({@link #definitionsOnly()}). Single thread (the session's); allocation-free.
 */
public final class CmeSnapshotHandler implements MdpMessageHandler
{
    private static final long PRICE7_TO_9 = 100;
    private static final int INT32_NULL = Integer.MAX_VALUE;

    private final CmeSession session;
    private final MdpMessageHandler definitionsOnly;
    private final long[] orderId;
    private final long[] priority;
    private final long[] price;
    private final int[] quantity;
    private final byte[] side;
    private final int[] order;
    private int assembledSecurityId;
    private long assembledLastSequence = -1;
    private long assembledChunks;
    private long lastChunk;
    private int assembledOrders;
    private boolean assembling;
    private long levelSnapshots;
    private long levelSnapshotsApplied;
    private long orderSnapshotsApplied;
    private long unusable;
    private long beforeReset;
    private long silentGaps;
    private long orderSnapshotOverflows;
    private long chunksOutOfOrder;
    private long failed;

    CmeSnapshotHandler(final CmeSession session, final int maxOrders)
    {
        this.session = session;
        orderId = new long[maxOrders];
        priority = new long[maxOrders];
        price = new long[maxOrders];
        quantity = new int[maxOrders];
        side = new byte[maxOrders];
        order = new int[maxOrders];
        definitionsOnly = new DefinitionsOnly();
    }

    /**
     * @return a handler that takes only the definitions of a packet (the instrument definition feed).
     */
    MdpMessageHandler definitionsOnly()
    {
        return definitionsOnly;
    }

    /**
     * Drops an order snapshot being assembled (a channel reset).
     */
    void abandon()
    {
        assembling = false;
        assembledLastSequence = -1;
    }

    private boolean beforeReset(final long lastSequence)
    {
        if (session.lastResetSequence >= 0 && lastSequence < session.lastResetSequence)
        {
            beforeReset++; // CME deletes the snapshots of a channel it reset; one still in flight is stale
            return true;
        }
        return false;
    }

    /**
     * @return the instrument when its level book wants this snapshot, else null.
     */
    private CmeInstrument levelTarget(final int securityId, final long lastSequence, final long rptSeq)
    {
        levelSnapshots++;
        if (beforeReset(lastSequence))
        {
            return null;
        }
        final CmeInstrument instrument = session.instrument(securityId);
        if (instrument == null || !instrument.hasLevels)
        {
            return null;
        }
        if (instrument.levels == CmeInstrument.LIVE)
        {
            if (lastSequence > session.lastProcessedSequence || rptSeq <= instrument.rptSeq)
            {
                return null;
            }
            // The snapshot saw entries of this instrument in packets we processed, which we never applied.
            silentGaps++;
            instrument.rptSeqGaps++;
            instrument.levels = CmeInstrument.STALE;
            session.refreshState(instrument);
        }
        if (!session.covered(lastSequence))
        {
            unusable++;
            if (instrument.levels == CmeInstrument.UNSEEN)
            {
                instrument.levels = CmeInstrument.STALE;
                session.refreshState(instrument);
            }
            return null;
        }
        return instrument;
    }

    private void snapshotLevel(
        final CmeInstrument instrument, final byte type, final int level, final long levelPrice, final int size,
        final int orders)
    {
        if (type != '0' && type != '1' && type != 'E' && type != 'F')
        {
            return; // statistics of the snapshot (open, high, settlement, ...): not book content
        }
        final int book = type == 'E' || type == 'F' ? LevelAction.IMPLIED : LevelAction.OUTRIGHT;
        final int depth = book == LevelAction.OUTRIGHT ? instrument.definition.depth() :
            instrument.definition.impliedDepth();
        if (level > depth)
        {
            instrument.beyondDepth++;
            return;
        }
        if (levelPrice == io.ticklane.book.OrderBook.NULL_PRICE || size == INT32_NULL || size < 0)
        {
            instrument.badEntries++;
            session.markStale(instrument);
            return;
        }
        session.deliver(instrument, session.sink.onLevel(instrument.securityId, book,
            type == '0' || type == 'E' ? Side.BID : Side.ASK, LevelAction.OVERLAY, level, levelPrice, size,
            orders == INT32_NULL || orders < 0 ? 0 : orders));
    }

    private static long trouble(final CmeInstrument instrument)
    {
        return instrument.backPressured + instrument.badEntries;
    }

    private long startLevels(final CmeInstrument instrument)
    {
        if (instrument.levels == CmeInstrument.UNSEEN)
        {
            instrument.levels = CmeInstrument.STALE; // so that a snapshot that fails halfway leaves it stale
        }
        final long before = trouble(instrument);
        session.emptyLevels(instrument);
        return before;
    }

    private void finishLevels(final CmeInstrument instrument, final long lastSequence, final long rptSeq,
        final short status, final long troubleBefore)
    {
        final int mapped = CmeTradingStatus.map(status);
        if (mapped != CmeTradingStatus.NO_CHANGE)
        {
            session.tradingStatus(instrument, mapped);
        }
        if (trouble(instrument) != troubleBefore)
        {
            failed++; // the sink could not take it all, or it described a level without a price: still stale
            session.refreshState(instrument);
            session.publishRecovery();
            return;
        }
        instrument.rptSeq = rptSeq;
        instrument.lastRptSeqSeen = Math.max(instrument.lastRptSeqSeen, rptSeq);
        instrument.levels = CmeInstrument.LIVE;
        levelSnapshotsApplied++;
        instrument.recoveries++;
        session.replay(instrument, false, lastSequence);
        session.refreshState(instrument);
        session.publishRecovery();
    }

    public void onSnapshot(final SnapshotFullRefresh38Decoder m)
    {
        final CmeInstrument instrument = levelTarget(m.securityID(), m.lastMsgSeqNumProcessed(), m.rptSeq());
        if (instrument == null)
        {
            return;
        }
        final long trouble = startLevels(instrument);
        final SnapshotFullRefresh38Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            final long p = e.mDEntryPx().mantissa();
            snapshotLevel(instrument, e.mDEntryTypeRaw(), e.mDPriceLevel(),
                p == PRICENULLDecoder.mantissaNullValue() ? io.ticklane.book.OrderBook.NULL_PRICE : p * PRICE7_TO_9,
                e.mDEntrySize(), e.numberOfOrders());
        }
        finishLevels(instrument, m.lastMsgSeqNumProcessed(), m.rptSeq(), m.mDSecurityTradingStatusRaw(), trouble);
    }

    public void onSnapshot(final SnapshotFullRefresh52Decoder m)
    {
        final CmeInstrument instrument = levelTarget(m.securityID(), m.lastMsgSeqNumProcessed(), m.rptSeq());
        if (instrument == null)
        {
            return;
        }
        final long trouble = startLevels(instrument);
        final SnapshotFullRefresh52Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            final long p = e.mDEntryPx().mantissa();
            snapshotLevel(instrument, e.mDEntryTypeRaw(), e.mDPriceLevel(),
                p == PRICENULL9Decoder.mantissaNullValue() ? io.ticklane.book.OrderBook.NULL_PRICE : p,
                e.mDEntrySize(), e.numberOfOrders());
        }
        finishLevels(instrument, m.lastMsgSeqNumProcessed(), m.rptSeq(), m.mDSecurityTradingStatusRaw(), trouble);
    }

    /**
     * @return true when this chunk continues (or starts) the assembly; false for a copy or an orphan chunk.
     */
    private boolean chunk(final int securityId, final long lastSequence, final long chunks, final long chunk)
    {
        if (assembledLastSequence == lastSequence && assembledSecurityId == securityId && chunk <= lastChunk)
        {
            return false; // the other line's copy of a chunk already taken
        }
        if (chunk == 1)
        {
            assembling = true;
            assembledSecurityId = securityId;
            assembledLastSequence = lastSequence;
            assembledChunks = chunks;
            assembledOrders = 0;
            lastChunk = 1;
            return true;
        }
        if (assembling && assembledSecurityId == securityId && assembledLastSequence == lastSequence &&
            chunk == lastChunk + 1 && chunks == assembledChunks)
        {
            lastChunk = chunk;
            return true;
        }
        chunksOutOfOrder++;
        assembling = false;
        return false;
    }

    private void addOrder(final long id, final long orderPriority, final long orderPrice, final int size,
        final byte type)
    {
        if (!assembling)
        {
            return;
        }
        if (assembledOrders == orderId.length)
        {
            orderSnapshotOverflows++;
            assembling = false;
            return;
        }
        final int i = assembledOrders++;
        orderId[i] = id;
        priority[i] = orderPriority;
        price[i] = orderPrice;
        quantity[i] = size;
        side[i] = type;
    }

    public void onOrderSnapshot(final SnapshotFullRefreshOrderBook44Decoder m)
    {
        if (!chunk(m.securityID(), m.lastMsgSeqNumProcessed(), m.noChunks(), m.currentChunk()))
        {
            return;
        }
        final SnapshotFullRefreshOrderBook44Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            addOrder(e.orderID(), e.mDOrderPriority(), e.mDEntryPx().mantissa() * PRICE7_TO_9, e.mDDisplayQty(),
                e.mDEntryTypeRaw());
        }
        if (m.currentChunk() == m.noChunks() && assembling)
        {
            completeOrders();
        }
    }

    public void onOrderSnapshot(final SnapshotFullRefreshOrderBook53Decoder m)
    {
        if (!chunk(m.securityID(), m.lastMsgSeqNumProcessed(), m.noChunks(), m.currentChunk()))
        {
            return;
        }
        final SnapshotFullRefreshOrderBook53Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            addOrder(e.orderID(), e.mDOrderPriority(), e.mDEntryPx().mantissa(), e.mDDisplayQty(), e.mDEntryTypeRaw());
        }
        if (m.currentChunk() == m.noChunks() && assembling)
        {
            completeOrders();
        }
    }

    private void completeOrders()
    {
        assembling = false;
        final long lastSequence = assembledLastSequence;
        if (beforeReset(lastSequence))
        {
            return;
        }
        final CmeInstrument instrument = session.instrument(assembledSecurityId);
        if (instrument == null || !instrument.hasOrders || instrument.orders == CmeInstrument.LIVE)
        {
            return;
        }
        if (!session.covered(lastSequence))
        {
            unusable++;
            return;
        }
        int n = 0;
        for (int i = 0; i < assembledOrders; i++)
        {
            if (quantity[i] > 0 && quantity[i] != INT32_NULL)
            {
                order[n++] = i; // an order without a displayed quantity rests nowhere
            }
        }
        sortByPriority(n);
        final int id = instrument.securityId;
        if (instrument.orders == CmeInstrument.UNSEEN)
        {
            instrument.orders = CmeInstrument.STALE; // so that a snapshot that fails halfway leaves it stale
        }
        final long troubleBefore = trouble(instrument);
        session.deliver(instrument, session.sink.onSnapshotBegin(id, lastSequence, n));
        for (int k = 0; k < n; k++)
        {
            final int i = order[k];
            session.deliver(instrument, session.sink.onSnapshotOrder(id, orderId[i],
                side[i] == '0' ? Side.BID : Side.ASK, price[i], quantity[i]));
        }
        session.deliver(instrument, session.sink.onSnapshotEnd(id, lastSequence));
        if (trouble(instrument) != troubleBefore)
        {
            failed++;
            session.refreshState(instrument);
            session.publishRecovery();
            return;
        }
        instrument.orders = CmeInstrument.LIVE;
        orderSnapshotsApplied++;
        instrument.recoveries++;
        session.replay(instrument, true, lastSequence);
        session.refreshState(instrument);
        session.publishRecovery();
    }

    /**
     * Heap sort of {@link #order} by unsigned priority (a null priority, all ones, last): queue order within each
     * level, without allocating.
     */
    private void sortByPriority(final int n)
    {
        for (int start = n / 2 - 1; start >= 0; start--)
        {
            siftDown(start, n);
        }
        for (int end = n - 1; end > 0; end--)
        {
            final int top = order[0];
            order[0] = order[end];
            order[end] = top;
            siftDown(0, end);
        }
    }

    private void siftDown(final int from, final int n)
    {
        int root = from;
        while (true)
        {
            int child = 2 * root + 1;
            if (child >= n)
            {
                return;
            }
            if (child + 1 < n && Long.compareUnsigned(priority[order[child + 1]], priority[order[child]]) > 0)
            {
                child++;
            }
            if (Long.compareUnsigned(priority[order[child]], priority[order[root]]) <= 0)
            {
                return;
            }
            final int swap = order[root];
            order[root] = order[child];
            order[child] = swap;
            root = child;
        }
    }

    public long levelSnapshots()
    {
        return levelSnapshots;
    }

    public long levelSnapshotsApplied()
    {
        return levelSnapshotsApplied;
    }

    public long orderSnapshotsApplied()
    {
        return orderSnapshotsApplied;
    }

    /**
     * @return snapshots of instruments that needed one but that the recovery buffer could not bring up to date.
     */
    public long unusable()
    {
        return unusable;
    }

    /**
     * @return snapshots taken before the channel's last reset, ignored.
     */
    public long beforeReset()
    {
        return beforeReset;
    }

    /**
     * @return live instruments a snapshot showed to have missed entries.
     */
    public long silentGaps()
    {
        return silentGaps;
    }

    public long orderSnapshotOverflows()
    {
        return orderSnapshotOverflows;
    }

    public long chunksOutOfOrder()
    {
        return chunksOutOfOrder;
    }

    /**
     * @return snapshots whose application the sink refused (back pressure) or that described a level without a
     *         price; the instrument stays stale for the next one.
     */
    public long failed()
    {
        return failed;
    }

    /** The definition feed: definitions only, no sequencing (the loop repeats every definition). */
    private final class DefinitionsOnly implements MdpMessageHandler
    {
        public void onDefinitionFuture(final MDInstrumentDefinitionFuture27Decoder m)
        {
            session.definitions.read(m);
            session.onDefinition();
        }

        public void onDefinitionSpread(final MDInstrumentDefinitionSpread29Decoder m)
        {
            session.definitions.read(m);
            session.onDefinition();
        }

        public void onDefinitionOption(final MDInstrumentDefinitionOption41Decoder m)
        {
            session.definitions.read(m);
            session.onDefinition();
        }

        public void onDefinitionFuture(final MDInstrumentDefinitionFuture54Decoder m)
        {
            session.definitions.read(m);
            session.onDefinition();
        }

        public void onDefinitionOption(final MDInstrumentDefinitionOption55Decoder m)
        {
            session.definitions.read(m);
            session.onDefinition();
        }

        public void onDefinitionSpread(final MDInstrumentDefinitionSpread56Decoder m)
        {
            session.definitions.read(m);
            session.onDefinition();
        }
    }
}
