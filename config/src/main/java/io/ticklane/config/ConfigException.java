package io.ticklane.config;

/**
 * A configuration value that cannot be used. The message is one line that names the key, the value and what is
 * allowed, so an operator can fix the file without reading code.
 */
public final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(final String key, final String message)
    {
        super(message);
        this.key = key;
    }

    /**
     * @param key     the configuration key.
     * @param value   the offending value as written.
     * @param allowed what would have been accepted.
     * @return an exception whose message names all three.
     */
    public static ConfigException invalid(final String key, final String value, final String allowed)
    {
        return new ConfigException(
            key, "invalid configuration: key '" + key + "' has value '" + value + "'; allowed: " + allowed);
    }

    /**
     * @return the key this error is about.
     */
    public String key()
    {
        return key;
    }
}
