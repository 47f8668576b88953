package io.ticklane.backtest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strategy parameters given as {@code --param K=V}. Immutable. Getters that parse throw
 * {@link IllegalArgumentException} naming the key, the value and what is allowed.
 */
public final class StrategyParameters
{
    private final Map<String, String> values;

    /**
     * @param values parameters in the order given.
     */
    public StrategyParameters(final Map<String, String> values)
    {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param text {@code K=V} items.
     * @return the parameters.
     * @throws IllegalArgumentException for an item without '='.
     */
    public static StrategyParameters parse(final Iterable<String> text)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (final String item : text)
        {
            final int eq = item.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("--param '" + item + "': expected KEY=VALUE");
            }
            map.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return new StrategyParameters(map);
    }

    public Map<String, String> asMap()
    {
        return values;
    }

    public String get(final String key, final String fallback)
    {
        return values.getOrDefault(key, fallback);
    }

    public long getLong(final String key, final long fallback)
    {
        final String v = values.get(key);
        if (null == v)
        {
            return fallback;
        }
        try
        {
            return Long.parseLong(v);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--param " + key + "=" + v + ": not an integer");
        }
    }

    public double getDouble(final String key, final double fallback)
    {
        final String v = values.get(key);
        if (null == v)
        {
            return fallback;
        }
        try
        {
            return Double.parseDouble(v);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--param " + key + "=" + v + ": not a number");
        }
    }
}
