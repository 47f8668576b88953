package io.ticklane.gateway.importer;

import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.PacketEncoder;

import java.util.List;

/**
 * Turns a recorded market-data file into the project's feed, one message at a time, so that the same gateway,
 * books and journal process recorded data exactly as they process a live feed. Instrument definitions are
 * derived from the data (a first pass over the file). One thread.
 */
public interface FeedImporter extends AutoCloseable
{
    /** Returned by {@link #next} at the end of the file. */
    long END = Long.MIN_VALUE;

    /**
     * @return the instruments the file holds, with definitions derived from its prices.
     */
    List<InstrumentSpec> instruments();

    /**
     * Writes the next message into the packet, skipping (and counting) records that cannot become one.
     *
     * @param encoder packet being built.
     * @return the record's event time in ns since the epoch, or {@link #END}.
     */
    long next(PacketEncoder encoder);

    /**
     * @return records read so far.
     */
    long recordsRead();

    /**
     * @return records that became no message (unknown order, halt, ...), so far.
     */
    long recordsSkipped();

    /**
     * @return a one-line description: file, instruments, records.
     */
    String describe();

    /**
     * Closes the file.
     */
    void close();
}
