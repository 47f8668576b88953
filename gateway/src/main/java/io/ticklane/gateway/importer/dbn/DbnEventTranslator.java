package io.ticklane.gateway.importer.dbn;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelAction;
import io.ticklane.book.Side;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

import java.util.Map;

/**
 * The one rule that turns Databento DBN records into normalized book events, for the backtest's DBN source and for
 * {@link DbnImporter} (which encodes the same events as the project's feed).
 * <p>
 * MBO: R clears the book; A adds; C removes its size from the order (a modify to what is left, or a delete); M
 * replaces price and size; F (a resting order filled) is an execution of that order. Databento follows each F with
 * the C or M that the fill causes on the book; the translator remembers what each F executed and takes it off the
 * following C (or lets the M set the size), so the book changes once and the execution stays an execution, which
 * exact-FIFO queue position needs. T (the aggressor's side of a trade) is held: the F records that follow use up its
 * quantity, and whatever no F took (a trade against hidden or implied liquidity) becomes a trade event. Records for
 * orders the file never added are skipped and counted.
 * <p>
 * MBP-1 / MBP-10: the levels carried by each record are compared with the previous record's; changed levels become
 * {@link LevelAction#OVERLAY} (or {@link LevelAction#NEW} below the known ones) and levels that emptied become
 * {@link LevelAction#DELETE}, bottom first. T records become trades with their side as the aggressor.
 * <p>
 * Each record is announced with {@link BookEventHandler#onPacket}(sequence, ts_event, ts_recv); a record flagged
 * last-in-event ends the venue event ({@link BookEventHandler#onEndOfEvent}). Prices are scaled per
 * {@link DbnInstrument}. Allocation-free per record once each instrument has been seen.
 * <p>
 * Single thread.
 */
public final class DbnEventTranslator
{
    private static final long NONE = -1;
    private static final int MAX_LEVELS = 10;

    private static final class State
    {
        final DbnInstrument instrument;
        final Long2LongHashMap remaining = new Long2LongHashMap(1 << 14, 0.6f, NONE);
        final Long2LongHashMap filled = new Long2LongHashMap(64, 0.6f, NONE);
        final long[][] prices = new long[2][MAX_LEVELS];
        final long[][] sizes = new long[2][MAX_LEVELS];
        final int[][] counts = new int[2][MAX_LEVELS];
        final int[] known = new int[2];

        State(final DbnInstrument instrument)
        {
            this.instrument = instrument;
        }
    }

    private final Map<Integer, DbnInstrument> instruments;
    private final Int2ObjectHashMap<State> states = new Int2ObjectHashMap<>();
    private final BookEventHandler sink;
    private final InstrumentDefinition definition = new InstrumentDefinition();
    private final DbnMbo mbo = new DbnMbo();
    private final DbnMbp mbp = new DbnMbp();
    private boolean tradePending;
    private int tradeInstrument;
    private long tradePrice;
    private long tradeQuantity;
    private int tradeSide;
    private long skippedUnknownOrder;
    private long skippedOther;
    private long skippedUnknownInstrument;
    private long events;
    private long lastTsEvent;

    /**
     * @param instruments from {@link DbnInstruments#scan}.
     * @param sink        receives the events.
     */
    public DbnEventTranslator(final Map<Integer, DbnInstrument> instruments, final BookEventHandler sink)
    {
        this.instruments = instruments;
        this.sink = sink;
    }

    /**
     * Announces every instrument ({@link BookEventHandler#onDefinition}) and ends that event.
     *
     * @param tsEventNs time to stamp the definitions with.
     */
    public void defineAll(final long tsEventNs)
    {
        sink.onPacket(0, tsEventNs, tsEventNs);
        for (final DbnInstrument i : instruments.values())
        {
            sink.onDefinition(i.fill(definition));
        }
        sink.onEndOfEvent();
    }

