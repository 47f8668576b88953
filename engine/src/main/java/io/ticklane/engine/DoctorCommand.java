package io.ticklane.engine;

import io.ticklane.affinity.CpuSet;
import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.HostReadiness;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.config.AgentSpec;
import io.ticklane.config.ConfigSource;
import io.ticklane.config.EngineConfig;
import io.ticklane.journal.JournalMedia;
import io.ticklane.latency.JitterSampler;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code engine doctor}: is this host ready to run the engine pinned to isolated CPUs? Reports the kernel's CPU
 * isolation, tick and RCU offload, governors, huge pages, TSC, NUMA, memlock and the journal's file system (from
 * {@code /sys} and {@code /proc}, or a recorded tree with {@code --root}), checks the configured agent plan against it,
 * and samples OS jitter on each CPU.
 */
final class DoctorCommand implements SpecifiedCommand
{
    private static final long DEFAULT_JITTER_NS = 200_000_000L;

    private static final CommandSpec SPEC = CommandSpec.builder("doctor",
        "report host readiness (isolation, nohz, governor, THP, TSC, NUMA, memlock) and per-CPU jitter")
        .description(
            "Checks what a latency-critical deployment needs (docs/OPERATIONS.md): isolated CPUs, nohz_full,",
            "rcu_nocbs, the CPU frequency governor, transparent huge pages, constant/nonstop TSC and the",
            "clocksource, NUMA nodes and the memlock limit; then checks the configured agent CPUs against the",
            "host, and samples OS jitter: a thread pinned to each CPU spins on System.nanoTime() and records the",
            "gaps between reads (the spinning thread keeps that CPU busy for the sample).")
        .option("jitter", "D", "jitter sample per CPU (default 200ms)")
        .flag("no-jitter", "skip the jitter sample")
        .option("cpus", "LIST", "CPUs to sample, kernel list syntax (default: all online CPUs)")
        .option("root", "DIR", "read sys/ and proc/ under DIR (a recorded host) instead of /; skips jitter")
        .flag("strict", "exit with status 1 when any check warns")
        .build();

    public CommandSpec spec()
    {
        return SPEC;
    }

    public int run(final CommandLine line, final PrintStream out, final PrintStream err) throws InterruptedException
    {
        line.refuseTogether("jitter", "no-jitter", "--no-jitter skips the sample --jitter sizes");
        line.refuseTogether("cpus", "no-jitter", "--cpus chooses the CPUs to sample, --no-jitter skips the sample");
        line.refuseTogether("jitter", "root", "a recorded host (--root) cannot be sampled");
        line.refuseTogether("cpus", "root", "a recorded host (--root) cannot be sampled");
        final Path root = Path.of(line.get("root", "/"));
        if (!Files.isDirectory(root))
        {
            throw new UsageException("option '--root' has value '" + root + "'; allowed: a directory holding sys/ " +
                "and proc/");
        }
        final boolean recorded = line.has("root");
        final long jitterNs = line.durationNs("jitter", DEFAULT_JITTER_NS);
        final HostReadiness host = HostReadiness.read(root);
        final HostCpus cpus = host.cpus();
        final EngineConfig config = EngineConfig.from(
            ConfigSource.load(line.has("config") ? Path.of(line.get("config", "")) : null, line.overrides()),
            host.online().length());

        out.println("ticklane doctor: host readiness (" + (recorded ? "recorded host at " + root : "this host") + ")");
        int warnings = 0;
        for (final HostReadiness.Check check : host.checks())
        {
            out.printf(Locale.ROOT, "  [%-4s] %-24s %s%n", check.status(), check.name(), check.value());
            if (check.status() == HostReadiness.Status.WARN)
            {
                warnings++;
                out.println("         -> " + check.advice());
            }
            else if (!check.advice().isEmpty())
            {
                out.println("         (" + check.advice() + ")");
            }
        }
        // the journal maps its segments: what its file system's pages cost (docs/JOURNAL.md, "Pre-faulting")
        final JournalMedia media = JournalMedia.check(Path.of(config.journal().path()), root.resolve("proc/mounts"));
        out.printf(Locale.ROOT, "  [%-4s] %-24s %s%n", media.status(), "journal media", media.value());
        if (media.status().equals("WARN"))
        {
            warnings++;
            out.println("         -> " + media.advice());
        }
        else if (!media.advice().isEmpty())
        {
            out.println("         (" + media.advice() + ")");
        }
        warnings += printPlan(out, config, cpus, host);
        if (recorded || line.has("no-jitter"))
        {
            out.println("\njitter: skipped" + (recorded ? " (--root reads a recorded host)" : ""));
        }
        else
        {
            final BitSet sampleCpus = line.has("cpus") ? cpuList(line.get("cpus", ""), host.online()) : host.online();
            printJitter(out, sampleCpus, jitterNs, cpus);
        }
        out.printf(Locale.ROOT, "%n%d warning(s)%s%n", warnings, warnings == 0 ? ": ready" : "");
        return line.has("strict") && warnings > 0 ? 1 : 0;
    }

