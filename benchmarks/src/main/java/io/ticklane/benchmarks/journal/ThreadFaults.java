package io.ticklane.benchmarks.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Page faults taken by the calling thread so far, from {@code /proc/thread-self/stat} (fields 10 and 12: minor and
 * major faults of this thread alone, not of the housekeeper or the JIT). Linux only; elsewhere the counts are -1.
 * Read before and after a measured phase, never inside it (it allocates). Calling thread only.
 */
final class ThreadFaults
{
    private static final Path STAT = Path.of("/proc/thread-self/stat");

    private ThreadFaults()
    {
    }

    /**
     * @return {minor, major} faults of the calling thread, or {-1, -1} when unknown.
     */
    static long[] read()
    {
        try
        {
            final String stat = Files.readString(STAT);
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): minflt is field 10, majflt field 12
            return new long[]{ Long.parseLong(fields[7]), Long.parseLong(fields[9]) };
        }
        catch (final IOException | RuntimeException ex)
        {
            return new long[]{ -1, -1 };
        }
    }
}
