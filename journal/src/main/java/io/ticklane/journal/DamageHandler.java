package io.ticklane.journal;

/**
 * Hears what a {@link JournalReader} skips instead of delivering: damaged frames, bytes it could not read, regions
 * repair quarantined, and (read-only readers) abandoned claims it stepped over. Called on the reader's thread, rarely
 * (never for an intact log); may allocate.
 */
@FunctionalInterface
public interface DamageHandler
{
    /** A committed data frame whose CRC32C does not match: skipped; {@code length} is the frame length. */
    int CRC_MISMATCH = 1;
    /** A header that cannot be a frame: {@code length} bytes from it to the next evident frame start unread. */
    int BROKEN_HEADER = 2;
    /** Bytes the segment file does not have although the log was grown past them: {@code length} bytes unread. */
    int MISSING = 3;
    /** A region repair quarantined (damage found and reported before): {@code length} bytes skipped. */
    int QUARANTINED = 4;
    /** An uncommitted claim a read-only reader stepped over after the claim timeout: not data, nothing lost. */
    int ABANDONED_CLAIM = 5;

    /**
     * @param kind     one of the constants of this interface.
     * @param position where it starts.
     * @param length   bytes skipped.
     * @param word     the frame's first word as read (for a broken header, the damaged word).
     */
    void onDamage(int kind, long position, long length, long word);

    /**
     * @param kind a kind.
     * @return its name, for messages.
     */
    static String kindName(final int kind)
    {
        switch (kind)
        {
            case CRC_MISMATCH:
                return "CRC32C mismatch";
            case BROKEN_HEADER:
                return "broken frame header";
            case MISSING:
                return "missing from the segment file";
            case QUARANTINED:
                return "quarantined by repair";
            case ABANDONED_CLAIM:
                return "abandoned claim";
            default:
                return "kind " + kind;
        }
    }
}
