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

/**
 * Polls the feed subscription and, for each packet: timestamps it, journals it exactly as received, validates it,
 * checks its sequence (gaps and duplicates counted), and routes its messages to the book agents' rings.
 * <p>
 * A packet is one Aeron message, published whole with {@code offer}; packets larger than the MTU are reassembled
 * by Aeron's fragment assembler before they reach here. Runs on the gateway agent thread; allocation-free in
 * steady state.
 */
public final class GatewayAgent implements Agent, FragmentHandler
{
    private final String roleName;
    private final Subscription subscription;
    private final JournalAppender journal;
    private final FeedDecoder decoder = new FeedDecoder();
    private final SequenceTracker sequences = new SequenceTracker();
    private final RingRouter router;
    private final NanoClock clock;
    private final StageRecorder publishToReceive;
    private final StageRecorder receiveToJournal;
    private final GatewayCounters counters;
    private final int fragmentLimit;
    private final FragmentAssembler assembler;
    private final long[] malformedByReason = new long[FeedDecoder.RESULT_COUNT];

    /**
     * @param roleName         agent name.
     * @param subscription     feed subscription.
     * @param journal          appender for every received packet, or null when journaling is disabled.
     * @param router           writes events to the book agents' rings.
     * @param clock            receive timestamps; comparable with the publisher's send time on one host.
     * @param publishToReceive recorder owned by this agent.
     * @param receiveToJournal recorder owned by this agent.
     * @param counters         counters owned by this agent.
     * @param fragmentLimit    most packets per duty cycle.
     */
    public GatewayAgent(
        final String roleName,
        final Subscription subscription,
        final JournalAppender journal,
        final RingRouter router,
        final NanoClock clock,
        final StageRecorder publishToReceive,
        final StageRecorder receiveToJournal,
        final GatewayCounters counters,
        final int fragmentLimit)
    {
        this.roleName = roleName;
        this.subscription = subscription;
        this.journal = journal;
        this.router = router;
        this.clock = clock;
        this.publishToReceive = publishToReceive;
        this.receiveToJournal = receiveToJournal;
        this.counters = counters;
        this.fragmentLimit = fragmentLimit;
        this.assembler = new FragmentAssembler(this);
    }

    public int doWork()
    {
        return subscription.poll(assembler, fragmentLimit);
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long receiveNs = clock.nanoTime();
        counters.packets().incrementRelease();
        if (null != journal)
        {
            journal(buffer, offset, length, receiveNs);
        }
        final int result = decoder.validate(buffer, offset, length);
        if (result != FeedDecoder.OK)
        {
            malformedByReason[result]++;
            counters.malformed().incrementRelease();
            return;
        }
        final long sendNs = PacketHeaderDescriptor.sendingTimeNs(buffer, offset);
        publishToReceive.record(receiveNs - sendNs);
        final long sequence = PacketHeaderDescriptor.sequence(buffer, offset);
        if ((PacketHeaderDescriptor.flags(buffer, offset) & PacketHeaderDescriptor.FLAG_SNAPSHOT) == 0)
        {
            final int order = sequences.onPacket(PacketHeaderDescriptor.channelId(buffer, offset), sequence);
            if (order == SequenceTracker.DUPLICATE)
            {
                counters.duplicates().incrementRelease();
                return;
            }
            if (order == SequenceTracker.GAP)
            {
                counters.gaps().getAndAddRelease(sequences.lastGapSize());
            }
        }
        router.beginPacket(sequence, sendNs, receiveNs);
        decoder.dispatch(buffer, offset, length, router);
        counters.messages().getAndAddRelease(PacketHeaderDescriptor.messageCount(buffer, offset));
    }

    private void journal(final DirectBuffer buffer, final int offset, final int length, final long receiveNs)
    {
        final long position = journal.append(JournalRecordTypes.FEED_PACKET, receiveNs, buffer, offset, length);
        if (position >= 0)
        {
            counters.journalRecords().incrementRelease();
            counters.journalBytes().getAndAddRelease(JournalDescriptor.alignedFrameLength(length));
            receiveToJournal.record(clock.nanoTime() - receiveNs);
        }
        else
        {
            counters.journalErrors().incrementRelease();
        }
    }

    /**
     * @param reason a {@link FeedDecoder} result code.
     * @return packets rejected for that reason (agent thread, or after it stopped).
     */
    public long malformed(final int reason)
    {
        return malformedByReason[reason];
    }

    public String roleName()
    {
        return roleName;
    }
}
