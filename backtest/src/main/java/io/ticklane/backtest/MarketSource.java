package io.ticklane.backtest;

import io.ticklane.book.BookEventHandler;

import java.util.function.BooleanSupplier;

/**
 * Recorded market data as normalized book events: what the engine's replay driver (journal, capture, LOBSTER,
 * Databento CSV or DBN through their sessions) implements for a backtest. The source pushes events into the sink in
 * recorded order, on the calling thread, and must:
 * <ul>
 * <li>call {@link BookEventHandler#onPacket} before the events of each packet, with the venue's sending (or event)
 * time and the receive time, both ns since the epoch (0 when unknown): the backtest's exchange clock is the former,
 * the recorded feed latency the difference;</li>
 * <li>call {@link BookEventHandler#onEndOfEvent} at the end of every venue event (the backtest acts only between
 * events, never inside one);</li>
 * <li>check {@code stop} between venue events and return early when it is true.</li>
 * </ul>
 */
public interface MarketSource
{
    /**
     * @param sink receives every event; it never back-pressures.
     * @param stop true when the backtest needs no more data ({@code --to} reached).
     * @return events delivered.
     */
    long run(BookEventHandler sink, BooleanSupplier stop);

    /**
     * @return one line for logs and the report, e.g. the file and its instruments.
     */
    String describe();
}
