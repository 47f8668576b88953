package io.ticklane.engine;

import io.aeron.CommonContext;
import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reclaims the embedded media driver directories of engines that died without cleaning up (kill -9 leaves
 * {@code /dev/shm/ticklane-<user>-driver-<pid>}, tens of MB of term buffers, behind for ever). A directory is
 * reclaimed only when both say it is dead: no process has its pid, and Aeron's own liveness check (the driver's
 * heartbeat in its CnC file) finds no active driver. Main thread, at start.
 */
final class StaleDriverDirectories
{
    private static final long LIVENESS_TIMEOUT_MS = 1_000;

    /**
     * What was reclaimed.
     *
     * @param pids  pids of the dead engines whose directories were deleted.
     * @param bytes bytes freed (file sizes as listed).
     */
    record Reclaimed(List<Long> pids, long bytes)
    {
    }

    private StaleDriverDirectories()
    {
    }

    /**
     * @param parent where driver directories live, e.g. {@code /dev/shm}.
     * @param user   whose directories: {@code ticklane-<user>-driver-<pid>}.
     * @return what was reclaimed (nothing when the parent does not exist).
     */
    static Reclaimed reclaim(final Path parent, final String user)
    {
        final Pattern pattern = Pattern.compile("ticklane-" + Pattern.quote(user) + "-driver-(\\d+)");
        final List<Long> pids = new ArrayList<>();
        long bytes = 0;
        if (!Files.isDirectory(parent))
        {
            return new Reclaimed(pids, 0);
        }
        try (Stream<Path> entries = Files.list(parent))
        {
            for (final Path dir : (Iterable<Path>)entries::iterator)
            {
                final Matcher matcher = pattern.matcher(dir.getFileName().toString());
                if (!matcher.matches() || !Files.isDirectory(dir))
                {
                    continue;
                }
                final long pid = Long.parseLong(matcher.group(1));
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isPresent() || isDriverActive(dir))
                {
                    continue;
                }
                final long size = sizeOf(dir);
                IoUtil.delete(dir.toFile(), true);
                if (!Files.exists(dir))
                {
                    pids.add(pid);
                    bytes += size;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return new Reclaimed(pids, bytes); // best effort: a directory we cannot read or delete stays
        }
        return new Reclaimed(pids, bytes);
    }

    private static boolean isDriverActive(final Path dir)
    {
        try
        {
            return CommonContext.isDriverActive(dir.toFile(), LIVENESS_TIMEOUT_MS, message -> { });
        }
        catch (final RuntimeException ex)
        {
            return false; // no readable CnC file of a running driver: nothing alive owns it
        }
    }

    private static long sizeOf(final Path dir)
    {
        long total = 0;
        final File[] files = dir.toFile().listFiles();
        if (null != files)
        {
            for (final File file : files)
            {
                total += file.isDirectory() ? sizeOf(file.toPath()) : file.length();
            }
        }
        return total;
    }
}
