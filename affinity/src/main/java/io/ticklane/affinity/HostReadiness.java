package io.ticklane.affinity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.ticklane.affinity.HostFiles.firstList;
import static io.ticklane.affinity.HostFiles.listOr;
import static io.ticklane.affinity.HostFiles.readText;
import static io.ticklane.affinity.HostFiles.trim;

/**
 * How ready a host is to run latency-critical threads, read from {@code /sys} and {@code /proc} under a root
 * directory ({@code /} for the live host; a recorded fixture tree in tests): isolated CPUs, {@code nohz_full},
 * {@code rcu_nocbs}, CPU frequency governors, transparent huge pages, TSC flags and clocksource, NUMA nodes and the
 * memlock limit. Missing files never fail the read: the check says what could not be read.
 * <p>
 * Immutable once read; any thread.
 */
public final class HostReadiness
{
    /** Below this, the process cannot lock its heap and hot mapped files in RAM. */
    public static final long MIN_MEMLOCK_BYTES = 64L << 20;

    /** How a check came out. */
    public enum Status
    {
        OK, WARN, INFO
    }

    /**
     * One line of the report.
     *
     * @param name   what was checked.
     * @param status verdict.
     * @param value  what the host says.
     * @param advice what to do about a WARN, or why it matters; empty when nothing to add.
     */
    public record Check(String name, Status status, String value, String advice)
    {
    }

    private final HostCpus cpus;
    private final BitSet nohzFull;
    private final BitSet rcuNocbs;
    private final Map<String, String> cmdline;
    private final Map<Integer, String> governors;
    private final String thpEnabled;
    private final Set<String> cpuFlags;
    private final String clocksource;
    private final Map<Integer, BitSet> numaNodes;
    private final long memlockSoftBytes;
    /** The receive buffer a venue line asks for by default (cme.receive.buffer). */
    static final long MIN_RECEIVE_BUFFER_BYTES = 8L << 20;
    private final long rmemMaxBytes;
    private final List<Check> checks;

    private HostReadiness(final Path root)
    {
        final Path cpu = root.resolve(HostFiles.SYS_CPU);
        cpus = HostCpus.read(root);
        cmdline = HostFiles.cmdline(root);
        nohzFull = firstList(readText(cpu.resolve("nohz_full")), cmdline.get("nohz_full"));
        rcuNocbs = listOr(cmdline.get("rcu_nocbs"), new BitSet());
        governors = readGovernors(cpu, cpus);
        thpEnabled = selected(readText(root.resolve("sys/kernel/mm/transparent_hugepage/enabled")));
        cpuFlags = readFlags(readText(root.resolve("proc/cpuinfo")));
        clocksource = trim(readText(root.resolve("sys/devices/system/clocksource/clocksource0/current_clocksource")));
        numaNodes = readNodes(root.resolve("sys/devices/system/node"));
        memlockSoftBytes = readMemlock(readText(root.resolve("proc/self/limits")));
        rmemMaxBytes = parseLong(trim(readText(root.resolve("proc/sys/net/core/rmem_max"))));
        checks = Collections.unmodifiableList(buildChecks());
    }

    /**
     * @param root directory holding {@code sys/} and {@code proc/} trees, {@code /} for this host.
     * @return the readiness of that host.
     */
    public static HostReadiness read(final Path root)
    {
        return new HostReadiness(root);
    }

    /**
     * @return the live host.
     */
    public static HostReadiness live()
    {
        return read(Path.of("/"));
    }

