package io.ticklane.backtest;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookView;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's books of account and records: the exchange's fills into positions, PnL and fees (the truth the reports
 * use), the strategy's own view from the fills it has received, the rows of {@code fills.csv}, {@code orders.csv}
 * and {@code pnl.csv}, the report's plot points and the summary. Single thread (the backtest's); allocates per order
 * event and per interval, never per market event.
 */
final class Ledger
{
    private final Backtest config;
    private final BookEventApplier exchangeBooks;
    private final Int2ObjectHashMap<Account> accounts = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Account> localAccounts = new Int2ObjectHashMap<>();
    final ReportWriter report;
    final ReportData data = new ReportData();
    private long ordersFilled;
    private long filledQuantity;
    private long fills;
    private double peakNet;
    private double maxDrawdown;
    private int mainInstrument = Integer.MIN_VALUE;

    Ledger(final Backtest config, final BookEventApplier exchangeBooks)
    {
        this.config = config;
        this.exchangeBooks = exchangeBooks;
        this.report = new ReportWriter(config.outDir());
    }

    /**
     * @param instrumentId a newly defined instrument: the first one is the report's main instrument.
     */
    void defined(final int instrumentId)
    {
        if (mainInstrument == Integer.MIN_VALUE)
        {
            mainInstrument = instrumentId;
        }
    }

    String symbol(final int instrumentId)
    {
        final BookView b = exchangeBooks.book(instrumentId);
        return null == b ? Integer.toString(instrumentId) : b.symbol();
    }

    String price(final int instrumentId, final long price)
    {
        final BookView b = exchangeBooks.book(instrumentId);
        return ReportWriter.price(price, null == b ? 0 : b.priceExponent());
    }

    /**
     * A row of {@code orders.csv} for what the exchange did.
     */
    void exchangeRow(final SimOrder o, final long timeNs, final String event, final int reason)
    {
        if (report.enabled())
        {
            report.order(o, timeNs, true, event, symbol(o.instrumentId), price(o.instrumentId, o.exPrice),
                o.exFilled + o.exLeaves, o.exLeaves, o.exFilled, reason);
        }
    }

    /**
     * A row of {@code orders.csv} for what the strategy sent.
     */
    void localRow(final SimOrder o, final long timeNs, final String event, final long price, final long quantity,
        final long leaves, final long filled)
    {
        if (report.enabled())
        {
            report.order(o, timeNs, false, event, symbol(o.instrumentId), price(o.instrumentId, price), quantity,
                leaves, filled, OrderStatus.REASON_NONE);
        }
    }

    /**
     * A fill at the exchange: accounting, {@code fills.csv}, the report's points.
     */
    void exchangeFill(final SimOrder order, final long timeNs, final long price, final long quantity,
        final boolean maker, final long queueAhead, final long exchangeNow)
    {
        fills++;
        filledQuantity += quantity;
        if (order.exLeaves == 0)
        {
            ordersFilled++;
        }
        final Account account = account(accounts, order.instrumentId);
        account.fill(order.side, price, quantity, config.fees().fee(maker, quantity,
            account.toCurrency(price) * quantity), maker);
        if (report.enabled())
        {
            report.fill(order.id, timeNs, price(order.instrumentId, price), quantity, maker, queueAhead);
            exchangeRow(order, timeNs, order.exLeaves == 0 ? "filled" : "partially-filled", OrderStatus.REASON_NONE);
        }
        if (maker && queueAhead >= 0)
        {
            data.queueAhead.add(timeNs, queueAhead);
        }
        if (order.instrumentId == mainInstrument)
        {
            data.fills.add(timeNs, account.toCurrency(price));
            data.fillSides.add(timeNs, order.side == Side.BID ? 1 : -1);
            data.position.add(timeNs, account.position);
        }
        double net = 0;
        for (final Account a : accounts.values())
        {
            final BookView b = exchangeBooks.book(a.instrumentId);
            net += a.realized + a.unrealized(null == b ? Double.NaN : mid(b)) - a.fees;
        }
        equity(exchangeNow, net);
    }

