package io.ticklane.engine;

import io.ticklane.backtest.MarketSource;
import io.ticklane.book.BookEventHandler;
import io.ticklane.config.EngineConfig;
import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.FeedPublisher;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.JournalRecordTypes;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.ProtocolSession;
import io.ticklane.gateway.importer.FeedImporter;
import io.ticklane.latency.LatencyStage;
import io.ticklane.latency.StageRegistry;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A recorded file of another format (LOBSTER, Databento MBO CSV) as a backtest's market, the way {@code engine feed}
 * publishes it and {@code engine run} reads it: the gateway's importer writes each record as the project's own feed
 * messages ({@link FeedImporter}, the one parser of each format), one record per packet, sequenced like a
 * publisher's, and the packets go through the own feed's {@link io.ticklane.gateway.TicklaneSession} (made by
 * {@link VenueSessions}, the one owner of the feed's rules: validation, sequencing, delivery) into the backtest.
 * Nothing goes over a network.
 * <p>
 * The exchange clock is the record's event time (LOBSTER: the message's time after midnight of the file's date;
 * Databento: ts_event), stamped as the packet's sending and receive time, so the recorded feed latency is 0. The
 * instrument definitions derived from the file come first, in their own packets, stamped with the first record's
 * time.
 * <p>
 * Single thread: the backtest's. No allocation per record beyond the importer's own.
 */
final class ImportedFeedSource implements MarketSource
{
    private static final int CHANNEL = 0;
    private static final int SESSION_ID = 1;
    /** Definitions per packet: 64 of at most ~90 bytes fit a feed packet with room to spare. */
    private static final int DEFINITIONS_PER_PACKET = 64;

    private final EngineConfig config;
    private final FeedImporter importer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedPublisher.MAX_PACKET_LENGTH));
    private final PacketEncoder encoder = new PacketEncoder();
    private long packets;

    /**
     * @param config   the configuration (the own feed's {@code feed.*} sequencing keys).
     * @param importer the file, opened; closed by {@link #close()}.
     */
    ImportedFeedSource(final EngineConfig config, final FeedImporter importer)
    {
        this.config = config;
        this.importer = importer;
    }

    public long run(final BookEventHandler sink, final BooleanSupplier stop)
    {
        final ProtocolSession session = new VenueSessions(config).session(JournalRecordTypes.VENUE_TICKLANE, CHANNEL,
            sink, GatewayCounters.unmapped(),
            new StageRegistry(config.latency().highestTrackableNs()).newRecorder(LatencyStage.PUBLISH_TO_RECEIVE));
        final List<InstrumentSpec> specs = importer.instruments();
        long sequence = (specs.size() + DEFINITIONS_PER_PACKET - 1) / DEFINITIONS_PER_PACKET + 1;
        // the first record is read ahead: its event time stamps the definition packets sent before it
        encoder.begin(buffer, 0, CHANNEL, 0, sequence, 0, SESSION_ID);
        long eventNs = importer.next(encoder);
        if (eventNs == FeedImporter.END)
        {
            return 0;
        }
        definitions(session, specs, eventNs);
        while (true)
        {
            encoder.sendingTimeNs(eventNs);
            session.onPacket(PacketSource.INCREMENTAL_A, buffer, 0, encoder.length(), eventNs);
            packets++;
            if (stop.getAsBoolean())
            {
                break;
            }
            encoder.begin(buffer, 0, CHANNEL, 0, ++sequence, 0, SESSION_ID);
            if ((eventNs = importer.next(encoder)) == FeedImporter.END)
            {
                break;
            }
        }
        return packets;
    }

    /**
     * The derived instrument definitions, {@value #DEFINITIONS_PER_PACKET} a packet, sequences 1.., at {@code timeNs}.
     */
    private static void definitions(final ProtocolSession session, final List<InstrumentSpec> specs, final long timeNs)
    {
        final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(FeedPublisher.MAX_PACKET_LENGTH));
        final PacketEncoder definitions = new PacketEncoder();
        int i = 0;
        for (long sequence = 1; i < specs.size(); sequence++)
        {
            definitions.begin(packet, 0, CHANNEL, 0, sequence, timeNs, SESSION_ID);
            for (int n = 0; n < DEFINITIONS_PER_PACKET && i < specs.size(); n++, i++)
            {
                final InstrumentSpec s = specs.get(i);
                definitions.instrumentDefinition(timeNs, s.id(), s.symbol(), s.tickSize(), s.priceExponent(),
                    s.referencePrice(), s.bandTicks());
            }
            session.onPacket(PacketSource.INCREMENTAL_A, packet, 0, definitions.length(), timeNs);
        }
    }

    public String describe()
    {
        return importer.describe() + String.format(java.util.Locale.ROOT, "; %,d records as %,d feed packets, %,d " +
            "skipped", importer.recordsRead(), packets, importer.recordsSkipped());
    }

    /**
     * Closes the file.
     */
    void close()
    {
        importer.close();
    }
}
