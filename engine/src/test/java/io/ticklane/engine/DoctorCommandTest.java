package io.ticklane.engine;

import io.ticklane.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code engine doctor} on the recorded host trees of the testkit module (found on the class path, whatever the
 * working directory; see its {@code hosts/README.md}), and a short live jitter sample.
 */
class DoctorCommandTest
{
    private static Path host(final String name)
    {
        return Fixtures.host(name);
    }

    @Test
    void tunedHostWithAnIsolatedSpinningPlanIsReady()
    {
        final CommandRun run = CommandRun.of("doctor", "--root", host("isolated-16core").toString(), "--strict",
            "--set", "agent.gateway.0.cpu=2", "--set", "agent.gateway.0.idle=busy-spin",
            "--set", "agent.book.0.cpu=3", "--set", "agent.book.0.idle=busy-spin",
            "--set", "agent.log.cpu=0", "--set", "agent.log.idle=sleep:1ms");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("[OK  ] isolated CPUs            2-7,10-15"), run.out());
        assertTrue(run.out().contains("[OK  ] nohz_full                2-7,10-15"), run.out());
        assertTrue(run.out().contains("[OK  ] rcu_nocbs                2-7,10-15"), run.out());
        assertTrue(run.out().contains("[OK  ] CPU governor             performance on 0-15"), run.out());
        assertTrue(run.out().contains("[OK  ] transparent huge pages   never"), run.out());
        assertTrue(run.out().contains("[OK  ] TSC flags                constant_tsc nonstop_tsc"), run.out());
        assertTrue(run.out().contains("[INFO] NUMA nodes               2: node0=0-7 node1=8-15"), run.out());
        assertTrue(run.out().contains("[OK  ] memlock limit            unlimited"), run.out());
        assertTrue(run.out().contains("gateway.0  CPU 2 (node 0)"), run.out());
        assertTrue(run.out().contains("[OK  ] no conflicts"), run.out());
        assertTrue(run.out().contains("jitter: skipped (--root reads a recorded host)"), run.out());
        assertTrue(run.out().contains("0 warning(s): ready"), run.out());
    }

    @Test
    void developmentVmIsNotReadyAndStrictModeSaysSoInItsExitStatus()
    {
        final CommandRun run = CommandRun.of("doctor", "--root", host("vm-2core").toString(), "--strict",
            "--set", "agent.gateway.0.cpu=1", "--set", "agent.gateway.0.idle=busy-spin",
            "--set", "agent.book.0.cpu=1", "--set", "agent.book.0.idle=busy-spin");
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("[WARN] isolated CPUs            none"), run.out());
        assertTrue(run.out().contains("-> boot with isolcpus="), run.out());
        assertTrue(run.out().contains("[INFO] CPU governor             no cpufreq"), run.out());
        assertTrue(run.out().contains("[WARN] memlock limit            8192 KiB"), run.out());
        assertTrue(run.out().contains("'gateway.0' is pinned to CPU 1, which is not isolated"), run.out());
        assertTrue(run.out().contains("agents 'gateway.0' and 'book.0' both spin"), run.out());
        assertTrue(run.out().contains("7 warning(s)"), run.out());

        assertEquals(0, CommandRun.of("doctor", "--root", host("vm-2core").toString()).status(),
            "without --strict, warnings are reported but do not fail");
    }

    @Test
    void aPlanBeyondTheRecordedHostsCpusIsAConfigurationError()
    {
        final CommandRun run = CommandRun.of("doctor", "--root", host("vm-2core").toString(),
            "--set", "agent.gateway.0.cpu=5");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("agent.gateway.0.cpu") && run.err().contains("this machine has 2 CPUs"),
            run.err());
    }

    @Test
    @Timeout(60)
    void samplesJitterOnTheLiveHost()
    {
        final CommandRun run = CommandRun.of("doctor", "--jitter", "30ms", "--cpus", "0");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("ticklane doctor: host readiness (this host)"), run.out());
        final String row = run.out().lines().filter(l -> l.matches("\\s+0 .*%")).findFirst()
            .orElseThrow(() -> new AssertionError("no jitter row for CPU 0:\n" + run.out()));
        final String[] cells = row.trim().split("\\s+");
        assertTrue(Long.parseLong(cells[3].replace(",", "")) > 100, "many clock reads in 30 ms: " + row);
        assertTrue(Long.parseLong(cells[4]) < 10_000, "median gap is one clock read: " + row);

        final CommandRun bad = CommandRun.of("doctor", "--cpus", "3-1");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("option '--cpus' has value '3-1'"), bad.err());
    }
}
