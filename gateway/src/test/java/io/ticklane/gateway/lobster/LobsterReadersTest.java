package io.ticklane.gateway.lobster;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LobsterReadersTest
{
    private static final String MESSAGES =
        "34200.004241176,1,16113575,18,5853300,1\r\n" +
        "34200.00426064,1,16113584,18,5853200,-1\n" +
        "\n" +
        "34201,4,16113575,5,5853300,1";
    private static final String ROWS =
        "5859400,200,5853300,18,5859800,200,5853000,150\n" +
        "9999999999,0,5853300,18,9999999999,0,-9999999999,0\n";

    @TempDir
    Path dir;

    @Test
    void readsMessagesFromCsvWithMixedLineEndsAndShortDecimals() throws IOException
    {
        final Path file = write("x_message_2.csv", MESSAGES);
        try (LobsterMessageReader reader = LobsterMessageReader.open(file))
        {
            assertTrue(reader.next());
            assertEquals(34_200_004_241_176L, reader.timeNs());
            assertEquals(LobsterMessageReader.ADD, reader.type());
            assertEquals(16113575, reader.orderId());
            assertEquals(18, reader.size());
            assertEquals(5853300, reader.price());
            assertEquals(LobsterMessageReader.BUY, reader.direction());
            assertTrue(reader.next());
            assertEquals(34_200_004_260_640L, reader.timeNs(), "8 decimals are padded to ns");
            assertEquals(LobsterMessageReader.SELL, reader.direction());
            assertTrue(reader.next());
            assertEquals(34_201_000_000_000L, reader.timeNs());
            assertEquals(LobsterMessageReader.EXECUTE_VISIBLE, reader.type());
            assertEquals(4, reader.line());
            assertEquals(3, reader.count());
            assertFalse(reader.next());
        }
    }

    @Test
    void readsOrderbookRowsAndEmptyLevels() throws IOException
    {
        try (LobsterOrderbookReader reader = LobsterOrderbookReader.open(write("x_orderbook_2.csv", ROWS)))
        {
            assertEquals(2, reader.levels());
            assertTrue(reader.next());
            assertEquals(2, reader.askLevels());
            assertEquals(2, reader.bidLevels());
            assertEquals(5853000, reader.bidPrice(1));
            assertEquals(150, reader.bidSize(1));
            assertTrue(reader.next());
            assertEquals(0, reader.askLevels());
            assertEquals(1, reader.bidLevels());
            assertFalse(reader.next());
        }
    }

    @Test
    void picksTheRightEntryOfAZip() throws IOException
    {
        final Path zip = dir.resolve("sample.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)))
        {
            entry(out, "S_orderbook_2.csv", ROWS);
            entry(out, "S_message_2.csv", MESSAGES);
            entry(out, "ReadMe.txt", "not csv");
        }
        try (LobsterMessageReader messages = LobsterMessageReader.open(zip);
            LobsterOrderbookReader rows = LobsterOrderbookReader.open(zip))
        {
            assertTrue(messages.name().endsWith("!S_message_2.csv"));
            int n = 0;
            while (messages.next())
            {
                n++;
            }
            assertEquals(3, n);
            assertTrue(rows.next());
            assertEquals(5859400, rows.askPrice(0));
        }
        final Path noMessages = dir.resolve("rows-only.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(noMessages)))
        {
            entry(out, "S_orderbook_2.csv", ROWS);
        }
        final IOException ex = assertThrows(IOException.class, () -> LobsterMessageReader.open(noMessages));
        assertTrue(ex.getMessage().contains("found 0"), ex.getMessage());
    }

    @Test
    void malformedInputNamesFileAndLine() throws IOException
    {
        assertMalformed("a_message_1.csv", "34200.1,1,5,18,5853300,1\n34200.2,9,5,18,5853300,1\n", "2: event type 9");
        assertMalformed("b_message_1.csv", "34200.1,1,5,18,5853300,0\n", "1: direction 0");
        assertMalformed("c_message_1.csv", "34200.1,1,5,18,5853300\n", "expected more than 5 fields");
        assertMalformed("d_message_1.csv", "34200.1,1,5,18,5853300,1,7\n", "more than 6 fields");
        assertMalformed("e_message_1.csv", "34200.1,1,5,x8,5853300,1\n", "field 4: expected an integer");
        assertMalformed("f_message_1.csv", "34200.1,1,5,,5853300,1\n", "field 4: expected an integer");
        assertThrows(IOException.class, () -> LobsterMessageReader.open(dir.resolve("missing.csv")));
        final LobsterFormatException ex = assertThrows(LobsterFormatException.class,
            () -> LobsterOrderbookReader.open(write("g_orderbook_1.csv", "1,2,3\n")));
        assertTrue(ex.getMessage().contains("3 columns"), ex.getMessage());
    }

    @Test
    void readsTheSharedSampleWhenPresent() throws IOException
    {
        final Path data = Path.of(System.getProperty("ticklane.shared.data", "../shared/data"), "lobster");
        final Path zip = data.resolve("LOBSTER_SampleFile_AAPL_2012-06-21_1.zip");
        Assumptions.assumeTrue(Files.exists(zip), "shared LOBSTER sample not present at " + zip + "; skipped");
        long messages = 0;
        long rows = 0;
        try (LobsterMessageReader m = LobsterMessageReader.open(zip);
            LobsterOrderbookReader o = LobsterOrderbookReader.open(zip))
        {
            while (m.next())
            {
                messages++;
            }
            while (o.next())
            {
                rows++;
            }
            assertEquals(1, o.levels());
        }
        assertEquals(118_497, messages);
        assertEquals(118_497, rows);
    }

    private void assertMalformed(final String name, final String text, final String expected) throws IOException
    {
        final Path file = write(name, text);
        try (LobsterMessageReader reader = LobsterMessageReader.open(file))
        {
            final LobsterFormatException ex = assertThrows(LobsterFormatException.class, () ->
            {
                while (reader.next())
                {
                    assertTrue(reader.count() < 10);
                }
            });
            assertTrue(ex.getMessage().contains(file + ":") && ex.getMessage().contains(expected), ex.getMessage());
        }
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void entry(final ZipOutputStream out, final String name, final String text) throws IOException
    {
        out.putNextEntry(new ZipEntry(name));
        final OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.US_ASCII));
        out.closeEntry();
    }
}
