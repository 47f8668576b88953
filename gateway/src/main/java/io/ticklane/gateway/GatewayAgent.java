package io.ticklane.gateway;

import io.ticklane.book.BookEventRingWriter;
import io.ticklane.journal.JournalAppender;
import io.ticklane.journal.JournalDescriptor;
import io.ticklane.latency.StageRecorder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * One venue channel's gateway: polls the channel's ingresses (lines A/B, snapshot and definition feeds), journals
 * each packet exactly as received with its receive time and where it came from (venue, channel,
 * {@link PacketSource}), and hands it to the channel's {@link ProtocolSession}. Each duty cycle also lets the
 * session make its time-driven decisions (journaled as {@link JournalRecordTypes#GAP_TIMER} records, so replay makes
 * the same decisions) and the ring writer write markers that did not fit earlier.
 * <p>
 * A journal append that fails is counted; once the journal has panicked, every later packet is counted as not
 * journaled and {@link #journalPanicked()} says so, for the engine to report at once.
 * <p>
 * Runs on its gateway agent thread; allocation-free in steady state.
 */
public final class GatewayAgent implements Agent, PacketHandler
{
    /** How often the session copies plain statistics to the shared counters ({@link ProtocolSession#publishCounters}). */
    public static final long COUNTERS_INTERVAL_NS = 100_000_000L;

    /**
     * What a gateway agent is wired to.
     *
     * @param roleName         agent name, e.g. {@code gateway.0}.
     * @param session          the channel's protocol.
     * @param ingresses        where the channel's packets come from.
     * @param journal          appender for every received packet, or null when journaling is disabled.
     * @param ringWriter       the session's sink when it is the live ring writer (for its pending markers), or null.
     * @param clock            timer clock; comparable with the ingresses' receive times.
     * @param receiveToJournal recorder owned by this agent.
     * @param counters         counters owned by this agent.
     * @param pollLimit        most packets per ingress per duty cycle.
     */
    public record Context(
        String roleName,
        ProtocolSession session,
        Ingress[] ingresses,
        JournalAppender journal,
        BookEventRingWriter ringWriter,
        NanoClock clock,
        StageRecorder receiveToJournal,
        GatewayCounters counters,
        int pollLimit)
    {
    }

    private final Context context;
    private final ProtocolSession session;
    private final Ingress[] ingresses;
    private final JournalAppender journal;
    private final GatewayCounters counters;
    private final int[] recordTypes = new int[PacketSource.COUNT];
    private final int timerRecordType;
    private final UnsafeBuffer timerRecord = new UnsafeBuffer(new byte[JournalRecordTypes.GAP_TIMER_LENGTH]);
    private long nextCountersNs;
    private volatile boolean journalPanicked;

    /**
     * @param context what the agent is wired to.
     */
    public GatewayAgent(final Context context)
    {
        this.context = context;
        this.session = context.session();
        this.ingresses = context.ingresses();
        this.journal = context.journal();
        this.counters = context.counters();
        final int venue = session.venueId();
        final int channelId = session.channelId();
        for (int source = 0; source < PacketSource.COUNT; source++)
        {
            recordTypes[source] =
                JournalRecordTypes.recordType(venue, JournalRecordTypes.forSource(source), channelId);
        }
        timerRecordType = JournalRecordTypes.recordType(venue, JournalRecordTypes.GAP_TIMER, channelId);
        timerRecord.putInt(0, channelId, ByteOrder.LITTLE_ENDIAN);
    }

    public int doWork()
    {
        int work = 0;
        for (final Ingress ingress : ingresses)
        {
            work += ingress.poll(this, context.pollLimit());
        }
        final long nowNs = context.clock().nanoTime();
        if (session.onTimer(nowNs) > 0)
        {
            work++;
            if (null != journal)
            {
                journal(timerRecordType, timerRecord, 0, JournalRecordTypes.GAP_TIMER_LENGTH, nowNs, false);
            }
        }
        if (null != context.ringWriter())
        {
            work += context.ringWriter().retryPending();
        }
        if (nowNs - nextCountersNs >= 0)
        {
            nextCountersNs = nowNs + COUNTERS_INTERVAL_NS;
            session.publishCounters();
        }
        return work;
    }

    public void onPacket(
        final int source, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        if (null != journal)
        {
            journal(recordTypes[source], buffer, offset, length, receiveTimeNs, true);
        }
        session.onPacket(source, buffer, offset, length, receiveTimeNs);
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
                context.receiveToJournal().record(context.clock().nanoTime() - receiveNs);
            }
        }
        else
        {
            counters.journalErrors().incrementRelease();
            if (position == JournalAppender.PANICKED && !journalPanicked)
            {
                journalPanicked = true;
            }
        }
    }

    /**
     * Any thread.
     *
     * @return true once an append found the journal panicked: nothing since has been journaled.
     */
    public boolean journalPanicked()
    {
        return journalPanicked;
    }

    /**
     * @return the channel's session (agent thread, or after it stopped).
     */
    public ProtocolSession session()
    {
        return session;
    }

    public String roleName()
    {
        return context.roleName();
    }

    public void onClose()
    {
        session.publishCounters();
        for (final Ingress ingress : ingresses)
        {
            CloseHelper.quietClose(ingress);
        }
    }
}
