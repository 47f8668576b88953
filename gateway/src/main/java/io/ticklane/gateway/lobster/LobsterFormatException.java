package io.ticklane.gateway.lobster;

/**
 * A LOBSTER file that does not follow the format: the message names the file, the line and what was wrong.
 */
public final class LobsterFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param source file (and zip entry) name.
     * @param line   1-based line number.
     * @param detail what was wrong.
     */
    public LobsterFormatException(final String source, final long line, final String detail)
    {
        super(source + ":" + line + ": " + detail);
    }
}
