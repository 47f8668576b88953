package io.ticklane.venue.cme.config;

import io.ticklane.book.InstrumentDefinition;
import io.ticklane.gateway.capture.CaptureDatagram;
import org.agrona.collections.Int2ObjectHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a CME channel configuration: CME's own {@code config.xml} format (channels, their connections with
 * {@code type feed-type}, {@code protocol}, {@code ip}, {@code host-ip}, {@code port} and {@code feed}; products are
 * ignored; TCP connections (the historical replay) are skipped), with three additions of this project:
 * <pre>{@code
 * <configuration>
 *   <channel id="320" label="..." interface="eth1">          interface: default for its connections
 *     <connections>
 *       <connection id="320IA">
 *         <type feed-type="I">Incremental</type>             I, S (MBP snapshot), SMBO, N (definitions)
 *         <protocol>UDP/IP</protocol>
 *         <ip>224.0.31.11</ip><port>14320</port><feed>A</feed>
 *         <host-ip>10.1.2.3</host-ip>                         optional: the sender (source-specific join)
 *         <interface>eth1</interface>                        optional: local interface, name or address
 *       </connection>
 *     </connections>
 *     <instrument-defaults tick="0.0001" display-factor="0.0001" depth="10" implied-depth="2" books="levels"
 *         security-group="6C"/>                               security-group: what group-wide statuses name
 *     <instrument security-id="174969" symbol="6CZ6" tick="0.5" depth="10"/>   any attribute left out: the defaults'
 *   </channel>
 * </configuration>
 * }</pre>
 * {@code tick} is the minimum price increment in the feed's price units (what MinPriceIncrement would say);
 * {@code display-factor} a power of ten (the exponent of real prices follows from it); {@code books} is
 * {@code levels}, {@code orders} or {@code levels,orders}. Every error is one line naming the file, the element, the
 * value and what is allowed. Not for the hot path.
 */
public final class CmeConfigParser
{
    private static final Set<String> CHANNEL_CHILDREN = Set.of("products", "connections", "instrument-defaults",
        "instrument");
    private static final Set<String> CONNECTION_CHILDREN = Set.of("type", "protocol", "ip", "host-ip", "port", "feed",
        "interface");
    private static final Set<String> DEFAULTS_ATTRIBUTES = Set.of("tick", "display-factor", "depth", "implied-depth",
        "books", "symbol", "security-id", "security-group");

    private final String name;

    private CmeConfigParser(final String name)
    {
        this.name = name;
    }

