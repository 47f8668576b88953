package io.ticklane.engine;

import java.io.PrintStream;

/**
 * One {@code engine} subcommand. Implementations parse their own options with {@link CommandLine} and return the
 * process exit status: 0 success, 1 failure at run time, 2 bad usage or configuration.
 */
public interface Command
{
    /**
     * @return the subcommand word, e.g. {@code demo}.
     */
    String name();

    /**
     * @return one line for {@code engine --help}.
     */
    String summary();

    /**
     * @return the full help text, options included.
     */
    String usage();

    /**
     * @param args arguments after the subcommand word.
     * @param out  standard output.
     * @param err  standard error.
     * @return exit status.
     * @throws Exception anything unexpected; reported by {@link EngineMain} with exit status 1.
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
