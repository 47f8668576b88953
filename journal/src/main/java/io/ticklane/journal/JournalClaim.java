package io.ticklane.journal;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ticklane.journal.JournalDescriptor.HEADER_LENGTH;

/**
 * A frame claimed by {@link JournalAppender#tryClaim}: the caller writes the payload straight into the mapping at
 * {@link #offset()} of {@link #buffer()}, then {@link #commit()}s or {@link #abort()}s. Until then readers stop at
 * the frame, so keep the window between claim and commit short (and shorter than the claim timeout, after which a
 * reader seals the claim as padding and the commit reports {@link JournalAppender#ABANDONED}).
 * <p>
 * Reusable; used by the thread that owns the appender.
 */
public final class JournalClaim
{
    private JournalAppender appender;
    private UnsafeBuffer buffer;
    private int frameOffset;
    private int frameLength;
    private long position;
    private long timestampNs;

    void wrap(
        final JournalAppender appender,
        final UnsafeBuffer buffer,
        final int frameOffset,
        final int frameLength,
        final long position,
        final long timestampNs)
    {
        this.appender = appender;
        this.buffer = buffer;
        this.frameOffset = frameOffset;
        this.frameLength = frameLength;
        this.position = position;
        this.timestampNs = timestampNs;
    }

    /**
     * @return the mapping the payload is written into.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the payload in {@link #buffer()}.
     */
    public int offset()
    {
        return frameOffset + HEADER_LENGTH;
    }

    /**
     * @return payload length claimed.
     */
    public int length()
    {
        return frameLength - HEADER_LENGTH;
    }

    /**
     * @return position of the claimed frame.
     */
    public long position()
    {
        return position;
    }

    /**
     * Computes the CRC over what was written and commits the frame (release).
     *
     * @return the frame's position, or {@link JournalAppender#ABANDONED} when it was sealed meanwhile.
     */
    public long commit()
    {
        final JournalAppender owner = checkOpen();
        return owner.commitClaim(buffer, frameOffset, frameLength, position, timestampNs);
    }

    /**
     * Turns the claimed frame into padding: readers skip it.
     */
    public void abort()
    {
        final JournalAppender owner = checkOpen();
        owner.abortClaim(buffer, frameOffset, frameLength);
    }

    private JournalAppender checkOpen()
    {
        final JournalAppender owner = appender;
        if (null == owner)
        {
            throw new IllegalStateException("no open claim");
        }
        appender = null;
        return owner;
    }
}
