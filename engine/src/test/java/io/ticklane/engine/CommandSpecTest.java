package io.ticklane.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The help text and the parser of every declared command come from one {@link CommandSpec}: what the help lists is
 * exactly what the parser accepts, found out from each side independently.
 */
class CommandSpecTest
{
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z0-9-]*");

    private static List<SpecifiedCommand> declared()
    {
        final List<SpecifiedCommand> declared = new ArrayList<>();
        for (final Command command : EngineMain.commands())
        {
            if (command instanceof SpecifiedCommand)
            {
                declared.add((SpecifiedCommand)command);
            }
        }
        return declared;
    }

    /** What the parser accepts, as it says when refusing an unknown option. */
    private static Set<String> acceptedByTheParser(final CommandSpec spec)
    {
        final UsageException refused = assertThrows(UsageException.class,
            () -> spec.parse(new String[]{"--surely-not-an-option"}));
        final String allowed = refused.getMessage().substring(refused.getMessage().indexOf("allowed: "));
        return optionsIn(allowed);
    }

    private static Set<String> optionsIn(final String text)
    {
        final Set<String> options = new TreeSet<>();
        final Matcher m = OPTION.matcher(text);
        while (m.find())
        {
            options.add(m.group());
        }
        return options;
    }

    @Test
    void everyCommandIsDeclared()
    {
        final List<String> names = new ArrayList<>();
        declared().forEach(c -> names.add(c.name()));
        assertEquals(List.of("demo", "run", "subscribe", "feed", "journal", "replay", "backtest", "lobster-check",
            "stat", "latency", "console", "doctor"), names, "every command is declared by a spec");
    }

    @Test
    void theUsageListsExactlyTheOptionsTheParserAccepts()
    {
        for (final SpecifiedCommand command : declared())
        {
            final CommandSpec spec = command.spec();
            final String usage = command.usage();
            final Set<String> accepted = acceptedByTheParser(spec);
            assertEquals(accepted, optionsIn(usage), command.name() + ": usage and parser agree\n" + usage);
            assertTrue(accepted.containsAll(Set.of("--config", "--set", "--help")), command.name());
            for (final CommandSpec.Option option : spec.options())
            {
                assertTrue(usage.contains("\n  " + option.label() + " "), command.name() + " lists " + option.label());
                final String[] args = option.takesValue() ?
                    new String[]{"--" + option.name(), option.name().equals("set") ? "k=v" : "x"} :
                    new String[]{"--" + option.name()};
                final CommandLine line = spec.parse(args);
                assertTrue(option.name().equals("set") ? line.overrides().containsKey("k") : line.has(option.name()),
                    command.name() + " parses " + option.label());
            }
            for (final CommandSpec.Positional positional : spec.positionals())
            {
                assertTrue(usage.contains("[" + positional.name() + "]"), command.name() + " shows " + positional);
                assertTrue(usage.contains("\n  " + positional.name() + " "), command.name() + " explains " + positional);
            }
        }
    }

    @Test
    void theUsageSaysWhatEachCommandIsForAndTheListOfCommandsComesFromTheSpecs()
    {
        final String help = EngineMain.help();
        for (final SpecifiedCommand command : declared())
        {
            assertTrue(command.usage().startsWith("usage: engine " + command.name() + " "), command.usage());
            assertTrue(help.contains("  " + command.name() + " ") && help.contains(command.spec().summary()), help);
        }
    }

    @Test
    void repeatedOptionsAndUnknownShortOptionsAreRefusedNotSilentlyIgnored()
    {
        final CommandSpec spec = new RunCommand().spec();
        final UsageException twice = assertThrows(UsageException.class,
            () -> spec.parse(new String[]{"--duration", "5s", "--duration=10s"}));
        assertEquals("option '--duration' is given twice ('5s' and '10s'); give it once", twice.getMessage());
        final UsageException shortOption = assertThrows(UsageException.class, () -> spec.parse(new String[]{"-d"}));
        assertTrue(shortOption.getMessage().startsWith("unknown option '-d'; allowed: --duration D"),
            shortOption.getMessage());
        final CommandLine sets = spec.parse(new String[]{"--set", "a=1", "--set", "b=2"});
        assertEquals(2, sets.overrides().size(), "--set is repeatable");
        final CommandLine afterDashes = new ReplayCommand().spec().parse(new String[]{"--", "--odd-dir-name"});
        assertEquals(List.of("--odd-dir-name"), afterDashes.positional(), "'--' ends the options");
        assertFalse(afterDashes.has("help"));
    }

    @Test
    void repeatableOptionsKeepEveryValueAndOthersAreRefusedTwice()
    {
        final CommandSpec spec = CommandSpec.builder("x", "test").repeatable("param", "K=V", "repeatable")
            .option("out", "DIR", "once").build();
        final CommandLine line = spec.parse(new String[]{"--param", "a=1", "--out", "o", "--param=b=2"});
        assertEquals(List.of("a=1", "b=2"), line.all("param"));
        assertEquals(List.of(), line.all("out"), "not repeatable: read with get");
        assertEquals("o", line.get("out", ""));
        assertTrue(spec.usage().contains("[--param K=V ...]"), spec.usage());
        final UsageException twice = assertThrows(UsageException.class,
            () -> spec.parse(new String[]{"--out", "a", "--out", "b"}));
        assertEquals("option '--out' is given twice ('a' and 'b'); give it once", twice.getMessage());
    }
}
