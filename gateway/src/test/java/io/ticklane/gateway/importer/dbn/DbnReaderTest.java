package io.ticklane.gateway.importer.dbn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ticklane.gateway.importer.dbn.DbnTestFiles.shared;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The DBN reader on every shared file: versions, metadata, and record counts by type as the data README gives them
 * (and as an independent decode of the files with the zstd tool and a Python script counted them).
 */
class DbnReaderTest
{
    private static long[] countAll(final Path file)
    {
        try (DbnReader reader = DbnReader.open(file))
        {
            while (reader.next())
            {
                assertEquals(0, reader.length() % 4);
            }
            final long[] counts = new long[256];
            for (int t = 0; t < 256; t++)
            {
                counts[t] = reader.count(t);
            }
            return counts;
        }
    }

    @Test
    void esh4SnapshotIsEightThousandSevenHundredTwentyFiveMboRecords()
    {
        try (DbnReader reader = DbnReader.open(shared("esh4-glbx-mdp3-20231224.mbo.dbn.zst")))
        {
            assertEquals(1, reader.version());
            assertEquals("GLBX.MDP3", reader.metadata().dataset());
            assertEquals("ESH4", reader.metadata().symbolOf(17077));
            final DbnMbo mbo = new DbnMbo();
            long snapshotAdds = 0;
            while (reader.next())
            {
                mbo.wrap(reader.buffer(), reader.offset());
                assertEquals(17077, mbo.instrumentId());
                if (mbo.action() == 'A' && (mbo.flags() & DbnDescriptor.FLAG_SNAPSHOT) != 0)
                {
                    snapshotAdds++;
                }
            }
            assertEquals(8725, reader.count(DbnDescriptor.RTYPE_MBO));
            assertEquals(8725, reader.records());
            assertEquals(8725, snapshotAdds, "all adds flagged as snapshot records");
        }
    }

    @Test
    void esm4FileHoldsOneClearTheSnapshotAddsAndOneHundredNinetyFiveLiveEvents()
    {
        try (DbnReader reader = DbnReader.open(shared("orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn.zst")))
        {
            final DbnMbo mbo = new DbnMbo();
            long clears = 0;
            long snapshotAdds = 0;
            long live = 0;
            while (reader.next())
            {
                mbo.wrap(reader.buffer(), reader.offset());
                if (mbo.action() == 'R')
                {
                    clears++;
                }
                else if ((mbo.flags() & DbnDescriptor.FLAG_SNAPSHOT) != 0)
                {
                    snapshotAdds++;
                }
                else
                {
                    live++;
                }
            }
            assertEquals(13_796, reader.count(DbnDescriptor.RTYPE_MBO));
            assertEquals(1, clears);
            // the data README says 13,601 snapshot adds: that counts the R, which carries the snapshot flag too
            assertEquals(13_600, snapshotAdds);
            assertEquals(195, live);
        }
    }

    @Test
    void everySharedFileCountsByRecordType()
    {
        assertEquals(2288, countAll(shared("futures_mbp-1_2024-07-01T23-58_2024-07-02T00-02.dbn.zst"))
            [DbnDescriptor.RTYPE_MBP_1]);
        assertEquals(1, countAll(shared("orderbooks_definition.dbn.zst"))[DbnDescriptor.RTYPE_DEFINITION]);
        assertEquals(2, countAll(shared("definition-glbx-es-fut.dbn.zst"))[DbnDescriptor.RTYPE_DEFINITION]);
        assertEquals(2, countAll(shared("test_data.mbo.dbn"))[DbnDescriptor.RTYPE_MBO]);
        assertEquals(2, countAll(shared("test_data.mbo.v3.dbn"))[DbnDescriptor.RTYPE_MBO]);
        assertEquals(2, countAll(shared("test_data.definition.dbn"))[DbnDescriptor.RTYPE_DEFINITION]);
    }

