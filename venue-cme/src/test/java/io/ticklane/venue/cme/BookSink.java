package io.ticklane.venue.cme;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.BookResult;
import io.ticklane.book.BookState;
import io.ticklane.book.DepthBook;
import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.LevelBook;
import io.ticklane.book.LevelResult;
import io.ticklane.book.ReferenceDepthBook;
import io.ticklane.book.ReferenceOrderBook;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only applier: the session's normalized events applied straight to books, {@link DepthBook} and
 * {@link ReferenceDepthBook} side by side (their results must agree) and a {@link ReferenceOrderBook} for
 * order-by-order data, with a log of everything else. Not the engine's applier (that lands on main); just enough
 * to see what a session's events build. Can refuse events to simulate a full ring.
 */
final class BookSink implements BookEventHandler
{
    /** One instrument's books as this sink builds them. */
    static final class Books
    {
        final InstrumentDefinition definition = new InstrumentDefinition();
        DepthBook depth;
        ReferenceDepthBook reference;
        ReferenceOrderBook orders;
        int state = BookState.LIVE;
        int tradingStatus;
        int levelRefusals;
        int orderRefusals;
        final List<String> trades = new ArrayList<>();
    }

    final Int2ObjectHashMap<Books> books = new Int2ObjectHashMap<>();
    final List<String> log = new ArrayList<>();
    boolean logLevels = true;
    long events;
    long endOfEvents;
    long backPressureFrom = Long.MAX_VALUE;
    long backPressureTo = Long.MAX_VALUE;
    String disagreement;

    Books books(final int id)
    {
        return books.get(id);
    }

    private int delivered(final String what)
    {
        final long n = ++events;
        if (n >= backPressureFrom && n <= backPressureTo)
        {
            log.add("back-pressured " + what);
            return BACK_PRESSURED;
        }
        return DELIVERED;
    }

    public void onPacket(final long sequence, final long sendTimeNs, final long receiveTimeNs)
    {
    }

    public int onDefinition(final InstrumentDefinition definition)
    {
        final int result = delivered("definition " + definition.instrumentId());
        if (result != DELIVERED)
        {
            return result;
        }
        Books b = books.get(definition.instrumentId());
        if (b != null && b.definition.sameAs(definition))
        {
            return DELIVERED;
        }
        if (b == null)
        {
            b = new Books();
            books.put(definition.instrumentId(), b);
        }
        b.definition.copyFrom(definition);
        b.depth = new DepthBook(definition);
        b.reference = new ReferenceDepthBook(definition.depth(), definition.impliedDepth());
        b.orders = (definition.books() & InstrumentDefinition.BOOK_ORDERS) != 0 ?
            new ReferenceOrderBook(definition.instrumentId(), definition.tickSize()) : null;
        log.add("definition " + definition.instrumentId() + " " + definition.symbol() + " depth " + definition.depth() +
            "/" + definition.impliedDepth());
        return DELIVERED;
    }

    public int onAdd(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        final int result = delivered("add");
        if (result == DELIVERED && books.get(id).orders != null)
        {
            final int r = books.get(id).orders.add(orderId, side, price, quantity);
            books.get(id).orderRefusals += r == BookResult.OK ? 0 : 1;
        }
        return result;
    }

    public int onModify(final int id, final long orderId, final long price, final long quantity)
    {
        final int result = delivered("modify");
        if (result == DELIVERED && books.get(id).orders != null)
        {
            final int r = books.get(id).orders.modify(orderId, price, quantity);
            books.get(id).orderRefusals += r == BookResult.OK ? 0 : 1;
        }
        return result;
    }

    public int onDelete(final int id, final long orderId)
    {
        final int result = delivered("delete");
        if (result == DELIVERED && books.get(id).orders != null)
        {
            final int r = books.get(id).orders.delete(orderId);
            books.get(id).orderRefusals += r == BookResult.OK ? 0 : 1;
        }
        return result;
    }

    public int onExecute(final int id, final long orderId, final long quantity)
    {
        throw new AssertionError("CME sessions report trades, not executions");
    }

