package io.ticklane.venue.cme;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the MDP 3.0 messages, read once from the same schema the codecs are generated from
 * ({@code templates_FixBinary_v9.xml} on the classpath): for each template, how long its root block and each
 * repeating group's entries must be in a given message version to hold every field that version has, and the
 * order, header size and first version of its groups. {@link MdpPacketDecoder} validates packets against it, so an
 * older message (template 32 of versions 6 to 8) or a newer one (longer blocks, more groups) is judged by the fields
 * its own version carries, and the generated decoders then read it with its acting block length and version.
 * <p>
 * Immutable after class initialisation; any thread.
 */
public final class MdpSchemaLayout
{
    /** The schema resource, generated into {@code io.ticklane.venue.cme.sbe} at build time. */
    public static final String SCHEMA_RESOURCE = "/templates_FixBinary_v9.xml";
    /** Templates ids are below this. */
    public static final int MAX_TEMPLATE_ID = 64;
    /** Most groups one message of this schema has. */
    public static final int MAX_GROUPS = 8;

    private static final MdpSchemaLayout INSTANCE = load();

    private final int schemaId;
    private final int schemaVersion;
    private final Template[] templates = new Template[MAX_TEMPLATE_ID];

    /** One field's place: offset, encoded length, first version. */
    static final class Field
    {
        final int offset;
        final int length;
        final int sinceVersion;

        Field(final int offset, final int length, final int sinceVersion)
        {
            this.offset = offset;
            this.length = length;
            this.sinceVersion = sinceVersion;
        }
    }

    /** A message's root block or one group's entry: its fields. */
    static final class Block
    {
        /** Versions are uint16 on the wire; those past this one are judged as this one (no schema is that new). */
        static final int MAX_VERSION = 255;

        final List<Field> fields = new ArrayList<>();
        final int headerLength;
        final int sinceVersion;
        final String name;
        private int[] requiredByVersion;

        Block(final String name, final int headerLength, final int sinceVersion)
        {
            this.name = name;
            this.headerLength = headerLength;
            this.sinceVersion = sinceVersion;
        }

        /**
         * Tabulates the required length of every version once, so that validation looks it up (no iteration, no
         * allocation per packet).
         */
        void conclude()
        {
            requiredByVersion = new int[MAX_VERSION + 1];
            for (int version = 0; version <= MAX_VERSION; version++)
            {
                int end = 0;
                for (final Field field : fields)
                {
                    if (field.sinceVersion <= version && field.length > 0)
                    {
                        end = Math.max(end, field.offset + field.length);
                    }
                }
                requiredByVersion[version] = end;
            }
        }

        int requiredLength(final int version)
        {
            return requiredByVersion[Math.min(version, MAX_VERSION)];
        }
    }

    /** One template: root block and groups in wire order. */
    static final class Template
    {
        final int id;
        final String name;
        final int sinceVersion;
        final Block root;
        final List<Block> groups = new ArrayList<>();
        Block[] groupArray;

        Template(final int id, final String name, final int sinceVersion)
        {
            this.id = id;
            this.name = name;
            this.sinceVersion = sinceVersion;
            this.root = new Block(name, 0, sinceVersion);
        }
    }

    private MdpSchemaLayout(final int schemaId, final int schemaVersion)
    {
        this.schemaId = schemaId;
        this.schemaVersion = schemaVersion;
    }

    /**
     * @return the layout of the bundled schema.
     */
    public static MdpSchemaLayout instance()
    {
        return INSTANCE;
    }

    public int schemaId()
    {
        return schemaId;
    }

    public int schemaVersion()
    {
        return schemaVersion;
    }

    /**
     * @param templateId a template id.
     * @return true when the schema defines it.
     */
    public boolean isKnown(final int templateId)
    {
        return templateId >= 0 && templateId < MAX_TEMPLATE_ID && templates[templateId] != null;
    }

    /**
     * @param templateId a known template.
     * @return the first message version that has it.
     */
    public int sinceVersion(final int templateId)
    {
        return templates[templateId].sinceVersion;
    }

    /**
     * @param templateId a known template.
     * @param version    the message's version.
     * @return the shortest root block that holds every field the version has.
     */
    public int requiredBlockLength(final int templateId, final int version)
    {
        return templates[templateId].root.requiredLength(version);
    }

    /**
     * @param templateId a known template.
     * @return its groups in wire order, whichever the version.
     */
    public int groupCount(final int templateId)
    {
        return templates[templateId].groupArray.length;
    }

    /**
     * @param templateId a known template.
     * @param group      0-based group index.
     * @return the first version that has the group (absent, not empty, in older ones).
     */
    public int groupSinceVersion(final int templateId, final int group)
    {
        return templates[templateId].groupArray[group].sinceVersion;
    }

    /**
     * @param templateId a known template.
     * @param group      0-based group index.
     * @return bytes of the group's dimension header (3 for groupSize, 8 for groupSize8Byte).
     */
    public int groupHeaderLength(final int templateId, final int group)
    {
        return templates[templateId].groupArray[group].headerLength;
    }

