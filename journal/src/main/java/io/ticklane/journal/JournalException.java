package io.ticklane.journal;

/**
 * A journal cannot be opened, created or grown, or an option is invalid. Messages name the file or the option.
 * Thrown on the calling thread.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
