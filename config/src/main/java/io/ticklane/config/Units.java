package io.ticklane.config;

import java.util.Locale;

/**
 * Parsing and formatting of durations and sizes as written in configuration and on the command line.
 */
public final class Units
{
    private Units()
    {
    }

    /**
     * @param text e.g. {@code 250us}, {@code 10s}, {@code 2m}; a bare number is refused to avoid unit mistakes.
     * @return nanoseconds.
     * @throws IllegalArgumentException when the text is not a duration.
     */
    public static long parseDurationNs(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '_'))
        {
            split++;
        }
        if (split == 0 || split == t.length())
        {
            throw new IllegalArgumentException("not a duration with a unit: " + text);
        }
        final long amount = Long.parseLong(t.substring(0, split).replace("_", ""));
        final long unitNs;
        switch (t.substring(split).trim())
        {
            case "ns": unitNs = 1L; break;
            case "us": unitNs = 1_000L; break;
            case "ms": unitNs = 1_000_000L; break;
            case "s": unitNs = 1_000_000_000L; break;
            case "m": unitNs = 60_000_000_000L; break;
            case "h": unitNs = 3_600_000_000_000L; break;
            default: throw new IllegalArgumentException("unknown duration unit: " + text);
        }
        return Math.multiplyExact(amount, unitNs);
    }

    /**
     * @param text e.g. {@code 4096}, {@code 64k}, {@code 1m}, {@code 2g} (binary multiples).
     * @return bytes.
     * @throws IllegalArgumentException when the text is not a size.
     */
    public static long parseSizeBytes(final String text)
    {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ib"))
        {
            t = t.substring(0, t.length() - 2);
        }
        else if (t.endsWith("b"))
        {
            t = t.substring(0, t.length() - 1);
        }
        long multiplier = 1;
        if (!t.isEmpty())
        {
            switch (t.charAt(t.length() - 1))
            {
                case 'k': multiplier = 1L << 10; break;
                case 'm': multiplier = 1L << 20; break;
                case 'g': multiplier = 1L << 30; break;
                case 't': multiplier = 1L << 40; break;
                default: break;
            }
        }
        if (multiplier != 1)
        {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || !t.chars().allMatch(c -> Character.isDigit(c) || c == '_'))
        {
            throw new IllegalArgumentException("not a size: " + text);
        }
        return Math.multiplyExact(Long.parseLong(t.replace("_", "")), multiplier);
    }

    /**
     * @param ns duration.
     * @return the shortest exact form, e.g. {@code 1500us} stays {@code 1500us}, {@code 2000ms} becomes {@code 2s}.
     */
    public static String formatDuration(final long ns)
    {
        final long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        final String[] names = {"h", "m", "s", "ms", "us"};
        for (int i = 0; i < units.length; i++)
        {
            if (ns != 0 && ns % units[i] == 0)
            {
                return (ns / units[i]) + names[i];
            }
        }
        return ns + "ns";
    }

    /**
     * @param bytes size.
     * @return the shortest exact form with a binary unit, e.g. {@code 1m}.
     */
    public static String formatSize(final long bytes)
    {
        final String[] names = {"t", "g", "m", "k"};
        for (int i = 0; i < names.length; i++)
        {
            final long unit = 1L << (40 - 10 * i);
            if (bytes != 0 && bytes % unit == 0)
            {
                return (bytes / unit) + names[i];
            }
        }
        return Long.toString(bytes);
    }
}
