package io.ticklane.gateway.lobster;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams a LOBSTER message file one event at a time into reusable fields: time (ns after midnight), event type,
 * order id, size, price (dollars x 10000) and direction. No book logic, no allocation per message. Plain CSV or the
 * original zip ({@link LobsterFiles}). One thread.
 * <pre>{@code
 * try (LobsterMessageReader messages = LobsterMessageReader.open(path))
 * {
 *     while (messages.next())
 *     {
 *         ... messages.type(), messages.orderId(), messages.size(), messages.price(), messages.direction()
 *     }
 * }
 * }</pre>
 */
public final class LobsterMessageReader implements AutoCloseable
{
    /** Submission of a new limit order. */
    public static final int ADD = 1;
    /** Cancellation of part of a limit order; size is the part removed. */
    public static final int PARTIAL_CANCEL = 2;
    /** Deletion of a limit order; size is what remained. */
    public static final int DELETE = 3;
    /** Execution of a visible limit order; size is the executed part. */
    public static final int EXECUTE_VISIBLE = 4;
    /** Execution of a hidden limit order. */
    public static final int EXECUTE_HIDDEN = 5;
    /** Cross trade (auction). */
    public static final int CROSS_TRADE = 6;
    /** Trading halt indicator. */
    public static final int HALT = 7;
    /** Direction of a buy limit order (a bid). */
    public static final int BUY = 1;
    /** Direction of a sell limit order (an ask). */
    public static final int SELL = -1;

    private final LobsterFiles.Source source;
    private final LobsterCsvScanner scanner;
    private long count;
    private long timeNs;
    private int type;
    private long orderId;
    private long size;
    private long price;
    private int direction;

    private LobsterMessageReader(final LobsterFiles.Source source)
    {
        this.source = source;
        this.scanner = new LobsterCsvScanner(source.in(), source.name());
    }

    /**
     * @param path message CSV, or a LOBSTER zip holding one.
     * @return an open reader.
     * @throws IOException when the file cannot be opened.
     */
    public static LobsterMessageReader open(final Path path) throws IOException
    {
        return new LobsterMessageReader(LobsterFiles.open(path, LobsterFiles.Kind.MESSAGE));
    }

    /**
     * Reads the next message.
     *
     * @return false at the end of the file.
     * @throws LobsterFormatException naming the line, for a malformed row.
     */
    public boolean next()
    {
        if (!scanner.nextLine())
        {
            return false;
        }
        timeNs = scanner.nextSecondsAsNanos();
        final long t = scanner.nextLong();
        if (t < ADD || t > HALT)
        {
            throw new LobsterFormatException(scanner.source(), scanner.line(), "event type " + t + "; allowed: 1..7");
        }
        type = (int)t;
        orderId = scanner.nextLong();
        size = scanner.nextLong();
        price = scanner.nextLong();
        final long d = scanner.nextLong();
        if (d != BUY && d != SELL)
        {
            throw new LobsterFormatException(scanner.source(), scanner.line(), "direction " + d + "; allowed: 1, -1");
        }
        direction = (int)d;
        if (!scanner.endOfLine())
        {
            throw new LobsterFormatException(scanner.source(), scanner.line(), "more than 6 fields");
        }
        count++;
        return true;
    }

    /**
     * @return messages read so far (the current one's 1-based index).
     */
    public long count()
    {
        return count;
    }

    /**
     * @return line of the current message in the file.
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
     * @return nanoseconds after midnight.
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * @return event type, {@link #ADD} .. {@link #HALT}.
     */
    public int type()
    {
        return type;
    }

    public long orderId()
    {
        return orderId;
    }

    /**
     * @return shares: added, cancelled, deleted or executed, by type.
     */
    public long size()
    {
        return size;
    }

    /**
     * @return dollar price times 10000.
     */
    public long price()
    {
        return price;
    }

    /**
     * @return {@link #BUY} or {@link #SELL}: the side of the resting limit order.
     */
    public int direction()
    {
        return direction;
    }

    public void close() throws IOException
    {
        source.close();
    }
}
