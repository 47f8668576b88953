package io.ticklane.gateway;

import io.ticklane.config.InstrumentSpec;
import io.ticklane.book.BookEventHandler;
import io.ticklane.gateway.importer.FeedImporter;
import org.agrona.concurrent.NanoClock;

/**
 * Publishes a recorded file through a {@link FeedImporter}: the derived instrument definitions first, then the
 * records in file order, either at a fixed rate (messages per second, {@code batch} per packet) or at the file's
 * own pace scaled by {@code speed} (one message per packet, sent when its event time comes due). Packets carry
 * their intended send time. At the end it sends heartbeats (so that a loss of the last packets is detected) and
 * stops its runner.
 * <p>
 * When given a reference sink, every packet it publishes is also decoded into it, so the caller holds the books
 * the feed describes, built by the reference model, to check an engine against.
 */
public final class FileFeedAgent extends PublishingAgent
{
    private static final int MAX_PACKETS_PER_DUTY_CYCLE = 64;

    private final FeedImporter importer;
    private final FeedPublisher publisher;
    private final int batch;
    private final double packetIntervalNs;
    private final double speed;
    private final NanoClock clock;
    private final BookEventHandler reference;
    private final FeedTranslator translator;
    private final FeedDecoder decoder = new FeedDecoder();
    private long startNs;
    private long packets;
    private long firstEventNs = Long.MIN_VALUE;
    private long pendingEventNs = Long.MIN_VALUE;
    private boolean pending;
    private boolean exhausted;
    private boolean streaming;

    /**
     * @param importer      the file.
     * @param publisher     where packets go.
     * @param ratePerSecond messages per second; used when {@code speed} is 0.
     * @param batch         messages per packet at a fixed rate.
     * @param speed         multiple of the recorded pace (1 = as recorded), or 0 for a fixed rate.
     * @param clock         schedule and send-time clock.
     * @param reference     receives every published message too, as normalized events (one venue event per
     *                      packet), or null.
     */
    public FileFeedAgent(
        final FeedImporter importer,
        final FeedPublisher publisher,
        final long ratePerSecond,
        final int batch,
        final double speed,
        final NanoClock clock,
        final BookEventHandler reference)
    {
        this.importer = importer;
        this.publisher = publisher;
        this.speed = speed;
        this.batch = speed > 0 ? 1 : batch;
        this.packetIntervalNs = this.batch * 1e9 / Math.max(1, ratePerSecond);
        this.clock = clock;
        this.reference = reference;
        this.translator = null == reference ? null : new FeedTranslator(reference, id -> { });
    }

    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (!streaming)
        {
            if (!publisher.isConnected())
            {
                return 0;
            }
            streaming = true;
            markStarted();
            startNs = nowNs;
            final PacketEncoder encoder = publisher.begin(nowNs);
            for (final InstrumentSpec s : importer.instruments())
            {
                encoder.instrumentDefinition(
                    nowNs, s.id(), s.symbol(), s.tickSize(), s.priceExponent(), s.referencePrice(), s.bandTicks());
            }
            send(nowNs);
            return 1;
        }
        int work = 0;
        while (work < MAX_PACKETS_PER_DUTY_CYCLE)
        {
            if (!pending && !fill())
            {
                finish(nowNs);
            }
            final long intendedNs = intendedSendNs();
            if (intendedNs > nowNs)
            {
                work += heartbeatIfQuiet(publisher, nowNs); // recorded pace: a quiet spell still announces the tail
                break;
            }
            publisher.sendingTimeNs(intendedNs); // the packet begun in fill() is the one sent
            send(nowNs);
            pending = false;
            packets++;
            work++;
        }
        return work;
    }

    private boolean fill()
    {
        if (exhausted)
        {
            return false;
        }
        final PacketEncoder encoder = publisher.begin(0);
        for (int i = 0; i < batch; i++)
        {
            final long eventNs = importer.next(encoder);
            if (eventNs == FeedImporter.END)
            {
                exhausted = true;
                break;
            }
            if (i == 0)
            {
                pendingEventNs = eventNs;
                if (firstEventNs == Long.MIN_VALUE)
                {
                    firstEventNs = eventNs;
                }
            }
        }
        pending = encoder.messageCount() > 0;
        return pending;
    }

    private long intendedSendNs()
    {
        if (speed > 0)
        {
            return startNs + (long)((pendingEventNs - firstEventNs) / speed);
        }
        return startNs + (long)(packets * packetIntervalNs);
    }

    private void finish(final long nowNs)
    {
        sendHeartbeats(publisher, nowNs);
        finish("file feed finished");
    }

    private void send(final long nowNs)
    {
        if (null != reference)
        {
            decoder.decode(publisher.packetBuffer(), 0, publisher.packetLength(), translator);
            reference.onEndOfEvent();
        }
        send(publisher, nowNs);
    }




    public String roleName()
    {
        return "file-feed";
    }
}
