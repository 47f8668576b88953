package io.ticklane.affinity;

import io.ticklane.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.ticklane.affinity.HostReadiness.Status.INFO;
import static io.ticklane.affinity.HostReadiness.Status.OK;
import static io.ticklane.affinity.HostReadiness.Status.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host readiness on recorded {@code /sys} and {@code /proc} trees (see {@code hosts/README.md}).
 */
class HostReadinessTest
{
    static Path fixture(final String name)
    {
        return Fixtures.host(name);
    }

    private static Map<String, HostReadiness.Check> byName(final HostReadiness host)
    {
        final Map<String, HostReadiness.Check> checks = new LinkedHashMap<>();
        host.checks().forEach(c -> checks.put(c.name(), c));
        return checks;
    }

    @Test
    void tunedSixteenCoreHostPassesEveryCheck()
    {
        final HostReadiness host = HostReadiness.read(fixture("isolated-16core"));
        assertEquals(CpuSet.parse("0-15"), host.online());
        assertEquals(CpuSet.parse("2-7,10-15"), host.isolated());
        assertEquals(CpuSet.parse("2-7,10-15"), host.nohzFull());
        assertEquals(CpuSet.parse("2-7,10-15"), host.rcuNocbs());
        assertEquals(16, host.governors().size());
        assertEquals("never", host.transparentHugePages());
        assertTrue(host.hasCpuFlag("constant_tsc"));
        assertTrue(host.hasCpuFlag("nonstop_tsc"));
        assertEquals("tsc", host.clocksource());
        assertEquals(2, host.numaNodes().size());
        assertEquals(1, host.nodeOf(12));
        assertEquals(-1, host.memlockBytes());
        assertEquals("managed_irq,domain,2-7,10-15", host.cmdline().get("isolcpus"));

        final Map<String, HostReadiness.Check> checks = byName(host);
        for (final HostReadiness.Check check : host.checks())
        {
            assertTrue(check.status() != WARN, "no warnings on the tuned host: " + check);
        }
        assertEquals(OK, checks.get("CPU governor").status());
        assertEquals("performance on 0-15", checks.get("CPU governor").value());
        assertEquals("2: node0=0-7 node1=8-15", checks.get("NUMA nodes").value());
        assertEquals("constant_tsc nonstop_tsc invariant_tsc tsc_known_freq rdtscp", checks.get("TSC flags").value());
    }

    @Test
    void developmentVmWarnsAboutWhatIsNotTuned()
    {
        final HostReadiness host = HostReadiness.read(fixture("vm-2core"));
        assertEquals(CpuSet.parse("0-1"), host.online());
        assertTrue(host.isolated().isEmpty());
        assertTrue(host.governors().isEmpty());
        assertEquals("madvise", host.transparentHugePages());
        assertEquals(8L << 20, host.memlockBytes());

        final Map<String, HostReadiness.Check> checks = byName(host);
        assertEquals(WARN, checks.get("isolated CPUs").status());
        assertEquals(WARN, checks.get("nohz_full").status());
        assertEquals(WARN, checks.get("rcu_nocbs").status());
        assertEquals(INFO, checks.get("CPU governor").status());
        assertEquals(OK, checks.get("transparent huge pages").status());
        assertEquals(OK, checks.get("TSC flags").status(), "constant_tsc and nonstop_tsc are passed through");
        assertEquals(OK, checks.get("clocksource").status());
        assertEquals("1: node0=0-1", checks.get("NUMA nodes").value());
        assertEquals(WARN, checks.get("memlock limit").status());
        assertEquals("8192 KiB", checks.get("memlock limit").value());
        assertFalse(checks.get("isolated CPUs").advice().isEmpty(), "a warning says what to do");
    }

    @Test
    void emptyRootReadsAsUnknownWithoutFailing(@TempDir final Path empty)
    {
        final HostReadiness host = HostReadiness.read(empty);
        assertEquals(Runtime.getRuntime().availableProcessors(), host.online().cardinality());
        final Map<String, HostReadiness.Check> checks = byName(host);
        assertEquals(INFO, checks.get("transparent huge pages").status());
        assertEquals(INFO, checks.get("TSC flags").status());
        assertEquals(INFO, checks.get("memlock limit").status());
        assertEquals(WARN, checks.get("isolated CPUs").status());
        assertEquals(INFO, checks.get("socket receive buffer max").status());
    }