    /**
     * @param file a configuration file.
     * @return its channels.
     * @throws CmeConfigException one line naming what is wrong (including a file that cannot be read).
     */
    public static CmeConfig parse(final Path file) throws CmeConfigException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return parse(in, file.toString());
        }
        catch (final IOException ex)
        {
            throw new CmeConfigException(file + ": cannot read: " + ex.getMessage());
        }
    }

    /**
     * @param in   configuration XML.
     * @param name where it came from, for messages.
     * @return its channels.
     * @throws CmeConfigException one line naming what is wrong.
     */
    public static CmeConfig parse(final InputStream in, final String name) throws CmeConfigException
    {
        final Document document;
        try
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            final javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // errors are thrown, not printed
            document = builder.parse(in);
        }
        catch (final SAXException ex)
        {
            throw new CmeConfigException(name + ": not well-formed XML: " + ex.getMessage());
        }
        catch (final IOException | ParserConfigurationException ex)
        {
            throw new CmeConfigException(name + ": cannot read: " + ex.getMessage());
        }
        return new CmeConfigParser(name).configuration(document.getDocumentElement());
    }

    private CmeConfig configuration(final Element root) throws CmeConfigException
    {
        if (!"configuration".equals(root.getTagName()))
        {
            throw error("<" + root.getTagName() + ">", "root element", "<configuration>");
        }
        final List<CmeChannelConfig> channels = new ArrayList<>();
        final List<Integer> ids = new ArrayList<>();
        for (final Element channel : children(root))
        {
            if (!"channel".equals(channel.getTagName()))
            {
                throw error("<" + channel.getTagName() + ">", "element in <configuration>", "<channel>");
            }
            final CmeChannelConfig parsed = channel(channel);
            if (ids.contains(parsed.id()))
            {
                throw error("channel " + parsed.id(), "id", "each channel once");
            }
            ids.add(parsed.id());
            channels.add(parsed);
        }
        if (channels.isEmpty())
        {
            throw error("<configuration>", "channels", "at least one <channel>");
        }
        return new CmeConfig(name, channels);
    }

    private CmeChannelConfig channel(final Element channel) throws CmeConfigException
    {
        final int id = integer("<channel>", "id", channel.getAttribute("id"), 0, 65535);
        final String where = "channel " + id;
        final String channelInterface = optional(channel.getAttribute("interface"));
        final List<CmeConnection> connections = new ArrayList<>();
        CmeInstrumentDefaults defaults = null;
        final Int2ObjectHashMap<CmeInstrumentDefaults> instruments = new Int2ObjectHashMap<>();
        final List<Element> instrumentElements = new ArrayList<>();
        for (final Element child : children(channel))
        {
            final String tag = child.getTagName();
            if (!CHANNEL_CHILDREN.contains(tag))
            {
                throw error(where + " <" + tag + ">", "element", "one of " + sorted(CHANNEL_CHILDREN));
            }
            if ("connections".equals(tag))
            {
                for (final Element connection : children(child))
                {
                    final CmeConnection parsed = connection(where, connection, channelInterface);
                    if (parsed != null)
                    {
                        connections.add(parsed);
                    }
                }
            }
            else if ("instrument-defaults".equals(tag))
            {
                if (defaults != null)
                {
                    throw error(where + " <instrument-defaults>", "element", "at most one");
                }
                defaults = defaults(where + " <instrument-defaults>", child, null);
            }
            else if ("instrument".equals(tag))
            {
                instrumentElements.add(child);
            }
        }
        for (final Element instrument : instrumentElements)
        {
            final int securityId = integer(where + " <instrument>", "security-id", instrument.getAttribute("security-id"),
                Integer.MIN_VALUE, Integer.MAX_VALUE);
            instruments.put(securityId, defaults(where + " <instrument security-id=\"" + securityId + "\">",
                instrument, defaults));
        }
        check(connections, where);
        try
        {
            return new CmeChannelConfig(id, channel.getAttribute("label"), connections, defaults, instruments);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CmeConfigException(name + ": " + ex.getMessage());
        }
    }

    private void check(final List<CmeConnection> connections, final String where) throws CmeConfigException
    {
        boolean incremental = false;
        for (final CmeConnection c : connections)
        {
            incremental |= c.feed() == CmeFeed.INCREMENTAL;
        }
        if (!incremental)
        {
            throw error(where + " <connections>", "incremental feed", "a connection with feed-type I (line A or B)");
        }
    }

    private CmeConnection connection(final String channel, final Element connection, final String channelInterface)
        throws CmeConfigException
    {
        if (!"connection".equals(connection.getTagName()))
        {
            throw error(channel + " <" + connection.getTagName() + ">", "element in <connections>", "<connection>");
        }
        final String id = connection.getAttribute("id");
        final String where = channel + " connection " + (id.isEmpty() ? "(no id)" : id);
        for (final Element child : children(connection))
        {
            if (!CONNECTION_CHILDREN.contains(child.getTagName()))
            {
                throw error(where + " <" + child.getTagName() + ">", "element", "one of " + sorted(CONNECTION_CHILDREN));
            }
        }
        final String protocol = text(connection, "protocol");
        if (protocol != null && protocol.startsWith("TCP"))
        {
            return null; // CME's historical replay (TCP): not a multicast line
        }
        if (protocol != null && !protocol.startsWith("UDP"))
        {
            throw error(where + " <protocol>", "'" + protocol + "'", "UDP/IP (TCP/IP connections are skipped)");
        }
        final Element type = child(connection, "type");
        final String code = type == null ? "" : type.getAttribute("feed-type");
        final int feed = CmeFeed.fromCode(code);
        if (feed < 0)
        {
            throw error(where + " <type feed-type>", "'" + code + "'", "one of " + CmeFeed.codes());
        }
        final String line = required(where, connection, "feed");
        if (!"A".equals(line) && !"B".equals(line))
        {
            throw error(where + " <feed>", "'" + line + "'", "A or B");
        }
        final String group = required(where, connection, "ip");
        try
        {
            if ((CaptureDatagram.ipv4(group) >>> 28) != 0xE)
            {
                throw error(where + " <ip>", "'" + group + "'", "a multicast group, 224.0.0.0..239.255.255.255");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(where + " <ip>", "'" + group + "'", "a dotted IPv4 multicast group");
        }
        final int port = integer(where + " <port>", "value", required(where, connection, "port"), 1, 65535);
        final String sourceAddress = optional(text(connection, "host-ip"));
        final String own = optional(text(connection, "interface"));
        return new CmeConnection(id, feed, "A".equals(line) ? 0 : 1, group, port, own != null ? own : channelInterface,
            sourceAddress);
    }

    private CmeInstrumentDefaults defaults(final String where, final Element element, final CmeInstrumentDefaults base)
        throws CmeConfigException
    {
        final org.w3c.dom.NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++)
        {
            final String attribute = attributes.item(i).getNodeName();
            if (!DEFAULTS_ATTRIBUTES.contains(attribute))
            {
                throw error(where + " " + attribute, "attribute", "one of " + sorted(DEFAULTS_ATTRIBUTES));
            }
        }
        final String tickText = element.getAttribute("tick");
        final String factorText = element.getAttribute("display-factor");
        final String depthText = element.getAttribute("depth");
        final String impliedText = element.getAttribute("implied-depth");
        final String booksText = element.getAttribute("books");
        if (base == null && tickText.isEmpty())
        {
            throw error(where + " tick", "(missing)", "a positive decimal, the minimum price increment");
        }
        final long tick = tickText.isEmpty() ? base.tick() : tick(where, tickText);
        final int exponent = factorText.isEmpty() ? base != null ? base.priceExponent() :
            -CmeInstrumentDefaults.PRICE_DECIMALS : exponent(where, factorText);
        final int depth = depthText.isEmpty() ? base != null ? base.depth() : 10 :
            integer(where, "depth", depthText, 1, 255);
        final int implied = impliedText.isEmpty() ? base != null ? base.impliedDepth() : 0 :
            integer(where, "implied-depth", impliedText, 0, 255);
        final int books = booksText.isEmpty() ? base != null ? base.books() : InstrumentDefinition.BOOK_LEVELS :
            books(where, booksText);
        final String symbol = optional(element.getAttribute("symbol"));
        final String group = optional(element.getAttribute("security-group"));
        if (group != null && group.length() > 6)
        {
            throw error(where + " security-group", "'" + group + "'", "at most 6 characters (tag 1151)");
        }
        return new CmeInstrumentDefaults(tick, exponent, depth, implied, books, symbol,
            group != null ? group : base != null ? base.securityGroup() : null);
    }

    private long tick(final String where, final String text) throws CmeConfigException
    {
        try
        {
            final BigDecimal tick = new BigDecimal(text.trim());
            final BigDecimal units = tick.movePointRight(CmeInstrumentDefaults.PRICE_DECIMALS);
            if (tick.signum() <= 0 || units.stripTrailingZeros().scale() > 0)
            {
                throw error(where + " tick", "'" + text + "'", "a positive decimal with at most 9 decimal places");
            }
            return units.longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw error(where + " tick", "'" + text + "'", "a positive decimal with at most 9 decimal places");
        }
    }

    private int exponent(final String where, final String text) throws CmeConfigException
    {
        try
        {
            final BigDecimal factor = new BigDecimal(text.trim()).stripTrailingZeros();
            if (factor.signum() > 0 && factor.unscaledValue().equals(java.math.BigInteger.ONE))
            {
                return -CmeInstrumentDefaults.PRICE_DECIMALS - factor.scale();
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw error(where + " display-factor", "'" + text + "'", "a power of ten such as 1, 0.01 or 100");
    }

    private int books(final String where, final String text) throws CmeConfigException
    {
        int books = 0;
        for (final String part : text.split(","))
        {
            final String book = part.trim();
            if ("levels".equals(book))
            {
                books |= InstrumentDefinition.BOOK_LEVELS;
            }
            else if ("orders".equals(book))
            {
                books |= InstrumentDefinition.BOOK_ORDERS;
            }
            else
            {
                throw error(where + " books", "'" + text + "'", "levels, orders or levels,orders");
            }
        }
        return books;
    }

    private int integer(final String where, final String what, final String text, final int min, final int max)
        throws CmeConfigException
    {
        try
        {
            final long value = Long.parseLong(text.trim());
            if (value >= min && value <= max)
            {
                return (int)value;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw error(where + " " + what, "'" + text + "'", "an integer " + min + ".." + max);
    }

    private String required(final String where, final Element parent, final String tag) throws CmeConfigException
    {
        final String text = text(parent, tag);
        if (text == null || text.isEmpty())
        {
            throw error(where + " <" + tag + ">", "(missing)", "a value");
        }
        return text;
    }

    private CmeConfigException error(final String element, final String value, final String allowed)
    {
        return new CmeConfigException(name + ": " + element + ": " + value + "; expected " + allowed);
    }

    private static String optional(final String text)
    {
        return text == null || text.trim().isEmpty() ? null : text.trim();
    }

    private static String text(final Element parent, final String tag)
    {
        final Element child = child(parent, tag);
        return child == null ? null : child.getTextContent().trim();
    }

    private static Element child(final Element parent, final String tag)
    {
        for (final Element child : children(parent))
        {
            if (tag.equals(child.getTagName()))
            {
                return child;
            }
        }
        return null;
    }

    private static List<Element> children(final Element parent)
    {
        final List<Element> result = new ArrayList<>();
        final NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++)
        {
            final Node node = nodes.item(i);
            if (node instanceof Element)
            {
                result.add((Element)node);
            }
        }
        return result;
    }

    private static String sorted(final Set<String> values)
    {
        return String.join(", ", new java.util.TreeSet<>(values));
    }
}
