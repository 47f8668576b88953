package io.ticklane.engine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of {@code engine <command>} through {@link EngineMain#run}, with its output captured.
 *
 * @param status exit status.
 * @param out    standard output.
 * @param err    standard error.
 */
record CommandRun(int status, String out, String err)
{
    /**
     * Surefire passes {@code -Dticklane.shared.data}, which {@code ConfigSource} would read as the configuration key
     * {@code shared.data} and refuse as unknown; it is hidden for the duration of the command.
     */
    private static final String SHARED_DATA_PROPERTY = "ticklane.shared.data";

    static synchronized CommandRun of(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String sharedData = System.clearProperty(SHARED_DATA_PROPERTY);
        try
        {
            final int status = EngineMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
            return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            if (null != sharedData)
            {
                System.setProperty(SHARED_DATA_PROPERTY, sharedData);
            }
        }
    }
}
