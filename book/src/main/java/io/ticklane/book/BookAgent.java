package io.ticklane.book;

import io.ticklane.latency.StageRecorder;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.List;

import static io.ticklane.book.BookEventDescriptor.*;

/**
 * Drains one book agent's many-to-one ring and applies each event to its instrument's book, then records the
 * decoded-to-applied and publish-to-applied latencies. One instance per book agent thread; all books of the
 * instruments sharded to it live here, sharing one {@link OrderPool}.
 * <p>
 * Events for an instrument that is not yet defined, and events the book rejects, are counted and dropped.
 * What each event type does is listed in {@link BookEventDescriptor}. Every book of the agent reports to the one
 * {@link BookListener} given at construction, on this agent's thread.
 */
public final class BookAgent implements Agent, MessageHandler
{
    private final String roleName;
    private final RingBuffer ring;
    private final OrderPool pool;
    private final NanoClock clock;
    private final StageRecorder decodedToApplied;
    private final StageRecorder endToEnd;
    private final AtomicCounter applied;
    private final AtomicCounter rejected;
    private final AtomicCounter poolUsed;
    private final int readLimit;
    private final BookOptions options;
    private final BookListener listener;
    private final Int2ObjectHashMap<InstrumentBook> books = new Int2ObjectHashMap<>();
    /** Ladder half-width cap when not configured: about 19 MiB of ladder per instrument. */
    public static final int DEFAULT_MAX_BAND_TICKS = 1 << 16;

    private final long[] rejectsByResult = new long[BookResult.COUNT];
    private long undefinedInstrumentEvents;
    private long unknownTypeEvents;
    private long definitionsClamped;
    private long definitionsRefused;
    private int maxBandTicks = DEFAULT_MAX_BAND_TICKS;

    /**
     * @param roleName         agent name, e.g. {@code book.0}.
     * @param ring             the agent's inbound ring.
     * @param pool             order slots for all books of this agent.
     * @param clock            clock comparable with the gateway's and publisher's.
     * @param decodedToApplied recorder owned by this agent.
     * @param endToEnd         recorder owned by this agent.
     * @param applied          events applied.
     * @param rejected         events rejected by the book or for an undefined instrument.
     * @param poolUsed         order slots in use.
     * @param readLimit        most events per duty cycle.
     */
    public BookAgent(
        final String roleName,
        final RingBuffer ring,
        final OrderPool pool,
        final NanoClock clock,
        final StageRecorder decodedToApplied,
        final StageRecorder endToEnd,
        final AtomicCounter applied,
        final AtomicCounter rejected,
        final AtomicCounter poolUsed,
        final int readLimit)
    {
        this(roleName, ring, pool, clock, decodedToApplied, endToEnd, applied, rejected, poolUsed, readLimit,
            BookOptions.DEFAULT, BookListener.NONE);
    }

    /**
     * @param roleName         agent name, e.g. {@code book.0}.
     * @param ring             the agent's inbound ring.
     * @param pool             order slots for all books of this agent.
     * @param clock            clock comparable with the gateway's and publisher's.
     * @param decodedToApplied recorder owned by this agent.
     * @param endToEnd         recorder owned by this agent.
     * @param applied          events applied.
     * @param rejected         events rejected by the book or for an undefined instrument.
     * @param poolUsed         order slots in use.
     * @param readLimit        most events per duty cycle.
     * @param options          how each book is built.
     * @param listener         hears every book's changes on this agent's thread; {@link BookListener#NONE}.
     */
    public BookAgent(
        final String roleName,
        final RingBuffer ring,
        final OrderPool pool,
        final NanoClock clock,
        final StageRecorder decodedToApplied,
        final StageRecorder endToEnd,
        final AtomicCounter applied,
        final AtomicCounter rejected,
        final AtomicCounter poolUsed,
        final int readLimit,
        final BookOptions options,
        final BookListener listener)
    {
        this.options = options;
        this.listener = listener;
        this.roleName = roleName;
        this.ring = ring;
        this.pool = pool;
        this.clock = clock;
        this.decodedToApplied = decodedToApplied;
        this.endToEnd = endToEnd;
        this.applied = applied;
        this.rejected = rejected;
        this.poolUsed = poolUsed;
        this.readLimit = readLimit;
    }

