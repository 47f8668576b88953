package io.ticklane.journal;

import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * The steps of the commit protocol on one frame, each with the memory ordering it needs, in one place: the appender,
 * the readers and the jcstress tests (module {@code stress}) all run these, so that what the tests prove is what the
 * journal does. Sealing, the other side of the protocol, is {@link FrameSealer}.
 * <pre>
 *   writer                                   reader
 *   claim:  CAS word 0 -> (-L, CLAIM)        word = acquire load
 *           plain stores: type, time, pid,   if word == (L, DATA):
 *           length copy, then the payload        plain loads: header fields, payload
 *   commit: plain store: CRC                     CRC over [12, L) must match
 *           CAS word (-L, CLAIM) -> (L, DATA)
 * </pre>
 * The commit is a CAS, not the release store of Aeron's log buffers, because a sealer may CAS the same word from
 * {@code (-L, CLAIM)} to {@code (L, SEALED)} meanwhile: with a plain or release store the late commit would overwrite
 * the seal, and a frame some reader already skipped as padding would become data (the jcstress test
 * {@code ClaimCommitVersusSealTest} fails within seconds with the commit weakened to {@code putLongRelease}).
 * A CAS is a full fence, so it also orders every store of the frame before the commit (release), and the acquire
 * load of the word orders the reader's loads after it.
 * <p>
 * Static; any thread, on a buffer over the frame's mapping.
 */
final class FrameProtocol
{
    private FrameProtocol()
    {
    }

    /**
     * Takes the frame's first word (it must still be 0: a sealer that filled the slot wins) and writes the header
     * fields but for the CRC.
     *
     * @return false when the slot was sealed first: the claim is abandoned.
     */
    static boolean claim(final UnsafeBuffer buffer, final int offset, final int frameLength, final int recordType,
        final long timestampNs, final int pid)
    {
        if (!buffer.compareAndSetLong(offset, 0, headerWord(-frameLength, TYPE_CLAIM)))
        {
            return false;
        }
        buffer.putInt(offset + RECORD_TYPE_OFFSET, recordType);
        buffer.putLong(offset + TIMESTAMP_OFFSET, timestampNs);
        buffer.putInt(offset + WRITER_PID_OFFSET, pid);
        buffer.putInt(offset + FRAME_LENGTH_COPY_OFFSET, frameLength);
        return true;
    }

    /**
     * Stores the CRC of what was written and commits: CAS of the first word from claimed to committed (a full
     * fence: every store of the frame is visible before the length is).
     *
     * @return false when a sealer sealed the claim first: the frame is padding, the append is abandoned.
     */
    static boolean commit(final UnsafeBuffer buffer, final int offset, final int frameLength)
    {
        buffer.putInt(offset + CRC_OFFSET, crc(buffer, offset, frameLength));
        return buffer.compareAndSetLong(offset, headerWord(-frameLength, TYPE_CLAIM),
            headerWord(frameLength, TYPE_DATA));
    }

    /**
     * Turns a claimed frame into padding.
     *
     * @return false when it was sealed first.
     */
    static boolean abort(final UnsafeBuffer buffer, final int offset, final int frameLength)
    {
        return buffer.compareAndSetLong(offset, headerWord(-frameLength, TYPE_CLAIM),
            headerWord(frameLength, TYPE_PAD));
    }

    /**
     * @return the frame's first word, acquire: pairs with the commit CAS, so that a reader that sees
     *         {@code (L, DATA)} sees every byte of the frame.
     */
    static long word(final UnsafeBuffer buffer, final int offset)
    {
        return buffer.getLongVolatile(offset);
    }

    /**
     * @return the CRC32C of bytes {@code [12, frameLength)} of the frame.
     */
    static int crc(final UnsafeBuffer buffer, final int offset, final int frameLength)
    {
        return Crc32c.INSTANCE.compute(buffer.addressOffset(), offset + CRC_START_OFFSET,
            frameLength - CRC_START_OFFSET);
    }

    /**
     * @return true when the stored CRC matches the frame's bytes.
     */
    static boolean crcMatches(final UnsafeBuffer buffer, final int offset, final int frameLength)
    {
        return crc(buffer, offset, frameLength) == buffer.getInt(offset + CRC_OFFSET);
    }
}
