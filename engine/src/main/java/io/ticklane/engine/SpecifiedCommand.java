package io.ticklane.engine;

import java.io.PrintStream;

/**
 * A {@link Command} declared by a {@link CommandSpec}: its name, summary and help text come from the spec, and its
 * arguments are parsed by it before {@link #run(CommandLine, PrintStream, PrintStream)} sees them. {@code -h} and
 * {@code --help} print the help and exit 0; a stray positional argument or an unknown option is refused (exit 2).
 */
interface SpecifiedCommand extends Command
{
    /**
     * @return the declaration; the same instance on every call.
     */
    CommandSpec spec();

    default String name()
    {
        return spec().name();
    }

    default String summary()
    {
        return spec().summary();
    }

    default String usage()
    {
        return spec().usage();
    }

    default int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        final CommandLine line = spec().parse(args);
        if (line.has("help"))
        {
            out.println(usage());
            return 0;
        }
        return run(line, out, err);
    }

    /**
     * @param line the parsed arguments, help already handled.
     * @param out  standard output.
     * @param err  standard error.
     * @return exit status.
     * @throws Exception anything unexpected; reported by {@link EngineMain} with exit status 1.
     */
    int run(CommandLine line, PrintStream out, PrintStream err) throws Exception;
}