    public int doWork()
    {
        final int events = ring.read(this, readLimit);
        if (events > 0)
        {
            poolUsed.setRelease(pool.used());
        }
        return events;
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int instrumentId = buffer.getInt(index + INSTRUMENT_ID_OFFSET);
        if (msgTypeId == DEFINE)
        {
            define(buffer, index, instrumentId);
            return;
        }
        final InstrumentBook instrument = books.get(instrumentId);
        if (null == instrument)
        {
            if (msgTypeId == STALE || msgTypeId == LIVE)
            {
                return; // state of a book that does not exist yet: its definition comes with the snapshot
            }
            undefinedInstrumentEvents++;
            rejected.incrementRelease();
            return;
        }
        final LadderOrderBook book = (LadderOrderBook)instrument.book();
        final int result;
        switch (msgTypeId)
        {
            case ADD:
            case SNAPSHOT_ORDER:
                result = book.add(
                    buffer.getLong(index + ORDER_ID_OFFSET),
                    buffer.getByte(index + SIDE_OFFSET),
                    buffer.getLong(index + PRICE_OFFSET),
                    buffer.getLong(index + QUANTITY_OFFSET));
                break;
            case MODIFY:
                result = book.modify(
                    buffer.getLong(index + ORDER_ID_OFFSET),
                    buffer.getLong(index + PRICE_OFFSET),
                    buffer.getLong(index + QUANTITY_OFFSET));
                break;
            case DELETE:
                result = book.delete(buffer.getLong(index + ORDER_ID_OFFSET));
                break;
            case EXECUTE:
                result = book.execute(buffer.getLong(index + ORDER_ID_OFFSET), buffer.getLong(index + QUANTITY_OFFSET));
                break;
            case TRADE:
                book.trade(
                    buffer.getLong(index + PRICE_OFFSET),
                    buffer.getLong(index + QUANTITY_OFFSET),
                    buffer.getByte(index + SIDE_OFFSET));
                result = BookResult.OK;
                break;
            case CLEAR:
                book.clear();
                result = BookResult.OK;
                break;
            case SNAPSHOT_BEGIN:
                book.clear();
                result = BookResult.OK;
                break;
            case SNAPSHOT_END:
                result = BookResult.OK; // the gateway sends LIVE once the book has also caught up
                break;
            case STALE:
                instrument.stale(true);
                result = BookResult.OK;
                break;
            case LIVE:
                instrument.stale(false);
                result = BookResult.OK;
                break;
            default:
                unknownTypeEvents++;
                rejected.incrementRelease();
                return;
        }
        if (result == BookResult.POOL_EXHAUSTED || result == BookResult.OVERFLOW_FULL ||
            result == BookResult.LEVEL_LIMIT)
        {
            instrument.syncState(); // the book marked itself stale
        }
        if (result == BookResult.OK)
        {
            applied.incrementRelease();
            final long nowNs = clock.nanoTime();
            decodedToApplied.record(nowNs - buffer.getLong(index + DECODED_TIME_OFFSET));
            endToEnd.record(nowNs - buffer.getLong(index + SEND_TIME_OFFSET));
        }
        else
        {
            rejectsByResult[result]++;
            rejected.incrementRelease();
        }
    }

