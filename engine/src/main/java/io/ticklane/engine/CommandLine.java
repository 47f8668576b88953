package io.ticklane.engine;

import io.ticklane.config.ConfigException;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.Units;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Parsed options of one subcommand: {@code --name value}, {@code --name=value}, flags, repeatable
 * {@code --set key=value}, and positional arguments. Made by {@link CommandSpec#parse}, which declares what a
 * command accepts; every subcommand accepts {@code --config FILE}, {@code --set KEY=VALUE} and
 * {@code -h}/{@code --help}.
 * <p>
 * Main thread only.
 */
public final class CommandLine
{
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();
    private Set<String> repeatable = Set.of();

    private CommandLine(final String command)
    {
        this.command = command;
    }

    /**
     * @param command     subcommand name, for messages.
     * @param spec        option name to "takes a value".
     * @param args        arguments after the subcommand.
     * @param positionals names of the positional arguments accepted, in order.
     * @param allowed     the list of options, for the error on an unknown one.
     * @param repeatable  options that may be given more than once ({@link #all}).
     * @return the parsed line.
     */
    static CommandLine parse(
        final String command,
        final Map<String, Boolean> spec,
        final String[] args,
        final List<String> positionals,
        final Supplier<String> allowed,
        final Set<String> repeatable)
    {
        final CommandLine line = new CommandLine(command);
        line.repeatable = repeatable;
        if (asksForHelp(args))
        {
            line.values.put("help", "true");
            return line;
        }
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-"))
            {
                line.addPositional(arg, positionals);
                continue;
            }
            if (arg.equals("--"))
            {
                optionsEnded = true;
                continue;
            }
            if (!arg.startsWith("--"))
            {
                throw new UsageException("unknown option '" + arg + "'; allowed: " + allowed.get());
            }
            String name = arg.substring(2);
            String value = null;
            final int eq = name.indexOf('=');
            if (eq > 0)
            {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            final Boolean takesValue = spec.get(name);
            if (null == takesValue)
            {
                throw new UsageException("unknown option '--" + name + "'; allowed: " + allowed.get());
            }
            if (takesValue && null == value)
            {
                if (i + 1 >= args.length)
                {
                    throw new UsageException("option '--" + name + "' needs a value");
                }
                value = args[++i];
            }
            else if (!takesValue && null != value)
            {
                throw new UsageException("option '--" + name + "' takes no value");
            }
            line.add(name, value);
        }
        return line;
    }

    private static boolean asksForHelp(final String[] args)
    {
        for (final String arg : args)
        {
            if (arg.equals("--"))
            {
                return false;
            }
            if (arg.equals("-h") || arg.equals("--help"))
            {
                return true;
            }
        }
        return false;
    }

    private void addPositional(final String arg, final List<String> names)
    {
        if (positional.size() >= names.size())
        {
            throw new UsageException("unexpected argument '" + arg + "': " + (names.isEmpty() ?
                "'engine " + command + "' takes no positional arguments" :
                "'engine " + command + "' takes at most " + names.size() + ", " + String.join(" ", names)) +
                " (see 'engine " + command + " --help')");
        }
        positional.add(arg);
    }

    private void add(final String name, final String value)
    {
        if (name.equals("set"))
        {
            final int kv = value.indexOf('=');
            if (kv <= 0)
            {
                throw new UsageException("option '--set' needs KEY=VALUE, got '" + value + "'");
            }
            overrides.put(value.substring(0, kv).trim(), value.substring(kv + 1).trim());
            return;
        }
        if (repeatable.contains(name))
        {
            repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            values.putIfAbsent(name, value);
            return;
        }
        final String previous = values.put(name, null == value ? "true" : value);
        if (null != previous)
        {
            throw new UsageException("option '--" + name + "' is given twice" +
                (null == value ? "" : " ('" + previous + "' and '" + value + "')") + "; give it once");
        }
    }

    /**
     * Refuses two options that cannot go together, so that neither is silently ignored.
     *
     * @param first  option name.
     * @param second option name.
     * @param why    what each does, so the operator can choose.
     * @throws UsageException when both are given.
     */
    public void refuseTogether(final String first, final String second, final String why)
    {
        if (has(first) && has(second))
        {
            throw new UsageException("options '--" + first + "' and '--" + second + "' cannot be used together: " +
                why);
        }
    }

    /**
     * @param name option name without dashes.
     * @return true when given.
     */
    public boolean has(final String name)
    {
        return values.containsKey(name);
    }

    /**
     * @param name         option name.
     * @param defaultValue returned when absent.
     * @return the value.
     */
    public String get(final String name, final String defaultValue)
    {
        return values.getOrDefault(name, defaultValue);
    }

    /**
     * @param name      option name.
     * @param defaultNs returned when absent.
     * @return a duration such as {@code 10s} in ns.
     */
    public long durationNs(final String name, final long defaultNs)
    {
        final String text = values.get(name);
        if (null == text)
        {
            return defaultNs;
        }
        try
        {
            final long ns = Units.parseDurationNs(text);
            if (ns <= 0)
            {
                throw new IllegalArgumentException();
            }
            return ns;
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw new UsageException("option '--" + name + "' has value '" + text +
                "'; allowed: a positive duration with a unit (ns, us, ms, s, m, h), e.g. 10s");
        }
    }

    /**
     * @param name         option name.
     * @param defaultValue returned when absent.
     * @param min          smallest allowed.
     * @param max          largest allowed.
     * @return the value.
     */
    public long longValue(final String name, final long defaultValue, final long min, final long max)
    {
        final String text = values.get(name);
        if (null == text)
        {
            return defaultValue;
        }
        try
        {
            final long value = Long.parseLong(text.replace("_", ""));
            if (value < min || value > max)
            {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("option '--" + name + "' has value '" + text + "'; allowed: an integer in " +
                min + ".." + max);
        }
    }

    /**
     * @param name    option name.
     * @param allowed what is allowed, for the error.
     * @return the option's value as a positive finite number.
     * @throws UsageException when it is not one.
     */
    public double positiveDouble(final String name, final String allowed)
    {
        final String text = values.get(name);
        try
        {
            final double value = Double.parseDouble(text);
            if (value > 0 && value <= 1e9)
            {
                return value;
            }
        }
        catch (final NumberFormatException | NullPointerException ignore)
        {
            // reported below
        }
        throw new UsageException("option '--" + name + "' has value '" + text + "'; allowed: " + allowed);
    }

    /**
     * @param name a repeatable option.
     * @return every value given, in order (empty when absent).
     */
    public List<String> all(final String name)
    {
        return Collections.unmodifiableList(repeated.getOrDefault(name, List.of()));
    }

    /**
     * @return positional arguments.
     */
    public List<String> positional()
    {
        return Collections.unmodifiableList(positional);
    }

    /**
     * @return {@code --set} overrides, in order.
     */
    public Map<String, String> overrides()
    {
        return Collections.unmodifiableMap(overrides);
    }

    /**
     * Loads and validates the configuration named by {@code --config} with the {@code --set} overrides.
     *
     * @param extra more overrides derived from options (e.g. {@code --rate}); a {@code --set} of the same key with
     *              another value is refused, so that neither is silently ignored.
     * @return the validated configuration.
     * @throws ConfigException naming the first bad key.
     */
    public EngineConfig config(final Map<String, String> extra)
    {
        for (final Map.Entry<String, String> option : extra.entrySet())
        {
            final String set = overrides.get(option.getKey());
            if (null != set && !set.equals(option.getValue()))
            {
                throw new UsageException("'--set " + option.getKey() + "=" + set + "' contradicts the option that " +
                    "sets " + option.getKey() + " to '" + option.getValue() + "'; give one of them");
            }
        }
        final Map<String, String> all = new LinkedHashMap<>(extra);
        all.putAll(overrides);
        final String file = values.get("config");
        return EngineConfig.load(null == file ? null : Path.of(file), all);
    }

    /**
     * @return the subcommand name.
     */
    public String command()
    {
        return command;
    }
}