    /**
     * Translates the reader's current record.
     *
     * @param reader positioned on a record.
     */
    public void onRecord(final DbnReader reader)
    {
        final int rtype = reader.rtype();
        if (rtype == DbnDescriptor.RTYPE_MBO)
        {
            onMbo(mbo.wrap(reader.buffer(), reader.offset()));
        }
        else if (rtype == DbnDescriptor.RTYPE_MBP_1 || rtype == DbnDescriptor.RTYPE_MBP_10)
        {
            onMbp(mbp.wrap(reader.buffer(), reader.offset(), reader.length()));
        }
        else
        {
            skippedOther++;
        }
    }

    /**
     * Ends the file: a held trade is delivered and the last event closed.
     */
    public void finish()
    {
        if (flushTrade())
        {
            sink.onEndOfEvent();
        }
    }

    private State state(final int instrumentId)
    {
        State s = states.get(instrumentId);
        if (null == s)
        {
            final DbnInstrument instrument = instruments.get(instrumentId);
            if (null == instrument)
            {
                return null;
            }
            s = new State(instrument);
            states.put(instrumentId, s);
        }
        return s;
    }

    private void onMbo(final DbnMbo r)
    {
        final State s = state(r.instrumentId());
        final char action = r.action();
        if (action != 'F' && tradePending)
        {
            flushTrade();
        }
        if (null == s)
        {
            skippedUnknownInstrument++;
            return;
        }
        final int id = r.instrumentId();
        lastTsEvent = r.tsEvent();
        sink.onPacket(r.sequence(), lastTsEvent, r.tsRecv());
        final long orderId = r.orderId();
        final long size = r.size();
        switch (action)
        {
            case 'R':
                s.remaining.clear();
                s.filled.clear();
                emit(sink.onClear(id));
                break;
            case 'A':
                add(s, id, orderId, r.side(), r.price(), size);
                break;
            case 'C':
                cancel(s, id, orderId, r.price(), size);
                break;
            case 'M':
                modify(s, id, orderId, r.price(), size);
                break;
            case 'F':
                fill(s, id, orderId, size);
                break;
            case 'T':
                tradePending = true;
                tradeInstrument = id;
                tradePrice = s.instrument.scale(r.price());
                tradeQuantity = size;
                tradeSide = side(r.side());
                break;
            default:
                skippedOther++;
        }
        if ((r.flags() & DbnDescriptor.FLAG_LAST) != 0)
        {
            flushTrade();
            sink.onEndOfEvent();
        }
    }

    private void add(final State s, final int id, final long orderId, final char sideCode, final long price,
        final long size)
    {
        final int side = side(sideCode);
        if (!Side.isValid(side) || size <= 0 || s.remaining.get(orderId) != NONE)
        {
            skippedOther++;
            return;
        }
        s.remaining.put(orderId, size);
        emit(sink.onAdd(id, orderId, side, s.instrument.scale(price), size));
    }

    private void cancel(final State s, final int id, final long orderId, final long price, final long size)
    {
        long removed = size;
        final long filled = s.filled.get(orderId);
        if (filled != NONE)
        {
            final long taken = Math.min(filled, removed);
            removed -= taken;
            if (filled - taken > 0)
            {
                s.filled.put(orderId, filled - taken);
            }
            else
            {
                s.filled.remove(orderId);
            }
            if (removed == 0)
            {
                return; // the fill already took it off the book
            }
        }
        final long known = s.remaining.get(orderId);
        if (known == NONE)
        {
            skippedUnknownOrder++;
            return;
        }
        final long left = known - removed;
        if (left > 0)
        {
            s.remaining.put(orderId, left);
            emit(sink.onModify(id, orderId, s.instrument.scale(price), left));
        }
        else
        {
            s.remaining.remove(orderId);
            emit(sink.onDelete(id, orderId));
        }
    }

    private void modify(final State s, final int id, final long orderId, final long price, final long size)
    {
        s.filled.remove(orderId);
        if (s.remaining.get(orderId) == NONE)
        {
            skippedUnknownOrder++;
            return;
        }
        if (size <= 0)
        {
            s.remaining.remove(orderId);
            emit(sink.onDelete(id, orderId));
            return;
        }
        s.remaining.put(orderId, size);
        emit(sink.onModify(id, orderId, s.instrument.scale(price), size));
    }

