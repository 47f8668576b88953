package io.ticklane.engine;

/**
 * A condition the operator must fix before the command can run (a panicked journal, a journal or counters file that
 * another engine owns): reported by {@link EngineMain} as one line naming what and how, exit status 1, no stack
 * trace.
 */
public final class OperatorException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: what is wrong and what to do.
     */
    public OperatorException(final String message)
    {
        super(message, null, false, false);
    }
}