    private static int printPlan(
        final PrintStream out, final EngineConfig config, final HostCpus cpus, final HostReadiness host)
    {
        out.println("\nagent plan (from the configuration):");
        final List<AgentSpec> agents = config.allAgents();
        for (final AgentSpec agent : agents)
        {
            final String where = agent.pinned() ? "CPU " + agent.cpu() +
                (host.nodeOf(agent.cpu()) >= 0 ? " (node " + host.nodeOf(agent.cpu()) + ")" : "") : "unpinned";
            out.printf(Locale.ROOT, "  %-10s %-18s %s%n", agent.name(), where, agent.idle());
        }
        final List<String> warnings = AgentThreads.checkPlan(agents, cpus);
        for (final String warning : warnings)
        {
            out.println("  [WARN] " + warning);
        }
        if (warnings.isEmpty())
        {
            out.println("  [OK  ] no conflicts");
        }
        return warnings.size();
    }

    private static void printJitter(
        final PrintStream out, final BitSet sampleCpus, final long jitterNs, final HostCpus cpus)
        throws InterruptedException
    {
        out.printf(Locale.ROOT, "%njitter: %d ms per CPU, gaps between consecutive System.nanoTime() reads " +
            "(an interruption is a gap >= %d us)%n", jitterNs / 1_000_000, JitterSampler.INTERRUPTION_NS / 1000);
        out.printf(Locale.ROOT, "  %4s %-8s %-6s %12s %9s %9s %11s %10s %8s %8s%n", "cpu", "isolated", "pinned",
            "reads", "p50 ns", "p99 ns", "p99.99 ns", "max us", "interr.", "lost");
        final ThreadPinner pinner = ThreadPinner.openHft();
        for (int cpu = sampleCpus.nextSetBit(0); cpu >= 0; cpu = sampleCpus.nextSetBit(cpu + 1))
        {
            final JitterSampler.Sample sample = JitterSampler.sample(cpu, jitterNs, pinner);
            final Histogram gaps = sample.gaps();
            out.printf(Locale.ROOT, "  %4d %-8s %-6s %,12d %9d %9d %11d %10.1f %8d %7.3f%%%n", cpu,
                cpus.isIsolated(cpu) ? "yes" : "no", sample.pinned() ? "yes" : "NO", gaps.getTotalCount(),
                gaps.getValueAtPercentile(50), gaps.getValueAtPercentile(99), gaps.getValueAtPercentile(99.99),
                gaps.getMaxValue() / 1000.0, sample.interruptions(), sample.lostFraction() * 100);
        }
        final String pinning = pinner.describe();
        if (!"OpenHFT Affinity".equals(pinning))
        {
            out.println("  (pinning: " + pinning + ")");
        }
    }

    private static BitSet cpuList(final String text, final BitSet online)
    {
        BitSet cpus;
        try
        {
            cpus = CpuSet.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            cpus = new BitSet(); // refused below, with what is allowed
        }
        final String allowed = "; allowed: a list of this host's online CPUs, " + CpuSet.format(online) +
            " (kernel list syntax, e.g. 0-3,6)";
        if (cpus.isEmpty())
        {
            throw new UsageException("option '--cpus' has value '" + text + "'" + allowed);
        }
        final BitSet missing = (BitSet)cpus.clone();
        missing.andNot(online);
        if (!missing.isEmpty())
        {
            throw new UsageException("option '--cpus' has value '" + text + "'" + allowed + "; " +
                (missing.cardinality() == 1 ? "CPU " + CpuSet.format(missing) + " does not exist" :
                "CPUs " + CpuSet.format(missing) + " do not exist") + " (or are offline)");
        }
        return cpus;
    }
}
