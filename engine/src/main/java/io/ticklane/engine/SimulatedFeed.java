package io.ticklane.engine;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.SimulatorSettings;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.FeedSimulatorAgent;
import io.ticklane.gateway.SyntheticOrderFlow;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The synthetic feed on its own agent thread: an exclusive publication on the configured feed channel, the
 * synthetic order flow, and the rate-controlled simulator agent. Used by {@code engine feed} and
 * {@code engine demo}. Controlled from the main thread.
 */
final class SimulatedFeed implements AutoCloseable
{
    /** Channel id the simulator stamps in its packets. */
    static final int CHANNEL_ID = 1;

    private final ExclusivePublication publication;
    private final FeedPublisher publisher;
    private final FeedSimulatorAgent agent;
    private final AgentRunner runner;

    SimulatedFeed(
        final Aeron aeron,
        final EngineConfig config,
        final long durationNs,
        final AgentThreads threads)
    {
        final SimulatorSettings sim = config.simulator();
        publication = aeron.addExclusivePublication(config.feed().channel(), config.feed().streamId());
        publisher = new FeedPublisher(publication, CHANNEL_ID, config.feedAgent().idle().newIdleStrategy());
        agent = new FeedSimulatorAgent(
            publisher,
            new SyntheticOrderFlow(sim.instruments(), sim.seed()),
            sim.ratePerSecond(),
            sim.messagesPerPacket(),
            durationNs,
            SystemNanoClock.INSTANCE);
        runner = threads.start(agent, config.feedAgent());
    }

    boolean isDone()
    {
        return agent.isDone();
    }

    boolean started()
    {
        return agent.started();
    }

    String failure()
    {
        return agent.failure();
    }

    /**
     * After {@link #close()}: exact; before: approximate (plain field read from another thread).
     *
     * @return messages published.
     */
    long messagesPublished()
    {
        return publisher.messagesPublished();
    }

    long packetsPublished()
    {
        return publisher.packetsPublished();
    }

    long backPressureRetries()
    {
        return publisher.backPressureRetries();
    }

    public void close()
    {
        CloseHelper.quietClose(runner);
        CloseHelper.quietClose(publication);
    }
}
