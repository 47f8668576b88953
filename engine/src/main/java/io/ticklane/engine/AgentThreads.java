package io.ticklane.engine;

import io.ticklane.affinity.HostCpus;
import io.ticklane.affinity.ThreadPinner;
import io.ticklane.config.AgentSpec;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts agents on their own threads, each pinned to its configured CPU (when it has one) from inside the thread
 * before its first duty cycle, and checks the plan against the host: a pinned CPU that is not isolated, or two
 * spinning agents on one CPU, is warned about at start.
 */
final class AgentThreads
{
    private final ThreadPinner pinner;
    private final HostCpus host;
    private final PrintStream log;
    private final ErrorHandler errorHandler;
    private final AtomicCounter errorCounter;

    AgentThreads(
        final ThreadPinner pinner,
        final HostCpus host,
        final PrintStream log,
        final ErrorHandler errorHandler,
        final AtomicCounter errorCounter)
    {
        this.pinner = pinner;
        this.host = host;
        this.log = log;
        this.errorHandler = errorHandler;
        this.errorCounter = errorCounter;
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
                continue;
            }
            if (!host.isIsolated(a.cpu()))
            {
                warnings.add("agent '" + a.name() + "' is pinned to CPU " + a.cpu() +
                    ", which is not isolated (see /sys/devices/system/cpu/isolated); expect OS jitter");
            }
            for (int j = i + 1; j < agents.size(); j++)
            {
                final AgentSpec b = agents.get(j);
                if (b.pinned() && b.cpu() == a.cpu() && a.idle().spins() && b.idle().spins())
                {
                    warnings.add("agents '" + a.name() + "' and '" + b.name() + "' both spin (" + a.idle() + ", " +
                        b.idle() + ") on CPU " + a.cpu() + "; they will starve each other");
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
        final AgentRunner runner = new AgentRunner(spec.idle().newIdleStrategy(), handler, errorCounter, agent);
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
}
