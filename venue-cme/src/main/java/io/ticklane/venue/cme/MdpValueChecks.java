package io.ticklane.venue.cme;

import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook32Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook46Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook43Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook47Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary42Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary48Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh38Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefresh52Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook44Decoder;
import io.ticklane.venue.cme.sbe.SnapshotFullRefreshOrderBook53Decoder;
import org.agrona.DirectBuffer;

/**
 * The value checks of {@link MdpPacketDecoder#validate}, run on a message whose structure is already known to be
 * inside the packet: the enumerations and references the session interprets must hold values the schema defines.
 * Single thread (the decoder's); reuses the decoder's flyweights.
 */
final class MdpValueChecks
{
    static final int MAX_UPDATE_ACTION = 5;
    static final int MAX_ORDER_ACTION = 2;

    private MdpValueChecks()
    {
    }

    static int check(
        final MdpPacketDecoder decoder,
        final DirectBuffer buffer,
        final int at,
        final int blockLength,
        final int templateId,
        final int version)
    {
        final boolean ok;
        switch (templateId)
        {
            case MDIncrementalRefreshBook32Decoder.TEMPLATE_ID:
                ok = book32(decoder.book32().wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshBook46Decoder.TEMPLATE_ID:
                ok = book46(decoder.book46().wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshOrderBook43Decoder.TEMPLATE_ID:
                ok = orders43(decoder.orders43().wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshOrderBook47Decoder.TEMPLATE_ID:
                ok = orders47(decoder.orders47().wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshTradeSummary42Decoder.TEMPLATE_ID:
                ok = trade42(decoder.trade42().wrap(buffer, at, blockLength, version));
                break;
            case MDIncrementalRefreshTradeSummary48Decoder.TEMPLATE_ID:
                ok = trade48(decoder.trade48().wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefresh38Decoder.TEMPLATE_ID:
                ok = snapshot38(decoder.snapshot38().wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefresh52Decoder.TEMPLATE_ID:
                ok = snapshot52(decoder.snapshot52().wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefreshOrderBook44Decoder.TEMPLATE_ID:
                ok = orderSnapshot44(decoder.orderSnapshot44().wrap(buffer, at, blockLength, version));
                break;
            case SnapshotFullRefreshOrderBook53Decoder.TEMPLATE_ID:
                ok = orderSnapshot53(decoder.orderSnapshot53().wrap(buffer, at, blockLength, version));
                break;
            default:
                ok = true;
                break;
        }
        return ok ? MdpPacketDecoder.OK : MdpPacketDecoder.BAD_VALUE;
    }

    /**
     * @param type an MDEntryType of a book entry.
     * @return true for bid, offer, implied bid, implied offer and book reset.
     */
    static boolean isBookEntryType(final byte type)
    {
        return type == '0' || type == '1' || type == 'E' || type == 'F' || type == 'J';
    }

    private static boolean bookEntry(final short action, final byte type, final int level)
    {
        return action <= MAX_UPDATE_ACTION && isBookEntryType(type) &&
            (type == 'J' || action == 3 || level >= 1);
    }

    private static boolean book32(final MDIncrementalRefreshBook32Decoder m)
    {
        final MDIncrementalRefreshBook32Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        final int count = entries.count();
        while (entries.hasNext())
        {
            entries.next();
            if (!bookEntry(entries.mDUpdateActionRaw(), entries.mDEntryTypeRaw(), entries.mDPriceLevel()))
            {
                return false;
            }
        }
        final MDIncrementalRefreshBook32Decoder.NoOrderIDEntriesDecoder orders = m.noOrderIDEntries();
        while (orders.hasNext())
        {
            orders.next();
            final short reference = orders.referenceID();
            if (orders.orderUpdateActionRaw() > MAX_ORDER_ACTION || reference < 1 || reference > count)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean book46(final MDIncrementalRefreshBook46Decoder m)
    {
        final MDIncrementalRefreshBook46Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        final int count = entries.count();
        while (entries.hasNext())
        {
            entries.next();
            if (!bookEntry(entries.mDUpdateActionRaw(), entries.mDEntryTypeRaw(), entries.mDPriceLevel()))
            {
                return false;
            }
        }
        final MDIncrementalRefreshBook46Decoder.NoOrderIDEntriesDecoder orders = m.noOrderIDEntries();
        while (orders.hasNext())
        {
            orders.next();
            final short reference = orders.referenceID();
            if (orders.orderUpdateActionRaw() > MAX_ORDER_ACTION || reference < 1 || reference > count)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean orders43(final MDIncrementalRefreshOrderBook43Decoder m)
    {
        final MDIncrementalRefreshOrderBook43Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            final byte type = entries.mDEntryTypeRaw();
            if (entries.mDUpdateActionRaw() > MAX_ORDER_ACTION || type != '0' && type != '1')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean orders47(final MDIncrementalRefreshOrderBook47Decoder m)
    {
        final MDIncrementalRefreshOrderBook47Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            final byte type = entries.mDEntryTypeRaw();
            if (entries.mDUpdateActionRaw() > MAX_ORDER_ACTION || type != '0' && type != '1')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean aggressor(final short side)
    {
        return side <= 2 || side == 255;
    }

    private static boolean trade42(final MDIncrementalRefreshTradeSummary42Decoder m)
    {
        final MDIncrementalRefreshTradeSummary42Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            if (!aggressor(entries.aggressorSideRaw()) || entries.mDUpdateActionRaw() > MAX_UPDATE_ACTION)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean trade48(final MDIncrementalRefreshTradeSummary48Decoder m)
    {
        final MDIncrementalRefreshTradeSummary48Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            if (!aggressor(entries.aggressorSideRaw()) || entries.mDUpdateActionRaw() > MAX_UPDATE_ACTION)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param type an MDEntryType of a snapshot entry.
     * @return true when the schema defines it.
     */
    static boolean isSnapshotEntryType(final byte type)
    {
        switch (type)
        {
            case '0': case '1': case '2': case '4': case '6': case '7': case '8': case 'B': case 'C': case 'E':
            case 'F': case 'J': case 'N': case 'O': case 'W': case 'e': case 'g':
                return true;
            default:
                return false;
        }
    }

    private static boolean snapshotEntry(final byte type, final byte level)
    {
        final boolean book = type == '0' || type == '1' || type == 'E' || type == 'F';
        return isSnapshotEntryType(type) && (!book || level >= 1 && level < 127);
    }

    private static boolean snapshot38(final SnapshotFullRefresh38Decoder m)
    {
        final SnapshotFullRefresh38Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            if (!snapshotEntry(entries.mDEntryTypeRaw(), entries.mDPriceLevel()))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean snapshot52(final SnapshotFullRefresh52Decoder m)
    {
        final SnapshotFullRefresh52Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            if (!snapshotEntry(entries.mDEntryTypeRaw(), entries.mDPriceLevel()))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean chunks(final long chunks, final long chunk)
    {
        return chunks >= 1 && chunk >= 1 && chunk <= chunks;
    }

    private static boolean orderSnapshot44(final SnapshotFullRefreshOrderBook44Decoder m)
    {
        if (!chunks(m.noChunks(), m.currentChunk()))
        {
            return false;
        }
        final SnapshotFullRefreshOrderBook44Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            final byte type = entries.mDEntryTypeRaw();
            if (type != '0' && type != '1')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean orderSnapshot53(final SnapshotFullRefreshOrderBook53Decoder m)
    {
        if (!chunks(m.noChunks(), m.currentChunk()))
        {
            return false;
        }
        final SnapshotFullRefreshOrderBook53Decoder.NoMDEntriesDecoder entries = m.noMDEntries();
        while (entries.hasNext())
        {
            entries.next();
            final byte type = entries.mDEntryTypeRaw();
            if (type != '0' && type != '1')
            {
                return false;
            }
        }
        return true;
    }
}
