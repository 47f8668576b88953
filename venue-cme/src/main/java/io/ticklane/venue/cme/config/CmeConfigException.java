package io.ticklane.venue.cme.config;

/**
 * A CME configuration that cannot be used. The message is one line: the file, the element, the value and what is
 * allowed.
 */
public final class CmeConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    public CmeConfigException(final String message)
    {
        super(message);
    }
}
