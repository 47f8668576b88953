package io.ticklane.venue.cme;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.LevelAction;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import io.ticklane.venue.cme.sbe.ChannelReset4Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook32Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook46Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshDailyStatistics33Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshDailyStatistics49Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshLimitsBanding34Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshLimitsBanding50Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook43Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook47Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshSessionStatistics35Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshSessionStatistics51Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary42Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary48Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshVolume37Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture27Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture54Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption41Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption55Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread29Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread56Decoder;
import io.ticklane.venue.cme.sbe.PRICENULL9Decoder;
import io.ticklane.venue.cme.sbe.PRICENULLDecoder;
import io.ticklane.venue.cme.sbe.SecurityStatus30Decoder;

/**
 * The incremental feed's messages, in sequence, translated for a {@link CmeSession}: price-level entries (32, 46)
 * with MDPriceLevel semantics into {@code onLevel} (book reset J into {@code onClear}), order entries (the order
 * group of 32/46, and 43/47) into {@code onAdd}/{@code onModify}/{@code onDelete}, trade summaries (42, 48) into
 * {@code onTrade}, security status (30) into {@code onTradingStatus}, ChannelReset (4), definitions; volume and
 * statistics (33..35, 37, 49..51) only move the instrument's RptSeq. Prices are normalized to 9 decimals (the
 * 7-decimal PRICE of templates before version 9 is multiplied by 100). Also replays buffered packets for one
 * recovering instrument. Single thread (the session's); allocation-free.
 */
public final class CmeIncrementalHandler implements MdpMessageHandler
{
    private static final int MAX_ENTRIES = 256;
    private static final long PRICE7_TO_9 = 100;
    private static final int INT32_NULL = Integer.MAX_VALUE;

    private final CmeSession session;
    private final CmeInstrument[] entryInstrument = new CmeInstrument[MAX_ENTRIES];
    private final long[] entryPrice = new long[MAX_ENTRIES];
    private final int[] entrySide = new int[MAX_ENTRIES];
    private long levelEntries;
    private long orderEntries;
    private long tradeEntries;
    private long badOrderEntries;

    CmeIncrementalHandler(final CmeSession session)
    {
        this.session = session;
    }

