package io.ticklane.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a backtest into a directory and reads its CSV files back.
 */
final class Runs
{
    final BacktestSummary summary;
    final Path dir;

    Runs(final Backtest.Builder builder, final Path dir)
    {
        this.dir = dir;
        this.summary = builder.out(dir).orderPoolCapacity(1 << 16).build().run();
    }

    List<String> fills()
    {
        return read("fills.csv");
    }

    List<String> orders()
    {
        return read("orders.csv");
    }

    List<String> read(final String name)
    {
        try
        {
            final List<String> lines = Files.readAllLines(dir.resolve(name));
            return lines.subList(1, lines.size());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
