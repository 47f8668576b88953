package io.ticklane.affinity;

import java.nio.file.Path;
import java.util.BitSet;

/**
 * The CPUs of a host: which are online and which are isolated. The one owner of both readings: the engine's agent
 * plan ({@code engine run}) and {@code engine doctor} ({@link HostReadiness}) both take them from here, so they
 * cannot disagree. The root is a parameter so that tests can read recorded trees of other machines.
 * <p>
 * Immutable; any thread.
 */
public final class HostCpus
{
    private final BitSet reportedOnline;
    private final BitSet online;
    private final BitSet isolated;

    private HostCpus(final BitSet reportedOnline, final BitSet isolated)
    {
        this.reportedOnline = reportedOnline;
        this.isolated = isolated;
        if (null == reportedOnline || reportedOnline.isEmpty())
        {
            online = new BitSet();
            online.set(0, Runtime.getRuntime().availableProcessors());
        }
        else
        {
            online = reportedOnline;
        }
    }

    /**
     * @param root directory holding {@code sys/} and {@code proc/} trees, {@code /} for this host.
     * @return online CPUs from {@code sys/devices/system/cpu/online} (all available processors when the host does
     *         not say); isolated CPUs from {@code sys/devices/system/cpu/isolated}, else from {@code isolcpus=} on
     *         {@code proc/cmdline} (its flags such as {@code managed_irq} skipped), else none.
     */
    public static HostCpus read(final Path root)
    {
        final Path cpuDir = root.resolve(HostFiles.SYS_CPU);
        final BitSet online = HostFiles.listOr(HostFiles.readText(cpuDir.resolve("online")), null);
        final BitSet isolated = HostFiles.firstList(
            HostFiles.readText(cpuDir.resolve("isolated")), HostFiles.cmdline(root).get("isolcpus"));
        return new HostCpus(online, isolated);
    }

    /**
     * @return the live host.
     */
    public static HostCpus live()
    {
        return read(Path.of("/"));
    }

    /**
     * @return copy of the online CPU set.
     */
    public BitSet online()
    {
        return (BitSet)online.clone();
    }

    /**
     * @return whether the host listed its online CPUs (when not, {@link #online()} is every available processor).
     */
    public boolean onlineReported()
    {
        return null != reportedOnline && !reportedOnline.isEmpty();
    }

    /**
     * @return copy of the isolated CPU set.
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