    public void onChannelReset(final ChannelReset4Decoder m)
    {
        if (!session.inReplay)
        {
            session.onChannelReset();
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    public void onDefinitionFuture(final MDInstrumentDefinitionFuture27Decoder m)
    {
        if (!session.inReplay)
        {
            session.definitions.read(m);
            session.onDefinition();
        }
    }

    public void onDefinitionSpread(final MDInstrumentDefinitionSpread29Decoder m)
    {
        if (!session.inReplay)
        {
            session.definitions.read(m);
            session.onDefinition();
        }
    }

    public void onDefinitionOption(final MDInstrumentDefinitionOption41Decoder m)
    {
        if (!session.inReplay)
        {
            session.definitions.read(m);
            session.onDefinition();
        }
    }

    public void onDefinitionFuture(final MDInstrumentDefinitionFuture54Decoder m)
    {
        if (!session.inReplay)
        {
            session.definitions.read(m);
            session.onDefinition();
        }
    }

    public void onDefinitionOption(final MDInstrumentDefinitionOption55Decoder m)
    {
        if (!session.inReplay)
        {
            session.definitions.read(m);
            session.onDefinition();
        }
    }

    public void onDefinitionSpread(final MDInstrumentDefinitionSpread56Decoder m)
    {
        if (!session.inReplay)
        {
            session.definitions.read(m);
            session.onDefinition();
        }
    }

    public void onSecurityStatus(final SecurityStatus30Decoder m)
    {
        if (!session.inReplay)
        {
            final int status = CmeTradingStatus.map(m.securityTradingStatusRaw());
            if (status != CmeTradingStatus.NO_CHANGE)
            {
                session.onTradingStatus(m.securityID(), packCode(m, true), packCode(m, false), status);
            }
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    private static long packCode(final SecurityStatus30Decoder m, final boolean group)
    {
        long packed = 0;
        for (int i = 0; i < 6; i++)
        {
            final byte b = group ? m.securityGroup(i) : m.asset(i);
            if (b == 0 || b == ' ')
            {
                break;
            }
            packed |= (long)(b & 0xFF) << (8 * i);
        }
        return packed;
    }

    public void onBook(final MDIncrementalRefreshBook32Decoder m)
    {
        final short indicator = m.matchEventIndicator().getRaw();
        final MDIncrementalRefreshBook32Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        int n = 0;
        while (e.hasNext())
        {
            e.next();
            final long price = e.mDEntryPx().mantissa();
            bookEntry(n++, e.securityID(), e.rptSeq(), e.mDEntryTypeRaw(), e.mDUpdateActionRaw(), e.mDPriceLevel(),
                price == PRICENULLDecoder.mantissaNullValue() ? OrderBook.NULL_PRICE : price * PRICE7_TO_9,
                e.mDEntrySize(), e.numberOfOrders());
        }
        final MDIncrementalRefreshBook32Decoder.NoOrderIDEntriesDecoder o = m.noOrderIDEntries();
        while (o.hasNext())
        {
            o.next();
            orderEntry(o.referenceID() - 1, o.orderID(), o.mDDisplayQty(), o.orderUpdateActionRaw());
        }
        session.onMessageEnd(indicator);
    }

    public void onBook(final MDIncrementalRefreshBook46Decoder m)
    {
        final short indicator = m.matchEventIndicator().getRaw();
        final MDIncrementalRefreshBook46Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        int n = 0;
        while (e.hasNext())
        {
            e.next();
            final long price = e.mDEntryPx().mantissa();
            bookEntry(n++, e.securityID(), e.rptSeq(), e.mDEntryTypeRaw(), e.mDUpdateActionRaw(), e.mDPriceLevel(),
                price == PRICENULL9Decoder.mantissaNullValue() ? OrderBook.NULL_PRICE : price,
                e.mDEntrySize(), e.numberOfOrders());
        }
        final MDIncrementalRefreshBook46Decoder.NoOrderIDEntriesDecoder o = m.noOrderIDEntries();
        while (o.hasNext())
        {
            o.next();
            orderEntry(o.referenceID() - 1, o.orderID(), o.mDDisplayQty(), o.orderUpdateActionRaw());
        }
        session.onMessageEnd(indicator);
    }

    private void bookEntry(
        final int index,
        final int securityId,
        final long rptSeq,
        final byte type,
        final short action,
        final short level,
        final long price,
        final int size,
        final int orders)
    {
        entryInstrument[index] = null;
        final CmeInstrument instrument = session.instrument(securityId);
        if (instrument == null)
        {
            return;
        }
        entryInstrument[index] = instrument;
        entryPrice[index] = price;
        entrySide[index] = type == '0' || type == 'E' ? Side.BID : Side.ASK;
        if (session.replaySkips(instrument, false) || !session.acceptSequenced(instrument, rptSeq))
        {
            return;
        }
        levelEntries++;
        session.touch(instrument);
        if (type == 'J')
        {
            session.deliver(instrument, session.sink.onClear(securityId));
            return;
        }
        final int book = type == 'E' || type == 'F' ? LevelAction.IMPLIED : LevelAction.OUTRIGHT;
        final int depth = book == LevelAction.OUTRIGHT ? instrument.definition.depth() :
            instrument.definition.impliedDepth();
        final boolean indexed = action != LevelAction.DELETE_THRU && action != LevelAction.DELETE_FROM;
        if (depth == 0 || indexed && level > depth)
        {
            instrument.beyondDepth++; // a level past the book's depth changes nothing inside it
            return;
        }
        final boolean sets = action == LevelAction.NEW || action == LevelAction.CHANGE || action == LevelAction.OVERLAY;
        if (sets && (price == OrderBook.NULL_PRICE || size == INT32_NULL || size < 0))
        {
            instrument.badEntries++;
            session.markStale(instrument); // the venue sent a level it did not describe
            return;
        }
        session.deliver(instrument, session.sink.onLevel(securityId, book, entrySide[index], action, level,
            price, size == INT32_NULL ? 0 : size, orders == INT32_NULL || orders < 0 ? 0 : orders));
    }

    private void orderEntry(final int reference, final long orderId, final int displayQuantity, final short action)
    {
        final CmeInstrument instrument = entryInstrument[reference];
        if (instrument == null)
        {
            return;
        }
        order(instrument, action, orderId, entrySide[reference], entryPrice[reference], displayQuantity);
    }

    private void order(
        final CmeInstrument instrument,
        final int action,
        final long orderId,
        final int side,
        final long price,
        final int displayQuantity)
    {
        if (session.replaySkips(instrument, true) || !session.acceptOrders(instrument))
        {
            return;
        }
        orderEntries++;
        session.touch(instrument);
        final BookEventHandler sink = session.sink;
        if (action == 2)
        {
            session.deliver(instrument, sink.onDelete(instrument.securityId, orderId));
            return;
        }
        if (price == OrderBook.NULL_PRICE || displayQuantity == INT32_NULL || displayQuantity <= 0 || orderId == -1L)
        {
            badOrderEntries++;
            session.markStale(instrument);
            return;
        }
        session.deliver(instrument, action == 0 ?
            sink.onAdd(instrument.securityId, orderId, side, price, displayQuantity) :
            sink.onModify(instrument.securityId, orderId, price, displayQuantity));
    }

    public void onOrderBook(final MDIncrementalRefreshOrderBook43Decoder m)
    {
        final short indicator = m.matchEventIndicator().getRaw();
        final MDIncrementalRefreshOrderBook43Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            final CmeInstrument instrument = session.instrument(e.securityID());
            if (instrument != null)
            {
                final long price = e.mDEntryPx().mantissa();
                order(instrument, e.mDUpdateActionRaw(), e.orderID(), e.mDEntryTypeRaw() == '0' ? Side.BID : Side.ASK,
                    price == PRICENULLDecoder.mantissaNullValue() ? OrderBook.NULL_PRICE : price * PRICE7_TO_9,
                    e.mDDisplayQty());
            }
        }
        session.onMessageEnd(indicator);
    }

    public void onOrderBook(final MDIncrementalRefreshOrderBook47Decoder m)
    {
        final short indicator = m.matchEventIndicator().getRaw();
        final MDIncrementalRefreshOrderBook47Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            final CmeInstrument instrument = session.instrument(e.securityID());
            if (instrument != null)
            {
                final long price = e.mDEntryPx().mantissa();
                order(instrument, e.mDUpdateActionRaw(), e.orderID(), e.mDEntryTypeRaw() == '0' ? Side.BID : Side.ASK,
                    price == PRICENULL9Decoder.mantissaNullValue() ? OrderBook.NULL_PRICE : price, e.mDDisplayQty());
            }
        }
        session.onMessageEnd(indicator);
    }

    private void trade(
        final int securityId, final long rptSeq, final long price, final int size, final short aggressor)
    {
        final CmeInstrument instrument = session.instrument(securityId);
        if (instrument == null || session.replaySkips(instrument, false) ||
            !session.acceptSequenced(instrument, rptSeq))
        {
            return;
        }
        tradeEntries++;
        session.touch(instrument);
        final int side = aggressor == 1 ? Side.BID : aggressor == 2 ? Side.ASK : -1;
        session.deliver(instrument, session.sink.onTrade(securityId, price, size, side));
    }

    public void onTradeSummary(final MDIncrementalRefreshTradeSummary42Decoder m)
    {
        final short indicator = m.matchEventIndicator().getRaw();
        final MDIncrementalRefreshTradeSummary42Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            trade(e.securityID(), e.rptSeq(), e.mDEntryPx().mantissa() * PRICE7_TO_9, e.mDEntrySize(),
                e.aggressorSideRaw());
        }
        session.onMessageEnd(indicator);
    }

    public void onTradeSummary(final MDIncrementalRefreshTradeSummary48Decoder m)
    {
        final short indicator = m.matchEventIndicator().getRaw();
        final MDIncrementalRefreshTradeSummary48Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            trade(e.securityID(), e.rptSeq(), e.mDEntryPx().mantissa(), e.mDEntrySize(), e.aggressorSideRaw());
        }
        session.onMessageEnd(indicator);
    }

