package io.ticklane.backtest;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.book.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact-FIFO fills of the simulated exchange against the brute-force {@link ReferenceFifoExchange}, over random
 * order-by-order markets (adds, cancels, partial cancels, priority-losing modifies, executions, trades without a
 * resting order, book resets) and random orders of ours (every time in force, market orders, cancels, modifies that
 * keep or lose priority), with and without partial fills: every fill (order, time, price, quantity, liquidity,
 * quantity ahead at join) must be the same.
 */
class FifoVersusReferenceTest
{
    private record Step(long time, boolean market, Consumer<ScriptedSource> toSource,
        Consumer<StrategyContext> toStrategy, Consumer<ReferenceFifoExchange> toReference)
    {
    }

    @Property(tries = 120)
    void fillsMatchTheReference(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) final long seed) throws Exception
    {
        check(seed, true);
        check(seed, false);
    }

    private static void check(final long seed, final boolean partial) throws Exception
    {
        final List<Step> steps = scenario(new Random(seed), 400);
        steps.sort(java.util.Comparator.comparingLong(Step::time)); // stable: same-time steps keep their order
        final ScriptedSource source = new ScriptedSource().at(1).define(1, "T", 1, InstrumentDefinition.BOOK_ORDERS, 0);
        final ProgrammedStrategy strategy = new ProgrammedStrategy();
        final ReferenceFifoExchange reference = new ReferenceFifoExchange(partial);
        for (final Step s : steps)
        {
            if (s.market())
            {
                source.at(s.time());
                s.toSource().accept(source);
            }
            else
            {
                strategy.at(s.time(), s.toStrategy());
            }
            reference.time(s.time());
            s.toReference().accept(reference);
        }
        final Path dir = Files.createTempDirectory("fifo");
        final Runs run = new Runs(Backtest.builder().source(source).strategy(strategy).partialFills(partial)
            .responseLatency(LatencyModel.constant(3)), dir);
        final List<String> fast = run.fills();
        int i = 0;
        while (i < Math.min(fast.size(), reference.fills.size()) && fast.get(i).equals(reference.fills.get(i)))
        {
            i++;
        }
        final int from = Math.max(0, i - 2);
        assertEquals(reference.fills, fast, "seed " + seed + " partial " + partial + ": first difference at fill " + i +
            ": reference " + reference.fills.subList(from, Math.min(reference.fills.size(), i + 3)) + ", simulator " +
            fast.subList(from, Math.min(fast.size(), i + 3)));
        assertTrue(run.summary.events() > 300);
        try (java.util.stream.Stream<Path> files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static List<Step> scenario(final Random r, final int length)
    {
        final List<Step> steps = new ArrayList<>();
        final List<long[]> live = new ArrayList<>(); // id, side, price, quantity
        long nextId = 1000;
        int ourOrders = 0;
        for (int k = 0; k < 20; k++)
        {
            final long[] o = newOrder(r, nextId++);
            live.add(o);
            steps.add(add(10 + k, o));
        }
        for (int k = 1; k <= length; k++)
        {
            final long t = 100L * k;
            if (r.nextInt(3) == 0)
            {
                final Step step = ours(r, t + 50, ourOrders);
                steps.add(step);
                ourOrders += step.toStrategy() instanceof Submit ? 1 : 0;
            }
            final int kind = r.nextInt(100);
            if (live.isEmpty() || kind < 35)
            {
                final long[] o = newOrder(r, nextId++);
                live.add(o);
                steps.add(add(t, o));
            }
            else if (kind < 55)
            {
                final long[] o = live.remove(r.nextInt(live.size()));
                steps.add(new Step(t, true, s -> s.delete(o[0]), null, x -> x.delete(o[0])));
            }
            else if (kind < 70)
            {
                final long[] o = live.get(r.nextInt(live.size()));
                final long price = r.nextInt(4) == 0 ? price(r, (int)o[1]) : o[2];
                final long quantity = Math.max(1, o[3] + r.nextInt(5) - 3);
                o[2] = price;
                o[3] = quantity;
                final long id = o[0];
                steps.add(new Step(t, true, s -> s.modify(id, price, quantity), null, x -> x.modify(id, price, quantity)));
            }
            else if (kind < 92)
            {
                final int i = r.nextInt(live.size());
                final long[] o = live.get(i);
                final long quantity = 1 + r.nextInt((int)o[3]);
                o[3] -= quantity;
                if (o[3] == 0)
                {
                    live.remove(i);
                }
                final long id = o[0];
                steps.add(new Step(t, true, s -> s.execute(id, quantity), null, x -> x.execute(id, quantity)));
            }
            else if (kind < 99)
            {
                final long price = 95 + r.nextInt(12);
                final long quantity = 1 + r.nextInt(5);
                steps.add(new Step(t, true, s -> s.trade(price, quantity, 2), null, x -> x.trade(price, quantity)));
            }
            else
            {
                live.clear();
                steps.add(new Step(t, true, ScriptedSource::clear, null, ReferenceFifoExchange::clear));
            }
        }
        // a last, empty event: the run ends at the data's last event, so every action of ours falls before it
        steps.add(new Step(100L * (length + 1), true, s -> { }, null, x -> { }));
        return steps;
    }

    /** A submit, told apart from cancels and modifies when counting ids. */
    private interface Submit extends Consumer<StrategyContext>
    {
    }

    private static Step ours(final Random r, final long t, final int submitted)
    {
        final int what = r.nextInt(10);
        if (submitted > 0 && what < 2)
        {
            final long id = 1 + r.nextInt(submitted);
            return new Step(t, false, null, c -> c.cancel(id), x -> x.cancel(id));
        }
        if (submitted > 0 && what < 4)
        {
            final long id = 1 + r.nextInt(submitted);
            final long price = 95 + r.nextInt(12);
            final long quantity = 1 + r.nextInt(6);
            return new Step(t, false, null, c -> c.modify(id, price, quantity), x -> x.modify(id, price, quantity, 0));
        }
        final long id = submitted + 1;
        final int side = r.nextBoolean() ? Side.BID : Side.ASK;
        final long price = 95 + r.nextInt(12);
        final long quantity = 1 + r.nextInt(6);
        final int tif = new int[]{TimeInForce.GTC, TimeInForce.GTC, TimeInForce.GTC, TimeInForce.GTX,
            TimeInForce.IOC, TimeInForce.FOK}[r.nextInt(6)];
        if (r.nextInt(20) == 0)
        {
            final int mtif = tif == TimeInForce.FOK ? TimeInForce.FOK : TimeInForce.IOC;
            return new Step(t, false, null, (Submit)c -> c.submitMarket(1, side, quantity, mtif),
                x -> x.submit(id, side, 0, quantity, mtif, true));
        }
        return new Step(t, false, null, (Submit)c -> c.submit(1, side, price, quantity, tif),
            x -> x.submit(id, side, price, quantity, tif, false));
    }

    private static long[] newOrder(final Random r, final long id)
    {
        final int side = r.nextBoolean() ? Side.BID : Side.ASK;
        return new long[]{id, side, price(r, side), 1 + r.nextInt(8)};
    }

    private static long price(final Random r, final int side)
    {
        return side == Side.BID ? 95 + r.nextInt(6) : 101 + r.nextInt(6);
    }

    private static Step add(final long t, final long[] o)
    {
        final long id = o[0];
        final int side = (int)o[1];
        final long price = o[2];
        final long quantity = o[3];
        return new Step(t, true, s -> s.add(id, side, price, quantity), null, x -> x.add(id, side, price, quantity));
    }
}
