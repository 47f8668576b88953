package io.ticklane.engine;

import io.ticklane.book.BookEventHandler;
import io.ticklane.config.EngineConfig;
import io.ticklane.gateway.GatewayCounters;
import io.ticklane.gateway.PacketSource;
import io.ticklane.gateway.capture.CaptureDatagram;
import io.ticklane.gateway.capture.CaptureReader;
import io.ticklane.venue.cme.CmeChannelCounters;
import io.ticklane.venue.cme.CmeSession;
import io.ticklane.venue.cme.config.CmeChannelConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A venue capture read directly, with no network: each UDP datagram of the file (pcap or pcapng) goes, in capture
 * order and with the capture's timestamp as its receive time, to the session of the channel whose lines it was sent
 * to ({@code cme.config}, {@code cme.channels}), and the sessions' normalized events go to one sink. Time advances
 * only with the capture (each session's timers run at every datagram's timestamp, and once past the end), so a run is
 * deterministic: the same capture gives the same books, byte for byte, as fast as the disk allows. What
 * {@code engine run --pcap}, {@code engine replay --pcap} and the backtester's capture input share.
 * <p>
 * Single thread. Allocation-free per datagram once the sessions exist.
 */
public final class CaptureSource
{
    private final EngineConfig config;
    private final Path capture;
    private final List<CmeChannelConfig> channels;
    private final List<CmeChannelCounters> sessions = new ArrayList<>();
    private final VenueSessions venues;
    private String captureSummary = "";
    private long datagrams;
    private long unmatched;

    /**
     * @param config the configuration (CME: {@code venue=cme}, {@code cme.config}, {@code cme.channels}).
     * @param capture a pcap or pcapng file.
     * @throws UsageException when the configuration has no CME channel file to route the capture by.
     */
    public CaptureSource(final EngineConfig config, final Path capture)
    {
        this.config = config;
        this.capture = capture;
        this.venues = new VenueSessions(config);
        this.channels = venues.cmeChannels();
        if (channels.isEmpty())
        {
            throw new UsageException("a capture is read through its venue's channels: give a CME channel file " +
                "(--set cme.config=FILE, e.g. venue-cme/src/main/resources/cme-sample-config.xml)");
        }
    }

    /**
     * Reads the whole capture into the sink.
     *
     * @param sink receives every session's normalized events.
     * @param stop polled between datagrams; true ends the run early.
     * @return datagrams delivered to a session.
     * @throws IOException when the file cannot be read or is not a capture (one line naming it).
     */
    public long run(final BookEventHandler sink, final BooleanSupplier stop) throws IOException
    {
        sessions.clear();
        for (final CmeChannelConfig channel : channels)
        {
            sessions.add(new CmeChannelCounters(new CmeSession(channel, venues.cmeOptions(), sink),
                GatewayCounters.unmapped(), (label, type) -> GatewayCounters.unmappedCounter(),
                "cme." + channel.id(), 0));
        }
        final CaptureDatagram datagram = new CaptureDatagram();
        long lastNs = 0;
        try (CaptureReader reader = CaptureReader.open(capture))
        {
            while (!stop.getAsBoolean() && reader.next(datagram))
            {
                lastNs = datagram.timestampNs();
                if (!deliver(datagram))
                {
                    unmatched++;
                }
            }
            captureSummary = reader.summary();
        }
        final long endNs = lastNs + config.feed().gapTimeoutNs() + 1;
        for (final CmeChannelCounters session : sessions)
        {
            session.onTimer(endNs); // holes still open when the capture ends time out, as they would live
        }
        return datagrams;
    }

    private boolean deliver(final CaptureDatagram datagram)
    {
        boolean matched = false;
        for (int i = 0; i < channels.size(); i++)
        {
            final int source = channels.get(i).source(datagram.destinationAddress(), datagram.destinationPort());
            if (source >= 0 && source < PacketSource.COUNT)
            {
                final CmeChannelCounters session = sessions.get(i);
                session.onTimer(datagram.timestampNs());
                session.onPacket(source, datagram.buffer(), datagram.offset(), datagram.length(),
                    datagram.timestampNs());
                datagrams++;
                matched = true;
            }
        }
        return matched;
    }

    /**
     * After {@link #run}: the capture's and every channel's report lines.
     *
     * @return lines, without line ends.
     */
    public List<String> report()
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "capture %s: %s; %,d datagrams to the configured channels, %,d to " +
            "other destinations", capture.getFileName(), captureSummary, datagrams, unmatched));
        for (final CmeChannelCounters session : sessions)
        {
            lines.addAll(session.report());
            lines.addAll(session.instrumentReport());
        }
        return lines;
    }
}