    private void sequenceOnly(final int securityId, final long rptSeq)
    {
        final CmeInstrument instrument = session.instrument(securityId);
        if (instrument != null && !session.replaySkips(instrument, false))
        {
            session.acceptSequenced(instrument, rptSeq);
        }
    }

    public void onVolume(final MDIncrementalRefreshVolume37Decoder m)
    {
        final MDIncrementalRefreshVolume37Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            sequenceOnly(e.securityID(), e.rptSeq());
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    public void onDailyStatistics(final MDIncrementalRefreshDailyStatistics33Decoder m)
    {
        final MDIncrementalRefreshDailyStatistics33Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            sequenceOnly(e.securityID(), e.rptSeq());
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    public void onDailyStatistics(final MDIncrementalRefreshDailyStatistics49Decoder m)
    {
        final MDIncrementalRefreshDailyStatistics49Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            sequenceOnly(e.securityID(), e.rptSeq());
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    public void onLimitsBanding(final MDIncrementalRefreshLimitsBanding34Decoder m)
    {
        final MDIncrementalRefreshLimitsBanding34Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            sequenceOnly(e.securityID(), e.rptSeq());
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    public void onLimitsBanding(final MDIncrementalRefreshLimitsBanding50Decoder m)
    {
        final MDIncrementalRefreshLimitsBanding50Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            sequenceOnly(e.securityID(), e.rptSeq());
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    public void onSessionStatistics(final MDIncrementalRefreshSessionStatistics35Decoder m)
    {
        final MDIncrementalRefreshSessionStatistics35Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            sequenceOnly(e.securityID(), e.rptSeq());
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    public void onSessionStatistics(final MDIncrementalRefreshSessionStatistics51Decoder m)
    {
        final MDIncrementalRefreshSessionStatistics51Decoder.NoMDEntriesDecoder e = m.noMDEntries();
        while (e.hasNext())
        {
            e.next();
            sequenceOnly(e.securityID(), e.rptSeq());
        }
        session.onMessageEnd(m.matchEventIndicator().getRaw());
    }

    /**
     * @return price-level entries applied (sequenced and passed on or refused as past the depth).
     */
    public long levelEntries()
    {
        return levelEntries;
    }

    /**
     * @return order entries applied.
     */
    public long orderEntries()
    {
        return orderEntries;
    }

    /**
     * @return trade entries passed on.
     */
    public long tradeEntries()
    {
        return tradeEntries;
    }

    /**
     * @return order entries without a price, a positive quantity or an order id where one is needed.
     */
    public long badOrderEntries()
    {
        return badOrderEntries;
    }
}
