package io.ticklane.gateway.lobster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a LOBSTER CSV line by line straight from bytes: integers and decimal seconds are parsed without creating
 * strings, so a reader allocates nothing per line. Blank lines are skipped; CRLF is accepted. One thread.
 */
final class LobsterCsvScanner
{
    private static final int BUFFER_LENGTH = 1 << 16;
    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};

    private final InputStream in;
    private final String source;
    private final byte[] buffer = new byte[BUFFER_LENGTH];
    private int position;
    private int limit;
    private long line;
    private int field;
    private boolean endOfLine = true;

    LobsterCsvScanner(final InputStream in, final String source)
    {
        this.in = in;
        this.source = source;
    }

    long line()
    {
        return line;
    }

    String source()
    {
        return source;
    }

    private int peek()
    {
        if (position == limit)
        {
            try
            {
                limit = in.read(buffer, 0, buffer.length);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(source + ": " + ex.getMessage(), ex);
            }
            position = 0;
            if (limit <= 0)
            {
                limit = 0;
                return -1;
            }
        }
        return buffer[position] & 0xFF;
    }

    /**
     * Moves to the start of the next non-blank line.
     *
     * @return false at the end of the input.
     */
    boolean nextLine()
    {
        if (!endOfLine)
        {
            throw error("more than the expected " + field + " fields");
        }
        boolean ended = line == 0; // the first newline seen ends the line just read; later ones are blank lines
        while (true)
        {
            final int c = peek();
            if (c < 0)
            {
                return false;
            }
            if (c == '\n')
            {
                if (ended)
                {
                    line++;
                }
                ended = true;
                position++;
            }
            else if (c == '\r' || c == ' ' || c == '\t')
            {
                position++;
            }
            else
            {
                line++;
                field = 0;
                endOfLine = false;
                return true;
            }
        }
    }

    boolean endOfLine()
    {
        return endOfLine;
    }

    private LobsterFormatException error(final String detail)
    {
        return new LobsterFormatException(source, line, detail);
    }

    private void endField()
    {
        field++;
        final int c = peek();
        if (c == ',')
        {
            position++;
            if (peek() < 0 || peek() == '\n' || peek() == '\r')
            {
                throw error("empty field " + (field + 1));
            }
        }
        else if (c == '\r' || c == '\n' || c < 0)
        {
            while (peek() == '\r')
            {
                position++;
            }
            endOfLine = true;
        }
        else
        {
            throw error("field " + field + ": unexpected character '" + (char)c + "'");
        }
    }

    /**
     * @return the next field as a signed integer.
     */
    long nextLong()
    {
        if (endOfLine)
        {
            throw error("expected more than " + field + " fields");
        }
        int c = peek();
        final boolean negative = c == '-';
        if (negative)
        {
            position++;
            c = peek();
        }
        if (c < '0' || c > '9')
        {
            throw error("field " + (field + 1) + ": expected an integer");
        }
        long value = 0;
        int digits = 0;
        while (c >= '0' && c <= '9')
        {
            if (++digits > 18)
            {
                throw error("field " + (field + 1) + ": integer too long");
            }
            value = value * 10 + (c - '0');
            position++;
            c = peek();
        }
        endField();
        return negative ? -value : value;
    }

    /**
     * @return the next field, decimal seconds with up to 9 decimals, in nanoseconds.
     */
    long nextSecondsAsNanos()
    {
        if (endOfLine)
        {
            throw error("expected more than " + field + " fields");
        }
        int c = peek();
        if (c < '0' || c > '9')
        {
            throw error("field " + (field + 1) + ": expected decimal seconds");
        }
        long seconds = 0;
        int digits = 0;
        while (c >= '0' && c <= '9')
        {
            if (++digits > 9)
            {
                throw error("field " + (field + 1) + ": seconds too large");
            }
            seconds = seconds * 10 + (c - '0');
            position++;
            c = peek();
        }
        long nanos = 0;
        if (c == '.')
        {
            position++;
            c = peek();
            int decimals = 0;
            while (c >= '0' && c <= '9')
            {
                if (decimals < 9)
                {
                    nanos = nanos * 10 + (c - '0');
                }
                decimals++;
                position++;
                c = peek();
            }
            nanos *= POW10[9 - Math.min(9, decimals)];
        }
        endField();
        return seconds * 1_000_000_000L + nanos;
    }

    /**
     * Counts the fields of the current line without consuming it (at the start of a line; the line must fit in the
     * 64 KB buffer, which a LOBSTER row does at any level count it offers).
     *
     * @return number of comma-separated fields of the current line.
     */
    int countFields()
    {
        if (position > 0 && !hasLineEnd())
        {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (!hasLineEnd() && limit < buffer.length)
        {
            final int read;
            try
            {
                read = in.read(buffer, limit, buffer.length - limit);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(source + ": " + ex.getMessage(), ex);
            }
            if (read < 0)
            {
                break;
            }
            limit += read;
        }
        int count = 1;
        for (int i = position; i < limit && buffer[i] != '\n' && buffer[i] != '\r'; i++)
        {
            if (buffer[i] == ',')
            {
                count++;
            }
        }
        return count;
    }

    private boolean hasLineEnd()
    {
        for (int i = position; i < limit; i++)
        {
            if (buffer[i] == '\n')
            {
                return true;
            }
        }
        return false;
    }
}
