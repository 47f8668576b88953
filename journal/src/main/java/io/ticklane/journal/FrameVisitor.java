package io.ticklane.journal;

import org.agrona.DirectBuffer;

/**
 * Receives what a read-only walk of the log finds at each position ({@link Journal#walk}): used by verify, dump,
 * info and recovery, which must see every frame, torn and abandoned ones included, without changing the log.
 * Positions name the segment file and offset through {@link Journal#describe(long)}. Called on the thread that runs
 * the walk.
 */
public interface FrameVisitor
{
    /**
     * A committed data frame.
     *
     * @param position    frame position.
     * @param recordType  caller's record type.
     * @param timestampNs caller's timestamp.
     * @param buffer      the frame's bytes (valid during the call).
     * @param offset      payload offset in the buffer.
     * @param length      payload length.
     * @param crcValid    whether the stored CRC32C matches.
     */
    void onData(long position, int recordType, long timestampNs, DirectBuffer buffer, int offset, int length,
        boolean crcValid);

    /**
     * A padding frame.
     *
     * @param position    frame position.
     * @param frameLength its length.
     * @param frameType   {@link JournalDescriptor#TYPE_PAD} or {@link JournalDescriptor#TYPE_SEALED}.
     */
    default void onPadding(final long position, final int frameLength, final int frameType)
    {
    }

    /**
     * A claim not committed (in progress, or abandoned by a dead writer and not sealed yet).
     *
     * @param position    frame position.
     * @param frameLength claimed length, or the extent of the zero region when the writer died before its header.
     * @param headerSeen  true when the writer had put its claim header down.
     */
    default void onUncommitted(final long position, final int frameLength, final boolean headerSeen)
    {
    }

    /**
     * A header that cannot be a frame: the walk cannot go on in this segment.
     *
     * @param position position of the header.
     * @param word     its first word.
     */
    default void onBroken(final long position, final long word)
    {
    }

    /**
     * @return false to stop the walk.
     */
    default boolean keepGoing()
    {
        return true;
    }
}
