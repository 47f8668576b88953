package io.ticklane.gateway.importer;

import io.ticklane.config.InstrumentSpec;
import io.ticklane.gateway.PacketEncoder;
import io.ticklane.gateway.lobster.LobsterMessageReader;
import org.agrona.collections.Long2LongHashMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a LOBSTER message file (plain CSV or the original zip) as one instrument's feed. The symbol and trading
 * date come from the file name ({@code AAPL_2012-06-21_...}); prices keep LOBSTER's scale (dollars x 10,000, so
 * exponent -4); event times are the file's, seconds after midnight New York time on that date.
 * <p>
 * Mapping: 1 add becomes AddOrder; 2 partial cancel becomes ModifyOrder with the quantity left (DeleteOrder when
 * nothing is left); 3 delete becomes DeleteOrder; 4 visible execution becomes ExecuteOrder; 5 hidden execution
 * and 6 cross trade become Trade; 7 halt is skipped. A file at N levels only holds events inside the visible N
 * levels and starts without the book before it, so cancels and deletes of orders the file never added are
 * skipped and counted, and executions of them become trades: every book fed this feed sees the same events.
 */
public final class LobsterImporter implements FeedImporter
{
    private static final Pattern NAME = Pattern.compile("([A-Z][A-Z0-9.]{0,15})_(\\d{4}-\\d{2}-\\d{2})");
    private static final int PRICE_EXPONENT = -4;
    private static final long CENT = 100;
    private static final long NONE = -1;

    private final Path file;
    private final InstrumentSpec instrument;
    private final long midnightNs;
    private final LobsterMessageReader reader;
    /** order id -> remaining quantity << 1 | side. */
    private final Long2LongHashMap orders = new Long2LongHashMap(4096, 0.6f, NONE);
    private long skipped;
    private long tradeId;

    private LobsterImporter(final Path file, final InstrumentSpec instrument, final long midnightNs)
        throws IOException
    {
        this.file = file;
        this.instrument = instrument;
        this.midnightNs = midnightNs;
        this.reader = LobsterMessageReader.open(file);
    }

    /**
     * Reads the file once to derive the instrument's definition, then opens it for import.
     *
     * @param file         message file, CSV or zip.
     * @param instrumentId id to give the instrument on the feed.
     * @return the importer.
     * @throws UncheckedIOException when the file cannot be read.
     * @throws IllegalArgumentException when the file name does not say symbol and date, or the file holds no message.
     */
    public static LobsterImporter open(final Path file, final int instrumentId)
    {
        final Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.find())
        {
            throw new IllegalArgumentException("cannot tell symbol and date from the file name '" +
                file.getFileName() + "'; LOBSTER files are named like AAPL_2012-06-21_..._message_10.csv");
        }
        final long midnightNs = LocalDate.parse(name.group(2)).atStartOfDay(ZoneId.of("America/New_York"))
            .toEpochSecond() * 1_000_000_000L;
        final InstrumentRange range = new InstrumentRange(instrumentId, name.group(1));
        try (LobsterMessageReader scan = LobsterMessageReader.open(file))
        {
            long messages = 0;
            while (scan.next())
            {
                messages++;
                if (scan.type() == LobsterMessageReader.ADD)
                {
                    range.price(scan.price());
                }
            }
            if (messages == 0)
            {
                // publishing it would announce an instrument whose definition nothing in the file supports
                throw new IllegalArgumentException(file + ": no messages, so nothing to publish (an empty LOBSTER " +
                    "message file)");
            }
            return new LobsterImporter(file, range.definition(PRICE_EXPONENT, CENT), midnightNs);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    public List<InstrumentSpec> instruments()
    {
        return List.of(instrument);
    }

    /**
     * {@inheritDoc}
     *
     * @throws io.ticklane.gateway.lobster.LobsterFormatException naming file and line, for a malformed row.
     */
    public long next(final PacketEncoder encoder)
    {
        while (reader.next())
        {
            final long timeNs = midnightNs + reader.timeNs();
            if (encode(encoder, timeNs))
            {
                return timeNs;
            }
            skipped++;
        }
        return END;
    }

    private boolean encode(final PacketEncoder encoder, final long timeNs)
    {
        final int id = instrument.id();
        final long orderId = reader.orderId();
        final long size = reader.size();
        final long price = reader.price();
        final int side = reader.direction() == LobsterMessageReader.BUY ? 0 : 1;
        final long known = orders.get(orderId);
        switch (reader.type())
        {
            case LobsterMessageReader.ADD:
                encoder.addOrder(timeNs, id, orderId, side, price, size);
                if (known == NONE)
                {
                    orders.put(orderId, size << 1 | side);
                }
                return true;
            case LobsterMessageReader.PARTIAL_CANCEL:
                if (known == NONE)
                {
                    return false;
                }
                final long left = (known >>> 1) - size;
                if (left > 0)
                {
                    orders.put(orderId, left << 1 | (known & 1));
                    encoder.modifyOrder(timeNs, id, orderId, price, left);
                }
                else
                {
                    orders.remove(orderId);
                    encoder.deleteOrder(timeNs, id, orderId);
                }
                return true;
            case LobsterMessageReader.DELETE:
                if (known == NONE)
                {
                    return false;
                }
                orders.remove(orderId);
                encoder.deleteOrder(timeNs, id, orderId);
                return true;
            case LobsterMessageReader.EXECUTE_VISIBLE:
                if (known == NONE)
                {
                    encoder.trade(timeNs, id, ++tradeId, price, size, 1 - side); // the resting side was hit
                    return true;
                }
                final long remaining = (known >>> 1) - size;
                if (remaining > 0)
                {
                    orders.put(orderId, remaining << 1 | (known & 1));
                }
                else
                {
                    orders.remove(orderId);
                }
                encoder.executeOrder(timeNs, id, orderId, size, ++tradeId);
                return true;
            case LobsterMessageReader.EXECUTE_HIDDEN:
                encoder.trade(timeNs, id, ++tradeId, price, size, 1 - side);
                return true;
            case LobsterMessageReader.CROSS_TRADE:
                encoder.trade(timeNs, id, ++tradeId, price, size, 2);
                return true;
            default:
                return false; // halt indicator or an unknown type
        }
    }

    public long recordsRead()
    {
        return reader.count();
    }

    public long recordsSkipped()
    {
        return skipped;
    }

    public String describe()
    {
        return "LOBSTER " + file.getFileName() + ": " + instrument.symbol() + " id " + instrument.id() + ", tick " +
            instrument.tickSize() + " at 1e" + instrument.priceExponent() + ", band " + instrument.bandTicks() +
            " around " + instrument.referencePrice();
    }

    public void close()
    {
        try
        {
            reader.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + file, ex);
        }
    }
}