    @Test
    void versionTwoAndThreeFixturesDecodeTheSameRecords()
    {
        try (DbnReader v2 = DbnReader.open(shared("test_data.mbo.dbn"));
            DbnReader v3 = DbnReader.open(shared("test_data.mbo.v3.dbn")))
        {
            assertEquals(2, v2.version());
            assertEquals(3, v3.version());
            assertEquals("ESH1", v2.metadata().symbolOf(5482));
            final DbnMbo a = new DbnMbo();
            final DbnMbo b = new DbnMbo();
            while (v2.next())
            {
                assertTrue(v3.next());
                a.wrap(v2.buffer(), v2.offset());
                b.wrap(v3.buffer(), v3.offset());
                assertEquals(a.orderId(), b.orderId());
                assertEquals(a.price(), b.price());
                assertEquals(a.size(), b.size());
                assertEquals('C', a.action());
                assertEquals('A', a.side());
                assertEquals(a.tsRecv(), b.tsRecv());
            }
            assertFalse(v3.next());
        }
    }

    @Test
    void definitionsGiveSymbolTickAndDepthInVersionsOneAndTwo()
    {
        try (DbnReader reader = DbnReader.open(shared("orderbooks_definition.dbn.zst")))
        {
            assertTrue(reader.next());
            final DbnDefinition d = new DbnDefinition().wrap(reader.buffer(), reader.offset(), reader.version());
            assertEquals(5602, d.instrumentId());
            assertEquals("ESM4", d.rawSymbol());
            assertEquals(250_000_000L, d.minPriceIncrement(), "0.25 at 1e-9");
            assertEquals(10, d.marketDepth());
        }
        try (DbnReader reader = DbnReader.open(shared("test_data.definition.dbn")))
        {
            assertEquals(2, reader.version());
            assertTrue(reader.next());
            final DbnDefinition d = new DbnDefinition().wrap(reader.buffer(), reader.offset(), reader.version());
            assertEquals(6819, d.instrumentId());
            assertEquals("MSFT", d.rawSymbol());
        }
    }

    @Test
    void versionThreeDefinitionLayout(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("def.v3.dbn");
        Files.write(file, DbnTestFiles.file(3, 9, DbnTestFiles.definitionV3(42, 10_000_000L, 10, "NQZ5")));
        try (DbnReader reader = DbnReader.open(file))
        {
            assertTrue(reader.next());
            final DbnDefinition d = new DbnDefinition().wrap(reader.buffer(), reader.offset(), reader.version());
            assertEquals("NQZ5", d.rawSymbol());
            assertEquals(10_000_000L, d.minPriceIncrement());
            assertEquals(10, d.marketDepth());
            assertFalse(reader.next());
        }
    }

    @Test
    void badFilesGetOneClearMessage(@TempDir final Path dir) throws IOException
    {
        final Path missing = dir.resolve("nope.dbn");
        assertEquals("no such file: " + missing,
            assertThrows(IllegalArgumentException.class, () -> DbnReader.open(missing)).getMessage());
        final Path text = dir.resolve("text.dbn");
        Files.writeString(text, "ts_event,price\n1,2\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DbnReader.open(text)).getMessage()
            .contains("not a DBN file"));
        final Path v9 = dir.resolve("v9.dbn");
        Files.write(v9, new byte[]{'D', 'B', 'N', 9, 0, 0, 0, 0});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DbnReader.open(v9)).getMessage()
            .contains("DBN version 9; supported: 1..3"));
        final Path truncated = dir.resolve("truncated.dbn");
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] record = DbnTestFiles.mbp10(1, 1, 'A', 'B', 100, 1, 100, 101, 1, new int[10], new int[10]);
        bytes.write(record, 0, record.length - 5);
        Files.write(truncated, DbnTestFiles.file(2, 2, bytes.toByteArray()));
        try (DbnReader reader = DbnReader.open(truncated))
        {
            final String message = assertThrows(IllegalArgumentException.class, reader::next).getMessage();
            assertTrue(message.contains("truncated record 1: 363 of 368 bytes"), message);
        }
    }
}
