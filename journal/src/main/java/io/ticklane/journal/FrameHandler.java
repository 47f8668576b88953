package io.ticklane.journal;

import org.agrona.DirectBuffer;

/**
 * Receives committed frames from a {@link JournalReader}. The buffer is a zero-copy view of the mapping: valid only
 * during the call.
 */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * @param recordType  caller-defined record type given at append.
     * @param timestampNs timestamp given at append.
     * @param buffer      view over the mapping.
     * @param offset      payload offset in the buffer.
     * @param length      payload length.
     * @param position    position of the frame in the log.
     */
    void onFrame(int recordType, long timestampNs, DirectBuffer buffer, int offset, int length, long position);
}
