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
    /** A feed quiet for this long sends a heartbeat, so that a lost tail is told from a quiet feed. */
    static final long HEARTBEAT_INTERVAL_NS = 100_000_000L;

    private long lastSendNs;
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
        lastSendNs = nowNs;
        if (!publisher.publish(nowNs + PUBLISH_TIMEOUT_NS))
        {
            failure = "publication closed or back-pressured for more than " + PUBLISH_TIMEOUT_NS / 1_000_000 + " ms";
            done = true;
            throw new AgentTerminationException(failure);
        }
    }

    /**
     * Sends the final heartbeats on a channel: unsequenced, carrying the last sequence and the end of the session.
     *
     * @param publisher the channel's incremental publisher.
     * @param nowNs     current time.
     */
    final void sendHeartbeats(final FeedPublisher publisher, final long nowNs)
    {
        for (int i = 0; i < FINAL_HEARTBEATS; i++)
        {
            heartbeat(publisher, nowNs, true);
        }
    }

    /**
     * Sends one unsequenced heartbeat, or ends the agent when the publication is closed or stays back-pressured.
     *
     * @param publisher    the channel's incremental publisher.
     * @param nowNs        current time.
     * @param endOfSession whether the feed ends here.
     */
    final void heartbeat(final FeedPublisher publisher, final long nowNs, final boolean endOfSession)
    {
        lastSendNs = nowNs;
        if (!publisher.publishHeartbeat(nowNs, endOfSession, nowNs + PUBLISH_TIMEOUT_NS))
        {
            failure = "publication closed or back-pressured for more than " + PUBLISH_TIMEOUT_NS / 1_000_000 + " ms";
            done = true;
            throw new AgentTerminationException(failure);
        }
    }

    /**
     * Sends a heartbeat when nothing was sent for {@link #HEARTBEAT_INTERVAL_NS}.
     *
     * @param publisher the channel's incremental publisher.
     * @param nowNs     current time.
     * @return 1 when a heartbeat went out, else 0.
     */
    final int heartbeatIfQuiet(final FeedPublisher publisher, final long nowNs)
    {
        if (nowNs - lastSendNs < HEARTBEAT_INTERVAL_NS)
        {
            return 0;
        }
        heartbeat(publisher, nowNs, false);
        return 1;
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
