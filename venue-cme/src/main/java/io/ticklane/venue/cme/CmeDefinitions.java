package io.ticklane.venue.cme;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.venue.cme.config.CmeInstrumentDefaults;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture27Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture54Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption41Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionOption55Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread29Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionSpread56Decoder;

/**
 * Turns CME instrument definitions (templates 27, 29, 41 and their version-9 forms 54, 56, 55) into the normalized
 * {@link InstrumentDefinition}: security id, symbol, tick (MinPriceIncrement, normalized to 9 decimals), price
 * exponent (-9 plus the power of ten of DisplayFactor; a display factor that is not a power of ten is counted and
 * left out), outright depth (MDFeedType GBX) and implied depth (GBI), plus the security group and asset that
 * group-wide status messages name. Reusable; single thread; allocation-free.
 */
final class CmeDefinitions
{
    private static final int PRICE7_TO_9 = 100;
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};

    private final byte[] text = new byte[32];
    private final byte[] feedType = new byte[3];
    int securityId;
    long tick;
    int exponent;
    int depth;
    int impliedDepth;
    long securityGroup;
    long asset;
    byte updateAction;
    int symbolLength;
    long displayFactorNotPowerOfTen;

    /**
     * @param in     the fields read from a definition.
     * @param books  which books the instrument gets.
     * @param base   configured defaults for values the definition leaves out (tick 0 of a variable-tick
     *               instrument, no GBX depth), or null.
     * @param out    receives the definition.
     */
    void fill(final int books, final CmeInstrumentDefaults base, final InstrumentDefinition out)
    {
        out.reset().instrumentId(securityId).symbol(text, symbolLength)
            .tickSize(tick > 0 ? tick : base != null ? base.tick() : 1)
            .priceExponent(exponent)
            .books(books)
            .depth(depth > 0 ? depth : base != null ? base.depth() : 10,
                depth > 0 ? impliedDepth : base != null ? base.impliedDepth() : impliedDepth);
    }

    private void exponentOf(final long mantissa, final int decimals)
    {
        // DisplayFactor = mantissa * 10^-decimals; a power of ten folds into the exponent of normalized prices.
        for (int p = 0; p < POW10.length; p++)
        {
            if (mantissa == POW10[p])
            {
                exponent = -CmeInstrumentDefaults.PRICE_DECIMALS + p - decimals;
                return;
            }
        }
        exponent = -CmeInstrumentDefaults.PRICE_DECIMALS;
        displayFactorNotPowerOfTen++;
    }

    static long pack(final byte[] bytes, final int length)
    {
        long packed = 0;
        for (int i = 0; i < length && i < 8; i++)
        {
            final byte b = bytes[i];
            if (b == 0)
            {
                break;
            }
            packed |= (long)(b & 0xFF) << (8 * i);
        }
        return packed;
    }

    /**
     * @param code a security group or asset as text.
     * @return it packed as {@link #securityGroup} is.
     */
    static long pack(final String code)
    {
        final byte[] bytes = code.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long packed = 0;
        for (int i = 0; i < bytes.length && i < 8; i++)
        {
            packed |= (long)(bytes[i] & 0xFF) << (8 * i);
        }
        return packed & trimMask(bytes);
    }

    private static long trimMask(final byte[] bytes)
    {
        int n = Math.min(bytes.length, 8);
        while (n > 0 && (bytes[n - 1] == ' ' || bytes[n - 1] == 0))
        {
            n--;
        }
        return n == 8 ? -1L : (1L << (8 * n)) - 1;
    }

    private long packTrimmed(final int length)
    {
        int n = length;
        while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == 0))
        {
            n--;
        }
        return pack(text, n);
    }

    private void depths(final byte[] type, final int marketDepth)
    {
        if (type[0] == 'G' && type[1] == 'B' && type[2] == 'X')
        {
            depth = marketDepth;
        }
        else if (type[0] == 'G' && type[1] == 'B' && type[2] == 'I')
        {
            impliedDepth = marketDepth;
        }
    }

    void read(final MDInstrumentDefinitionFuture27Decoder m)
    {
        start(m.securityID(), m.securityUpdateActionRaw());
        securityGroup = packTrimmed(m.getSecurityGroup(text, 0));
        asset = packTrimmed(m.getAsset(text, 0));
        symbolLength = m.getSymbol(text, 0);
        tick = m.minPriceIncrement().mantissa() * PRICE7_TO_9;
        exponentOf(m.displayFactor().mantissa(), 7);
        final MDInstrumentDefinitionFuture27Decoder.NoEventsDecoder events = m.noEvents();
        while (events.hasNext())
        {
            events.next();
        }
        final MDInstrumentDefinitionFuture27Decoder.NoMDFeedTypesDecoder feeds = m.noMDFeedTypes();
        while (feeds.hasNext())
        {
            feeds.next().getMDFeedType(feedType, 0);
            depths(feedType, feeds.marketDepth());
        }
    }

    void read(final MDInstrumentDefinitionSpread29Decoder m)
    {
        start(m.securityID(), m.securityUpdateActionRaw());
        securityGroup = packTrimmed(m.getSecurityGroup(text, 0));
        asset = packTrimmed(m.getAsset(text, 0));
        symbolLength = m.getSymbol(text, 0);
        tick = m.minPriceIncrement().mantissa() * PRICE7_TO_9;
        exponentOf(m.displayFactor().mantissa(), 7);
        final MDInstrumentDefinitionSpread29Decoder.NoEventsDecoder events = m.noEvents();
        while (events.hasNext())
        {
            events.next();
        }
        final MDInstrumentDefinitionSpread29Decoder.NoMDFeedTypesDecoder feeds = m.noMDFeedTypes();
        while (feeds.hasNext())
        {
            feeds.next().getMDFeedType(feedType, 0);
            depths(feedType, feeds.marketDepth());
        }
    }

    void read(final MDInstrumentDefinitionOption41Decoder m)
    {
        start(m.securityID(), m.securityUpdateActionRaw());
        securityGroup = packTrimmed(m.getSecurityGroup(text, 0));
        asset = packTrimmed(m.getAsset(text, 0));
        symbolLength = m.getSymbol(text, 0);
        final long increment = m.minPriceIncrement().mantissa();
        tick = increment == io.ticklane.venue.cme.sbe.PRICENULLDecoder.mantissaNullValue() ? 0 : increment * PRICE7_TO_9;
        exponentOf(m.displayFactor().mantissa(), 7);
        final MDInstrumentDefinitionOption41Decoder.NoEventsDecoder events = m.noEvents();
        while (events.hasNext())
        {
            events.next();
        }
        final MDInstrumentDefinitionOption41Decoder.NoMDFeedTypesDecoder feeds = m.noMDFeedTypes();
        while (feeds.hasNext())
        {
            feeds.next().getMDFeedType(feedType, 0);
            depths(feedType, feeds.marketDepth());
        }
    }

    void read(final MDInstrumentDefinitionFuture54Decoder m)
    {
        start(m.securityID(), m.securityUpdateActionRaw());
        securityGroup = packTrimmed(m.getSecurityGroup(text, 0));
        asset = packTrimmed(m.getAsset(text, 0));
        symbolLength = m.getSymbol(text, 0);
        tick = m.minPriceIncrement().mantissa();
        exponentOf(m.displayFactor().mantissa(), 9);
        final MDInstrumentDefinitionFuture54Decoder.NoEventsDecoder events = m.noEvents();
        while (events.hasNext())
        {
            events.next();
        }
        final MDInstrumentDefinitionFuture54Decoder.NoMDFeedTypesDecoder feeds = m.noMDFeedTypes();
        while (feeds.hasNext())
        {
            feeds.next().getMDFeedType(feedType, 0);
            depths(feedType, feeds.marketDepth());
        }
    }

    void read(final MDInstrumentDefinitionSpread56Decoder m)
    {
        start(m.securityID(), m.securityUpdateActionRaw());
        securityGroup = packTrimmed(m.getSecurityGroup(text, 0));
        asset = packTrimmed(m.getAsset(text, 0));
        symbolLength = m.getSymbol(text, 0);
        final long increment = m.minPriceIncrement().mantissa();
        tick = increment == io.ticklane.venue.cme.sbe.PRICENULL9Decoder.mantissaNullValue() ? 0 : increment;
        exponentOf(m.displayFactor().mantissa(), 9);
        final MDInstrumentDefinitionSpread56Decoder.NoEventsDecoder events = m.noEvents();
        while (events.hasNext())
        {
            events.next();
        }
        final MDInstrumentDefinitionSpread56Decoder.NoMDFeedTypesDecoder feeds = m.noMDFeedTypes();
        while (feeds.hasNext())
        {
            feeds.next().getMDFeedType(feedType, 0);
            depths(feedType, feeds.marketDepth());
        }
    }

    void read(final MDInstrumentDefinitionOption55Decoder m)
    {
        start(m.securityID(), m.securityUpdateActionRaw());
        securityGroup = packTrimmed(m.getSecurityGroup(text, 0));
        asset = packTrimmed(m.getAsset(text, 0));
        symbolLength = m.getSymbol(text, 0);
        final long increment = m.minPriceIncrement().mantissa();
        tick = increment == io.ticklane.venue.cme.sbe.PRICENULL9Decoder.mantissaNullValue() ? 0 : increment;
        exponentOf(m.displayFactor().mantissa(), 9);
        final MDInstrumentDefinitionOption55Decoder.NoEventsDecoder events = m.noEvents();
        while (events.hasNext())
        {
            events.next();
        }
        final MDInstrumentDefinitionOption55Decoder.NoMDFeedTypesDecoder feeds = m.noMDFeedTypes();
        while (feeds.hasNext())
        {
            feeds.next().getMDFeedType(feedType, 0);
            depths(feedType, feeds.marketDepth());
        }
    }

    private void start(final int securityId, final byte updateAction)
    {
        this.securityId = securityId;
        this.updateAction = updateAction;
        depth = 0;
        impliedDepth = 0;
    }
}
