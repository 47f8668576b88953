package io.ticklane.backtest;

import io.ticklane.book.BookEventHandler;
import io.ticklane.gateway.importer.dbn.DbnDescriptor;
import io.ticklane.gateway.importer.dbn.DbnEventTranslator;
import io.ticklane.gateway.importer.dbn.DbnInstrument;
import io.ticklane.gateway.importer.dbn.DbnInstruments;
import io.ticklane.gateway.importer.dbn.DbnReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A Databento DBN file as a market source, through the gateway's one DBN rule ({@link DbnEventTranslator}):
 * MBO data gives order-by-order books (exact FIFO), MBP-1 / MBP-10 give price-level books (modelled queues).
 * The exchange clock is each record's ts_event, the recorded receive time its ts_recv. Instruments (symbol, tick,
 * price scale) come from a first pass over the file and any definition files given.
 * <p>
 * Single thread; allocation-free per record after the first pass.
 */
public final class DbnMarketSource implements MarketSource
{
    private final Path file;
    private final List<Path> definitions;
    private Map<Integer, DbnInstrument> instruments;

    /**
     * @param file        a {@code .dbn} or {@code .dbn.zst} file.
     * @param definitions DBN files with definition records for its instruments (may be empty).
     */
    public DbnMarketSource(final Path file, final List<Path> definitions)
    {
        this.file = file;
        this.definitions = List.copyOf(definitions);
    }

    /**
     * @return the instruments derived from the file (after the first pass).
     */
    public Map<Integer, DbnInstrument> instruments()
    {
        if (null == instruments)
        {
            instruments = DbnInstruments.scan(file, definitions);
        }
        return instruments;
    }

    public long run(final BookEventHandler sink, final BooleanSupplier stop)
    {
        final DbnEventTranslator translator = new DbnEventTranslator(instruments(), sink);
        try (DbnReader reader = DbnReader.open(file))
        {
            translator.defineAll(reader.metadata().startNs());
            while (reader.next())
            {
                translator.onRecord(reader);
                final int rtype = reader.rtype();
                final boolean eventEnded = rtype != DbnDescriptor.RTYPE_MBO ||
                    (reader.buffer().getByte(reader.offset() + DbnDescriptor.MBO_FLAGS_OFFSET) &
                    DbnDescriptor.FLAG_LAST) != 0;
                if (eventEnded && stop.getAsBoolean())
                {
                    break;
                }
            }
            translator.finish();
        }
        return translator.events();
    }

    public String describe()
    {
        return "DBN " + file.getFileName() + ": " + String.join(", ", DbnInstruments.describe(instruments()));
    }
}
