package io.ticklane.engine;

import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalDescriptor;

import java.time.Instant;

/**
 * The one sentence an operator reads about a panicked journal: what broke, where, and the two ways out.
 */
final class JournalPanics
{
    private JournalPanics()
    {
    }

    /**
     * @param journal an open journal.
     * @return null when it is not panicked, else one line naming the panic and how to repair it.
     */
    static String describe(final Journal journal)
    {
        final int reason = journal.panicReason();
        if (reason == JournalDescriptor.PANIC_NONE)
        {
            return null;
        }
        final String what = reason == JournalDescriptor.PANIC_BROKEN_FRAME ? "a broken frame" :
            reason == JournalDescriptor.PANIC_INCONSISTENT ? "metadata that disagrees with its files" :
            "panic reason " + reason;
        return "journal " + journal.directory().toAbsolutePath() + " is panicked: " + what + " at " +
            journal.describe(journal.panicPosition()) + " (found by pid " + journal.panicPid() + " at " +
            Instant.ofEpochMilli(journal.panicEpochMs()) + "); with no engine running, run 'engine journal repair " +
            journal.directory() + "', or run without a journal (--set journal.enabled=false)";
    }
}