    private void fill(final State s, final int id, final long orderId, final long size)
    {
        final long known = s.remaining.get(orderId);
        if (known == NONE || size <= 0)
        {
            skippedUnknownOrder++;
            return;
        }
        final long executed = Math.min(known, size);
        if (known - executed > 0)
        {
            s.remaining.put(orderId, known - executed);
        }
        else
        {
            s.remaining.remove(orderId);
        }
        final long before = s.filled.get(orderId);
        s.filled.put(orderId, (before == NONE ? 0 : before) + executed);
        if (tradePending && tradeInstrument == id)
        {
            tradeQuantity -= Math.min(tradeQuantity, executed);
        }
        emit(sink.onExecute(id, orderId, executed));
    }

    private boolean flushTrade()
    {
        if (!tradePending)
        {
            return false;
        }
        tradePending = false;
        if (tradeQuantity > 0)
        {
            emit(sink.onTrade(tradeInstrument, tradePrice, tradeQuantity, tradeSide));
            return true;
        }
        return false;
    }

    private void onMbp(final DbnMbp r)
    {
        if (tradePending)
        {
            flushTrade();
        }
        final State s = state(r.instrumentId());
        if (null == s)
        {
            skippedUnknownInstrument++;
            return;
        }
        final int id = r.instrumentId();
        lastTsEvent = r.tsEvent();
        sink.onPacket(r.sequence(), lastTsEvent, r.tsRecv());
        final char action = r.action();
        if (action == 'T')
        {
            emit(sink.onTrade(id, s.instrument.scale(r.price()), r.size(), side(r.side())));
        }
        else if (action == 'R')
        {
            emit(sink.onClear(id));
            s.known[0] = 0;
            s.known[1] = 0;
        }
        levels(s, id, r, Side.BID);
        levels(s, id, r, Side.ASK);
        sink.onEndOfEvent(); // every MBP record is a complete book state
    }

    private void levels(final State s, final int id, final DbnMbp r, final int side)
    {
        final boolean ask = side == Side.ASK;
        final int n = Math.min(r.levelCount(), MAX_LEVELS);
        final long[] prices = s.prices[side];
        final long[] sizes = s.sizes[side];
        final int[] counts = s.counts[side];
        int now = 0;
        while (now < n && r.levelPrice(now, ask) != DbnDescriptor.UNDEF_PRICE && r.levelSize(now, ask) > 0)
        {
            now++;
        }
        final int before = s.known[side];
        for (int i = 0; i < now; i++)
        {
            final long price = s.instrument.scale(r.levelPrice(i, ask));
            final long size = r.levelSize(i, ask);
            final int count = r.levelCount(i, ask);
            if (i >= before)
            {
                emit(sink.onLevel(id, LevelAction.OUTRIGHT, side, LevelAction.NEW, i + 1, price, size, count));
            }
            else if (prices[i] != price || sizes[i] != size || counts[i] != count)
            {
                emit(sink.onLevel(id, LevelAction.OUTRIGHT, side, LevelAction.OVERLAY, i + 1, price, size, count));
            }
            prices[i] = price;
            sizes[i] = size;
            counts[i] = count;
        }
        for (int level = before; level > now; level--)
        {
            emit(sink.onLevel(id, LevelAction.OUTRIGHT, side, LevelAction.DELETE, level, prices[level - 1], 0, 0));
        }
        s.known[side] = now;
    }

    private void emit(final int result)
    {
        events++;
    }

    private static int side(final char code)
    {
        return code == 'B' ? Side.BID : code == 'A' ? Side.ASK : -1;
    }

    /**
     * @return events handed to the sink.
     */
    public long events()
    {
        return events;
    }

    /**
     * @return C, M and F records for orders never added (the file started after them).
     */
    public long skippedUnknownOrder()
    {
        return skippedUnknownOrder;
    }

    /**
     * @return records of other types or actions that change no book (N, status, statistics, ...).
     */
    public long skippedOther()
    {
        return skippedOther;
    }

    /**
     * @return records of instruments the scan did not derive.
     */
    public long skippedUnknownInstrument()
    {
        return skippedUnknownInstrument;
    }

    /**
     * @return ts_event of the last translated record.
     */
    public long lastTsEvent()
    {
        return lastTsEvent;
    }
}
