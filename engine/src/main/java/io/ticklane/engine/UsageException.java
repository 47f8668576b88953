package io.ticklane.engine;

/**
 * A command line that cannot be run as written; the message is one line telling what to fix. Exit status 2.
 */
public final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public UsageException(final String message)
    {
        super(message);
    }
}
