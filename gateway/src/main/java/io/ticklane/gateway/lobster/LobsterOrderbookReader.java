package io.ticklane.gateway.lobster;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams a LOBSTER orderbook file one row at a time: per level ask price, ask size, bid price, bid size; row i is
 * the book after message i. Empty levels carry {@link #EMPTY_ASK_PRICE} / {@link #EMPTY_BID_PRICE} with size 0 and
 * are reported as absent ({@link #askLevels()} / {@link #bidLevels()} count the present ones). The level count is
 * taken from the first row (4 columns per level) and every row must match it. No book logic, no allocation per row.
 * One thread.
 */
public final class LobsterOrderbookReader implements AutoCloseable
{
    /** Price of an empty ask level. */
    public static final long EMPTY_ASK_PRICE = 9_999_999_999L;
    /** Price of an empty bid level. */
    public static final long EMPTY_BID_PRICE = -9_999_999_999L;
    /** Most levels a file may have. */
    public static final int MAX_LEVELS = 1000;

    private final LobsterFiles.Source source;
    private final LobsterCsvScanner scanner;
    private final int levels;
    private final long[] askPrice;
    private final long[] askSize;
    private final long[] bidPrice;
    private final long[] bidSize;
    private int askLevels;
    private int bidLevels;
    private long count;
    private boolean pending;

    private LobsterOrderbookReader(final LobsterFiles.Source source)
    {
        this.source = source;
        this.scanner = new LobsterCsvScanner(source.in(), source.name());
        if (!scanner.nextLine())
        {
            throw new LobsterFormatException(source.name(), 1, "empty orderbook file");
        }
        pending = true;
        final int fields = scanner.countFields();
        if (fields % 4 != 0 || fields / 4 > MAX_LEVELS)
        {
            throw new LobsterFormatException(source.name(), scanner.line(), fields +
                " columns; allowed: 4 per level (ask price, ask size, bid price, bid size), at most " + MAX_LEVELS +
                " levels");
        }
        levels = fields / 4;
        askPrice = new long[levels];
        askSize = new long[levels];
        bidPrice = new long[levels];
        bidSize = new long[levels];
    }

    /**
     * @param path orderbook CSV, or a LOBSTER zip holding one.
     * @return an open reader, its level count known.
     * @throws IOException when the file cannot be opened.
     */
    public static LobsterOrderbookReader open(final Path path) throws IOException
    {
        final LobsterFiles.Source source = LobsterFiles.open(path, LobsterFiles.Kind.ORDERBOOK);
        try
        {
            return new LobsterOrderbookReader(source);
        }
        catch (final RuntimeException ex)
        {
            source.close();
            throw ex;
        }
    }

    /**
     * @return levels per side in the file.
     */
    public int levels()
    {
        return levels;
    }

    /**
     * Reads the next row.
     *
     * @return false at the end of the file.
     * @throws LobsterFormatException naming the line, for a malformed row.
     */
    public boolean next()
    {
        if (!pending && !scanner.nextLine())
        {
            return false;
        }
        pending = false;
        askLevels = 0;
        bidLevels = 0;
        for (int level = 0; level < levels; level++)
        {
            askPrice[level] = scanner.nextLong();
            askSize[level] = scanner.nextLong();
            bidPrice[level] = scanner.nextLong();
            bidSize[level] = scanner.nextLong();
            if (askSize[level] < 0 || bidSize[level] < 0)
            {
                throw new LobsterFormatException(source.name(), scanner.line(), "negative size at level " +
                    (level + 1));
            }
            if (askSize[level] > 0 && askPrice[level] != EMPTY_ASK_PRICE)
            {
                if (askLevels != level)
                {
                    throw new LobsterFormatException(source.name(), scanner.line(), "ask level " + (level + 1) +
                        " follows an empty level");
                }
                askLevels++;
            }
            if (bidSize[level] > 0 && bidPrice[level] != EMPTY_BID_PRICE)
            {
                if (bidLevels != level)
                {
                    throw new LobsterFormatException(source.name(), scanner.line(), "bid level " + (level + 1) +
                        " follows an empty level");
                }
                bidLevels++;
            }
        }
        if (!scanner.endOfLine())
        {
            throw new LobsterFormatException(source.name(), scanner.line(), "more than " + 4 * levels + " fields");
        }
        count++;
        return true;
    }

    /**
     * @return rows read so far (the current one's 1-based index).
     */
    public long count()
    {
        return count;
    }

    /**
     * @return line of the current row in the file.
     */
    public long line()
    {
        return scanner.line();
    }

    /**
     * @return file name (and zip entry).
     */
    public String name()
    {
        return source.name();
    }

    /**
     * @return present ask levels in the current row.
     */
    public int askLevels()
    {
        return askLevels;
    }

    /**
     * @return present bid levels in the current row.
     */
    public int bidLevels()
    {
        return bidLevels;
    }

    /**
     * @param level 0 = best.
     * @return ask price (dollars x 10000).
     */
    public long askPrice(final int level)
    {
        return askPrice[level];
    }

    /**
     * @param level 0 = best.
     * @return ask size.
     */
    public long askSize(final int level)
    {
        return askSize[level];
    }

    /**
     * @param level 0 = best.
     * @return bid price (dollars x 10000).
     */
    public long bidPrice(final int level)
    {
        return bidPrice[level];
    }

    /**
     * @param level 0 = best.
     * @return bid size.
     */
    public long bidSize(final int level)
    {
        return bidSize[level];
    }

    public void close() throws IOException
    {
        source.close();
    }
}
