package io.ticklane.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Layered key/value source: a file in Java properties syntax, then overrides ({@code -Dticklane.set.key=value}
 * system properties, then {@code --set key=value} on the command line). Every read is typed and range-checked, and every key read is
 * remembered, so that {@link #rejectUnknownKeys()} can refuse a misspelt key instead of silently ignoring it.
 * <p>
 * This is the only place in the project that reads system properties for configuration.
 * <p>
 * Not thread-safe: build once on the main thread at start.
 */
public final class ConfigSource
{
    /** System properties with this prefix override file values, e.g. {@code -Dticklane.set.feed.stream=7}. */
    public static final String SYSTEM_PROPERTY_PREFIX = "ticklane.set.";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private final Set<String> consumed = new TreeSet<>();

    /**
     * @return an empty source: every read returns its default.
     */
    public static ConfigSource empty()
    {
        return new ConfigSource();
    }

    /**
     * Loads the file (when not null), then system properties prefixed {@value #SYSTEM_PROPERTY_PREFIX}, then the
     * given overrides, each layer replacing the one before.
     *
     * @param file      properties file, or null for defaults only.
     * @param overrides key/value pairs that win over the file.
     * @return the source.
     */
    public static ConfigSource load(final Path file, final Map<String, String> overrides)
    {
        final ConfigSource source = new ConfigSource();
        if (null != file)
        {
            source.putFile(file);
        }
        for (final String name : System.getProperties().stringPropertyNames())
        {
            if (name.startsWith(SYSTEM_PROPERTY_PREFIX))
            {
                source.put(name.substring(SYSTEM_PROPERTY_PREFIX.length()), System.getProperty(name), "-D" + name);
            }
        }
        overrides.forEach((k, v) -> source.put(k, v, "override"));
        return source;
    }

    /**
     * @param key   configuration key.
     * @param value value as text.
     * @return this, for chaining (used by tests and tools).
     */
    public ConfigSource set(final String key, final String value)
    {
        put(key, value, "set");
        return this;
    }

    private void putFile(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new ConfigException("--config", "invalid configuration: file '" + file + "' does not exist or is not a file");
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException("--config", "invalid configuration: cannot read '" + file + "': " + ex.getMessage());
        }
        for (final String name : new TreeSet<>(properties.stringPropertyNames()))
        {
            put(name, properties.getProperty(name), file.toString());
        }
    }

    private void put(final String key, final String value, final String origin)
    {
        values.put(key.trim(), value.trim());
        origins.put(key.trim(), origin);
    }

    /**
     * @param key configuration key.
     * @return true when the key was given in any layer.
     */
    public boolean contains(final String key)
    {
        consumed.add(key);
        return values.containsKey(key);
    }

    /**
     * @param key          configuration key.
     * @param defaultValue returned when absent.
     * @return the raw text value.
     */
    public String getString(final String key, final String defaultValue)
    {
        consumed.add(key);
        final String value = values.get(key);
        return null == value ? defaultValue : value;
    }

    /**
     * @param key          configuration key.
     * @param defaultValue returned when absent.
     * @param min          smallest allowed.
     * @param max          largest allowed.
     * @return the value, range-checked.
     */
    public int getInt(final String key, final int defaultValue, final int min, final int max)
    {
        return (int)getLong(key, defaultValue, min, max);
    }

    /**
     * @param key          configuration key.
     * @param defaultValue returned when absent.
     * @param min          smallest allowed.
     * @param max          largest allowed.
     * @return the value, range-checked.
     */
    public long getLong(final String key, final long defaultValue, final long min, final long max)
    {
        final String text = getString(key, null);
        if (null == text)
        {
            return defaultValue;
        }
        final long value;
        try
        {
            value = Long.parseLong(text.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw ConfigException.invalid(key, text, "an integer in " + min + ".." + max);
        }
        if (value < min || value > max)
        {
            throw ConfigException.invalid(key, text, "an integer in " + min + ".." + max);
        }
        return value;
    }

    /**
     * @param key          configuration key.
     * @param defaultValue returned when absent.
     * @param min          smallest allowed.
     * @param max          largest allowed.
     * @return the value, range-checked.
     */
    public double getDouble(final String key, final double defaultValue, final double min, final double max)
    {
        final String text = getString(key, null);
        if (null == text)
        {
            return defaultValue;
        }
        final double value;
        try
        {
            value = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw ConfigException.invalid(key, text, "a number from " + min + " to " + max);
        }
        if (!(value >= min && value <= max))
        {
            throw ConfigException.invalid(key, text, "a number from " + min + " to " + max);
        }
        return value;
    }

    /**
     * @param key          configuration key.
     * @param defaultValue returned when absent.
     * @return true or false; anything else is refused.
     */
    public boolean getBoolean(final String key, final boolean defaultValue)
    {
        final String text = getString(key, null);
        if (null == text)
        {
            return defaultValue;
        }
        switch (text.toLowerCase())
        {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw ConfigException.invalid(key, text, "true or false");
        }
    }

    /**
     * @param key          configuration key.
     * @param defaultNs    returned when absent, in ns.
     * @param minNs        smallest allowed, in ns.
     * @param maxNs        largest allowed, in ns.
     * @return the duration in ns; text is a number with a unit: ns, us, ms, s, m or h (e.g. {@code 250us}).
     */
    public long getDurationNs(final String key, final long defaultNs, final long minNs, final long maxNs)
    {
        final String text = getString(key, null);
        if (null == text)
        {
            return defaultNs;
        }
        final String allowed = "a duration from " + Units.formatDuration(minNs) + " to " + Units.formatDuration(maxNs) +
            " with a unit (ns, us, ms, s, m, h), e.g. 500ms";
        final long ns;
        try
        {
            ns = Units.parseDurationNs(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ConfigException.invalid(key, text, allowed);
        }
        if (ns < minNs || ns > maxNs)
        {
            throw ConfigException.invalid(key, text, allowed);
        }
        return ns;
    }

    /**
     * @param key          configuration key.
     * @param defaultBytes returned when absent.
     * @param minBytes     smallest allowed.
     * @param maxBytes     largest allowed.
     * @param powerOfTwo   whether the value must be a power of two.
     * @return the size in bytes; text is a number with an optional unit: k, m or g (binary), e.g. {@code 64m}.
     */
    public long getSizeBytes(
        final String key, final long defaultBytes, final long minBytes, final long maxBytes, final boolean powerOfTwo)
    {
        final String text = getString(key, null);
        if (null == text)
        {
            return defaultBytes;
        }
        final String allowed = (powerOfTwo ? "a power of two" : "a size") + " from " + Units.formatSize(minBytes) +
            " to " + Units.formatSize(maxBytes) + ", bytes or with a unit k, m, g (e.g. 1m)";
        final long bytes;
        try
        {
            bytes = Units.parseSizeBytes(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ConfigException.invalid(key, text, allowed);
        }
        if (bytes < minBytes || bytes > maxBytes || (powerOfTwo && Long.bitCount(bytes) != 1))
        {
            throw ConfigException.invalid(key, text, allowed);
        }
        return bytes;
    }

    /**
     * @param key          configuration key.
     * @param defaultValue returned when absent.
     * @param choices      allowed values, matched case-insensitively.
     * @return the choice as listed in {@code choices}.
     */
    public String getChoice(final String key, final String defaultValue, final String... choices)
    {
        final String text = getString(key, null);
        if (null == text)
        {
            return defaultValue;
        }
        for (final String choice : choices)
        {
            if (choice.equalsIgnoreCase(text))
            {
                return choice;
            }
        }
        throw ConfigException.invalid(key, text, "one of " + String.join(", ", choices));
    }

    /** What a path key names. */
    public enum PathKind
    {
        /** A directory, which need not exist yet. */
        DIRECTORY,
        /** A file, which need not exist yet. */
        FILE
    }

    /**
     * Checks the shape of a path before anything uses it, so that a path naming the wrong kind of thing is a
     * configuration error at start rather than a failure after start-up: an existing path must be of the right kind,
     * and the nearest existing ancestor of one that does not exist yet must be a directory.
     *
     * @param key          configuration key.
     * @param defaultValue returned when absent (checked the same way).
     * @param kind         what the path must name.
     * @return the path as written.
     */
    public String getPath(final String key, final String defaultValue, final PathKind kind)
    {
        final String text = getString(key, defaultValue);
        final String allowed = kind == PathKind.DIRECTORY ?
            "a directory, or a path where one can be created" : "a file, or a path where one can be created";
        final Path path;
        try
        {
            path = Path.of(text);
        }
        catch (final InvalidPathException ex)
        {
            throw ConfigException.invalid(key, text, allowed + " (" + ex.getReason() + ")");
        }
        if (text.isBlank())
        {
            throw ConfigException.invalid(key, text, allowed);
        }
        if (kind == PathKind.DIRECTORY && Files.exists(path) && !Files.isDirectory(path))
        {
            throw ConfigException.invalid(key, text, allowed + "; this is a file");
        }
        if (kind == PathKind.FILE && Files.isDirectory(path))
        {
            throw ConfigException.invalid(key, text, allowed + "; this is a directory");
        }
        Path ancestor = path.toAbsolutePath().getParent();
        while (null != ancestor && !Files.exists(ancestor))
        {
            ancestor = ancestor.getParent();
        }
        if (null != ancestor && !Files.isDirectory(ancestor))
        {
            throw ConfigException.invalid(key, text, allowed + "; '" + ancestor + "' on its way is a file");
        }
        return text;
    }

    /**
     * @param key          configuration key.
     * @param defaultValue returned when absent.
     * @return comma-separated items, trimmed, empty items dropped.
     */
    public List<String> getList(final String key, final List<String> defaultValue)
    {
        final String text = getString(key, null);
        if (null == text)
        {
            return defaultValue;
        }
        final List<String> items = new ArrayList<>();
        for (final String item : text.split(","))
        {
            if (!item.isBlank())
            {
                items.add(item.trim());
            }
        }
        return Collections.unmodifiableList(items);
    }

    /**
     * Refuses keys that were given but never read: they are misspellings or settings this version does not have.
     *
     * @param knownKeysHint where the valid keys are documented.
     */
    public void rejectUnknownKeys(final String knownKeysHint)
    {
        for (final Map.Entry<String, String> entry : values.entrySet())
        {
            if (!consumed.contains(entry.getKey()))
            {
                throw new ConfigException(entry.getKey(), "invalid configuration: unknown key '" + entry.getKey() +
                    "' (value '" + entry.getValue() + "', from " + origins.get(entry.getKey()) + "); allowed: " +
                    knownKeysHint);
            }
        }
    }
}
