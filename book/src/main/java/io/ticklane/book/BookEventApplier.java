package io.ticklane.book;

import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one owner of the rules that turn normalized book events into book calls. The live book agent (events from its
 * ring), replay and backtests (events straight from the protocol sessions) and the reference model (with
 * {@link BookFactory#reference()}) all apply events through this class, so they cannot disagree.
 * <p>
 * Rules:
 * <ul>
 * <li>A definition makes the instrument's books ({@link BookFactory}); a repeated equal definition changes nothing;
 * a different one replaces the books with empty ones (the old order book's slots go back to its pool) and keeps
 * the instrument's stale state and trading status. A definition the factory cannot build (bad tick, no room) is
 * refused and counted; the old books stay. A band wider than {@link #maxBandTicks(int)} is cut to it and counted
 * (prices beyond it stay exact in the ladder's overflow).</li>
 * <li>Adds, modifies, deletes and executions apply to the order book; a trade changes no book and reaches the
 * listener; a clear empties every book of the instrument, a snapshot's begin its order book (price-level snapshots
 * arrive as level events); a snapshot order is an add; a
 * snapshot's end changes nothing (the session says {@code onLive} once the book has caught up); level events
 * apply to the market-by-price book; stale/live and trading status are the instrument's state.</li>
 * <li>An event for an instrument never defined, or for a book the instrument does not have, is rejected and
 * counted, except stale/live/status, which are ignored until the definition arrives (it comes with the snapshot).
 * A book's refusal is counted by reason ({@link BookResult}); one for want of room leaves the book stale.</li>
 * <li>Readers see books only at venue event boundaries: the first event that touches a book holds its
 * publication, and {@link #onEndOfEvent()} publishes every book touched since the previous one and calls
 * {@link BookListener#onBook} for each.</li>
 * </ul>
 * Threading: single thread (the book agent's, or a replay/backtest loop). Allocation-free in steady state; a
 * definition allocates its books.
 */
public final class BookEventApplier implements BookEventHandler
{
    /** Ladder half-width cap when not configured: about 19 MiB of ladder per instrument. */
    public static final int DEFAULT_MAX_BAND_TICKS = 1 << 16;

    private final BookFactory factory;
    private final BookListener listener;
    private final Int2ObjectHashMap<InstrumentBook> books = new Int2ObjectHashMap<>();
    private final InstrumentDefinition clamped = new InstrumentDefinition();
    private final long[] rejectsByResult = new long[BookResult.COUNT];
    private InstrumentBook[] touched = new InstrumentBook[16];
    private int touchedCount;
    private int maxBandTicks = DEFAULT_MAX_BAND_TICKS;
    private int lastResult = BookResult.OK;
    private long applied;
    private long rejected;
    private long undefinedInstrumentEvents;
    private long missingBookEvents;
    private long levelRejects;
    private long definitionsClamped;
    private long definitionsRefused;
    private InstrumentBook current;

    /**
     * @param factory  makes each defined instrument's books.
     * @param listener hears every change (also given to the factory's books by the caller), or
     *                 {@link BookListener#NONE}.
     */
    public BookEventApplier(final BookFactory factory, final BookListener listener)
    {
        this.factory = factory;
        this.listener = listener;
    }

    /**
     * Before the first event: caps the ladder a definition may allocate, so that one definition cannot claim
     * gigabytes; prices beyond the cap are still kept exactly, in the overflow.
     *
     * @param maxBandTicks most ladder levels per side of the reference, &gt;= 1.
     * @return this.
     */
    public BookEventApplier maxBandTicks(final int maxBandTicks)
    {
        this.maxBandTicks = maxBandTicks;
        return this;
    }

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
    }

    public int onDefinition(final InstrumentDefinition definition)
    {
        final int instrumentId = definition.instrumentId();
        final InstrumentDefinition d = clampBand(definition);
        final InstrumentBook existing = books.get(instrumentId);
        if (null != existing && existing.definition().sameAs(d))
        {
            return ok();
        }
        final boolean wantsOrders = (d.books() & InstrumentDefinition.BOOK_ORDERS) != 0;
        final boolean wantsLevels = (d.books() & InstrumentDefinition.BOOK_LEVELS) != 0;
        final OrderBook book = wantsOrders ? factory.newOrderBook(d) : null;
        final DepthBook levels = wantsLevels ? factory.newLevelBook(d) : null;
        if ((wantsOrders && null == book) || (wantsLevels && null == levels) || (!wantsOrders && !wantsLevels))
        {
            if (null != book)
            {
                book.clear();
            }
            definitionsRefused++; // cannot build it: the old books (if any) stay as they were
            return reject(BookResult.INVALID_PRICE);
        }
        if (null != existing && null != existing.book())
        {
            existing.book().clear(); // redefined: orders of the old definition are void, slots back to the pool
        }
        final InstrumentBook instrument = new InstrumentBook(d, book, levels);
        if (null != existing)
        {
            instrument.tradingStatus(existing.tradingStatus());
            if (existing.isStale())
            {
                instrument.stale(true);
            }
        }
        books.put(instrumentId, instrument);
        touch(instrument);
        return ok();
    }

    private InstrumentDefinition clampBand(final InstrumentDefinition definition)
    {
        if (definition.bandTicks() <= maxBandTicks && definition.bandTicks() >= 0)
        {
            return definition;
        }
        definitionsClamped++;
        return clamped.copyFrom(definition).bandTicks(Math.max(0, Math.min(definition.bandTicks(), maxBandTicks)));
    }

    public int onAdd(final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        final OrderBook book = orderBook(instrumentId);
        return null == book ? BookEventHandler.DELIVERED : result(book.add(orderId, side, price, quantity));
    }

    public int onModify(final int instrumentId, final long orderId, final long price, final long quantity)
    {
        final OrderBook book = orderBook(instrumentId);
        return null == book ? BookEventHandler.DELIVERED : result(book.modify(orderId, price, quantity));
    }

    public int onDelete(final int instrumentId, final long orderId)
    {
        final OrderBook book = orderBook(instrumentId);
        return null == book ? BookEventHandler.DELIVERED : result(book.delete(orderId));
    }

    public int onExecute(final int instrumentId, final long orderId, final long quantity)
    {
        final OrderBook book = orderBook(instrumentId);
        return null == book ? BookEventHandler.DELIVERED : result(book.execute(orderId, quantity));
    }

    public int onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
        final InstrumentBook instrument = instrument(instrumentId);
        if (null != instrument)
        {
            listener.onTrade(instrumentId, price, quantity, aggressorSide);
            ok();
        }
        return BookEventHandler.DELIVERED;
    }

    public int onClear(final int instrumentId)
    {
        final InstrumentBook instrument = instrument(instrumentId);
        if (null != instrument)
        {
            clear(instrument);
        }
        return BookEventHandler.DELIVERED;
    }

    public int onSnapshotBegin(final int instrumentId, final long lastSequence, final long count)
    {
        final OrderBook book = orderBook(instrumentId);
        if (null != book)
        {
            book.clear(); // an order snapshot rebuilds the order book; a price-level snapshot comes as level events
            ok();
        }
        return BookEventHandler.DELIVERED;
    }

    public int onSnapshotOrder(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        return onAdd(instrumentId, orderId, side, price, quantity);
    }

    public int onSnapshotEnd(final int instrumentId, final long lastSequence)
    {
        if (null != instrument(instrumentId))
        {
            ok(); // the session sends onLive once the book has also caught up
        }
        return BookEventHandler.DELIVERED;
    }

    public int onLevel(
        final int instrumentId,
        final int book,
        final int side,
        final int action,
        final int level,
        final long price,
        final long quantity,
        final int orderCount)
    {
        final InstrumentBook instrument = instrument(instrumentId);
        if (null == instrument)
        {
            return BookEventHandler.DELIVERED;
        }
        final DepthBook levels = instrument.levelBook();
        if (null == levels)
        {
            missingBookEvents++;
            reject(BookResult.INVALID_SIDE);
            return BookEventHandler.DELIVERED;
        }
        touch(instrument);
        final int result = levels.apply(book, side, action, level, price, quantity, orderCount);
        if (result != BookResult.OK)
        {
            levelRejects++;
            instrument.syncState();
            rejected++;
            lastResult = result;
        }
        else
        {
            ok();
        }
        return BookEventHandler.DELIVERED;
    }

    public int onTradingStatus(final int instrumentId, final int status)
    {
        final InstrumentBook instrument = books.get(instrumentId);
        if (null != instrument)
        {
                if (instrument.tradingStatus() != status)
            {
                instrument.tradingStatus(status);
                listener.onTradingStatus(instrumentId, status);
            }
            ok();
        }
        return BookEventHandler.DELIVERED;
    }

    public void onStale(final int instrumentId)
    {
        final InstrumentBook instrument = books.get(instrumentId);
        if (null != instrument)
        {
                instrument.stale(true); // ignored before the definition: it comes with the snapshot
            ok();
        }
    }

    public void onLive(final int instrumentId)
    {
        final InstrumentBook instrument = books.get(instrumentId);
        if (null != instrument)
        {
                instrument.stale(false);
            ok();
        }
    }

    public void onEndOfEvent()
    {
        final int n = touchedCount;
        touchedCount = 0;
        for (int i = 0; i < n; i++)
        {
            final InstrumentBook instrument = touched[i];
            touched[i] = null;
            instrument.touched = false;
            instrument.publish();
            if (books.get(instrument.instrumentId()) == instrument)
            {
                listener.onBook(instrument);
            }
        }
    }

    private void clear(final InstrumentBook instrument)
    {
        touch(instrument);
        if (null != instrument.book())
        {
            instrument.book().clear();
        }
        if (null != instrument.levelBook())
        {
            instrument.levelBook().clear();
        }
        ok();
    }

    private InstrumentBook instrument(final int instrumentId)
    {
        final InstrumentBook instrument = books.get(instrumentId);
        if (null == instrument)
        {
            undefinedInstrumentEvents++;
            reject(BookResult.UNKNOWN_ORDER);
        }
        return instrument;
    }

    private OrderBook orderBook(final int instrumentId)
    {
        final InstrumentBook instrument = instrument(instrumentId);
        if (null == instrument)
        {
            return null;
        }
        final OrderBook book = instrument.book();
        if (null == book)
        {
            missingBookEvents++;
            reject(BookResult.INVALID_SIDE);
            return null;
        }
        touch(instrument);
        current = instrument;
        return book;
    }

    private int result(final int result)
    {
        if (result == BookResult.OK)
        {
            ok();
        }
        else
        {
            if (result == BookResult.POOL_EXHAUSTED || result == BookResult.OVERFLOW_FULL ||
                result == BookResult.LEVEL_LIMIT)
            {
                current.syncState(); // the book marked itself stale
            }
            rejectsByResult[result]++;
            rejected++;
            lastResult = result;
        }
        return BookEventHandler.DELIVERED;
    }

    private void touch(final InstrumentBook instrument)
    {
        if (!instrument.touched)
        {
            instrument.touched = true;
            instrument.holdPublication();
            if (touchedCount == touched.length)
            {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = instrument;
        }
    }

    private int ok()
    {
        applied++;
        lastResult = BookResult.OK;
        return BookEventHandler.DELIVERED;
    }

    private int reject(final int result)
    {
        rejected++;
        lastResult = result;
        return BookEventHandler.DELIVERED;
    }

    /**
     * @return the {@link BookResult} of the last event (OK also for events that change nothing).
     */
    public int lastResult()
    {
        return lastResult;
    }

    /**
     * @param instrumentId instrument.
     * @return its books, or null when not defined.
     */
    public InstrumentBook book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * @param consumer receives every defined instrument's books, in no particular order.
     */
    public void forEachBook(final Consumer<InstrumentBook> consumer)
    {
        books.values().forEach(consumer);
    }

    /**
     * @return all instruments' books by instrument id (allocates: for summaries, not the hot path).
     */
    public List<InstrumentBook> books()
    {
        final List<InstrumentBook> list = new ArrayList<>(books.values());
        list.sort((a, b) -> Integer.compare(a.instrumentId(), b.instrumentId()));
        return list;
    }

    /**
     * @return events applied (including those that change nothing: trades, repeated definitions, state).
     */
    public long applied()
    {
        return applied;
    }

    /**
     * @return events rejected, all reasons.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * @param result a {@link BookResult}.
     * @return book operations refused with it.
     */
    public long rejects(final int result)
    {
        return rejectsByResult[result];
    }

    /**
     * @return events for instruments never defined.
     */
    public long undefinedInstrumentEvents()
    {
        return undefinedInstrumentEvents;
    }

    /**
     * @return events for a book the instrument does not have (a level event for an order-by-order instrument...).
     */
    public long missingBookEvents()
    {
        return missingBookEvents;
    }

    /**
     * @return level updates a market-by-price book refused ({@link LevelResult} codes).
     */
    public long levelRejects()
    {
        return levelRejects;
    }

    /**
     * @return definitions whose band was cut to the configured maximum.
     */
    public long definitionsClamped()
    {
        return definitionsClamped;
    }

    /**
     * @return definitions that could not be built.
     */
    public long definitionsRefused()
    {
        return definitionsRefused;
    }
}
