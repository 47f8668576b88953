package io.ticklane.engine;

import io.ticklane.backtest.MarketSource;
import io.ticklane.book.BookEventHandler;
import io.ticklane.config.EngineConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A venue capture (pcap or pcapng) as a backtest's market, read by {@link CaptureSource}: each datagram goes to the
 * session of its channel ({@link VenueSessions}, {@code cme.config} / {@code cme.channels}), as in
 * {@code engine run --pcap}, and the sessions' normalized events to the backtest. The exchange clock is what the
 * sessions pass to {@code onPacket}: the MDP packet's sending time; the receive time is the capture's timestamp.
 * <p>
 * Single thread: the backtest's.
 */
final class CaptureMarketSource implements MarketSource
{
    private final Path capture;
    private final CaptureSource source;
    private long datagrams = -1;

    /**
     * @param config  the configuration with the venue's channel file.
     * @param capture the capture file.
     * @throws UsageException when the configuration names no channel to route the capture by.
     */
    CaptureMarketSource(final EngineConfig config, final Path capture)
    {
        this.capture = capture;
        this.source = new CaptureSource(config, capture);
    }

    public long run(final BookEventHandler sink, final BooleanSupplier stop)
    {
        try
        {
            datagrams = source.run(sink, stop);
            return datagrams;
        }
        catch (final IOException ex)
        {
            throw new OperatorException("cannot read the capture " + capture + ": " + ex.getMessage());
        }
    }

    public String describe()
    {
        return datagrams < 0 ? "capture " + capture : String.join("; ", source.report());
    }
}
