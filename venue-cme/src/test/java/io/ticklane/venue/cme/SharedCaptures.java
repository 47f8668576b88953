package io.ticklane.venue.cme;

import io.ticklane.gateway.capture.CaptureDatagram;
import io.ticklane.gateway.capture.CaptureReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared CME captures, found through the {@code ticklane.shared.data} system property; a test that needs one
 * is skipped, with the path in the message, when it is missing.
 */
final class SharedCaptures
{
    static final String V8 = "cme/pcap-v8/Cme.Mdp3.Sbe.v8.1.Example.pcap";
    static final String V9_STREAM = "cme/pcap-v9-stream/Cme.Mdp3.Sbe.v9.1.Example.pcap";
    static final String V9_BOOK = "cme/pcap-v9/MdIncrementalRefreshBook.pcap";
    static final String V9_ORDER_BOOK = "cme/pcap-v9/MdIncrementalRefreshOrderBook.pcap";
    static final String V9_TRADE_SUMMARY = "cme/pcap-v9/MdIncrementalRefreshTradeSummary.pcap";

    /** One datagram of a capture, copied. */
    static final class Datagram
    {
        final int group;
        final int port;
        final long timestampNs;
        final byte[] payload;

        Datagram(final int group, final int port, final long timestampNs, final byte[] payload)
        {
            this.group = group;
            this.port = port;
            this.timestampNs = timestampNs;
            this.payload = payload;
        }
    }

    private SharedCaptures()
    {
    }

    static Path path(final String relative)
    {
        final Path file = Path.of(System.getProperty("ticklane.shared.data", "../../shared/data"), relative);
        assumeTrue(Files.isReadable(file), "shared capture not found at " + file + "; skipped");
        return file;
    }

    static List<Datagram> read(final String relative)
    {
        final List<Datagram> datagrams = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(path(relative)))
        {
            final CaptureDatagram d = new CaptureDatagram();
            while (reader.next(d))
            {
                final byte[] payload = new byte[d.length()];
                d.buffer().getBytes(d.offset(), payload);
                datagrams.add(new Datagram(d.destinationAddress(), d.destinationPort(), d.timestampNs(), payload));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return datagrams;
    }
}
