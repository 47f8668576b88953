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
     * A frame that carries no record: padding, or a region repair quarantined.
     *
     * @param position    frame position.
     * @param frameLength its length.
     * @param frameType   {@link JournalDescriptor#TYPE_PAD}, {@link JournalDescriptor#TYPE_SEALED} or
     *                    {@link JournalDescriptor#TYPE_QUARANTINED}.
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
     * A header that cannot be a frame (impossible length or type, or a length that differs from its CRC-covered
     * copy): the chain of frames is cut here. The walk goes on at the next position where a frame evidently starts:
     * an index entry, or a data frame whose CRC matches; or the end of the segment's written part.
     *
     * @param position position of the header.
     * @param word     its first word.
     * @param resumeAt where the walk goes on; the bytes in between could not be read.
     */
    default void onBroken(final long position, final long word, final long resumeAt)
    {
    }

    /**
     * Bytes the metadata says were written but the segment file does not have (cut short or deleted behind the
     * journal's back). The walk goes on at the next segment.
     *
     * @param position first position not in the file (or the frame that runs past its end).
     * @param length   bytes skipped, to the segment end or the end of the walk.
     */
    default void onMissing(final long position, final long length)
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
