package io.ticklane.gateway.importer.dbn;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.ticklane.gateway.importer.dbn.DbnDescriptor.*;

/**
 * Flyweight over an MBP-1 or MBP-10 record: the event (price, size, action, side) and the book's top levels after
 * it. Single thread.
 */
public final class DbnMbp
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private DirectBuffer buffer;
    private int offset;
    private int levels;

    /**
     * @param buffer holding the record.
     * @param offset record start.
     * @param length record length (tells MBP-1 from MBP-10).
     * @return this.
     */
    public DbnMbp wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.levels = Math.max(0, Math.min(10, (length - MBP_LEVELS_OFFSET) / MBP_LEVEL_LENGTH));
        return this;
    }

    /**
     * @return levels per side the record carries (1 or 10).
     */
    public int levelCount()
    {
        return levels;
    }

    public int instrumentId()
    {
        return buffer.getInt(offset + INSTRUMENT_ID_OFFSET, LE);
    }

    public long tsEvent()
    {
        return buffer.getLong(offset + TS_EVENT_OFFSET, LE);
    }

    public long price()
    {
        return buffer.getLong(offset + MBP_PRICE_OFFSET, LE);
    }

    public long size()
    {
        return buffer.getInt(offset + MBP_SIZE_OFFSET, LE) & 0xFFFF_FFFFL;
    }

    /**
     * @return 'A' add, 'C' cancel, 'M' modify, 'T' trade, 'F' fill, 'R' clear, 'N' none.
     */
    public char action()
    {
        return (char)buffer.getByte(offset + MBP_ACTION_OFFSET);
    }

    public char side()
    {
        return (char)buffer.getByte(offset + MBP_SIDE_OFFSET);
    }

    public int flags()
    {
        return buffer.getByte(offset + MBP_FLAGS_OFFSET) & 0xFF;
    }

    public long tsRecv()
    {
        return buffer.getLong(offset + MBP_TS_RECV_OFFSET, LE);
    }

    public long sequence()
    {
        return buffer.getInt(offset + MBP_SEQUENCE_OFFSET, LE) & 0xFFFF_FFFFL;
    }

    /**
     * @param level 0-based level.
     * @param ask   true for the ask side.
     * @return price, or {@link DbnDescriptor#UNDEF_PRICE} when the level is empty.
     */
    public long levelPrice(final int level, final boolean ask)
    {
        return buffer.getLong(levelOffset(level) + (ask ? LEVEL_ASK_PX_OFFSET : LEVEL_BID_PX_OFFSET), LE);
    }

    public long levelSize(final int level, final boolean ask)
    {
        return buffer.getInt(levelOffset(level) + (ask ? LEVEL_ASK_SZ_OFFSET : LEVEL_BID_SZ_OFFSET), LE) &
            0xFFFF_FFFFL;
    }

    public int levelCount(final int level, final boolean ask)
    {
        return buffer.getInt(levelOffset(level) + (ask ? LEVEL_ASK_CT_OFFSET : LEVEL_BID_CT_OFFSET), LE);
    }

    private int levelOffset(final int level)
    {
        return offset + MBP_LEVELS_OFFSET + level * MBP_LEVEL_LENGTH;
    }
}
