package io.ticklane.backtest;

import io.ticklane.book.BookEventApplier;
import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookListener;
import io.ticklane.book.BookView;
import io.ticklane.book.InstrumentBook;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.OrderBook;
import io.ticklane.book.Side;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One backtest: the sink of the market source, the clock, the simulated exchange and the strategy's world.
 * <p>
 * Two time lines share one axis (ns since the epoch). The exchange sees each market event at its recorded exchange
 * time E and our requests when they arrive (send time plus the order-entry latency); the strategy sees each market
 * event at its local time R (the recorded receive time, or E plus a constant feed latency) and each response of the
 * exchange after the response latency. Requests and responses travel in order, like one order-entry session: an
 * item never overtakes the one sent before it. Before each market event is applied, everything due strictly before
 * its exchange time is done, earliest first (ties: market data to the strategy, then requests at the exchange, then
 * responses, then timers). With no feed latency the strategy reads the exchange's own books; with one, it reads a
 * second copy that the events reach later (so it never sees the market before it would have).
 * <p>
 * Single thread: the caller of {@link #run}. No allocation per market event in steady state (orders, rows and
 * report points allocate, per order event or per interval).
 */
final class BacktestRun implements BookEventHandler, ExchangeListener, StrategyContext
{
    private static final int ACCEPTED = 1;
    private static final int REJECTED = 2;
    private static final int FILL = 3;
    private static final int CANCELLED = 4;
    private static final int MODIFIED = 5;
    private static final int REQUEST_REJECTED = 6;
    private static final int NEW = 1;
    private static final int CANCEL = 2;
    private static final int MODIFY = 3;
    private static final int MAX_TRADES = 4096;
    private static final long PROGRESS_EVENTS = 1 << 16;

    private final Backtest config;
    private final Strategy strategy;
    private final BookEventApplier exchangeBooks;
    private final BookEventApplier strategyBooks;
    private final DelayedEvents delayed;
    private final SimulatedExchange exchange;
    private final PendingQueue requests = new PendingQueue();
    private final PendingQueue responses = new PendingQueue();
    private final TimerQueue timers = new TimerQueue();
    private final OrderTable orders = new OrderTable();
    /** Instruments in order of definition (the applier's own list allocates). */
    private final IntArrayList instruments = new IntArrayList();
    private final Ledger ledger;
    private final int[] tradeInstrument = new int[MAX_TRADES];
    private final long[] tradePrice = new long[MAX_TRADES];
    private final long[] tradeQuantity = new long[MAX_TRADES];
    private final int[] tradeSide = new int[MAX_TRADES];
    private int trades;
    private long exchangeNow = Long.MIN_VALUE;
    private long localNow = Long.MIN_VALUE;
    private long eventLocalNs;
    private long recvNs;
    private boolean inEvent;
    private boolean started;
    private boolean stopped;
    private long events;
    private long firstEventNs = Long.MIN_VALUE;
    private long nextIntervalNs = Long.MIN_VALUE;
    private long nextProgress = PROGRESS_EVENTS;

    BacktestRun(final Backtest config)
    {
        this.config = config;
        this.strategy = config.strategy();
        final boolean dual = !config.feedLatency().isZero() || config.recordedFeedLatency();
        final BookListener strategyListener = new BookListener()
        {
            public void onTrade(final int id, final long price, final long quantity, final int aggressor)
            {
                onBookTrade(id, price, quantity, aggressor);
            }

            public void onBook(final BookView book)
            {
                onBookChanged(book);
            }
        };
        this.exchangeBooks = BacktestBooks.applier(config.orderPoolCapacity(),
            dual ? BookListener.NONE : strategyListener);
        this.strategyBooks = dual ? BacktestBooks.applier(config.orderPoolCapacity(), strategyListener) : exchangeBooks;
        this.delayed = dual ? new DelayedEvents() : null;
        this.exchange = new SimulatedExchange(exchangeBooks::book, this, config.queueModel(), config.partialFills());
        this.ledger = new Ledger(config, exchangeBooks);
    }

    /**
     * Runs the whole source and writes the outputs.
     *
     * @return the summary.
     */
    BacktestSummary run()
    {
        final long startWall = System.nanoTime();
        try
        {
            config.source().run(this, () -> stopped);
            finish();
        }
        finally
        {
            ledger.report.close();
        }
        final long wallNs = System.nanoTime() - startWall;
        final BacktestSummary summary = ledger.summary(instruments, exchange, orders, events,
            firstEventNs == Long.MIN_VALUE ? 0 : firstEventNs, exchangeNow == Long.MIN_VALUE ? 0 : exchangeNow, wallNs);
        ledger.report.finish(summary, HtmlReport.render(summary, ledger.data, config));
        return summary;
    }

