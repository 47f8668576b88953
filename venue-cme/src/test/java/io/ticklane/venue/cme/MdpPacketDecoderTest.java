package io.ticklane.venue.cme;

import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook32Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook46Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshOrderBook47Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshTradeSummary48Decoder;
import io.ticklane.venue.cme.sbe.MDInstrumentDefinitionFuture27Decoder;
import io.ticklane.venue.cme.sbe.SecurityStatus30Decoder;
import io.ticklane.venue.cme.sbe.MDIncrementalRefreshBook32Decoder.NoMDEntriesDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shared CME capture decodes with zero refused packets and exactly the per-template message counts the data's
 * README gives; a few fields are checked against values read from the raw bytes at the schema's offsets; and the
 * layout read from the schema agrees with the generated codecs.
 */
class MdpPacketDecoderTest
{
    private static Map<Integer, Long> decodeAll(final String capture, final MdpMessageHandler handler)
    {
        final MdpPacketDecoder decoder = new MdpPacketDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        for (final SharedCaptures.Datagram d : SharedCaptures.read(capture))
        {
            buffer.wrap(d.payload);
            assertEquals("ok", MdpPacketDecoder.resultName(decoder.decode(buffer, 0, d.payload.length, handler)),
                capture);
        }
        assertEquals(0, decoder.refused());
        assertEquals(0, decoder.unknownTemplates());
        final Map<Integer, Long> counts = new TreeMap<>();
        for (int t = 0; t < MdpSchemaLayout.MAX_TEMPLATE_ID; t++)
        {
            if (decoder.messages(t) > 0)
            {
                counts.put(t, decoder.messages(t));
            }
        }
        return counts;
    }

    @Test
    void v8CaptureTemplateCounts()
    {
        final long[] v8Messages = {0};
        final List<String> firstBook = new ArrayList<>();
        final List<String> firstStatus = new ArrayList<>();
        final Map<Integer, Long> counts = decodeAll(SharedCaptures.V8, new MdpMessageHandler()
        {
            public void onBook(final MDIncrementalRefreshBook32Decoder m)
            {
                v8Messages[0] += m.actingVersion() == 8 ? 1 : 0;
                final NoMDEntriesDecoder e = m.noMDEntries();
                if (firstBook.isEmpty())
                {
                    e.next();
                    firstBook.add(m.transactTime() + " " + m.matchEventIndicator().endOfEvent() + " " +
                        e.mDEntryPx().mantissa() + " " + e.mDEntrySize() + " " + e.securityID() + " " + e.rptSeq() +
                        " " + e.numberOfOrders() + " " + e.mDPriceLevel() + " " + e.mDUpdateActionRaw() + " " +
                        (char)e.mDEntryTypeRaw());
                }
            }

            public void onSecurityStatus(final SecurityStatus30Decoder m)
            {
                if (firstStatus.isEmpty())
                {
                    firstStatus.add(m.securityGroup() + " " + m.securityID() + " " + m.securityTradingStatusRaw() +
                        " " + m.tradeDate());
                }
            }
        });
        assertEquals(Map.of(32, 9_796L, 30, 198L, 35, 358L, 37, 114L, 42, 120L, 12, 12L), counts);
        assertEquals(9_796, v8Messages[0], "all of them version 8, decoded through the v9 schema");
        // From the first packet's bytes at the schema's offsets: PRICE mantissa (exponent -7), size, security id,
        // RptSeq, orders, MDPriceLevel, MDUpdateAction 0 (New), MDEntryType '1' (offer).
        assertEquals("1475012773473147505 true 75845000000 2 174969 1721556 1 1 0 1", firstBook.get(0));
        assertEquals("6C " + SecurityStatus30Decoder.securityIDNullValue() + " 21 17072", firstStatus.get(0),
            "group-level status (no security id): pre-open");
    }

    @Test
    void v9StreamTemplateCounts()
    {
        assertEquals(Map.of(46, 170L, 47, 8L, 48, 8L, 37, 8L), decodeAll(SharedCaptures.V9_STREAM,
            new MdpMessageHandler()
            {
            }));
    }