    public int onTrade(final int id, final long price, final long quantity, final int aggressorSide)
    {
        final int result = delivered("trade");
        if (result == DELIVERED)
        {
            books.get(id).trades.add(quantity + "@" + price + " " + aggressorSide);
        }
        return result;
    }

    public int onClear(final int id)
    {
        final int result = delivered("clear " + id);
        if (result == DELIVERED)
        {
            final Books b = books.get(id);
            b.depth.clear();
            b.reference.clear();
            if (b.orders != null)
            {
                b.orders.clear();
            }
            log.add("clear " + id);
        }
        return result;
    }

    public int onSnapshotBegin(final int id, final long lastSequence, final long count)
    {
        final int result = delivered("snapshot-begin");
        if (result == DELIVERED)
        {
            books.get(id).orders.clear();
            log.add("order snapshot " + id + " at " + lastSequence + " of " + count);
        }
        return result;
    }

    public int onSnapshotOrder(final int id, final long orderId, final int side, final long price, final long quantity)
    {
        final int result = delivered("snapshot-order");
        if (result == DELIVERED)
        {
            final int r = books.get(id).orders.add(orderId, side, price, quantity);
            books.get(id).orderRefusals += r == BookResult.OK ? 0 : 1;
        }
        return result;
    }

    public int onSnapshotEnd(final int id, final long lastSequence)
    {
        return delivered("snapshot-end");
    }

    public int onLevel(
        final int id, final int book, final int side, final int action, final int level, final long price,
        final long quantity, final int orderCount)
    {
        final int result = delivered("level");
        if (result != DELIVERED)
        {
            return result;
        }
        final Books b = books.get(id);
        final int fast = b.depth.apply(book, side, action, level, price, quantity, orderCount);
        final int reference = b.reference.apply(book, side, action, level, price, quantity, orderCount);
        if (fast != reference && disagreement == null)
        {
            disagreement = id + ": " + LevelResult.name(fast) + " vs " + LevelResult.name(reference);
        }
        if (fast != BookResult.OK)
        {
            b.levelRefusals++;
            log.add("refused " + LevelResult.name(fast) + " " + id + " " + LevelBook.bookName(book) + " side " + side +
                " action " + action + " level " + level);
        }
        if (logLevels)
        {
            log.add("level " + id + " " + LevelBook.bookName(book) + " " + side + " " + action + " " + level + " " +
                quantity + "@" + price);
        }
        return result;
    }

    public int onTradingStatus(final int id, final int status)
    {
        final int result = delivered("status");
        if (result == DELIVERED)
        {
            books.get(id).tradingStatus = status;
            books.get(id).depth.tradingStatus(status);
            log.add("status " + id + " " + io.ticklane.book.TradingStatus.name(status));
        }
        return result;
    }

    public void onStale(final int id)
    {
        log.add("stale " + id);
        final Books b = books.get(id);
        if (b != null)
        {
            b.state = BookState.STALE;
            b.depth.state(BookState.STALE);
        }
    }

    public void onLive(final int id)
    {
        log.add("live " + id);
        final Books b = books.get(id);
        if (b != null)
        {
            b.state = BookState.LIVE;
            b.depth.state(BookState.LIVE);
        }
    }

    public void onEndOfEvent()
    {
        endOfEvents++;
        for (final Books b : books.values())
        {
            b.depth.publish();
        }
    }

    /**
     * @return a side of a level book as text: "qty@price(orders)" per level, '-' known empty, '?' unknown.
     */
    static String describe(final LevelBook book, final int b, final int side)
    {
        final StringBuilder sb = new StringBuilder();
        for (int level = 1; level <= book.depth(b); level++)
        {
            final int state = book.levelState(b, side, level);
            sb.append(level > 1 ? " " : "").append(state == LevelBook.KNOWN ? book.levelQuantity(b, side, level) +
                "@" + book.levelPrice(b, side, level) + "(" + book.levelOrders(b, side, level) + ")" :
                state == LevelBook.EMPTY ? "-" : "?");
        }
        return sb.toString();
    }
}
