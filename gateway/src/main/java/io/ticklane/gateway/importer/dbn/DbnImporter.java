package io.ticklane.gateway.importer.dbn;

import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.importer.FeedImporter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports a Databento DBN file ({@code .dbn} or {@code .dbn.zst}, versions 1 to 3) as the project's feed, for
 * {@code engine feed --dbn FILE}. Records go through {@link DbnEventTranslator} (the one DBN-to-book-event rule) and
 * {@link FeedEncodingSink} (book events to feed messages); each call to {@link #next} writes the messages of one
 * record. MBO gives an order-by-order feed; MBP-1 / MBP-10 give one synthetic order per visible level, since the
 * feed has no market-by-price messages. Instruments come from a first pass ({@link DbnInstruments}). One thread.
 */
public final class DbnImporter implements FeedImporter
{
    private final Path file;
    private final Map<Integer, DbnInstrument> instruments;
    private final List<InstrumentSpec> specs;
    private final DbnReader reader;
    private final FeedEncodingSink sink = new FeedEncodingSink();
    private final DbnEventTranslator translator;
    private long read;
    private long skipped;
    private boolean finished;

    private DbnImporter(final Path file, final Map<Integer, DbnInstrument> instruments)
    {
        this.file = file;
        this.instruments = instruments;
        final List<InstrumentSpec> list = new ArrayList<>();
        for (final DbnInstrument i : instruments.values())
        {
            list.add(i.spec());
        }
        this.specs = List.copyOf(list);
        this.reader = DbnReader.open(file);
        this.translator = new DbnEventTranslator(instruments, sink);
    }

    /**
     * @param file        DBN data file.
     * @param definitions further DBN files with definition records (symbols, ticks); may be empty.
     * @return the importer, instruments derived.
     * @throws IllegalArgumentException naming a file that is missing or not DBN.
     */
    public static DbnImporter open(final Path file, final List<Path> definitions)
    {
        return new DbnImporter(file, DbnInstruments.scan(file, definitions));
    }

    public List<InstrumentSpec> instruments()
    {
        return specs;
    }

    public long next(final PacketEncoder encoder)
    {
        sink.encoder(encoder);
        final int before = encoder.messageCount();
        while (reader.next())
        {
            read++;
            translator.onRecord(reader);
            if (encoder.messageCount() > before)
            {
                return translator.lastTsEvent();
            }
            skipped++;
        }
        if (!finished)
        {
            finished = true;
            translator.finish();
            if (encoder.messageCount() > before)
            {
                return translator.lastTsEvent();
            }
        }
        return END;
    }

    public long recordsRead()
    {
        return read;
    }

    public long recordsSkipped()
    {
        return skipped;
    }

    public String describe()
    {
        return "Databento DBN v" + reader.version() + " " + file.getFileName() + " (" + reader.metadata().dataset() +
            "): " + String.join(", ", DbnInstruments.describe(instruments));
    }

    public void close()
    {
        reader.close();
    }
}
