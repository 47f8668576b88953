package io.ticklane.journal;

import java.nio.file.Path;

/**
 * How to open a journal.
 *
 * @param directory     journal directory (created when missing).
 * @param capacityBytes data capacity of a new journal; an existing journal keeps its own.
 */
public record JournalOptions(Path directory, long capacityBytes)
{
}
