package io.ticklane.book;

/**
 * What a venue says about an instrument, normalized: the carrier of {@link BookEventHandler#onDefinition}. A
 * session fills one reusable instance and passes it on; handlers copy what they keep, since the instance is valid
 * during the call only.
 * <p>
 * Which books the instrument has: {@link #BOOK_ORDERS} (an order-by-order ladder book, price-time queues) and/or
 * {@link #BOOK_LEVELS} (a depth-limited market-by-price book of {@link #depth()} outright and
 * {@link #impliedDepth()} implied levels per side).
 * <p>
 * Single thread: whoever fills it.
 */
public final class InstrumentDefinition
{
    /** An order-by-order book. */
    public static final int BOOK_ORDERS = 1;
    /** A depth-limited market-by-price book. */
    public static final int BOOK_LEVELS = 2;
    /** Longest symbol kept, ASCII. */
    public static final int MAX_SYMBOL_LENGTH = 24;

    private final byte[] symbol = new byte[MAX_SYMBOL_LENGTH];
    private int symbolLength;
    private int instrumentId;
    private long tickSize;
    private int priceExponent;
    private long referencePrice;
    private int bandTicks;
    private int books = BOOK_ORDERS;
    private int depth;
    private int impliedDepth;

    /**
     * Resets every field to its default (order-by-order book, no levels).
     *
     * @return this.
     */
    public InstrumentDefinition reset()
    {
        symbolLength = 0;
        instrumentId = 0;
        tickSize = 0;
        priceExponent = 0;
        referencePrice = 0;
        bandTicks = 0;
        books = BOOK_ORDERS;
        depth = 0;
        impliedDepth = 0;
        return this;
    }

    /**
     * @param instrumentId the venue's instrument id.
     * @return this.
     */
    public InstrumentDefinition instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    /**
     * @param symbol display symbol, ASCII; longer ones are cut at {@link #MAX_SYMBOL_LENGTH}, others become '?'.
     * @return this.
     */
    public InstrumentDefinition symbol(final CharSequence symbol)
    {
        int n = 0;
        for (int i = 0; i < symbol.length() && n < MAX_SYMBOL_LENGTH; i++)
        {
            final char c = symbol.charAt(i);
            if (c == 0)
            {
                break;
            }
            this.symbol[n++] = (byte)(c >= ' ' && c < 127 ? c : '?');
        }
        while (n > 0 && this.symbol[n - 1] == ' ')
        {
            n--;
        }
        symbolLength = n;
        return this;
    }

    /**
     * @param bytes  ASCII bytes, NUL or space padded.
     * @param length bytes to take.
     * @return this.
     */
    public InstrumentDefinition symbol(final byte[] bytes, final int length)
    {
        int n = 0;
        for (int i = 0; i < length && n < MAX_SYMBOL_LENGTH; i++)
        {
            final byte c = bytes[i];
            if (c == 0)
            {
                break;
            }
            symbol[n++] = c >= ' ' && c < 127 ? c : (byte)'?';
        }
        while (n > 0 && symbol[n - 1] == ' ')
        {
            n--;
        }
        symbolLength = n;
        return this;
    }

    /**
     * @param tickSize minimum price increment in price units, &gt; 0.
     * @return this.
     */
    public InstrumentDefinition tickSize(final long tickSize)
    {
        this.tickSize = tickSize;
        return this;
    }

    /**
     * @param priceExponent decimal exponent: the real price is {@code price * 10^priceExponent}.
     * @return this.
     */
    public InstrumentDefinition priceExponent(final int priceExponent)
    {
        this.priceExponent = priceExponent;
        return this;
    }

    /**
     * @param referencePrice centre of an order-by-order ladder, on tick (0: centred on the first price seen).
     * @return this.
     */
    public InstrumentDefinition referencePrice(final long referencePrice)
    {
        this.referencePrice = referencePrice;
        return this;
    }

    /**
     * @param bandTicks ladder levels per side around the reference price.
     * @return this.
     */
    public InstrumentDefinition bandTicks(final int bandTicks)
    {
        this.bandTicks = bandTicks;
        return this;
    }

    /**
     * @param books {@link #BOOK_ORDERS}, {@link #BOOK_LEVELS} or both.
     * @return this.
     */
    public InstrumentDefinition books(final int books)
    {
        this.books = books;
        return this;
    }

    /**
     * @param depth        outright levels per side of the market-by-price book.
     * @param impliedDepth implied levels per side (0: none).
     * @return this.
     */
    public InstrumentDefinition depth(final int depth, final int impliedDepth)
    {
        this.depth = depth;
        this.impliedDepth = impliedDepth;
        return this;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return the symbol (allocates: for definitions, not the hot path).
     */
    public String symbol()
    {
        return new String(symbol, 0, symbolLength, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * @param index 0..{@link #symbolLength()}-1.
     * @return the symbol's byte at index.
     */
    public byte symbolByte(final int index)
    {
        return symbol[index];
    }

    public int symbolLength()
    {
        return symbolLength;
    }

    public long tickSize()
    {
        return tickSize;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public long referencePrice()
    {
        return referencePrice;
    }

    public int bandTicks()
    {
        return bandTicks;
    }

    public int books()
    {
        return books;
    }

    public int depth()
    {
        return depth;
    }

    public int impliedDepth()
    {
        return impliedDepth;
    }

    /**
     * @param other another definition.
     * @return true when both describe the same books (symbol included).
     */
    public boolean sameAs(final InstrumentDefinition other)
    {
        if (instrumentId != other.instrumentId || tickSize != other.tickSize || priceExponent != other.priceExponent ||
            referencePrice != other.referencePrice || bandTicks != other.bandTicks || books != other.books ||
            depth != other.depth || impliedDepth != other.impliedDepth || symbolLength != other.symbolLength)
        {
            return false;
        }
        for (int i = 0; i < symbolLength; i++)
        {
            if (symbol[i] != other.symbol[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param from definition to copy.
     * @return this.
     */
    public InstrumentDefinition copyFrom(final InstrumentDefinition from)
    {
        System.arraycopy(from.symbol, 0, symbol, 0, MAX_SYMBOL_LENGTH);
        symbolLength = from.symbolLength;
        instrumentId = from.instrumentId;
        tickSize = from.tickSize;
        priceExponent = from.priceExponent;
        referencePrice = from.referencePrice;
        bandTicks = from.bandTicks;
        books = from.books;
        depth = from.depth;
        impliedDepth = from.impliedDepth;
        return this;
    }
}
