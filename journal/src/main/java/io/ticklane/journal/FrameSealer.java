package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;

import static io.ticklane.journal.JournalDescriptor.*;

/**
 * Seals abandoned claims as padding, so that readers never wedge on a writer that died between claiming space
 * and committing it. Every change is a CAS on a frame's first word, so two sealers, or a sealer and a late writer,
 * cannot both win: the frame ends up committed or padding, never both, and no committed frame is touched.
 * <p>
 * Two cases, both acted on only after the caller has seen the same word unchanged for the claim timeout:
 * <ul>
 *     <li>{@code (-L, CLAIM)}: the writer claimed and started writing; the extent is known: CAS to
 *     {@code (L, SEALED)}. The writer's commit CAS then fails and it reports the append as abandoned.</li>
 *     <li>{@code 0} (or a {@code FILL} left by a sealer that died) while the cursor is further on: the writer
 *     died between the get-and-add and its header CAS, so nothing of its claim was written and its length is
 *     unknown. The sealer takes the slot with a CAS to {@code FILL}, then walks the aligned slots after it,
 *     CASing each zero slot to {@code FILL} (which makes any late header CAS there fail) until it meets a slot it
 *     cannot fill, which is a real frame start: no body byte can precede its own header's CAS. It then CASes the
 *     first slot to {@code (q - p, SEALED)}. A region cut at a window or cursor bound is finished by the next
 *     seal from that point on.</li>
 * </ul>
 * Stateless; safe from any thread.
 */
final class FrameSealer
{
    private FrameSealer()
    {
    }

    /**
     * @param buffer window holding the frame.
     * @param offset frame offset in the window.
     * @param word   the {@code (-L, CLAIM)} word seen stuck.
     * @return true when this call sealed it.
     */
    static boolean sealClaim(final UnsafeBuffer buffer, final int offset, final long word)
    {
        final int frameLength = -frameLength(word);
        return frameLength >= HEADER_LENGTH &&
            buffer.compareAndSetLong(offset, word, headerWord(frameLength, TYPE_SEALED));
    }

    /**
     * @param buffer      window holding the slot.
     * @param offset      offset of the zero (or FILL) slot in the window.
     * @param limitOffset offset in the window the sealed region may not pass (cursor, segment or window end).
     * @return the sealed length, or 0 when the state changed under us (someone else is acting on it).
     */
    static int sealEmpty(final UnsafeBuffer buffer, final int offset, final int limitOffset)
    {
        if (limitOffset - offset < FRAME_ALIGNMENT)
        {
            return 0;
        }
        final long first = buffer.getLongVolatile(offset);
        if (first != FILL_WORD && (first != 0 || !buffer.compareAndSetLong(offset, 0, FILL_WORD)))
        {
            return 0;
        }
        int slot = offset + FRAME_ALIGNMENT;
        while (slot < limitOffset)
        {
            final long word = buffer.getLongVolatile(slot);
            if (word == 0)
            {
                if (!buffer.compareAndSetLong(slot, 0, FILL_WORD) && buffer.getLongVolatile(slot) != FILL_WORD)
                {
                    break;
                }
            }
            else if (word != FILL_WORD)
            {
                break;
            }
            slot += FRAME_ALIGNMENT;
        }
        final int length = slot - offset;
        return buffer.compareAndSetLong(offset, FILL_WORD, headerWord(length, TYPE_SEALED)) ? length : 0;
    }
}