    private void define(final MutableDirectBuffer buffer, final int index, final int instrumentId)
    {
        final long tickSize = buffer.getLong(index + TICK_SIZE_OFFSET);
        final long referencePrice = buffer.getLong(index + REFERENCE_PRICE_OFFSET);
        final long requestedBand = buffer.getLong(index + BAND_TICKS_OFFSET);
        final int bandTicks = (int)Math.max(0, Math.min(requestedBand, maxBandTicks));
        final int exponent = buffer.getByte(index + PRICE_EXPONENT_OFFSET);
        final InstrumentBook existing = books.get(instrumentId);
        if (null != existing && existing.sameDefinition(tickSize, exponent, referencePrice, bandTicks))
        {
            applied.incrementRelease();
            return;
        }
        if (tickSize <= 0 || pool.books() >= OrderPool.MAX_BOOKS)
        {
            definitionsRefused++; // cannot build it: the old book (if any) stays as it was
            rejected.incrementRelease();
            return;
        }
        if (bandTicks != requestedBand)
        {
            definitionsClamped++; // prices beyond the clamped band live in the book's overflow, still exact
        }
        final String symbol = buffer.getStringWithoutLengthAscii(index + SYMBOL_OFFSET, SYMBOL_LENGTH).trim();
        final LadderOrderBook book =
            new LadderOrderBook(instrumentId, tickSize, referencePrice, bandTicks, pool, options).listener(listener);
        if (null != existing)
        {
            existing.book().clear(); // redefined: orders of the old definition are void, slots go back to the pool
        }
        books.put(instrumentId, new InstrumentBook(
            instrumentId, symbol, tickSize, exponent, referencePrice, bandTicks, book));
        applied.incrementRelease();
    }

    /**
     * Main thread, before the agent starts: caps the ladder a definition may allocate, so that one definition
     * cannot claim gigabytes; prices beyond the cap are still kept exactly, in the overflow.
     *
     * @param maxBandTicks most ladder levels per side of the reference, &gt;= 1.
     * @return this.
     */
    public BookAgent maxBandTicks(final int maxBandTicks)
    {
        this.maxBandTicks = maxBandTicks;
        return this;
    }

    /**
     * @return definitions whose band was cut to the configured maximum.
     */
    public long definitionsClamped()
    {
        return definitionsClamped;
    }

    /**
     * @return definitions that could not be built (bad tick, or the pool indexes too many books).
     */
    public long definitionsRefused()
    {
        return definitionsRefused;
    }

    /**
     * Safe only on the agent thread, or after it has stopped.
     *
     * @param instrumentId instrument.
     * @return its book or null.
     */
    public InstrumentBook book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * Safe only on the agent thread, or after it has stopped.
     *
     * @return all books of this agent, by instrument id.
     */
    public List<InstrumentBook> books()
    {
        final List<InstrumentBook> list = new ArrayList<>(books.values());
        list.sort((a, b) -> Integer.compare(a.instrumentId(), b.instrumentId()));
        return list;
    }

    /**
     * @param result a {@link BookResult}.
     * @return events rejected with it.
     */
    public long rejects(final int result)
    {
        return rejectsByResult[result];
    }

    /**
     * @return events dropped because their instrument was not defined.
     */
    public long undefinedInstrumentEvents()
    {
        return undefinedInstrumentEvents;
    }

    /**
     * @return events dropped because their type is not one of {@link BookEventDescriptor}'s.
     */
    public long unknownTypeEvents()
    {
        return unknownTypeEvents;
    }

    public String roleName()
    {
        return roleName;
    }

    /**
     * Writes a DEFINE symbol field: ASCII, space padded to {@link BookEventDescriptor#SYMBOL_LENGTH}.
     *
     * @param buffer destination.
     * @param index  event start.
     * @param symbol symbol text.
     */
    public static void putSymbol(final MutableDirectBuffer buffer, final int index, final CharSequence symbol)
    {
        for (int i = 0; i < SYMBOL_LENGTH; i++)
        {
            final char c = i < symbol.length() ? symbol.charAt(i) : ' ';
            buffer.putByte(index + SYMBOL_OFFSET + i, (byte)(c < 128 ? c : '?'));
        }
    }

}
