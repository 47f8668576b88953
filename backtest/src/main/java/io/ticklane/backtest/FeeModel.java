package io.ticklane.backtest;

import java.util.Locale;

/**
 * Maker and taker fees, per unit and per notional: {@code fee = perUnit * quantity + rate * notional}, where the
 * notional is {@code price * 10^exponent * quantity * multiplier} in currency. A negative fee is a rebate. Immutable.
 *
 * @param makerRate    fraction of notional charged to a resting (maker) fill.
 * @param takerRate    fraction of notional charged to a taking fill.
 * @param makerPerUnit currency per unit for a maker fill.
 * @param takerPerUnit currency per unit for a taker fill.
 */
public record FeeModel(double makerRate, double takerRate, double makerPerUnit, double takerPerUnit)
{
    /** No fees. */
    public static final FeeModel NONE = new FeeModel(0, 0, 0, 0);

    /**
     * @param maker    true for a maker fill.
     * @param quantity filled quantity.
     * @param notional fill notional in currency.
     * @return the fee in currency (negative: rebate).
     */
    public double fee(final boolean maker, final long quantity, final double notional)
    {
        return maker ? makerPerUnit * quantity + makerRate * notional : takerPerUnit * quantity + takerRate * notional;
    }

    /**
     * @param text comma-separated {@code maker=R}, {@code taker=R} (fractions of notional; a {@code bp} suffix means
     *             basis points), {@code maker-unit=X}, {@code taker-unit=X} (currency per unit).
     * @return the model.
     * @throws IllegalArgumentException naming the item and what is allowed.
     */
    public static FeeModel parse(final String text)
    {
        double makerRate = 0;
        double takerRate = 0;
        double makerUnit = 0;
        double takerUnit = 0;
        for (final String raw : text.split(","))
        {
            final String item = raw.trim();
            if (item.isEmpty())
            {
                continue;
            }
            final int eq = item.indexOf('=');
            final String key = eq < 0 ? item : item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            final String value = eq < 0 ? "" : item.substring(eq + 1).trim();
            final double v = number(item, value);
            switch (key)
            {
                case "maker" -> makerRate = v;
                case "taker" -> takerRate = v;
                case "maker-unit" -> makerUnit = v;
                case "taker-unit" -> takerUnit = v;
                default -> throw new IllegalArgumentException("--fees " + item +
                    ": allowed keys maker, taker (rate of notional, or Nbp), maker-unit, taker-unit (per unit)");
            }
        }
        return new FeeModel(makerRate, takerRate, makerUnit, takerUnit);
    }

    private static double number(final String item, final String value)
    {
        try
        {
            final String v = value.toLowerCase(Locale.ROOT);
            return v.endsWith("bp") ? Double.parseDouble(v.substring(0, v.length() - 2)) / 10_000 :
                Double.parseDouble(v);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--fees " + item + ": '" + value + "' is not a number");
        }
    }

    public String describe()
    {
        return String.format(Locale.ROOT, "maker %s + %s/unit, taker %s + %s/unit", makerRate, makerPerUnit,
            takerRate, takerPerUnit);
    }
}
