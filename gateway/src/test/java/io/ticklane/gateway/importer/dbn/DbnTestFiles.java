package io.ticklane.gateway.importer.dbn;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shared data lookup and a minimal DBN writer (v2 / v3 metadata, raw records) for fixtures the shared data lacks
 * (MBP-10, v3 definitions, malformed files).
 */
final class DbnTestFiles
{
    private DbnTestFiles()
    {
    }

    static Path shared(final String relative)
    {
        final String root = System.getProperty("ticklane.shared.data", "../../shared/data");
        final Path path = Path.of(root, "databento/dbn", relative);
        Assumptions.assumeTrue(Files.isReadable(path), "shared DBN data not found at " + path +
            " (../shared/data beside the project; set -Dticklane.shared.data)");
        return path;
    }

    /**
     * @param version 2 or 3.
     * @param schema  schema code.
     * @param records record bytes, concatenated.
     * @return the file's bytes.
     */
    static byte[] file(final int version, final int schema, final byte[] records) throws IOException
    {
        final ByteBuffer m = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        m.put("TEST.DATA\0\0\0\0\0\0\0".getBytes());
        m.putShort((short)schema);
        m.putLong(0).putLong(-1L).putLong(0);
        m.put((byte)0).put((byte)0).put((byte)0);
        m.putShort((short)71);
        m.position(m.position() + 53);
        m.putInt(0); // schema definition
        m.putInt(0).putInt(0).putInt(0).putInt(0); // symbols, partial, not found, mappings
        final byte[] metadata = new byte[m.position()];
        m.flip();
        m.get(metadata);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{'D', 'B', 'N', (byte)version});
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(metadata.length).array());
        out.write(metadata);
        out.write(records);
        return out.toByteArray();
    }

    static ByteBuffer header(final int length, final int rtype, final int instrumentId, final long tsEvent)
    {
        final ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte)(length / 4)).put((byte)rtype).putShort((short)1).putInt(instrumentId).putLong(tsEvent);
        return b;
    }

    /**
     * An MBP-10 record whose bid level i is {@code bid - i * tick} with size {@code sizes[i]} (0 = empty from there).
     */
    static byte[] mbp10(final int instrumentId, final long ts, final char action, final char side, final long price,
        final long size, final long bid, final long ask, final long tick, final int[] bidSizes, final int[] askSizes)
    {
        final ByteBuffer b = header(DbnDescriptor.MBP_10_LENGTH, DbnDescriptor.RTYPE_MBP_10, instrumentId, ts);
        b.putLong(price).putInt((int)size).put((byte)action).put((byte)side).put((byte)DbnDescriptor.FLAG_LAST)
            .put((byte)0).putLong(ts + 1000).putInt(0).putInt(7);
        for (int i = 0; i < 10; i++)
        {
            final boolean bidSet = bidSizes[i] > 0;
            final boolean askSet = askSizes[i] > 0;
            b.putLong(bidSet ? bid - i * tick : DbnDescriptor.UNDEF_PRICE);
            b.putLong(askSet ? ask + i * tick : DbnDescriptor.UNDEF_PRICE);
            b.putInt(bidSizes[i]).putInt(askSizes[i]).putInt(bidSet ? 1 + i : 0).putInt(askSet ? 2 + i : 0);
        }
        return b.array();
    }

    /**
     * A v3 definition record (520 bytes) with a tick, a depth and a symbol.
     */
    static byte[] definitionV3(final int instrumentId, final long tick, final int depth, final String symbol)
    {
        final ByteBuffer b = header(520, DbnDescriptor.RTYPE_DEFINITION, instrumentId, 1L);
        b.putLong(16, 1L);
        b.putLong(DbnDescriptor.DEF_MIN_PRICE_INCREMENT_OFFSET, tick);
        b.putInt(DbnDescriptor.definitionDepthOffset(3), depth);
        final byte[] s = symbol.getBytes();
        for (int i = 0; i < s.length; i++)
        {
            b.put(DbnDescriptor.definitionSymbolOffset(3) + i, s[i]);
        }
        return b.array();
    }
}
