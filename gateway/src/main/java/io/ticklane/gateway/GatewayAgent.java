package io.ticklane.gateway;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.ticklane.journal.JournalAppender;
import io.ticklane.journal.JournalDescriptor;
import io.ticklane.latency.StageRecorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * One feed channel's gateway: polls its incremental line A, optional line B and optional snapshot stream; stamps
 * each packet's receive time, journals it exactly as received (tagged with its line), and hands it to the
 * channel's {@link FeedChannel} for validation, arbitration, recovery and routing. Each duty cycle also lets the
 * arbiter declare timed-out gaps (journaled as {@link JournalRecordTypes#GAP_TIMER} records, so replay makes the
 * same decisions) and the router write markers that did not fit earlier.
 * <p>
 * A packet is one Aeron message; packets larger than the MTU are reassembled by Aeron's fragment assembler. Runs
 * on its gateway agent thread; allocation-free in steady state.
 */
public final class GatewayAgent implements Agent
{
    private final String roleName;
    private final FeedChannel channel;
    private final Subscription lineA;
    private final Subscription lineB;
    private final Subscription snapshots;
    private final JournalAppender journal;
    private final RingRouter router;
    private final NanoClock clock;
    private final StageRecorder receiveToJournal;
    private final GatewayCounters counters;
    private final int fragmentLimit;
    private final FragmentAssembler lineAHandler;
    private final FragmentAssembler lineBHandler;
    private final FragmentAssembler snapshotHandler;
    private final UnsafeBuffer timerRecord = new UnsafeBuffer(new byte[JournalRecordTypes.GAP_TIMER_LENGTH]);
    private final int[] recordTypes = new int[2];
    private final int snapshotRecordType;

    /**
     * @param roleName         agent name.
     * @param channel          the channel's processing.
     * @param lineA            incremental line A.
     * @param lineB            incremental line B, or null for a single line.
     * @param snapshots        snapshot stream, or null when recovery is disabled.
     * @param journal          appender for every received packet, or null when journaling is disabled.
     * @param router           the channel's sink (for its pending markers), or null when it is not a router.
     * @param clock            receive timestamps; comparable with the publisher's send time on one host.
     * @param receiveToJournal recorder owned by this agent.
     * @param counters         counters owned by this agent.
     * @param fragmentLimit    most packets per subscription per duty cycle.
     */
    public GatewayAgent(
        final String roleName,
        final FeedChannel channel,
        final Subscription lineA,
        final Subscription lineB,
        final Subscription snapshots,
        final JournalAppender journal,
        final RingRouter router,
        final NanoClock clock,
        final StageRecorder receiveToJournal,
        final GatewayCounters counters,
        final int fragmentLimit)
    {
        this.roleName = roleName;
        this.channel = channel;
        this.lineA = lineA;
        this.lineB = lineB;
        this.snapshots = snapshots;
        this.journal = journal;
        this.router = router;
        this.clock = clock;
        this.receiveToJournal = receiveToJournal;
        this.counters = counters;
        this.fragmentLimit = fragmentLimit;
        lineAHandler = new FragmentAssembler(new LineHandler(0));
        lineBHandler = new FragmentAssembler(new LineHandler(1));
        snapshotHandler = new FragmentAssembler(new SnapshotHandler());
        recordTypes[0] = JournalRecordTypes.recordType(JournalRecordTypes.VENUE_TICKLANE, JournalRecordTypes.FEED_PACKET, channel.channelId());
        recordTypes[1] = JournalRecordTypes.recordType(JournalRecordTypes.VENUE_TICKLANE, JournalRecordTypes.FEED_PACKET_B, channel.channelId());
        snapshotRecordType = JournalRecordTypes.recordType(JournalRecordTypes.VENUE_TICKLANE, JournalRecordTypes.SNAPSHOT_PACKET, channel.channelId());
    }

    public int doWork()
    {
        int work = lineA.poll(lineAHandler, fragmentLimit);
        if (null != lineB)
        {
            work += lineB.poll(lineBHandler, fragmentLimit);
        }
        if (null != snapshots)
        {
            work += snapshots.poll(snapshotHandler, fragmentLimit);
        }
        final long nowNs = clock.nanoTime();
        if (channel.onTimer(nowNs) > 0)
        {
            work++;
            if (null != journal)
            {
                timerRecord.putInt(0, channel.channelId(), ByteOrder.LITTLE_ENDIAN);
                journal(JournalRecordTypes.recordType(JournalRecordTypes.VENUE_TICKLANE, JournalRecordTypes.GAP_TIMER, channel.channelId()), timerRecord, 0,
                    JournalRecordTypes.GAP_TIMER_LENGTH, nowNs, false);
            }
        }
        if (null != router)
        {
            work += router.retryPending();
        }
        return work;
    }

    private void journal(
        final int recordType,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long receiveNs,
        final boolean timed)
    {
        final long position = journal.append(recordType, receiveNs, buffer, offset, length);
        if (position >= 0)
        {
            counters.journalRecords().incrementRelease();
            counters.journalBytes().getAndAddRelease(JournalDescriptor.alignedFrameLength(length));
            if (timed)
            {
                receiveToJournal.record(clock.nanoTime() - receiveNs); // packets only: a timer record is not one
            }
        }
        else
        {
            counters.journalErrors().incrementRelease();
        }
    }

    /**
     * @return the channel (agent thread, or after it stopped).
     */
    public FeedChannel channel()
    {
        return channel;
    }

    public String roleName()
    {
        return roleName;
    }

    private final class LineHandler implements FragmentHandler
    {
        private final int line;

        LineHandler(final int line)
        {
            this.line = line;
        }

        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final long receiveNs = clock.nanoTime();
            if (null != journal)
            {
                journal(recordTypes[line], buffer, offset, length, receiveNs, true);
            }
            channel.onLinePacket(line, buffer, offset, length, receiveNs);
        }
    }

    private final class SnapshotHandler implements FragmentHandler
    {
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final long receiveNs = clock.nanoTime();
            if (null != journal)
            {
                journal(snapshotRecordType, buffer, offset, length, receiveNs, true);
            }
            channel.onSnapshotPacket(buffer, offset, length, receiveNs);
        }
    }
}
