package io.ticklane.book;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TickMathTest
{
    @Property(tries = 3000)
    void agreesWithDivision(
        @ForAll @LongRange(min = 1, max = 1_000_000_000L) final long tick,
        @ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) final long price)
    {
        final TickMath math = new TickMath(tick);
        final long expected = price > 0 && price % tick == 0 ? price / tick : TickMath.OFF_TICK;
        assertEquals(expected, math.toTicks(price), "tick " + tick + " price " + price);
        final long onTick = (Math.abs(price % 1_000_000_000L) + 1) * tick;
        assertEquals(onTick / tick, math.toTicks(onTick));
        assertEquals(onTick, math.toPrice(math.toTicks(onTick)));
        assertEquals(TickMath.OFF_TICK, tick > 1 ? math.toTicks(onTick + 1) : TickMath.OFF_TICK);
    }
}