    @Test
    void aKernelReceiveBufferCapBelowAVenueLinesNeedIsAWarning(@TempDir final Path root) throws Exception
    {
        final Path rmem = java.nio.file.Files.createDirectories(root.resolve("proc/sys/net/core")).resolve("rmem_max");
        java.nio.file.Files.writeString(rmem, "212992\n");
        HostReadiness.Check check = byName(HostReadiness.read(root)).get("socket receive buffer max");
        assertEquals(WARN, check.status());
        assertEquals("net.core.rmem_max 208 KiB", check.value());
        assertTrue(check.advice().contains("sysctl -w net.core.rmem_max=8388608"), check.advice());
        java.nio.file.Files.writeString(rmem, "16777216\n");
        check = byName(HostReadiness.read(root)).get("socket receive buffer max");
        assertEquals(OK, check.status());
    }

    @Test
    void mixedGovernorsHugePagesAlwaysAndSlowClocksourceWarn(@TempDir final Path root) throws Exception
    {
        write(root, "sys/devices/system/cpu/online", "0-3\n");
        write(root, "sys/devices/system/cpu/isolated", "\n");
        write(root, "sys/devices/system/cpu/nohz_full", " (null)\n");
        write(root, "proc/cmdline", "ro isolcpus=2,3 nohz_full=3 -- init-arg rcu_nocbs=2-3\n");
        for (int cpu = 0; cpu < 4; cpu++)
        {
            write(root, "sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor",
                cpu < 2 ? "powersave\n" : "performance\n");
        }
        write(root, "sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        write(root, "sys/devices/system/clocksource/clocksource0/current_clocksource", "hpet\n");
        write(root, "proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu tsc constant_tsc\n");
        write(root, "proc/self/limits", "Max locked memory         unlimited            unlimited            bytes\n");

        final HostReadiness host = HostReadiness.read(root);
        assertEquals(CpuSet.parse("2-3"), host.isolated(), "isolcpus= when sysfs lists none");
        assertEquals(CpuSet.parse("3"), host.nohzFull(), "a '(null)' sysfs entry falls back to the command line");
        assertTrue(host.rcuNocbs().isEmpty(), "arguments after -- go to init, not the kernel");

        final Map<String, HostReadiness.Check> checks = byName(host);
        assertEquals(WARN, checks.get("nohz_full covers isolated").status());
        assertEquals(WARN, checks.get("CPU governor").status());
        assertEquals("performance on 2-3, powersave on 0-1", checks.get("CPU governor").value());
        assertEquals(WARN, checks.get("transparent huge pages").status());
        assertEquals(WARN, checks.get("clocksource").status());
        assertEquals(WARN, checks.get("TSC flags").status(), "constant without nonstop is not invariant");
        assertEquals(OK, checks.get("memlock limit").status());
    }

    @Test
    void hostCpusReadsTheSameFixtures()
    {
        final HostCpus tuned = HostCpus.read(fixture("isolated-16core"));
        assertTrue(tuned.isIsolated(2));
        assertFalse(tuned.isIsolated(8));
        assertTrue(tuned.isOnline(15));
        assertFalse(tuned.isOnline(16));
        final HostCpus vm = HostCpus.read(fixture("vm-2core"));
        assertTrue(vm.isolated().isEmpty());
        assertEquals(2, vm.online().cardinality());
    }

    @Test
    void hostCpusAndHostReadinessAgreeOnEveryReading(@TempDir final Path root) throws Exception
    {
        // sysfs lists no isolated CPUs (older kernels, or an empty file) while isolcpus= on the command line does
        write(root, "sys/devices/system/cpu/online", "0-3\n");
        write(root, "sys/devices/system/cpu/isolated", "\n");
        write(root, "proc/cmdline", "ro isolcpus=managed_irq,domain,2-3 nohz_full=2-3\n");
        for (final Path host : new Path[]{root, fixture("isolated-16core"), fixture("vm-2core")})
        {
            final HostReadiness doctor = HostReadiness.read(host);
            final HostCpus run = HostCpus.read(host);
            assertEquals(doctor.isolated(), run.isolated(), "isolated CPUs of " + host);
            assertEquals(doctor.online(), run.online(), "online CPUs of " + host);
        }
        assertEquals(CpuSet.parse("2-3"), HostCpus.read(root).isolated(), "isolcpus= when sysfs lists none");
    }

    static void write(final Path root, final String relative, final String text) throws Exception
    {
        final Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
