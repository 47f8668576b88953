package io.ticklane.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the file system under a journal directory means for the append path, for {@code engine doctor}: the journal
 * maps its segments, so every new page costs a page fault somewhere (the housekeeper's, ideally), and on a virtual
 * machine that shadows page tables a first write through every new 4 KiB mapping costs microseconds more. A tmpfs
 * mounted with huge pages ({@code huge=always} or {@code within_size}; {@code advise} with the native helper, which
 * asks for them) maps 2 MiB at a time and makes that cost vanish; a disk file system keeps the data across a reboot
 * and, on recent kernels, maps large folios. Measurements: docs/JOURNAL.md, "Pre-faulting".
 * <p>
 * Reads a mounts table ({@code /proc/mounts}, or a recorded copy); static, any thread.
 *
 * @param status   "OK", "WARN" or "INFO".
 * @param value    the file system, mount point and page size found.
 * @param advice   what to do about it, or "".
 */
public record JournalMedia(String status, String value, String advice)
{
    /**
     * @param journalDirectory the journal directory (need not exist yet).
     * @param mounts           a mounts table in the format of {@code /proc/mounts}.
     * @return the check.
     */
    public static JournalMedia check(final Path journalDirectory, final Path mounts)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(mounts);
        }
        catch (final IOException ex)
        {
            return new JournalMedia("INFO", "unknown (cannot read " + mounts + ")", "");
        }
        final String path = existingParent(journalDirectory);
        String[] best = null;
        for (final String line : lines)
        {
            final String[] fields = line.split(" ");
            if (fields.length >= 4 && covers(fields[1], path) && (null == best || fields[1].length() >= best[1].length()))
            {
                best = fields;
            }
        }
        if (null == best)
        {
            return new JournalMedia("INFO", "unknown (no mount holds " + path + ")", "");
        }
        final String where = best[2] + " on " + best[1];
        if (!best[2].equals("tmpfs"))
        {
            return new JournalMedia("INFO", where + ": disk file system, 4 KiB pages or large folios",
                "survives a reboot; for the lowest append latency on a VM put the journal on a tmpfs with huge=always");
        }
        final String huge = option(best[3], "huge");
        if (huge.equals("always") || huge.equals("within_size"))
        {
            return new JournalMedia("OK", where + ", huge=" + huge + ": 2 MiB pages", "");
        }
        if (huge.equals("advise") && NativeMemory.isAvailable())
        {
            return new JournalMedia("OK", where + ", huge=advise: 2 MiB pages (the native helper asks for them)", "");
        }
        return new JournalMedia("WARN", where + ", huge=" + huge + ": 4 KiB pages, a page fault per 4 KiB",
            "mount the journal's tmpfs with huge pages: mount -t tmpfs -o huge=always,size=<n>g tmpfs <dir> " +
            "(docs/JOURNAL.md, 'Pre-faulting')");
    }

    private static boolean covers(final String mountPoint, final String path)
    {
        return path.equals(mountPoint) || mountPoint.equals("/") ||
            path.startsWith(mountPoint.endsWith("/") ? mountPoint : mountPoint + "/");
    }

    private static String option(final String options, final String name)
    {
        for (final String option : options.split(","))
        {
            if (option.startsWith(name + "="))
            {
                return option.substring(name.length() + 1);
            }
        }
        return "never";
    }

    /**
     * The directory's real path when it exists (symbolic links followed), else its absolute path: the mount that
     * holds it is the one with the longest mount point that is a prefix of it.
     */
    private static String existingParent(final Path directory)
    {
        final Path path = directory.toAbsolutePath().normalize();
        try
        {
            return Files.exists(path) ? path.toRealPath().toString() : path.toString();
        }
        catch (final IOException ex)
        {
            return path.toString();
        }
    }
}