    @Test
    void v9SinglePacketSamplesByHand()
    {
        final List<String> seen = new ArrayList<>();
        final MdpMessageHandler handler = new MdpMessageHandler()
        {
            public void onBook(final MDIncrementalRefreshBook46Decoder m)
            {
                final MDIncrementalRefreshBook46Decoder.NoMDEntriesDecoder e = m.noMDEntries();
                if (e.count() > 0)
                {
                    e.next();
                    seen.add("46 " + e.count() + " " + e.mDEntryPx().mantissa() + " " + e.mDEntrySize() + " " +
                        e.securityID() + " " + e.rptSeq() + " " + e.numberOfOrders() + " " + e.mDPriceLevel() + " " +
                        e.mDUpdateActionRaw() + " " + (char)e.mDEntryTypeRaw());
                    while (e.hasNext())
                    {
                        e.next();
                    }
                }
                final MDIncrementalRefreshBook46Decoder.NoOrderIDEntriesDecoder o = m.noOrderIDEntries();
                if (o.count() > 0)
                {
                    o.next();
                    seen.add("order " + o.count() + " " + o.orderID() + " " + o.mDOrderPriority() + " " +
                        o.mDDisplayQty() + " " + o.referenceID() + " " + o.orderUpdateActionRaw());
                }
                seen.add("eoe " + m.matchEventIndicator().endOfEvent());
            }

            public void onOrderBook(final MDIncrementalRefreshOrderBook47Decoder m)
            {
                final MDIncrementalRefreshOrderBook47Decoder.NoMDEntriesDecoder e = m.noMDEntries();
                e.next();
                seen.add("47 " + e.orderID() + " " + e.mDOrderPriority() + " " + e.mDEntryPx().mantissa() + " " +
                    e.mDDisplayQty() + " " + e.securityID() + " " + e.mDUpdateActionRaw() + " " +
                    (char)e.mDEntryTypeRaw());
            }

            public void onTradeSummary(final MDIncrementalRefreshTradeSummary48Decoder m)
            {
                final MDIncrementalRefreshTradeSummary48Decoder.NoMDEntriesDecoder e = m.noMDEntries();
                e.next();
                seen.add("48 " + e.mDEntryPx().mantissa() + " " + e.mDEntrySize() + " " + e.securityID() + " " +
                    e.rptSeq() + " " + e.numberOfOrders() + " " + e.aggressorSideRaw() + " " + e.mDTradeEntryID());
                final MDIncrementalRefreshTradeSummary48Decoder.NoOrderIDEntriesDecoder o = m.noOrderIDEntries();
                o.next();
                seen.add("fill " + o.count() + " " + o.orderID() + " " + o.lastQty());
            }
        };
        assertEquals(Map.of(46, 2L), decodeAll(SharedCaptures.V9_BOOK, handler));
        assertEquals(List.of(
            "46 23 15230000000000 1 157660 411 1 1 2 1",
            "order 16 563189401446 10623363030 1 2 1",
            "eoe false",
            "eoe true"), seen);
        seen.clear();
        assertEquals(Map.of(47, 1L), decodeAll(SharedCaptures.V9_ORDER_BOOK, handler));
        assertEquals(List.of("47 76662054355 641463012 12068000000000 4 532259 0 1"), seen);
        seen.clear();
        assertEquals(Map.of(37, 1L, 46, 2L, 47, 1L, 48, 1L), decodeAll(SharedCaptures.V9_TRADE_SUMMARY, handler));
        assertEquals("48 12952000000000 2 170506 20185 3 2 341412", seen.get(0));
        assertEquals("fill 3 88463941745 2", seen.get(1));
        assertEquals("46 1 13003000000000 3 5893 19534 " + Integer.MAX_VALUE + " 1 1 E", seen.get(5),
            "an implied offer: number of orders is null");
    }

    @Test
    void layoutFromTheSchemaAgreesWithTheGeneratedCodecs()
    {
        final MdpSchemaLayout layout = MdpSchemaLayout.instance();
        assertEquals(1, layout.schemaId());
        assertEquals(9, layout.schemaVersion());
        assertEquals(MDIncrementalRefreshBook46Decoder.BLOCK_LENGTH - 2, layout.requiredBlockLength(46, 9),
            "TransactTime and MatchEventIndicator fill 9 of the 11 bytes");
        assertEquals(2, layout.groupCount(46));
        assertEquals(MDIncrementalRefreshBook46Decoder.NoMDEntriesDecoder.HEADER_SIZE, layout.groupHeaderLength(46, 0));
        assertEquals(MDIncrementalRefreshBook46Decoder.NoOrderIDEntriesDecoder.HEADER_SIZE,
            layout.groupHeaderLength(46, 1));
        assertEquals(27, layout.requiredEntryLength(46, 0, 9), "MDEntryType, the last field, ends at 27");
        assertEquals(22, layout.requiredEntryLength(46, 1, 9), "OrderUpdateAction ends at 22");
        assertEquals(7, layout.groupSinceVersion(32, 1), "32's order group arrived in version 7");
        assertEquals(MDInstrumentDefinitionFuture27Decoder.BLOCK_LENGTH, layout.requiredBlockLength(27, 9));
        assertEquals(213, layout.requiredBlockLength(27, 2), "UserDefinedInstrument (v3) and "
            + "TradingReferenceDate (v6) are absent from a version 2 definition");
        assertEquals(MDIncrementalRefreshBook32Decoder.NoMDEntriesDecoder.sbeBlockLength() - 5,
            layout.requiredEntryLength(32, 0, 8), "27 of 32 bytes hold fields; the rest is padding");
        assertTrue(layout.isKnown(4) && layout.isKnown(56) && !layout.isKnown(45) && !layout.isKnown(57));
    }
}
