package io.ticklane.affinity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading the kernel's {@code /sys} and {@code /proc} text files under a root directory: the one place that decides
 * what a missing, unreadable or {@code (null)} file means, so that {@link HostCpus} and {@link HostReadiness} read
 * the same host the same way. Stateless; any thread.
 */
final class HostFiles
{
    /** The sysfs CPU directory, relative to the root. */
    static final String SYS_CPU = "sys/devices/system/cpu";

    private HostFiles()
    {
    }

    /**
     * @param file a file.
     * @return its text, or null when it is missing or unreadable.
     */
    static String readText(final Path file)
    {
        try
        {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.US_ASCII) : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * @param text text or null.
     * @return the text trimmed, or null when null or blank.
     */
    static String trim(final String text)
    {
        return null == text || text.isBlank() ? null : text.trim();
    }

    /**
     * @param text     a CPU list as the kernel writes it, or null; {@code (null)} reads as empty.
     * @param fallback returned when the text is null or not a CPU list.
     * @return the CPUs.
     */
    static BitSet listOr(final String text, final BitSet fallback)
    {
        if (null == text)
        {
            return fallback;
        }
        try
        {
            return CpuSet.parse(text.trim().equals("(null)") ? "" : text);
        }
        catch (final IllegalArgumentException ex)
        {
            return fallback;
        }
    }

    /**
     * @param sysfs the sysfs list (e.g. {@code cpu/isolated}), or null.
     * @param param the boot parameter's value (e.g. {@code isolcpus=}), or null.
     * @return the sysfs list when it names any CPU, else the boot parameter's (flags skipped), else empty.
     */
    static BitSet firstList(final String sysfs, final String param)
    {
        final BitSet fromSysfs = listOr(sysfs, new BitSet());
        return fromSysfs.isEmpty() ? listOr(param, new BitSet()) : fromSysfs;
    }

    /**
     * @param root directory holding {@code proc/}.
     * @return kernel command line parameters (name to value, "" for bare flags); what follows {@code --} is for
     *         init and is left out.
     */
    static Map<String, String> cmdline(final Path root)
    {
        final String text = readText(root.resolve("proc/cmdline"));
        final Map<String, String> params = new LinkedHashMap<>();
        if (null != text)
        {
            for (final String word : text.trim().split("\\s+"))
            {
                if (word.equals("--"))
                {
                    break;
                }
                final int eq = word.indexOf('=');
                if (!word.isEmpty())
                {
                    params.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? "" : word.substring(eq + 1));
                }
            }
        }
        return params;
    }
}