    private List<Check> buildChecks()
    {
        final List<Check> list = new ArrayList<>();
        final BitSet isolated = cpus.isolated();
        final String onlineText = cpus.onlineReported() ? CpuSet.format(cpus.online()) : "unknown";
        list.add(new Check("online CPUs", Status.INFO, onlineText + " (" + cpus.online().cardinality() + ")", ""));
        list.add(isolationCheck("isolated CPUs", isolated,
            "boot with isolcpus=<cpus> and pin the busy agents there (docs/OPERATIONS.md)"));
        list.add(isolationCheck("nohz_full", nohzFull,
            "boot with nohz_full=<isolated cpus> so the timer tick stops on a CPU running one thread"));
        list.add(isolationCheck("rcu_nocbs", rcuNocbs,
            "boot with rcu_nocbs=<isolated cpus> to move RCU callbacks off them"));
        if (!isolated.isEmpty() && !nohzFull.isEmpty() && !containsAll(nohzFull, isolated))
        {
            list.add(new Check("nohz_full covers isolated", Status.WARN, "isolated " + CpuSet.format(isolated) +
                ", nohz_full " + CpuSet.format(nohzFull), "list the same CPUs in isolcpus, nohz_full and rcu_nocbs"));
        }
        list.add(governorCheck());
        list.add(thpCheck());
        list.add(tscCheck());
        list.add(clocksourceCheck());
        list.add(numaCheck());
        list.add(memlockCheck());
        list.add(receiveBufferCheck());
        return list;
    }

    private static Check isolationCheck(final String name, final BitSet cpus, final String advice)
    {
        if (cpus.isEmpty())
        {
            return new Check(name, Status.WARN, "none", advice);
        }
        return new Check(name, Status.OK, CpuSet.format(cpus), "");
    }

    private Check governorCheck()
    {
        if (governors.isEmpty())
        {
            return new Check("CPU governor", Status.INFO, "no cpufreq (virtual machine, or no frequency driver)",
                "on bare metal, set the performance governor (cpupower frequency-set -g performance)");
        }
        final Map<String, BitSet> byGovernor = new TreeMap<>();
        governors.forEach((cpu, g) -> byGovernor.computeIfAbsent(g, k -> new BitSet()).set(cpu));
        final StringBuilder value = new StringBuilder();
        byGovernor.forEach((g, cpus) ->
            value.append(value.length() == 0 ? "" : ", ").append(g).append(" on ").append(CpuSet.format(cpus)));
        final boolean allPerformance = byGovernor.size() == 1 && byGovernor.containsKey("performance");
        return new Check("CPU governor", allPerformance ? Status.OK : Status.WARN, value.toString(),
            allPerformance ? "" : "frequency changes add latency: cpupower frequency-set -g performance");
    }

    private Check thpCheck()
    {
        if (null == thpEnabled)
        {
            return new Check("transparent huge pages", Status.INFO, "unknown (no sysfs entry)", "");
        }
        if ("always".equals(thpEnabled))
        {
            return new Check("transparent huge pages", Status.WARN, "always",
                "khugepaged compaction stalls threads: echo never (or madvise) > " +
                "/sys/kernel/mm/transparent_hugepage/enabled, or boot with transparent_hugepage=never");
        }
        return new Check("transparent huge pages", Status.OK, thpEnabled, "");
    }

    private Check tscCheck()
    {
        if (cpuFlags.isEmpty())
        {
            return new Check("TSC flags", Status.INFO, "unknown (no /proc/cpuinfo flags)", "");
        }
        final List<String> present = new ArrayList<>();
        for (final String flag : List.of("constant_tsc", "nonstop_tsc", "invariant_tsc", "tsc_reliable",
            "tsc_known_freq", "rdtscp"))
        {
            if (cpuFlags.contains(flag))
            {
                present.add(flag);
            }
        }
        final boolean invariant = cpuFlags.contains("constant_tsc") && cpuFlags.contains("nonstop_tsc");
        return new Check("TSC flags", invariant ? Status.OK : Status.WARN,
            present.isEmpty() ? "none" : String.join(" ", present),
            invariant ? "" : "without constant_tsc and nonstop_tsc the TSC is not a stable clock source");
    }

