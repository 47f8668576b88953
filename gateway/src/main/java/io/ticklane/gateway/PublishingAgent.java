package io.ticklane.gateway;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * What the feed publishers ({@link FeedSimulatorAgent}, {@link FileFeedAgent}) share: the started / done / failure
 * state that the controlling thread polls, publishing with a bounded wait, and the end of a feed (heartbeats, so
 * that a loss of the last packets is detected, then the runner stops). The agent's own thread writes the state;
 * any thread reads it (volatile).
 */
abstract class PublishingAgent implements Agent
{
    static final long PUBLISH_TIMEOUT_NS = 5_000_000_000L;
    static final int FINAL_HEARTBEATS = 3;

    private volatile boolean started;
    private volatile boolean done;
    private volatile String failure;

    /**
     * Publishes the packet begun last, or ends the agent when the publication is closed or stays back-pressured.
     *
     * @param publisher where.
     * @param nowNs     current time.
     */
    final void send(final FeedPublisher publisher, final long nowNs)
    {
        if (!publisher.publish(nowNs + PUBLISH_TIMEOUT_NS))
        {
            failure = "publication closed or back-pressured for more than " + PUBLISH_TIMEOUT_NS / 1_000_000 + " ms";
            done = true;
            throw new AgentTerminationException(failure);
        }
    }

    /**
     * Sends the final heartbeats on a channel.
     *
     * @param publisher the channel's incremental publisher.
     * @param nowNs     current time.
     */
    final void sendHeartbeats(final FeedPublisher publisher, final long nowNs)
    {
        for (int i = 0; i < FINAL_HEARTBEATS; i++)
        {
            publisher.begin(nowNs).heartbeat(nowNs);
            send(publisher, nowNs);
        }
    }

    /**
     * Marks the feed finished and stops the runner.
     *
     * @param why for the runner's error handler (which ignores terminations).
     */
    final void finish(final String why)
    {
        done = true;
        throw new AgentTerminationException(why);
    }

    final void markStarted()
    {
        started = true;
    }

    /**
     * @return true once the feed has ended or publishing failed.
     */
    public final boolean isDone()
    {
        return done;
    }

    /**
     * @return whether subscribers connected and streaming began.
     */
    public final boolean started()
    {
        return started;
    }

    /**
     * @return why publishing stopped early, or null.
     */
    public final String failure()
    {
        return failure;
    }
}
