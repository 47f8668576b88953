package io.ticklane.gateway.importer.dbn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DBN file's metadata block (versions 1 to 3): dataset, schema, time range, symbology and the symbol mappings.
 * Parsed once when a file is opened; immutable.
 *
 * @param version    DBN version, 1..3.
 * @param dataset    e.g. {@code GLBX.MDP3}.
 * @param schema     Databento schema code (0 mbo, 1 mbp-1, 2 mbp-10, 9 definition, ...), or -1 for mixed.
 * @param startNs    requested start, ns since the epoch.
 * @param endNs      requested end, ns since the epoch, or -1 when unset.
 * @param stypeIn    input symbology code, or -1.
 * @param stypeOut   output symbology code (0: instrument id).
 * @param tsOut      whether each record carries an appended send timestamp.
 * @param symbols    requested symbols.
 * @param mappings   symbol mappings (raw symbol to instrument ids over date intervals).
 */
public record DbnMetadata(
    int version, String dataset, int schema, long startNs, long endNs, int stypeIn, int stypeOut, boolean tsOut,
    List<String> symbols, List<Mapping> mappings)
{
    /** Databento's symbology code for instrument ids. */
    public static final int STYPE_INSTRUMENT_ID = 0;

    /**
     * One raw symbol and what it maps to over date intervals.
     *
     * @param rawSymbol the requested symbol, e.g. {@code ESM4}.
     * @param intervals (start date yyyymmdd, end date yyyymmdd, mapped symbol: an instrument id when stype_out is 0).
     */
    public record Mapping(String rawSymbol, List<Interval> intervals)
    {
    }

    /**
     * @param startDate yyyymmdd.
     * @param endDate   yyyymmdd.
     * @param symbol    mapped symbol.
     */
    public record Interval(int startDate, int endDate, String symbol)
    {
    }

    /**
     * @param instrumentId an instrument id.
     * @return the raw symbol that maps to it, or null.
     */
    public String symbolOf(final int instrumentId)
    {
        final String id = Integer.toString(instrumentId);
        for (final Mapping m : mappings)
        {
            for (final Interval i : m.intervals())
            {
                if (i.symbol().equals(id))
                {
                    return m.rawSymbol();
                }
            }
        }
        return null;
    }

    /**
     * @param version DBN version from the prelude.
     * @param block   the metadata bytes after the 8-byte prelude.
     * @param source  file name for messages.
     * @return the metadata.
     * @throws IllegalArgumentException naming the file when the block is malformed.
     */
    static DbnMetadata parse(final int version, final byte[] block, final String source)
    {
        try
        {
            final ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
            final String dataset = cstr(b, 16);
            final int schema = b.getShort() & 0xFFFF;
            final long start = b.getLong();
            final long end = b.getLong();
            b.getLong(); // limit
            if (version == 1)
            {
                b.getLong(); // record count, deprecated
            }
            final int stypeIn = b.get() & 0xFF;
            final int stypeOut = b.get() & 0xFF;
            final boolean tsOut = b.get() != 0;
            final int symbolLength = version == 1 ? DbnDescriptor.symbolLength(1) : b.getShort() & 0xFFFF;
            b.position(b.position() + (version == 1 ? 47 : 53));
            final int schemaDefinitionLength = b.getInt();
            b.position(b.position() + schemaDefinitionLength);
            final List<String> symbols = symbols(b, symbolLength);
            symbols(b, symbolLength); // partial
            symbols(b, symbolLength); // not found
            final int mappingCount = b.getInt();
            final List<Mapping> mappings = new ArrayList<>(mappingCount);
            for (int i = 0; i < mappingCount; i++)
            {
                final String raw = cstr(b, symbolLength);
                final int intervalCount = b.getInt();
                final List<Interval> intervals = new ArrayList<>(intervalCount);
                for (int j = 0; j < intervalCount; j++)
                {
                    final int startDate = b.getInt();
                    final int endDate = b.getInt();
                    intervals.add(new Interval(startDate, endDate, cstr(b, symbolLength)));
                }
                mappings.add(new Mapping(raw, List.copyOf(intervals)));
            }
            return new DbnMetadata(version, dataset, schema == 0xFFFF ? -1 : schema, start,
                end == -1L ? -1 : end, stypeIn == 0xFF ? -1 : stypeIn, stypeOut, tsOut, List.copyOf(symbols),
                List.copyOf(mappings));
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(source + ": malformed DBN metadata (" + ex + ")", ex);
        }
    }

    private static List<String> symbols(final ByteBuffer b, final int symbolLength)
    {
        final int count = b.getInt();
        final List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            out.add(cstr(b, symbolLength));
        }
        return out;
    }

    private static String cstr(final ByteBuffer b, final int length)
    {
        final byte[] bytes = new byte[length];
        b.get(bytes);
        int n = 0;
        while (n < length && bytes[n] != 0)
        {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.US_ASCII);
    }
}
