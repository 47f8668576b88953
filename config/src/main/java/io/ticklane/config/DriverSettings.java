package io.ticklane.config;

/**
 * Aeron media driver: embedded in the engine process (default) or external, found through its directory.
 *
 * @param embedded  start a media driver inside the engine.
 * @param directory Aeron directory (CnC file, logs), on tmpfs ({@code /dev/shm}). An embedded driver defaults to a
 *                  directory of its own process ({@code /dev/shm/ticklane-<user>-driver-<pid>}), so that a feed
 *                  and an engine started as two processes on one host each get their own driver; an external
 *                  driver defaults to Aeron's own default, {@code /dev/shm/aeron-<user>}.
 * @param threading {@code shared}, {@code shared-network} or {@code dedicated} (embedded driver only).
 * @param idle      idle strategy of the embedded driver's threads.
 */
public record DriverSettings(boolean embedded, String directory, String threading, IdleSpec idle)
{
    static DriverSettings from(final ConfigSource source)
    {
        final String user = System.getProperty("user.name", "default");
        final boolean embedded = source.getBoolean("driver.embedded", true);
        final String defaultDir = embedded ?
            "/dev/shm/ticklane-" + user + "-driver-" + ProcessHandle.current().pid() :
            "/dev/shm/aeron-" + user;
        return new DriverSettings(
            embedded,
            source.getString("driver.dir", defaultDir),
            source.getChoice("driver.threading", "shared", "shared", "shared-network", "dedicated"),
            IdleSpec.parse("driver.idle", source.getString("driver.idle", "backoff")));
    }
}
