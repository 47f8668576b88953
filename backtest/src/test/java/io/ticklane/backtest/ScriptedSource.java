package io.ticklane.backtest;

import io.ticklane.book.BookEventHandler;
import io.ticklane.book.InstrumentDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Test market source: venue events written out by hand, each with its exchange time and receive time.
 */
final class ScriptedSource implements MarketSource
{
    private record Event(long exchangeNs, long receiveNs, List<Consumer<BookEventHandler>> ops)
    {
    }

    private final List<Event> events = new ArrayList<>();
    private Event current;

    /**
     * Starts a venue event.
     */
    ScriptedSource at(final long exchangeNs, final long receiveNs)
    {
        current = new Event(exchangeNs, receiveNs, new ArrayList<>());
        events.add(current);
        return this;
    }

    ScriptedSource at(final long exchangeNs)
    {
        return at(exchangeNs, exchangeNs);
    }

    ScriptedSource define(final int id, final String symbol, final long tick, final int books, final int depth)
    {
        final InstrumentDefinition d = new InstrumentDefinition().instrumentId(id).symbol(symbol).tickSize(tick)
            .priceExponent(0).referencePrice(100 * tick).bandTicks(256).books(books).depth(depth, 0);
        current.ops().add(h -> h.onDefinition(d));
        return this;
    }

    ScriptedSource add(final long orderId, final int side, final long price, final long quantity)
    {
        current.ops().add(h -> h.onAdd(1, orderId, side, price, quantity));
        return this;
    }

    ScriptedSource modify(final long orderId, final long price, final long quantity)
    {
        current.ops().add(h -> h.onModify(1, orderId, price, quantity));
        return this;
    }

    ScriptedSource delete(final long orderId)
    {
        current.ops().add(h -> h.onDelete(1, orderId));
        return this;
    }

    ScriptedSource execute(final long orderId, final long quantity)
    {
        current.ops().add(h -> h.onExecute(1, orderId, quantity));
        return this;
    }

    ScriptedSource trade(final long price, final long quantity, final int aggressor)
    {
        current.ops().add(h -> h.onTrade(1, price, quantity, aggressor));
        return this;
    }

    ScriptedSource clear()
    {
        current.ops().add(h -> h.onClear(1));
        return this;
    }

    ScriptedSource level(final int side, final int action, final int level, final long price, final long quantity)
    {
        current.ops().add(h -> h.onLevel(1, 0, side, action, level, price, quantity, 1));
        return this;
    }

    ScriptedSource op(final Consumer<BookEventHandler> op)
    {
        current.ops().add(op);
        return this;
    }

    public long run(final BookEventHandler sink, final BooleanSupplier stop)
    {
        long n = 0;
        long sequence = 0;
        for (final Event e : events)
        {
            if (stop.getAsBoolean())
            {
                break;
            }
            sink.onPacket(++sequence, e.exchangeNs(), e.receiveNs());
            for (final Consumer<BookEventHandler> op : e.ops())
            {
                op.accept(sink);
                n++;
            }
            sink.onEndOfEvent();
        }
        return n;
    }

    public String describe()
    {
        return "scripted " + events.size() + " events";
    }
}
