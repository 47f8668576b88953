package io.ticklane.venue.cme.config;

import io.ticklane.book.InstrumentDefinition;

/**
 * What to assume about an instrument the feed has not defined (a capture without the definition loop): tick,
 * price exponent, depth and books. Prices and ticks are normalized to MDP's 9-decimal mantissa (PRICE9; older
 * PRICE values, 7 decimals, are scaled up), so a tick of 0.25 in the feed's price units is 250,000,000 and the
 * exponent is -9 plus the power of ten of the display factor. Immutable.
 */
public final class CmeInstrumentDefaults
{
    /** The decimal places of a normalized price. */
    public static final int PRICE_DECIMALS = 9;

    private final long tick;
    private final int priceExponent;
    private final int depth;
    private final int impliedDepth;
    private final int books;
    private final String symbol;
    private final String securityGroup;

    /**
     * @param tick          minimum price increment, in normalized (9-decimal) units, &gt; 0.
     * @param priceExponent exponent of real prices: -9 plus log10 of the display factor.
     * @param depth         outright levels per side, 1..255.
     * @param impliedDepth  implied levels per side, 0..255.
     * @param books         {@link InstrumentDefinition#BOOK_LEVELS}, optionally with
     *                      {@link InstrumentDefinition#BOOK_ORDERS}.
     * @param symbol        display symbol, or null to use the security id.
     * @param securityGroup CME security group (tag 1151) that group-wide status messages name, or null.
     */
    public CmeInstrumentDefaults(
        final long tick, final int priceExponent, final int depth, final int impliedDepth, final int books,
        final String symbol, final String securityGroup)
    {
        this.securityGroup = securityGroup;
        this.tick = tick;
        this.priceExponent = priceExponent;
        this.depth = depth;
        this.impliedDepth = impliedDepth;
        this.books = books;
        this.symbol = symbol;
    }

    public long tick()
    {
        return tick;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public int depth()
    {
        return depth;
    }

    public int impliedDepth()
    {
        return impliedDepth;
    }

    public int books()
    {
        return books;
    }

    public String symbol()
    {
        return symbol;
    }

    /**
     * @return the security group, or null.
     */
    public String securityGroup()
    {
        return securityGroup;
    }

    /**
     * Fills a definition of a security from these defaults.
     *
     * @param securityId the instrument.
     * @param out        receives the definition.
     * @return out.
     */
    public InstrumentDefinition fill(final int securityId, final InstrumentDefinition out)
    {
        return out.reset().instrumentId(securityId).symbol(symbol != null ? symbol : Integer.toString(securityId))
            .tickSize(tick).priceExponent(priceExponent).books(books).depth(depth, impliedDepth);
    }

    public String toString()
    {
        return "tick " + tick + "e-9, exponent " + priceExponent + ", depth " + depth + "/" + impliedDepth +
            (symbol != null ? ", symbol " + symbol : "");
    }
}