    private Check clocksourceCheck()
    {
        if (null == clocksource)
        {
            return new Check("clocksource", Status.INFO, "unknown", "");
        }
        final boolean tsc = "tsc".equals(clocksource);
        return new Check("clocksource", tsc ? Status.OK : Status.WARN, clocksource,
            tsc ? "" : "System.nanoTime() goes through " + clocksource + ", which is much slower than the TSC");
    }

    private Check numaCheck()
    {
        if (numaNodes.isEmpty())
        {
            return new Check("NUMA nodes", Status.INFO, "unknown (no sysfs entry)", "");
        }
        final StringBuilder value = new StringBuilder().append(numaNodes.size()).append(':');
        numaNodes.forEach((node, cpus) -> value.append(" node").append(node).append('=').append(CpuSet.format(cpus)));
        return new Check("NUMA nodes", Status.INFO, value.toString(), numaNodes.size() > 1 ?
            "keep the gateway and book agents on one node, with the NIC's node" : "");
    }

    private Check receiveBufferCheck()
    {
        if (rmemMaxBytes < 0)
        {
            return new Check("socket receive buffer max", Status.INFO, "unknown (no /proc/sys/net/core/rmem_max)", "");
        }
        final String value = "net.core.rmem_max " + (rmemMaxBytes >> 10) + " KiB";
        return rmemMaxBytes < MIN_RECEIVE_BUFFER_BYTES ?
            new Check("socket receive buffer max", Status.WARN, value,
                "a venue line's socket (cme.receive.buffer, 8 MiB) is capped below what a burst needs: " +
                "sysctl -w net.core.rmem_max=" + MIN_RECEIVE_BUFFER_BYTES + " (and in /etc/sysctl.d)") :
            new Check("socket receive buffer max", Status.OK, value, "");
    }

