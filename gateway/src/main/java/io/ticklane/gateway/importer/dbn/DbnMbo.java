package io.ticklane.gateway.importer.dbn;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.ticklane.gateway.importer.dbn.DbnDescriptor.*;

/**
 * Flyweight over an MBO record ({@link DbnDescriptor#RTYPE_MBO}). Single thread; wrap, read, move on.
 */
public final class DbnMbo
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer holding the record.
     * @param offset record start.
     * @return this.
     */
    public DbnMbo wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int instrumentId()
    {
        return buffer.getInt(offset + INSTRUMENT_ID_OFFSET, LE);
    }

    public long tsEvent()
    {
        return buffer.getLong(offset + TS_EVENT_OFFSET, LE);
    }

    public long orderId()
    {
        return buffer.getLong(offset + MBO_ORDER_ID_OFFSET, LE);
    }

    /**
     * @return price in 1e-9 units, or {@link DbnDescriptor#UNDEF_PRICE}.
     */
    public long price()
    {
        return buffer.getLong(offset + MBO_PRICE_OFFSET, LE);
    }

    public long size()
    {
        return buffer.getInt(offset + MBO_SIZE_OFFSET, LE) & 0xFFFF_FFFFL;
    }

    public int flags()
    {
        return buffer.getByte(offset + MBO_FLAGS_OFFSET) & 0xFF;
    }

    /**
     * @return 'A' add, 'C' cancel, 'M' modify, 'R' clear, 'T' trade, 'F' fill, 'N' none.
     */
    public char action()
    {
        return (char)buffer.getByte(offset + MBO_ACTION_OFFSET);
    }

    /**
     * @return 'B' bid, 'A' ask, 'N' none.
     */
    public char side()
    {
        return (char)buffer.getByte(offset + MBO_SIDE_OFFSET);
    }

    public long tsRecv()
    {
        return buffer.getLong(offset + MBO_TS_RECV_OFFSET, LE);
    }

    public long sequence()
    {
        return buffer.getInt(offset + MBO_SEQUENCE_OFFSET, LE) & 0xFFFF_FFFFL;
    }
}
