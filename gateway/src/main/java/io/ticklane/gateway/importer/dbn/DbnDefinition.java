package io.ticklane.gateway.importer.dbn;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.ticklane.gateway.importer.dbn.DbnDescriptor.*;

/**
 * Flyweight over an instrument definition record (rtype 0x13), whose layout depends on the DBN version. Only the
 * fields a book needs are read: symbol, tick and depth. Single thread.
 */
public final class DbnDefinition
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private DirectBuffer buffer;
    private int offset;
    private int version;

    /**
     * @param buffer  holding the record.
     * @param offset  record start.
     * @param version the file's DBN version.
     * @return this.
     */
    public DbnDefinition wrap(final DirectBuffer buffer, final int offset, final int version)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.version = version;
        return this;
    }

    public int instrumentId()
    {
        return buffer.getInt(offset + INSTRUMENT_ID_OFFSET, LE);
    }

    /**
     * @return minimum price increment in 1e-9 units, or {@link DbnDescriptor#UNDEF_PRICE}.
     */
    public long minPriceIncrement()
    {
        return buffer.getLong(offset + DEF_MIN_PRICE_INCREMENT_OFFSET, LE);
    }

    /**
     * @return market depth the venue publishes, or Integer.MAX_VALUE when undefined.
     */
    public int marketDepth()
    {
        return buffer.getInt(offset + definitionDepthOffset(version), LE);
    }

    /**
     * @return the venue's symbol, e.g. {@code ESM4} (allocates: definitions are rare).
     */
    public String rawSymbol()
    {
        final int at = offset + definitionSymbolOffset(version);
        final int max = symbolLength(version);
        final StringBuilder sb = new StringBuilder(max);
        for (int i = 0; i < max; i++)
        {
            final byte c = buffer.getByte(at + i);
            if (c == 0)
            {
                break;
            }
            sb.append((char)c);
        }
        return sb.toString();
    }
}
