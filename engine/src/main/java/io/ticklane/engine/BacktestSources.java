package io.ticklane.engine;

import io.ticklane.backtest.DbnMarketSource;
import io.ticklane.backtest.MarketSource;
import io.ticklane.config.EngineConfig;
import io.ticklane.gateway.importer.DatabentoMboImporter;
import io.ticklane.gateway.importer.LobsterImporter;
import io.ticklane.journal.JournalDescriptor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The inputs of {@code engine backtest}: which format a path holds, and the {@link MarketSource} that reads it through
 * the engine's own code (journal: {@link JournalMarketSource}; pcap: {@link CaptureMarketSource}; LOBSTER and
 * Databento CSV: {@link ImportedFeedSource}; DBN: the backtest module's {@link DbnMarketSource}). Main thread.
 */
final class BacktestSources
{
    static final List<String> FORMATS = List.of("journal", "pcap", "lobster", "databento", "dbn");

    private BacktestSources()
    {
    }

    /**
     * @param line the command line ({@code --format}, and the options that belong to one format).
     * @param data the {@code --data} path.
     * @return the format: given, or inferred from the path.
     * @throws UsageException when it cannot be told, or an option of another format is given.
     */
    static String format(final CommandLine line, final Path data)
    {
        if (!Files.exists(data))
        {
            throw new UsageException("option '--data' has value '" + data + "'; allowed: an existing journal " +
                "directory or data file; it does not exist");
        }
        final String format;
        if (line.has("format"))
        {
            format = line.get("format", "");
            if (!FORMATS.contains(format))
            {
                throw new UsageException("option '--format' has value '" + format + "'; allowed: " +
                    String.join(", ", FORMATS));
            }
        }
        else
        {
            format = infer(data);
        }
        if (format.equals("journal") != Files.isDirectory(data))
        {
            throw new UsageException("option '--data' has value '" + data + "'; allowed for --format " + format + ": " +
                (format.equals("journal") ? "a journal directory" : "a file") + "; this is " +
                (Files.isDirectory(data) ? "a directory" : "a file"));
        }
        refuseUnless(line, "definitions", format, "dbn");
        refuseUnless(line, "instrument-id", format, "lobster");
        refuseUnless(line, "run", format, "journal");
        return format;
    }

    private static void refuseUnless(final CommandLine line, final String option, final String format,
        final String wanted)
    {
        if (line.has(option) && !format.equals(wanted))
        {
            throw new UsageException("option '--" + option + "' goes with --format " + wanted + "; the data is " +
                format);
        }
    }

    private static String infer(final Path data)
    {
        if (Files.isDirectory(data))
        {
            if (Files.isRegularFile(data.resolve(JournalDescriptor.METADATA_FILE_NAME)))
            {
                return "journal";
            }
            throw new UsageException("option '--data' has value '" + data + "'; allowed: a journal directory (with " +
                JournalDescriptor.METADATA_FILE_NAME + ") or a data file; this directory holds no journal");
        }
        final String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pcap") || name.endsWith(".pcapng"))
        {
            return "pcap";
        }
        if (name.endsWith(".dbn") || name.endsWith(".dbn.zst"))
        {
            return "dbn";
        }
        if (name.endsWith(".zip"))
        {
            return "lobster";
        }
        if (name.endsWith(".csv"))
        {
            final boolean lobsterName = name.contains("_message_");
            final boolean databentoHeader = firstLine(data).startsWith("ts_recv");
            if (lobsterName != databentoHeader)
            {
                return lobsterName ? "lobster" : "databento";
            }
        }
        throw new UsageException("option '--data' has value '" + data + "'; cannot tell its format from the path " +
            "(a LOBSTER message file is named *_message_*.csv, a Databento CSV starts with ts_recv); give --format " +
            String.join("|", FORMATS));
    }

    private static String firstLine(final Path file)
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII))
        {
            final String line = reader.readLine();
            return null == line ? "" : line.trim();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return "";
        }
    }

    /**
     * @param format one of {@link #FORMATS}.
     * @param data   the path.
     * @param line   the command line (format options).
     * @param config the configuration (sessions, journal, CME channels).
     * @return the source; close it with {@link #close}.
     */
    static MarketSource open(final String format, final Path data, final CommandLine line, final EngineConfig config)
    {
        try
        {
            return switch (format)
            {
                case "journal" -> new JournalMarketSource(config, (int)line.longValue("run", 0, 1, Integer.MAX_VALUE));
                case "pcap" -> new CaptureMarketSource(config, data);
                case "lobster" -> new ImportedFeedSource(config,
                    LobsterImporter.open(data, (int)line.longValue("instrument-id", 1, 1, Integer.MAX_VALUE)));
                case "databento" -> new ImportedFeedSource(config, DatabentoMboImporter.open(data));
                default -> dbn(data, line);
            };
        }
        catch (final UncheckedIOException ex)
        {
            throw new OperatorException("cannot read " + data + ": " + ex.getCause().getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException("option '--data' has value '" + data + "' (" + format + "): " + ex.getMessage());
        }
    }

    private static MarketSource dbn(final Path data, final CommandLine line)
    {
        final List<Path> definitions = new ArrayList<>();
        for (final String file : line.all("definitions"))
        {
            final Path path = Path.of(file);
            if (!Files.isRegularFile(path))
            {
                throw new UsageException("option '--definitions' has value '" + file + "'; allowed: a DBN file with " +
                    "definition records; no such file");
            }
            definitions.add(path);
        }
        final DbnMarketSource source = new DbnMarketSource(data, definitions);
        source.instruments(); // reads the file once now, so a file that is not DBN is refused before the run
        return source;
    }

    /**
     * @param source a source made by {@link #open}.
     */
    static void close(final MarketSource source)
    {
        if (source instanceof ImportedFeedSource)
        {
            ((ImportedFeedSource)source).close();
        }
    }
}
