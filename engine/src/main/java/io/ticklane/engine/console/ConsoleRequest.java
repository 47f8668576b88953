package io.ticklane.engine.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.x request head as the console reads it: the request line and the headers it needs ({@code Host},
 * {@code Content-Length}), read byte by byte up to {@value #MAX_HEAD_BYTES} bytes and no longer than a deadline,
 * so that a client that sends part of a request and stalls, or dribbles it, holds a worker for a bounded time.
 * Immutable once read.
 *
 * @param method        e.g. {@code GET}.
 * @param path          the target without its query.
 * @param host          the {@code Host} header, or null.
 * @param contentLength the body length announced, 0 when none.
 */
record ConsoleRequest(String method, String path, String host, long contentLength)
{
    /** A request head longer than this is refused (431). */
    static final int MAX_HEAD_BYTES = 8192;

    /**
     * Why a request head could not be read: the status to answer with, and a one-line reason.
     */
    static final class Refused extends Exception
    {
        private static final long serialVersionUID = 1L;

        final int status;

        Refused(final int status, final String reason)
        {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    /**
     * @param in         the connection's input, with a socket read timeout set.
     * @param deadlineNs {@link System#nanoTime()} by which the whole head must have arrived.
     * @return the request, or null when the client closed before sending anything.
     * @throws Refused     on a malformed, oversized or late head (408 for late).
     * @throws IOException when the connection fails.
     */
    static ConsoleRequest read(final InputStream in, final long deadlineNs) throws Refused, IOException
    {
        final StringBuilder head = new StringBuilder(256);
        boolean lineEmpty = true;
        while (true)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new Refused(408, "request head not complete in time");
            }
            final int b;
            try
            {
                b = in.read();
            }
            catch (final SocketTimeoutException ex)
            {
                throw new Refused(408, "request head not complete in time");
            }
            if (b < 0)
            {
                if (head.length() == 0)
                {
                    return null;
                }
                throw new Refused(400, "connection closed inside the request head");
            }
            if (head.length() >= MAX_HEAD_BYTES)
            {
                throw new Refused(431, "request head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n')
            {
                if (lineEmpty && head.length() > 0)
                {
                    break;
                }
                lineEmpty = true;
            }
            else if (b != '\r')
            {
                lineEmpty = false;
            }
            head.append((char)b);
        }
        return parse(new String(head.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII));
    }

    private static ConsoleRequest parse(final String head) throws Refused
    {
        final String[] lines = head.split("\r?\n");
        final String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.") || !requestLine[1].startsWith("/"))
        {
            throw new Refused(400, "not an HTTP/1.x request line");
        }
        String host = null;
        long contentLength = 0;
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            final String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String value = lines[i].substring(colon + 1).trim();
            if (name.equals("host"))
            {
                if (null != host)
                {
                    throw new Refused(400, "more than one Host header");
                }
                host = value;
            }
            else if (name.equals("content-length"))
            {
                try
                {
                    contentLength = Long.parseLong(value);
                }
                catch (final NumberFormatException ex)
                {
                    throw new Refused(400, "Content-Length is not a number");
                }
            }
        }
        final String target = requestLine[1];
        final int query = target.indexOf('?');
        return new ConsoleRequest(requestLine[0], query < 0 ? target : target.substring(0, query), host,
            contentLength);
    }
}
