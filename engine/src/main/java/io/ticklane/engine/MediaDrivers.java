package io.ticklane.engine;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ticklane.config.DriverSettings;

/**
 * Launches an embedded Aeron media driver from {@link DriverSettings}. Its directory is created fresh and deleted
 * on close; term buffers are sparse files on tmpfs.
 */
final class MediaDrivers
{
    private static final int TERM_LENGTH = 16 * 1024 * 1024;

    private MediaDrivers()
    {
    }

    static MediaDriver launchEmbedded(final DriverSettings settings)
    {
        final ThreadingMode mode;
        switch (settings.threading())
        {
            case "dedicated": mode = ThreadingMode.DEDICATED; break;
            case "shared-network": mode = ThreadingMode.SHARED_NETWORK; break;
            default: mode = ThreadingMode.SHARED; break;
        }
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(settings.directory())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(mode)
            .sharedIdleStrategy(settings.idle().newIdleStrategy())
            .conductorIdleStrategy(settings.idle().newIdleStrategy())
            .senderIdleStrategy(settings.idle().newIdleStrategy())
            .receiverIdleStrategy(settings.idle().newIdleStrategy())
            .sharedNetworkIdleStrategy(settings.idle().newIdleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH);
        return MediaDriver.launchEmbedded(context);
    }
}