    /**
     * @param templateId a known template.
     * @param group      0-based group index.
     * @param version    the message's version.
     * @return the shortest entry that holds every field of the group the version has.
     */
    public int requiredEntryLength(final int templateId, final int group, final int version)
    {
        return templates[templateId].groupArray[group].requiredLength(version);
    }

    /**
     * @param templateId a template id.
     * @return its name in the schema, or {@code template-N}.
     */
    public String templateName(final int templateId)
    {
        return isKnown(templateId) ? templates[templateId].name : "template-" + templateId;
    }

    private static MdpSchemaLayout load()
    {
        try (InputStream in = MdpSchemaLayout.class.getResourceAsStream(SCHEMA_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("schema resource " + SCHEMA_RESOURCE + " not on the classpath");
            }
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            final Document document = factory.newDocumentBuilder().parse(in);
            return parse(document.getDocumentElement());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot read the MDP schema " + SCHEMA_RESOURCE + ": " + ex, ex);
        }
    }

    private static MdpSchemaLayout parse(final Element schema)
    {
        final MdpSchemaLayout layout = new MdpSchemaLayout(
            Integer.parseInt(schema.getAttribute("id")), Integer.parseInt(schema.getAttribute("version")));
        final Map<String, Element> types = new HashMap<>();
        for (final Element typesElement : children(schema, "types"))
        {
            for (final Element type : children(typesElement, null))
            {
                types.put(type.getAttribute("name"), type);
            }
        }
        for (final Element message : children(schema, "message"))
        {
            final int id = Integer.parseInt(message.getAttribute("id"));
            final Template template = new Template(id, message.getAttribute("name"),
                since(message, 0));
            readFields(message, template.root, types);
            for (final Element group : children(message, "group"))
            {
                final Block block = new Block(group.getAttribute("name"),
                    encodedLength(types.get(group.getAttribute("dimensionType")), types),
                    since(group, template.sinceVersion));
                readFields(group, block, types);
                if (!children(group, "group").isEmpty())
                {
                    throw new IllegalStateException("nested groups are not supported: " + template.name);
                }
                template.groups.add(block);
            }
            if (template.groups.size() > MAX_GROUPS)
            {
                throw new IllegalStateException(template.name + " has more than " + MAX_GROUPS + " groups");
            }
            template.root.conclude();
            for (final Block group : template.groups)
            {
                group.conclude();
            }
            template.groupArray = template.groups.toArray(new Block[0]);
            layout.templates[id] = template;
        }
        return layout;
    }

    private static void readFields(final Element parent, final Block block, final Map<String, Element> types)
    {
        int offset = 0;
        for (final Element field : children(parent, "field"))
        {
            final Element type = types.get(field.getAttribute("type"));
            final int length = type == null ? primitiveLength(field.getAttribute("type")) : encodedLength(type, types);
            if (!field.getAttribute("offset").isEmpty())
            {
                offset = Integer.parseInt(field.getAttribute("offset"));
            }
            block.fields.add(new Field(offset, length, since(field, 0)));
            offset += length;
        }
    }

    private static int since(final Element element, final int otherwise)
    {
        final String since = element.getAttribute("sinceVersion");
        return since.isEmpty() ? otherwise : Integer.parseInt(since);
    }

    private static int encodedLength(final Element type, final Map<String, Element> types)
    {
        if ("constant".equals(type.getAttribute("presence")))
        {
            return 0;
        }
        switch (type.getLocalName())
        {
            case "type":
            {
                final String length = type.getAttribute("length");
                return primitiveLength(type.getAttribute("primitiveType")) *
                    (length.isEmpty() ? 1 : Integer.parseInt(length));
            }
            case "enum":
            case "set":
            {
                final Element encoding = types.get(type.getAttribute("encodingType"));
                return encoding != null ? encodedLength(encoding, types) :
                    primitiveLength(type.getAttribute("encodingType"));
            }
            case "composite":
            {
                int offset = 0;
                int end = 0;
                for (final Element member : children(type, null))
                {
                    if (!member.getAttribute("offset").isEmpty())
                    {
                        offset = Integer.parseInt(member.getAttribute("offset"));
                    }
                    final int length = encodedLength(member, types);
                    offset += length;
                    end = Math.max(end, offset);
                }
                return end;
            }
            default:
                throw new IllegalStateException("unknown type element " + type.getLocalName());
        }
    }

    private static int primitiveLength(final String primitive)
    {
        switch (primitive)
        {
            case "char":
            case "int8":
            case "uint8":
                return 1;
            case "int16":
            case "uint16":
                return 2;
            case "int32":
            case "uint32":
            case "float":
                return 4;
            case "int64":
            case "uint64":
            case "double":
                return 8;
            default:
                throw new IllegalStateException("unknown primitive type '" + primitive + "'");
        }
    }

    private static List<Element> children(final Element parent, final String localName)
    {
        final List<Element> result = new ArrayList<>();
        final NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++)
        {
            final Node node = nodes.item(i);
            if (node instanceof Element && (localName == null || localName.equals(node.getLocalName())))
            {
                result.add((Element)node);
            }
        }
        return result;
    }
}
