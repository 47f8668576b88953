package io.ticklane.engine;

import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.config.AgentSpec;
import io.ticklane.config.IdleSpec;
import io.ticklane.config.Units;
import io.ticklane.latency.CounterTypes;
import io.ticklane.latency.CountersFile;
import io.ticklane.latency.DutyCycleStallTracker;
import io.ticklane.latency.DutyCycleTrackingAgent;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts agents on their own threads, each pinned to its configured CPU (when it has one) from inside the thread
 * before its first duty cycle, and checks the plan against the host: a pinned CPU that is offline, a busy (not
 * sleeping) agent pinned to a CPU that is not isolated, two spinning agents on one CPU, a spinning agent sharing its
 * CPU, or a spinning agent left unpinned is warned about at start.
 * <p>
 * With a counters file, every agent is wrapped in a {@link DutyCycleTrackingAgent}: its longest {@code doWork()}
 * and its stalls (cycles over the threshold) appear as {@code agent <name> ...} counters.
 * <p>
 * Used from the controlling (main) thread only: counters are allocated there, before each agent's thread starts.
 */
final class AgentThreads
{
    private final ThreadPinner pinner;
    private final HostCpus host;
    private final PrintStream log;
    private final ErrorHandler errorHandler;
    private final AtomicCounter errorCounter;
    private final CountersFile counters;
    private final long stallThresholdNs;

    /**
     * Without duty-cycle tracking (e.g. for an in-process feed that has no counters of its own).
     */
    AgentThreads(
        final ThreadPinner pinner,
        final HostCpus host,
        final PrintStream log,
        final ErrorHandler errorHandler,
        final AtomicCounter errorCounter)
    {
        this(pinner, host, log, errorHandler, errorCounter, null, 0);
    }

    /**
     * @param pinner           binds agent threads to their CPUs.
     * @param host             the host's CPUs, for the start-up log.
     * @param log              start-up lines.
     * @param errorHandler     errors thrown out of an agent.
     * @param errorCounter     counts those errors, or null.
     * @param counters         where each agent's duty-cycle counters go, or null for no tracking.
     * @param stallThresholdNs a duty cycle longer than this is a stall.
     */
    AgentThreads(
        final ThreadPinner pinner,
        final HostCpus host,
        final PrintStream log,
        final ErrorHandler errorHandler,
        final AtomicCounter errorCounter,
        final CountersFile counters,
        final long stallThresholdNs)
    {
        this.pinner = pinner;
        this.host = host;
        this.log = log;
        this.errorHandler = errorHandler;
        this.errorCounter = errorCounter;
        this.counters = counters;
        this.stallThresholdNs = stallThresholdNs;
    }

    /**
     * @param agents the agents that will run.
     * @param host   the host's CPUs.
     * @return one warning line per problem in the plan.
     */
    static List<String> checkPlan(final List<AgentSpec> agents, final HostCpus host)
    {
        final List<String> warnings = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++)
        {
            final AgentSpec a = agents.get(i);
            if (!a.pinned())
            {
                if (a.idle().spins())
                {
                    warnings.add("agent '" + a.name() + "' spins (" + a.idle() + ") but is not pinned; the OS " +
                        "will move it between CPUs and it competes with every other thread");
                }
                continue;
            }
            if (!host.isOnline(a.cpu()))
            {
                warnings.add("agent '" + a.name() + "' is pinned to CPU " + a.cpu() + ", which is not online");
            }
            else if (!host.isIsolated(a.cpu()) && a.idle().kind() != IdleSpec.Kind.SLEEP)
            {
                // a sleeping agent (the log) belongs on a housekeeping CPU: only busy agents need isolation
                warnings.add("agent '" + a.name() + "' is pinned to CPU " + a.cpu() +
                    ", which is not isolated (see /sys/devices/system/cpu/isolated); expect OS jitter");
            }
            for (int j = i + 1; j < agents.size(); j++)
            {
                final AgentSpec b = agents.get(j);
                if (!b.pinned() || b.cpu() != a.cpu())
                {
                    continue;
                }
                if (a.idle().spins() && b.idle().spins())
                {
                    warnings.add("agents '" + a.name() + "' and '" + b.name() + "' both spin (" + a.idle() + ", " +
                        b.idle() + ") on CPU " + a.cpu() + "; they will starve each other");
                }
                else if (a.idle().spins() || b.idle().spins())
                {
                    final AgentSpec spinner = a.idle().spins() ? a : b;
                    final AgentSpec other = spinner == a ? b : a;
                    warnings.add("agent '" + spinner.name() + "' spins on CPU " + a.cpu() + ", shared with '" +
                        other.name() + "', which then runs only when the scheduler preempts the spinner");
                }
            }
        }
        return warnings;
    }

    /**
     * @param agent the agent.
     * @param spec  where and how it runs.
     * @return the started runner; close it to stop the agent and join its thread.
     */
    AgentRunner start(final Agent agent, final AgentSpec spec)
    {
        final ErrorHandler handler = error ->
        {
            if (!(error instanceof AgentTerminationException))
            {
                errorHandler.onError(error); // a termination is the agent ending itself, not an error
            }
        };
        final AgentRunner runner = new AgentRunner(spec.idle().newIdleStrategy(), handler, errorCounter, track(agent,
            spec));
        AgentRunner.startOnThread(runner, r -> new Thread(() ->
        {
            if (spec.pinned())
            {
                if (pinner.pin(spec.cpu()))
                {
                    log.println("[engine] agent " + spec.name() + " pinned to CPU " + spec.cpu() +
                        (host.isIsolated(spec.cpu()) ? " (isolated)" : " (not isolated)"));
                }
                else
                {
                    log.println("[engine] agent " + spec.name() + " NOT pinned to CPU " + spec.cpu() + ": " +
                        pinner.describe());
                }
            }
            r.run();
        }, "ticklane-" + spec.name()));
        return runner;
    }

    private Agent track(final Agent agent, final AgentSpec spec)
    {
        if (null == counters)
        {
            return agent;
        }
        final AtomicCounter max = counters.newCounter(
            "agent " + spec.name() + " max duty cycle ns", CounterTypes.AGENT_MAX_DUTY_CYCLE_NS);
        final AtomicCounter stalls = counters.newCounter(
            "agent " + spec.name() + " stalls (cycles > " + Units.formatDuration(stallThresholdNs) + ")",
            CounterTypes.AGENT_STALLS);
        return new DutyCycleTrackingAgent(agent, new DutyCycleStallTracker(max, stalls, stallThresholdNs),
            SystemNanoClock.INSTANCE, spec.idle().spins());
    }
}