    /**
     * A fill reached the strategy: its own position.
     */
    void localFill(final SimOrder o, final long price, final long quantity, final boolean maker)
    {
        final Account account = account(localAccounts, o.instrumentId);
        if (null != account)
        {
            account.fill(o.side, price, quantity, config.fees().fee(maker, quantity,
                account.toCurrency(price) * quantity), maker);
        }
    }

    Account local(final int instrumentId)
    {
        return localAccounts.get(instrumentId);
    }

    /**
     * Writes a PnL row per traded instrument and the report's points at exchange time {@code nowNs}.
     */
    void interval(final long nowNs, final IntArrayList instruments)
    {
        double net = 0;
        for (int i = 0; i < instruments.size(); i++)
        {
            final InstrumentBook book = exchangeBooks.book(instruments.getInt(i));
            if (null == book)
            {
                continue;
            }
            final Account account = accounts.get(book.instrumentId());
            final double mark = mid(book);
            if (book.instrumentId() == mainInstrument)
            {
                if (!Double.isNaN(mark))
                {
                    data.mid.add(nowNs, mark);
                }
                data.position.add(nowNs, null == account ? 0 : account.position);
            }
            if (null == account)
            {
                continue;
            }
            final double unrealized = account.unrealized(mark);
            net += account.realized + unrealized - account.fees;
            report.pnl(nowNs, book.symbol(), account.position, account.average, mark, account.realized,
                unrealized, account.fees);
        }
        equity(nowNs, net);
    }

    private void equity(final long nowNs, final double net)
    {
        data.equity.add(nowNs, net);
        peakNet = Math.max(peakNet, net);
        maxDrawdown = Math.max(maxDrawdown, peakNet - net);
    }

    private double mid(final BookView book)
    {
        final long bid = book.bestPrice(Side.BID);
        final long ask = book.bestPrice(Side.ASK);
        final Account a = accounts.get(book.instrumentId());
        final double unit = null != a ? a.unit : Math.pow(10, book.priceExponent()) * config.multiplier(book.symbol());
        return bid == OrderBook.NULL_PRICE || ask == OrderBook.NULL_PRICE ? Double.NaN : (bid + ask) * unit / 2;
    }

    private Account account(final Int2ObjectHashMap<Account> map, final int instrumentId)
    {
        Account a = map.get(instrumentId);
        if (null == a)
        {
            final BookView book = exchangeBooks.book(instrumentId);
            if (null == book)
            {
                return null;
            }
            a = new Account(instrumentId, book.priceExponent(), config.multiplier(book.symbol()));
            map.put(instrumentId, a);
        }
        return a;
    }

    BacktestSummary summary(final IntArrayList instruments, final SimulatedExchange exchange, final OrderTable orders,
        final long events, final long firstEventNs, final long lastEventNs, final long wallNs)
    {
        double realized = 0;
        double unrealized = 0;
        double fees = 0;
        long maker = 0;
        long taker = 0;
        long maxAbs = 0;
        long open = 0;
        final Map<String, Long> positions = new LinkedHashMap<>();
        for (int i = 0; i < instruments.size(); i++)
        {
            final InstrumentBook book = exchangeBooks.book(instruments.getInt(i));
            if (null == book)
            {
                continue;
            }
            open += exchange.resting(book.instrumentId());
            final Account a = accounts.get(book.instrumentId());
            if (null == a)
            {
                continue;
            }
            realized += a.realized;
            unrealized += a.unrealized(mid(book));
            fees += a.fees;
            maker += a.makerQuantity;
            taker += a.takerQuantity;
            maxAbs = Math.max(maxAbs, a.maxAbsPosition);
            positions.put(book.symbol(), a.position);
        }
        return new BacktestSummary(config.source().describe(), events, firstEventNs, lastEventNs, orders.submitted(),
            ordersFilled, fills, orders.submittedQuantity(), filledQuantity, maker, taker, realized, unrealized, fees,
            realized + unrealized - fees, maxDrawdown, positions, maxAbs, open, exchangeBooks.rejected(), wallNs);
    }
}
