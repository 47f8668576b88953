package io.ticklane.engine;

import io.ticklane.config.ConfigException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code bin/engine}: dispatches to a subcommand. Exit status 0 success, 1 failure (a condition the
 * operator must fix gets one line, {@link OperatorException}), 2 bad usage or configuration (one line naming what to
 * fix).
 */
public final class EngineMain
{
    private static final List<Command> COMMANDS = List.of(
        new DemoCommand(),
        new RunCommand(),
        new SubscribeCommand(),
        new FeedCommand(),
        new JournalCommand(),
        new ReplayCommand(),
        new LobsterCheckCommand(),
        new StatCommand(),
        new LatencyCommand(),
        new ConsoleCommand(),
        new DoctorCommand());

    private EngineMain()
    {
    }

    public static void main(final String[] args)
    {
        final int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * @param args command line.
     * @param out  standard output.
     * @param err  standard error.
     * @return exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))
        {
            if (args.length > 1)
            {
                final Command command = find(args[1]);
                if (null != command)
                {
                    out.println(command.usage());
                    return 0;
                }
            }
            out.print(help());
            return args.length == 0 ? 2 : 0;
        }
        final Command command = find(args[0]);
        if (null == command)
        {
            err.println("engine: unknown command '" + args[0] + "'; run 'engine --help' for the list");
            return 2;
        }
        try
        {
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        catch (final ConfigException | UsageException ex)
        {
            err.println("engine " + command.name() + ": " + ex.getMessage());
            return 2;
        }
        catch (final OperatorException ex)
        {
            err.println("engine " + command.name() + ": " + ex.getMessage());
            return 1;
        }
        catch (final Exception ex)
        {
            err.println("engine " + command.name() + ": failed: " + ex);
            ex.printStackTrace(err);
            return 1;
        }
    }

    /**
     * @return every subcommand, in the order {@code engine --help} lists them.
     */
    static List<Command> commands()
    {
        return COMMANDS;
    }

    private static Command find(final String name)
    {
        for (final Command command : COMMANDS)
        {
            if (command.name().equals(name))
            {
                return command;
            }
        }
        return null;
    }

    static String help()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("usage: engine <command> [options]   (every command takes --config FILE, --set KEY=VALUE, -h/--help)\n\n");
        sb.append("commands:\n");
        for (final Command command : COMMANDS)
        {
            sb.append(String.format("  %-14s %s%n", command.name(), command.summary()));
        }
        sb.append("\n'engine <command> --help' shows a command's options. Configuration keys: README.md.\n");
        return sb.toString();
    }
}
