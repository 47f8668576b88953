package io.ticklane.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * What one {@code engine} subcommand accepts, declared once: name, summary, description, positional arguments and
 * options (each with its value name and help). The parser ({@link #parse}) and the help text ({@link #usage}) are
 * both made from it, so the help always lists exactly what the parser accepts. Every command also accepts
 * {@code --config FILE}, {@code --set KEY=VALUE} (repeatable) and {@code -h}/{@code --help}.
 * <p>
 * Immutable once built; any thread.
 */
final class CommandSpec
{
    /** Help text is wrapped to this width. */
    private static final int WIDTH = 110;
    private static final int MIN_LABEL_WIDTH = 16;

    /**
     * One option.
     *
     * @param name      without the leading dashes, e.g. {@code duration}.
     * @param valueName what its value is, e.g. {@code D}; null for a flag that takes no value.
     * @param help      one sentence, defaults included.
     */
    record Option(String name, String valueName, String help)
    {
        boolean takesValue()
        {
            return null != valueName;
        }

        String label()
        {
            return (name.equals("help") ? "-h, " : "") + "--" + name + (takesValue() ? " " + valueName : "");
        }
    }

    /**
     * One optional positional argument.
     *
     * @param name what it is, e.g. {@code JOURNAL}.
     * @param help one sentence.
     */
    record Positional(String name, String help)
    {
    }

    private static final List<Option> COMMON = List.of(
        new Option("config", "FILE", "configuration file (README.md, Configuration)"),
        new Option("set", "KEY=VALUE", "override one configuration key; repeatable"),
        new Option("help", null, "print this help"));

    private final String name;
    private final String summary;
    private final List<String> description;
    private final List<Positional> positionals;
    private final List<Option> options;
    private final List<String> notes;
    private final Set<String> repeatable;

    private CommandSpec(final Builder builder)
    {
        repeatable = Set.copyOf(builder.repeatable);
        name = builder.name;
        summary = builder.summary;
        description = List.copyOf(builder.description);
        positionals = List.copyOf(builder.positionals);
        final List<Option> all = new ArrayList<>(builder.options);
        all.addAll(COMMON);
        options = Collections.unmodifiableList(all);
        notes = List.copyOf(builder.notes);
    }

    /**
     * @param name    the subcommand word.
     * @param summary one line for {@code engine --help}.
     * @return a builder.
     */
    static Builder builder(final String name, final String summary)
    {
        return new Builder(name, summary);
    }

    String name()
    {
        return name;
    }

    String summary()
    {
        return summary;
    }

    /**
     * @return every option the parser accepts, the common ones last.
     */
    List<Option> options()
    {
        return options;
    }

    /**
     * @return the positional arguments, in order; each is optional.
     */
    List<Positional> positionals()
    {
        return positionals;
    }

    /**
     * @param args arguments after the subcommand word.
     * @return the parsed line; when {@code -h} or {@code --help} is anywhere before {@code --}, a line holding only
     *         {@code help}, whatever else was given.
     * @throws UsageException on an unknown option, a missing value, a repeated option, or a positional argument the
     *                        command does not take.
     */
    CommandLine parse(final String[] args)
    {
        final Map<String, Boolean> takesValue = new LinkedHashMap<>();
        for (final Option option : options)
        {
            takesValue.put(option.name(), option.takesValue());
        }
        final List<String> names = new ArrayList<>();
        positionals.forEach(p -> names.add(p.name()));
        return CommandLine.parse(name, takesValue, args, names, this::allowedOptions, repeatable);
    }

    private String allowedOptions()
    {
        final List<String> labels = new ArrayList<>();
        options.forEach(o -> labels.add(o.label()));
        return String.join(", ", labels);
    }

    /**
     * @return the help text: synopsis, description, arguments, options and notes.
     */
    String usage()
    {
        final StringBuilder sb = new StringBuilder();
        synopsis(sb);
        for (final String line : description)
        {
            sb.append('\n').append(line);
        }
        int labelWidth = MIN_LABEL_WIDTH;
        for (final Option option : options)
        {
            labelWidth = Math.max(labelWidth, option.label().length() + 2);
        }
        if (!positionals.isEmpty())
        {
            sb.append("\n\narguments:");
            for (final Positional positional : positionals)
            {
                item(sb, positional.name(), positional.help(), labelWidth);
            }
        }
        sb.append("\n\noptions:");
        for (final Option option : options)
        {
            item(sb, option.label(), option.help(), labelWidth);
        }
        if (!notes.isEmpty())
        {
            sb.append('\n');
            for (final String line : notes)
            {
                sb.append('\n').append(line);
            }
        }
        return sb.toString();
    }

    private void synopsis(final StringBuilder sb)
    {
        final String head = "usage: engine " + name;
        final List<String> words = new ArrayList<>();
        positionals.forEach(p -> words.add("[" + p.name() + "]"));
        for (final Option option : options)
        {
            if (!option.name().equals("help"))
            {
                final boolean many = option.name().equals("set") || repeatable.contains(option.name());
                words.add("[" + option.label() + (many ? " ..." : "") + "]");
            }
        }
        int lineLength = head.length();
        sb.append(head);
        for (final String word : words)
        {
            if (lineLength + 1 + word.length() > WIDTH)
            {
                sb.append('\n').append(" ".repeat(head.length()));
                lineLength = head.length();
            }
            sb.append(' ').append(word);
            lineLength += 1 + word.length();
        }
        sb.append('\n');
    }

    private static void item(final StringBuilder sb, final String label, final String help, final int labelWidth)
    {
        sb.append("\n  ").append(label).append(" ".repeat(labelWidth - label.length()));
        final int indent = 2 + labelWidth;
        int column = indent;
        boolean first = true;
        for (final String word : help.split(" "))
        {
            if (!first && column + 1 + word.length() > WIDTH)
            {
                sb.append('\n').append(" ".repeat(indent));
                column = indent;
                first = true;
            }
            sb.append(first ? "" : " ").append(word);
            column += (first ? 0 : 1) + word.length();
            first = false;
        }
    }

    /**
     * Declares a command; not thread-safe, build once.
     */
    static final class Builder
    {
        private final String name;
        private final String summary;
        private final List<String> description = new ArrayList<>();
        private final List<Positional> positionals = new ArrayList<>();
        private final List<Option> options = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<String> repeatable = new HashSet<>();

        private Builder(final String name, final String summary)
        {
            this.name = name;
            this.summary = summary;
        }

        /**
         * @param lines paragraph lines, as printed.
         * @return this.
         */
        Builder description(final String... lines)
        {
            description.addAll(List.of(lines));
            return this;
        }

        /**
         * @param argName what the argument is, e.g. {@code JOURNAL}.
         * @param help    one sentence.
         * @return this.
         */
        Builder positional(final String argName, final String help)
        {
            positionals.add(new Positional(argName, help));
            return this;
        }

        /**
         * @param optionName without dashes.
         * @param valueName  what the value is, e.g. {@code D}.
         * @param help       one sentence, default included.
         * @return this.
         */
        Builder option(final String optionName, final String valueName, final String help)
        {
            options.add(new Option(optionName, valueName, help));
            return this;
        }

        /**
         * An option that may be given more than once; {@link CommandLine#all} has every value.
         *
         * @param optionName without dashes.
         * @param valueName  what the value is.
         * @param help       one sentence (say "repeatable").
         * @return this.
         */
        Builder repeatable(final String optionName, final String valueName, final String help)
        {
            repeatable.add(optionName);
            return option(optionName, valueName, help);
        }

        /**
         * @param optionName without dashes.
         * @param help       one sentence.
         * @return this.
         */
        Builder flag(final String optionName, final String help)
        {
            options.add(new Option(optionName, null, help));
            return this;
        }

        /**
         * @param lines printed after the options (exit status and the like).
         * @return this.
         */
        Builder notes(final String... lines)
        {
            notes.addAll(List.of(lines));
            return this;
        }

        CommandSpec build()
        {
            return new CommandSpec(this);
        }
    }
}
