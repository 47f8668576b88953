package io.ticklane.affinity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The CPUs of a host as the kernel reports them under {@code /sys/devices/system/cpu}. The root is a parameter so
 * that tests can read recorded fixtures of other machines.
 */
public final class HostCpus
{
    /** The live system's sysfs CPU directory. */
    public static final Path SYS_CPU = Path.of("/sys/devices/system/cpu");

    private final BitSet online;
    private final BitSet isolated;

    private HostCpus(final BitSet online, final BitSet isolated)
    {
        this.online = online;
        this.isolated = isolated;
    }

    /**
     * @param sysCpuDir a directory laid out like {@code /sys/devices/system/cpu}.
     * @return what it says; missing files read as "none isolated" and "online = available processors".
     */
    public static HostCpus read(final Path sysCpuDir)
    {
        BitSet online = readList(sysCpuDir.resolve("online"));
        if (null == online || online.isEmpty())
        {
            online = new BitSet();
            online.set(0, Runtime.getRuntime().availableProcessors());
        }
        final BitSet isolated = readList(sysCpuDir.resolve("isolated"));
        return new HostCpus(online, null == isolated ? new BitSet() : isolated);
    }

    /**
     * @return the live host.
     */
    public static HostCpus live()
    {
        return read(SYS_CPU);
    }

    private static BitSet readList(final Path file)
    {
        try
        {
            return Files.isReadable(file) ? CpuSet.parse(Files.readString(file, StandardCharsets.US_ASCII)) : null;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            return null;
        }
    }

    /**
     * @return copy of the online CPU set.
     */
    public BitSet online()
    {
        return (BitSet)online.clone();
    }

    /**
     * @return copy of the isolated CPU set (from {@code isolcpus=}).
     */
    public BitSet isolated()
    {
        return (BitSet)isolated.clone();
    }

    /**
     * @param cpu CPU id.
     * @return true when the kernel keeps ordinary tasks off it.
     */
    public boolean isIsolated(final int cpu)
    {
        return cpu >= 0 && isolated.get(cpu);
    }

    /**
     * @param cpu CPU id.
     * @return true when it is online.
     */
    public boolean isOnline(final int cpu)
    {
        return cpu >= 0 && online.get(cpu);
    }
}