    private static long parseLong(final String text)
    {
        try
        {
            return null == text ? -1 : Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private Check memlockCheck()
    {
        if (memlockSoftBytes == -2)
        {
            return new Check("memlock limit", Status.INFO, "unknown", "");
        }
        if (memlockSoftBytes == -1)
        {
            return new Check("memlock limit", Status.OK, "unlimited", "");
        }
        final String value = (memlockSoftBytes >> 10) + " KiB";
        return memlockSoftBytes < MIN_MEMLOCK_BYTES ?
            new Check("memlock limit", Status.WARN, value,
                "too small to keep the heap and mapped files locked in RAM (mlock): LimitMEMLOCK=infinity in the " +
                "systemd unit") :
            new Check("memlock limit", Status.OK, value, "");
    }

    /**
     * @return every check, in report order.
     */
    public List<Check> checks()
    {
        return checks;
    }

    /**
     * @return the host's CPUs as {@link HostCpus} reads them (the same reading the engine's agent plan uses).
     */
    public HostCpus cpus()
    {
        return cpus;
    }

    /**
     * @return the online CPUs, or all available processors when the host does not say.
     */
    public BitSet online()
    {
        return cpus.online();
    }

    /**
     * @return isolated CPUs (sysfs, else {@code isolcpus=}).
     */
    public BitSet isolated()
    {
        return cpus.isolated();
    }

    /**
     * @return {@code nohz_full} CPUs.
     */
    public BitSet nohzFull()
    {
        return (BitSet)nohzFull.clone();
    }

    /**
     * @return {@code rcu_nocbs} CPUs.
     */
    public BitSet rcuNocbs()
    {
        return (BitSet)rcuNocbs.clone();
    }

    /**
     * @return governor per CPU; empty without cpufreq.
     */
    public Map<Integer, String> governors()
    {
        return Collections.unmodifiableMap(governors);
    }

    /**
     * @return the selected THP mode ({@code always}, {@code madvise}, {@code never}) or null.
     */
    public String transparentHugePages()
    {
        return thpEnabled;
    }

    /**
     * @param flag a {@code /proc/cpuinfo} flag.
     * @return whether {@code /proc/cpuinfo} lists it (first CPU; the kernel keeps flags uniform).
     */
    public boolean hasCpuFlag(final String flag)
    {
        return cpuFlags.contains(flag);
    }

    /**
     * @return the current clocksource, or null.
     */
    public String clocksource()
    {
        return clocksource;
    }

    /**
     * @return CPUs per NUMA node; empty when unknown.
     */
    public Map<Integer, BitSet> numaNodes()
    {
        return Collections.unmodifiableMap(numaNodes);
    }

    /**
     * @return soft memlock limit in bytes; -1 unlimited; -2 unknown.
     */
    public long memlockBytes()
    {
        return memlockSoftBytes;
    }

    /**
     * @return kernel command line parameters (name to value, "" for bare flags).
     */
    public Map<String, String> cmdline()
    {
        return Collections.unmodifiableMap(cmdline);
    }

    /**
     * @param cpu a CPU.
     * @return its NUMA node, or -1 when unknown.
     */
    public int nodeOf(final int cpu)
    {
        for (final Map.Entry<Integer, BitSet> e : numaNodes.entrySet())
        {
            if (e.getValue().get(cpu))
            {
                return e.getKey();
            }
        }
        return -1;
    }

    private static boolean containsAll(final BitSet set, final BitSet subset)
    {
        final BitSet missing = (BitSet)subset.clone();
        missing.andNot(set);
        return missing.isEmpty();
    }

    private static Map<Integer, String> readGovernors(final Path cpuDir, final HostCpus cpus)
    {
        final Map<Integer, String> governors = new TreeMap<>();
        if (!cpus.onlineReported())
        {
            return governors;
        }
        final BitSet online = cpus.online();
        for (int cpu = online.nextSetBit(0); cpu >= 0; cpu = online.nextSetBit(cpu + 1))
        {
            final String g = trim(readText(cpuDir.resolve("cpu" + cpu + "/cpufreq/scaling_governor")));
            if (null != g)
            {
                governors.put(cpu, g);
            }
        }
        return governors;
    }

    private static String selected(final String text)
    {
        if (null == text)
        {
            return null;
        }
        final int open = text.indexOf('[');
        final int close = text.indexOf(']', open + 1);
        return open >= 0 && close > open ? text.substring(open + 1, close) : trim(text);
    }

    private static Set<String> readFlags(final String cpuinfo)
    {
        final Set<String> flags = new LinkedHashSet<>();
        if (null != cpuinfo)
        {
            for (final String line : cpuinfo.split("\n"))
            {
                if (line.startsWith("flags") && line.indexOf(':') > 0)
                {
                    for (final String flag : line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                    {
                        flags.add(flag.toLowerCase(Locale.ROOT));
                    }
                    break; // the first CPU's flags; the kernel keeps them uniform
                }
            }
        }
        return flags;
    }

    private static Map<Integer, BitSet> readNodes(final Path nodeDir)
    {
        final Map<Integer, BitSet> nodes = new TreeMap<>();
        final BitSet ids = listOr(readText(nodeDir.resolve("online")), new BitSet());
        for (int node = ids.nextSetBit(0); node >= 0; node = ids.nextSetBit(node + 1))
        {
            nodes.put(node, listOr(readText(nodeDir.resolve("node" + node + "/cpulist")), new BitSet()));
        }
        return nodes;
    }

    private static long readMemlock(final String limits)
    {
        if (null == limits)
        {
            return -2;
        }
        for (final String line : limits.split("\n"))
        {
            if (line.startsWith("Max locked memory"))
            {
                final String[] cells = line.substring("Max locked memory".length()).trim().split("\\s+");
                if (cells[0].equals("unlimited"))
                {
                    return -1;
                }
                try
                {
                    return Long.parseLong(cells[0]);
                }
                catch (final NumberFormatException ex)
                {
                    return -2;
                }
            }
        }
        return -2;
    }
}