    // ------------------------------------------------------------------ market events (source thread = this thread)

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
        if (stopped)
        {
            return;
        }
        final long t = sendTimeNs != 0 ? sendTimeNs : receiveTimeNs;
        recvNs = receiveTimeNs != 0 ? receiveTimeNs : t;
        if (!inEvent)
        {
            begin(t);
        }
        else
        {
            if (t > exchangeNow)
            {
                exchangeNow = t;
            }
            if (config.recordedFeedLatency() && recvNs > eventLocalNs)
            {
                eventLocalNs = recvNs; // an event spread over packets is received with its last one
            }
        }
    }

    private void begin(final long timeNs)
    {
        if (timeNs > exchangeNow)
        {
            exchangeNow = timeNs;
        }
        if (exchangeNow > config.toNs())
        {
            stopped = true;
            return;
        }
        if (firstEventNs == Long.MIN_VALUE)
        {
            firstEventNs = exchangeNow;
        }
        advance(exchangeNow);
        inEvent = true;
        exchange.time(exchangeNow);
        final long feedNs = config.recordedFeedLatency() ? Math.max(0, recvNs - exchangeNow) :
            config.feedLatency().sampleNs();
        eventLocalNs = Math.max(exchangeNow + feedNs, eventLocalNs);
        if (!started && exchangeNow >= config.fromNs())
        {
            started = true;
            localNow = Math.max(localNow, exchangeNow);
            strategy.onStart(this);
        }
        if (exchangeNow >= nextIntervalNs)
        {
            interval();
        }
    }

    private boolean enter()
    {
        if (stopped)
        {
            return false;
        }
        if (!inEvent)
        {
            begin(exchangeNow);
            if (stopped)
            {
                return false;
            }
        }
        if (++events >= nextProgress)
        {
            nextProgress += PROGRESS_EVENTS;
            config.progress().onProgress(events, exchangeNow);
        }
        return true;
    }

    public int onDefinition(final InstrumentDefinition definition)
    {
        if (enter())
        {
            ledger.defined(definition.instrumentId());
            if (!instruments.containsInt(definition.instrumentId()))
            {
                instruments.addInt(definition.instrumentId());
            }
            exchangeBooks.onDefinition(definition);
            if (null != delayed)
            {
                delayed.definition(definition);
            }
        }
        return DELIVERED;
    }

    public int onAdd(final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        if (enter())
        {
            exchange.onAdd(instrumentId, orderId, side, price, quantity);
            exchangeBooks.onAdd(instrumentId, orderId, side, price, quantity);
            if (null != delayed)
            {
                delayed.add(instrumentId, orderId, side, price, quantity);
            }
        }
        return DELIVERED;
    }

    public int onModify(final int instrumentId, final long orderId, final long price, final long quantity)
    {
        if (enter())
        {
            exchange.onModify(instrumentId, orderId, price, quantity);
            exchangeBooks.onModify(instrumentId, orderId, price, quantity);
            if (null != delayed)
            {
                delayed.modify(instrumentId, orderId, price, quantity);
            }
        }
        return DELIVERED;
    }

    public int onDelete(final int instrumentId, final long orderId)
    {
        if (enter())
        {
            exchange.onDelete(instrumentId, orderId);
            exchangeBooks.onDelete(instrumentId, orderId);
            if (null != delayed)
            {
                delayed.delete(instrumentId, orderId);
            }
        }
        return DELIVERED;
    }

    public int onExecute(final int instrumentId, final long orderId, final long quantity)
    {
        if (enter())
        {
            exchange.onExecute(instrumentId, orderId, quantity);
            exchangeBooks.onExecute(instrumentId, orderId, quantity);
            if (null != delayed)
            {
                delayed.execute(instrumentId, orderId, quantity);
            }
        }
        return DELIVERED;
    }

    public int onTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
        if (enter())
        {
            exchange.onTrade(instrumentId, price, quantity);
            exchangeBooks.onTrade(instrumentId, price, quantity, aggressorSide);
            if (null != delayed)
            {
                delayed.trade(instrumentId, price, quantity, aggressorSide);
            }
        }
        return DELIVERED;
    }

    public int onClear(final int instrumentId)
    {
        if (enter())
        {
            exchange.onClear(instrumentId);
            exchangeBooks.onClear(instrumentId);
            if (null != delayed)
            {
                delayed.clear(instrumentId);
            }
        }
        return DELIVERED;
    }

    public int onSnapshotBegin(final int instrumentId, final long lastSequence, final long count)
    {
        if (enter())
        {
            exchange.onClear(instrumentId);
            exchangeBooks.onSnapshotBegin(instrumentId, lastSequence, count);
            if (null != delayed)
            {
                delayed.snapshotBegin(instrumentId, lastSequence, count);
            }
        }
        return DELIVERED;
    }

    public int onSnapshotOrder(
        final int instrumentId, final long orderId, final int side, final long price, final long quantity)
    {
        if (enter())
        {
            exchange.onAdd(instrumentId, orderId, side, price, quantity);
            exchangeBooks.onSnapshotOrder(instrumentId, orderId, side, price, quantity);
            if (null != delayed)
            {
                delayed.snapshotOrder(instrumentId, orderId, side, price, quantity);
            }
        }
        return DELIVERED;
    }

    public int onSnapshotEnd(final int instrumentId, final long lastSequence)
    {
        if (enter())
        {
            exchangeBooks.onSnapshotEnd(instrumentId, lastSequence);
            if (null != delayed)
            {
                delayed.snapshotEnd(instrumentId, lastSequence);
            }
        }
        return DELIVERED;
    }

    public int onLevel(final int instrumentId, final int book, final int side, final int action, final int level,
        final long price, final long quantity, final int orderCount)
    {
        if (enter())
        {
            exchangeBooks.onLevel(instrumentId, book, side, action, level, price, quantity, orderCount);
            if (null != delayed)
            {
                delayed.level(instrumentId, book, side, action, level, price, quantity, orderCount);
            }
        }
        return DELIVERED;
    }

    public int onTradingStatus(final int instrumentId, final int status)
    {
        if (enter())
        {
            exchangeBooks.onTradingStatus(instrumentId, status);
            if (null != delayed)
            {
                delayed.status(instrumentId, status);
            }
        }
        return DELIVERED;
    }

    public void onStale(final int instrumentId)
    {
        if (enter())
        {
            exchangeBooks.onStale(instrumentId);
            if (null != delayed)
            {
                delayed.stale(instrumentId);
            }
        }
    }

    public void onLive(final int instrumentId)
    {
        if (enter())
        {
            exchangeBooks.onLive(instrumentId);
            if (null != delayed)
            {
                delayed.live(instrumentId);
            }
        }
    }

    public void onEndOfEvent()
    {
        if (stopped || !inEvent)
        {
            return;
        }
        exchange.onEndOfEvent();
        if (null != delayed)
        {
            delayed.end(eventLocalNs);
        }
        else
        {
            localNow = Math.max(localNow, eventLocalNs);
        }
        exchangeBooks.onEndOfEvent(); // without feed latency: the strategy's callbacks, now
        trades = 0;
        inEvent = false;
    }

    // ------------------------------------------------------------------ the strategy's book listener

    private void onBookTrade(final int instrumentId, final long price, final long quantity, final int aggressorSide)
    {
        if (trades < MAX_TRADES)
        {
            tradeInstrument[trades] = instrumentId;
            tradePrice[trades] = price;
            tradeQuantity[trades] = quantity;
            tradeSide[trades++] = aggressorSide;
        }
    }

    private void onBookChanged(final BookView book)
    {
        if (!started)
        {
            trades = 0;
            return;
        }
        for (int i = 0; i < trades; i++)
        {
            strategy.onTrade(tradeInstrument[i], tradePrice[i], tradeQuantity[i], tradeSide[i]);
        }
        trades = 0;
        strategy.onBook(book);
    }

    // ------------------------------------------------------------------ the clock

    /**
     * Does everything due strictly before {@code limitNs}, earliest first.
     */
    private void advance(final long limitNs)
    {
        final long exchangeTime = exchangeNow;
        while (true)
        {
            final long ring = null == delayed ? Long.MAX_VALUE : delayed.headTime();
            final long request = requests.headTime();
            final long response = responses.headTime();
            final long timer = started ? timers.headTime() : Long.MAX_VALUE;
            final long next = Math.min(Math.min(ring, request), Math.min(response, timer));
            if (next >= limitNs)
            {
                break;
            }
            if (ring == next)
            {
                localNow = Math.max(localNow, ring);
                delayed.replayHead(strategyBooks);
                trades = 0;
            }
            else if (request == next)
            {
                exchange.time(request);
                exchangeRequest();
            }
            else if (response == next)
            {
                localNow = Math.max(localNow, response);
                deliverResponse();
            }
            else
            {
                localNow = Math.max(localNow, timer);
                final long token = timers.headToken();
                timers.pop();
                strategy.onTimer(token, localNow);
            }
        }
        exchange.time(exchangeTime);
    }

    private void exchangeRequest()
    {
        final SimOrder o = requests.headOrder();
        final int kind = requests.headKind();
        final long a = requests.headA();
        final long b = requests.headB();
        requests.pop();
        o.inFlight--;
        switch (kind)
        {
            case NEW -> exchange.arrive(o);
            case CANCEL -> exchange.cancel(o);
            default -> exchange.modify(o, a, b);
        }
        orders.release(o);
    }

    private void deliverResponse()
    {
        final SimOrder o = responses.headOrder();
        final int kind = responses.headKind();
        final long a = responses.headA();
        final long b = responses.headB();
        final int c = responses.headC();
        responses.pop();
        o.inFlight--;
        switch (kind)
        {
            case ACCEPTED ->
            {
                if (o.status == OrderStatus.PENDING)
                {
                    o.status = OrderStatus.OPEN;
                }
                strategy.onAccepted(o);
            }
            case REJECTED ->
            {
                o.status = OrderStatus.REJECTED;
                o.leaves = 0;
                strategy.onRejected(o, c);
            }
            case FILL ->
            {
                o.filled += b;
                o.leaves = Math.max(0, o.leaves - b);
                o.status = o.leaves == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
                final boolean maker = c != 0;
                ledger.localFill(o, a, b, maker);
                strategy.onFill(o, a, b, maker);
            }
            case CANCELLED ->
            {
                o.status = OrderStatus.CANCELLED;
                o.leaves = 0;
                strategy.onCancelled(o, c);
            }
            case MODIFIED ->
            {
                o.price = a;
                o.leaves = b;
                o.quantity = o.filled + b;
                strategy.onModified(o);
            }
            default -> strategy.onRejected(o, c);
        }
        orders.release(o);
    }

    private void finish()
    {
        if (inEvent)
        {
            onEndOfEvent();
        }
        final long end = Math.max(exchangeNow, Math.max(localNow, eventLocalNs));
        if (end != Long.MIN_VALUE)
        {
            advance(end + 1); // what the data's last moment still delivers; later requests and timers never happen
        }
        localNow = Math.max(localNow, exchangeNow);
        if (started)
        {
            strategy.onEnd(this);
        }
        interval();
    }

    private void interval()
    {
        ledger.interval(exchangeNow, instruments);
        final long interval = config.intervalNs();
        nextIntervalNs = exchangeNow == Long.MIN_VALUE ? Long.MIN_VALUE : (exchangeNow / interval + 1) * interval;
    }

    // ------------------------------------------------------------------ the exchange's reports

    private void respond(final long timeNs, final int kind, final SimOrder o, final long a, final long b, final int c)
    {
        o.inFlight++;
        responses.add(timeNs + config.responseLatency().sampleNs(), kind, o, a, b, c);
    }

    public void onAccepted(final SimOrder order, final long timeNs)
    {
        ledger.exchangeRow(order, timeNs, "accepted", OrderStatus.REASON_NONE);
        respond(timeNs, ACCEPTED, order, 0, 0, 0);
    }

    public void onRejected(final SimOrder order, final int reason, final long timeNs)
    {
        ledger.exchangeRow(order, timeNs, "rejected", reason);
        respond(timeNs, REJECTED, order, 0, 0, reason);
    }

    public void onFill(final SimOrder order, final long timeNs, final long price, final long quantity,
        final boolean maker, final long queueAhead)
    {
        ledger.exchangeFill(order, timeNs, price, quantity, maker, queueAhead, exchangeNow);
        respond(timeNs, FILL, order, price, quantity, maker ? 1 : 0);
    }

    public void onCancelled(final SimOrder order, final int reason, final long timeNs)
    {
        ledger.exchangeRow(order, timeNs, "cancelled", reason);
        respond(timeNs, CANCELLED, order, 0, 0, reason);
    }

    public void onModified(final SimOrder order, final long timeNs)
    {
        ledger.exchangeRow(order, timeNs, "modified", OrderStatus.REASON_NONE);
        respond(timeNs, MODIFIED, order, order.exPrice, order.exLeaves, 0);
    }

    public void onRequestRejected(final SimOrder order, final int reason, final long timeNs)
    {
        ledger.exchangeRow(order, timeNs, "request-rejected", reason);
        respond(timeNs, REQUEST_REJECTED, order, 0, 0, reason);
    }

    // ------------------------------------------------------------------ the strategy's context

    public long nowNs()
    {
        return localNow;
    }

    public BookView book(final int instrumentId)
    {
        return strategyBooks.book(instrumentId);
    }

    public int instrumentId(final String symbol)
    {
        for (int i = 0; i < instruments.size(); i++)
        {
            final InstrumentBook b = strategyBooks.book(instruments.getInt(i));
            if (null != b && b.symbol().equals(symbol))
            {
                return b.instrumentId();
            }
        }
        return -1;
    }

    public long submit(final int instrumentId, final int side, final long price, final long quantity,
        final int timeInForce)
    {
        return send(instrumentId, side, price, quantity, timeInForce, false);
    }

    public long submitMarket(final int instrumentId, final int side, final long quantity, final int timeInForce)
    {
        return send(instrumentId, side, OrderView.MARKET, quantity,
            timeInForce == TimeInForce.FOK ? TimeInForce.FOK : TimeInForce.IOC, true);
    }

    private long send(final int instrumentId, final int side, final long price, final long quantity,
        final int timeInForce, final boolean market)
    {
        if (!Side.isValid(side) || timeInForce < TimeInForce.GTC || timeInForce > TimeInForce.FOK)
        {
            throw new IllegalArgumentException("order: side " + side + " / time in force " + timeInForce +
                "; allowed: Side.BID/ASK, TimeInForce.GTC/GTX/IOC/FOK");
        }
        final SimOrder o = orders.create(instrumentId, side, price, quantity, timeInForce, market);
        o.inFlight++;
        final long arrival = requests.add(localNow + config.entryLatency().sampleNs(), NEW, o, 0, 0, 0);
        ledger.localRow(o, localNow, "sent", o.price, quantity, quantity, 0);
        return arrival == Long.MIN_VALUE ? -1 : o.id;
    }

    public boolean cancel(final long orderId)
    {
        final SimOrder o = orders.get(orderId);
        if (null == o || OrderStatus.isDone(o.status))
        {
            return false;
        }
        o.inFlight++;
        requests.add(localNow + config.entryLatency().sampleNs(), CANCEL, o, 0, 0, 0);
        ledger.localRow(o, localNow, "cancel-sent", o.price, o.quantity, o.leaves, o.filled);
        return true;
    }

    public boolean modify(final long orderId, final long price, final long leavesQuantity)
    {
        final SimOrder o = orders.get(orderId);
        if (null == o || OrderStatus.isDone(o.status) || o.market)
        {
            return false;
        }
        o.inFlight++;
        requests.add(localNow + config.entryLatency().sampleNs(), MODIFY, o, price, leavesQuantity, 0);
        ledger.localRow(o, localNow, "modify-sent", price, o.filled + leavesQuantity, leavesQuantity, o.filled);
        return true;
    }

    public OrderView order(final long orderId)
    {
        return orders.get(orderId);
    }

    public int openOrders(final int instrumentId)
    {
        return orders.open(instrumentId);
    }

    public long position(final int instrumentId)
    {
        final Account a = ledger.local(instrumentId);
        return null == a ? 0 : a.position;
    }

    public double realizedPnl(final int instrumentId)
    {
        final Account a = ledger.local(instrumentId);
        return null == a ? 0 : a.realized;
    }

    public double fees(final int instrumentId)
    {
        final Account a = ledger.local(instrumentId);
        return null == a ? 0 : a.fees;
    }

    public void schedule(final long atNs, final long token)
    {
        timers.add(Math.max(atNs, localNow), token);
    }

    public StrategyParameters parameters()
    {
        return config.parameters();
    }

    // ------------------------------------------------------------------ results

    /**
     * @return book events the exchange-side books refused (a source problem, reported in tests).
     */
    long refusedEvents()
    {
        return exchangeBooks.rejected();
    }

    BookView exchangeBook(final int instrumentId)
    {
        return exchangeBooks.book(instrumentId);
    }
}
