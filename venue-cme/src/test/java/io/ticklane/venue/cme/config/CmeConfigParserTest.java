package io.ticklane.venue.cme.config;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.capture.CaptureIngress;
import io.ticklane.gateway.udp.UdpLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.ticklane.gateway.capture.CaptureDatagram.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample configuration shipped with the module covers the shared captures' channels, and every mistake in a
 * configuration is one line naming the element, the value and what is allowed.
 */
class CmeConfigParserTest
{
    static CmeConfig sample() throws CmeConfigException
    {
        try (InputStream in = CmeConfigParserTest.class.getResourceAsStream("/cme-sample-config.xml"))
        {
            return CmeConfigParser.parse(in, "cme-sample-config.xml");
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void theSampleCoversTheSharedCaptures() throws CmeConfigException
    {
        final CmeConfig config = sample();
        assertEquals(10, config.channels().size());
        final CmeChannelConfig v8 = config.channel(320);
        assertEquals(PacketSource.INCREMENTAL_A, v8.source(ipv4("224.0.31.11"), 14320));
        assertEquals(PacketSource.INCREMENTAL_B, v8.source(ipv4("224.0.32.11"), 15320));
        assertEquals(PacketSource.SNAPSHOT_B, v8.source(ipv4("224.0.32.32"), 15320));
        assertEquals(CaptureIngress.NOT_MINE, v8.source(ipv4("224.0.31.11"), 15320));
        final CmeInstrumentDefaults defaults = v8.defaultsFor(174969);
        assertEquals(100_000, defaults.tick(), "0.0001 in 9-decimal units");
        assertEquals(-13, defaults.priceExponent(), "display factor 0.0001");
        assertEquals(10, defaults.depth());
        assertEquals(2, defaults.impliedDepth());
        final InstrumentDefinition definition = defaults.fill(174969, new InstrumentDefinition());
        assertEquals("174969", definition.symbol());
        assertEquals(InstrumentDefinition.BOOK_LEVELS, definition.books());
        final List<UdpLine> lines = v8.udpLines();
        assertEquals(6, lines.size());
        assertEquals("lo", lines.get(0).networkInterface());
        for (final int channel : new int[]{312, 313, 314, 315, 316, 317, 348, 360, 361})
        {
            final CmeChannelConfig c = config.channel(channel);
            assertEquals(PacketSource.INCREMENTAL_A, c.source(c.connection(CmeFeed.INCREMENTAL, 0).groupAddress(),
                14000 + channel));
            assertEquals(PacketSource.INCREMENTAL_B, c.source(c.connection(CmeFeed.INCREMENTAL, 1).groupAddress(),
                15000 + channel));
            assertEquals(channel == 314 || channel == 360, c.hasOrderBooks(), "channel " + channel);
        }
        assertEquals(PacketSource.INCREMENTAL_B, config.channel(360).source(ipv4("224.0.28.146"), 15360));
        assertTrue(assertThrows(CmeConfigException.class, () -> config.channel(999)).getMessage()
            .contains("no channel 999; configured: 320, 312"));
    }

    private static final String CONNECTION_A = "<connection id='1IA'><type feed-type='I'>Incremental</type>" +
        "<protocol>UDP/IP</protocol><ip>224.0.31.1</ip><port>14310</port><feed>A</feed></connection>";

    private static String channel(final String connections, final String extra)
    {
        return "<configuration><channel id='310' interface='lo'><connections>" + connections + "</connections>" + extra +
            "</channel></configuration>";
    }

    private static CmeConfig parse(final String xml) throws CmeConfigException
    {
        return CmeConfigParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
    }

    private static void refused(final String xml, final String... expected)
    {
        final CmeConfigException ex = assertThrows(CmeConfigException.class, () -> parse(xml));
        assertTrue(ex.getMessage().startsWith("test.xml: "), ex.getMessage());
        assertTrue(!ex.getMessage().contains("\n"), "one line: " + ex.getMessage());
        for (final String part : expected)
        {
            assertTrue(ex.getMessage().contains(part), "'" + part + "' in: " + ex.getMessage());
        }
    }

    @Test
    void instrumentOverridesAndTcpConnections() throws CmeConfigException
    {
        final CmeConfig config = parse(channel(CONNECTION_A +
                "<connection id='1H'><type feed-type='H'>Historical Replay</type><protocol>TCP/IP</protocol>" +
                "<ip>10.0.0.1</ip><port>10000</port><feed>A</feed></connection>",
            "<instrument-defaults tick='0.25' depth='5'/>" +
            "<instrument security-id='42' symbol='ESZ6' implied-depth='2' books='levels,orders' display-factor='100'/>"));
        final CmeChannelConfig c = config.channel(310);
        assertEquals(1, c.connections().size(), "the TCP replay is skipped");
        assertNull(c.connection(CmeFeed.INCREMENTAL, 1));
        final CmeInstrumentDefaults es = c.defaultsFor(42);
        assertEquals(250_000_000, es.tick());
        assertEquals(5, es.depth());
        assertEquals(2, es.impliedDepth());
        assertEquals(-7, es.priceExponent());
        assertEquals(InstrumentDefinition.BOOK_LEVELS | InstrumentDefinition.BOOK_ORDERS, es.books());
        assertEquals("ESZ6", es.symbol());
        assertEquals(0, c.defaultsFor(43).impliedDepth());
        assertEquals(-9, c.defaultsFor(43).priceExponent());
    }

    @Test
    void everyMistakeIsOneLineNamingElementValueAndWhatIsAllowed()
    {
        refused(channel(CONNECTION_A.replace("14310", "70000"), ""), "channel 310 connection 1IA <port>", "'70000'",
            "an integer 1..65535");
        refused(channel(CONNECTION_A.replace("feed-type='I'", "feed-type='X'"), ""), "<type feed-type>", "'X'",
            "one of I, S, SMBO, N");
        refused(channel(CONNECTION_A.replace("<feed>A</feed>", "<feed>C</feed>"), ""), "<feed>", "'C'", "A or B");
        refused(channel(CONNECTION_A.replace("224.0.31.1", "10.0.31.1"), ""), "<ip>", "'10.0.31.1'", "multicast");
        refused(channel(CONNECTION_A.replace("224.0.31.1", "224.0.31"), ""), "<ip>", "'224.0.31'");
        refused(channel(CONNECTION_A.replace("<ip>224.0.31.1</ip>", ""), ""), "<ip>", "(missing)");
        refused(channel(CONNECTION_A + CONNECTION_A, ""), "two connections for incremental line A");
        refused(channel(CONNECTION_A.replace("feed-type='I'", "feed-type='S'"), ""), "incremental feed",
            "feed-type I");
        refused(channel(CONNECTION_A, "<instrument-defaults tick='0.0000000001'/>"), "tick", "'0.0000000001'",
            "at most 9 decimal places");
        refused(channel(CONNECTION_A, "<instrument-defaults tick='-1'/>"), "tick", "'-1'", "positive decimal");
        refused(channel(CONNECTION_A, "<instrument-defaults tick='1' display-factor='0.5'/>"), "display-factor",
            "'0.5'", "a power of ten");
        refused(channel(CONNECTION_A, "<instrument-defaults tick='1' depth='300'/>"), "depth", "'300'", "1..255");
        refused(channel(CONNECTION_A, "<instrument-defaults tick='1' books='ladder'/>"), "books", "'ladder'",
            "levels, orders or levels,orders");
        refused(channel(CONNECTION_A, "<instrument-defaults depth='5'/>"), "tick", "(missing)");
        refused(channel(CONNECTION_A, "<instrument-defaults tick='1' colour='red'/>"), "colour", "attribute");
        refused(channel(CONNECTION_A, "<instrument tick='1'/>"), "<instrument> security-id", "''");
        refused(channel(CONNECTION_A, "<gizmo/>"), "<gizmo>", "one of connections, instrument");
        refused(channel(CONNECTION_A, "").replace("</configuration>",
            "<channel id='310'><connections>" + CONNECTION_A + "</connections></channel></configuration>"),
            "channel 310", "each channel once");
        refused(channel(CONNECTION_A, "").replace("id='310'", "id='x'"), "<channel> id", "'x'");
        refused("<configuration/>", "at least one <channel>");
        refused("<config/>", "root element", "<configuration>");
        refused("this is not xml", "not well-formed XML");
    }
}
