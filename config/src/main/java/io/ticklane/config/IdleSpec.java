package io.ticklane.config;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How an agent waits when it has no work, as written in configuration:
 * <ul>
 *     <li>{@code busy-spin}: never gives up the core; for isolated cores only.</li>
 *     <li>{@code noop}: spins without the pause hint; for isolated cores only.</li>
 *     <li>{@code yield}: {@code Thread.yield()} between polls; still spins when the core is free.</li>
 *     <li>{@code backoff[:MAX]}: spins, yields, then parks up to MAX (default 1ms); fit for shared cores.</li>
 *     <li>{@code sleep[:PERIOD]}: parks for PERIOD (default 1ms) each idle poll; lowest CPU, highest latency.</li>
 * </ul>
 * Immutable.
 */
public final class IdleSpec
{
    /** What the configuration error says is allowed. */
    public static final String ALLOWED = "busy-spin, noop, yield, backoff, backoff:<max park e.g. 1ms>, sleep, " +
        "sleep:<period e.g. 100us>";

    private static final long DEFAULT_PARK_NS = 1_000_000L;

    /** Kinds of idle strategy. */
    public enum Kind
    {
        BUSY_SPIN, NOOP, YIELD, BACKOFF, SLEEP
    }

    private final Kind kind;
    private final long parkNs;

    private IdleSpec(final Kind kind, final long parkNs)
    {
        this.kind = kind;
        this.parkNs = parkNs;
    }

    /**
     * @param kind   the kind.
     * @param parkNs maximum park (backoff) or sleep period (sleep); ignored by the spinning kinds.
     * @return the spec.
     */
    public static IdleSpec of(final Kind kind, final long parkNs)
    {
        return new IdleSpec(kind, parkNs);
    }

    /**
     * @param key  the configuration key, for the error message.
     * @param text the value as written.
     * @return the spec.
     * @throws ConfigException naming the key when the text is not one of {@link #ALLOWED}.
     */
    public static IdleSpec parse(final String key, final String text)
    {
        final String t = text.trim().toLowerCase();
        final int colon = t.indexOf(':');
        final String name = colon < 0 ? t : t.substring(0, colon);
        final String arg = colon < 0 ? null : t.substring(colon + 1);
        final Kind kind;
        switch (name)
        {
            case "busy-spin": case "busyspin": case "spin": kind = Kind.BUSY_SPIN; break;
            case "noop": kind = Kind.NOOP; break;
            case "yield": kind = Kind.YIELD; break;
            case "backoff": kind = Kind.BACKOFF; break;
            case "sleep": case "sleeping": kind = Kind.SLEEP; break;
            default: throw ConfigException.invalid(key, text, ALLOWED);
        }
        long parkNs = DEFAULT_PARK_NS;
        if (null != arg)
        {
            if (kind != Kind.BACKOFF && kind != Kind.SLEEP)
            {
                throw ConfigException.invalid(key, text, ALLOWED);
            }
            try
            {
                parkNs = Units.parseDurationNs(arg);
            }
            catch (final IllegalArgumentException ex)
            {
                throw ConfigException.invalid(key, text, ALLOWED);
            }
            if (parkNs < 1_000L || parkNs > 1_000_000_000L)
            {
                throw ConfigException.invalid(key, text, "a park period from 1us to 1s in " + ALLOWED);
            }
        }
        return new IdleSpec(kind, parkNs);
    }

    /**
     * @return a new idle strategy instance (strategies hold state, so each agent needs its own).
     */
    public IdleStrategy newIdleStrategy()
    {
        switch (kind)
        {
            case BUSY_SPIN: return new BusySpinIdleStrategy();
            case NOOP: return new NoOpIdleStrategy();
            case YIELD: return new YieldingIdleStrategy();
            case BACKOFF: return new BackoffIdleStrategy(64, 16, 1_000L, parkNs);
            case SLEEP: return new SleepingIdleStrategy(parkNs);
            default: throw new IllegalStateException(kind.name());
        }
    }

    /**
     * @return true when the strategy never gives up its core (busy-spin, noop, yield).
     */
    public boolean spins()
    {
        return kind == Kind.BUSY_SPIN || kind == Kind.NOOP || kind == Kind.YIELD;
    }

    /**
     * @return the kind.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * @return park or sleep period in ns.
     */
    public long parkNs()
    {
        return parkNs;
    }

    public String toString()
    {
        switch (kind)
        {
            case BUSY_SPIN: return "busy-spin";
            case NOOP: return "noop";
            case YIELD: return "yield";
            case BACKOFF: return "backoff:" + Units.formatDuration(parkNs);
            default: return "sleep:" + Units.formatDuration(parkNs);
        }
    }
}
