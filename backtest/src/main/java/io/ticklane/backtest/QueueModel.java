package io.ticklane.backtest;

/**
 * How the simulated exchange places our resting orders in their level's queue. Immutable; formulas in
 * docs/BACKTEST.md.
 * <ul>
 * <li>{@link #FIFO} (exact, order-by-order data): we join behind every order resting at our price; orders ahead
 * leave by execution, cancel or loss of priority; executions that reach us, and trades through our price, fill us.
 * On price-level data it falls back to {@link #RISK_AVERSE}. The default.</li>
 * <li>{@link #RISK_AVERSE}: only trades at our price advance us; a level shrinking below our estimate caps it
 * ({@code front = min(front, level)}).</li>
 * <li>probabilistic ({@link #POWER}, {@link #POWER2}, {@link #POWER3}, {@link #LOG}, {@link #LOG2}), as
 * hftbacktest's ProbQueueModel: a decrease of the level not explained by trades happens ahead of us with
 * probability {@code 1 - p(front, back)}.</li>
 * </ul>
 *
 * @param kind     one of the kind constants.
 * @param exponent n of the power functions.
 */
public record QueueModel(int kind, double exponent)
{
    public static final int FIFO = 0;
    public static final int RISK_AVERSE = 1;
    public static final int POWER = 2;
    public static final int POWER2 = 3;
    public static final int POWER3 = 4;
    public static final int LOG = 5;
    public static final int LOG2 = 6;

    private static final String[] NAMES = {"fifo", "risk-averse", "power", "power2", "power3", "log", "log2"};
    /** The default: exact FIFO where the data has orders, risk-averse elsewhere. */
    public static final QueueModel DEFAULT = new QueueModel(FIFO, 0);

    /**
     * @param text {@code fifo}, {@code risk-averse}, {@code power[:N]}, {@code power2[:N]}, {@code power3[:N]},
     *             {@code log} or {@code log2} (N defaults to 3).
     * @return the model.
     * @throws IllegalArgumentException naming the value and what is allowed.
     */
    public static QueueModel parse(final String text)
    {
        final String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        final int colon = t.indexOf(':');
        final String name = colon < 0 ? t : t.substring(0, colon);
        for (int k = 0; k < NAMES.length; k++)
        {
            if (NAMES[k].equals(name))
            {
                double n = 3;
                if (colon >= 0)
                {
                    if (k != POWER && k != POWER2 && k != POWER3)
                    {
                        throw new IllegalArgumentException("--queue-model " + text + ": only power models take ':N'");
                    }
                    try
                    {
                        n = Double.parseDouble(t.substring(colon + 1));
                    }
                    catch (final NumberFormatException ex)
                    {
                        n = Double.NaN;
                    }
                    if (!(n > 0) || Double.isInfinite(n))
                    {
                        throw new IllegalArgumentException("--queue-model " + text + ": N must be a number > 0");
                    }
                }
                return new QueueModel(k, n);
            }
        }
        throw new IllegalArgumentException("--queue-model " + text +
            ": allowed fifo, risk-averse, power[:N], power2[:N], power3[:N], log, log2");
    }

    /**
     * @return the model as {@link #parse} reads it.
     */
    public String describe()
    {
        return kind >= POWER && kind <= POWER3 ? NAMES[kind] + ":" + exponent : NAMES[kind];
    }

    /**
     * @param front quantity ahead of us.
     * @param back  quantity behind us.
     * @return probability that a decrease of the level happens behind us.
     */
    public double probabilityBehind(final double front, final double back)
    {
        final double p;
        switch (kind)
        {
            case POWER -> p = pow(back) / (pow(back) + pow(front));
            case POWER2 -> p = pow(back) / pow(back + front);
            case POWER3 -> p = 1.0 - pow(front / (front + back));
            case LOG -> p = Math.log1p(back) / (Math.log1p(back) + Math.log1p(front));
            case LOG2 -> p = Math.log1p(back) / Math.log1p(back + front);
            default -> p = 1.0;
        }
        return Double.isNaN(p) || Double.isInfinite(p) ? 1.0 : p;
    }

    private double pow(final double x)
    {
        return Math.pow(x, exponent);
    }

    /**
     * The estimate of the quantity ahead after the level changed from {@code previous} to {@code now}, given the
     * trades at our price seen since the previous change.
     *
     * @param front    quantity ahead before.
     * @param previous level quantity before.
     * @param now      level quantity now.
     * @param traded   trade quantity at our price since the previous change (already taken off {@code front}).
     * @return the new quantity ahead.
     */
    public double onLevelChange(final double front, final double previous, final double now, final double traded)
    {
        if (kind == RISK_AVERSE || kind == FIFO)
        {
            return Math.min(front, now);
        }
        final double change = previous - now - traded;
        if (change < 0)
        {
            return Math.min(front, now);
        }
        final double back = previous - front;
        final double p = probabilityBehind(Math.max(0, front), Math.max(0, back));
        final double estimate = front - (1 - p) * change + Math.min(back - p * change, 0);
        return Math.min(estimate, now);
    }
}
