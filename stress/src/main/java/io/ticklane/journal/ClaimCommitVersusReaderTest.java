package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import java.nio.ByteBuffer;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The journal's claim, write and commit ({@link FrameProtocol}, as {@link JournalAppender} runs it) against a reader
 * that reads the frame as {@link JournalReader} does: a reader that sees the frame committed sees every byte of it,
 * and the CRC matches. Pairs the commit CAS (release) with the acquire load of the first word.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "nothing claimed yet: the reader is at the end of the log")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "claimed, not committed: the reader waits")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "committed: header, payload and CRC all visible")
@Outcome(id = "3", expect = FORBIDDEN, desc = "committed, but a header field, the payload or the CRC not visible")
@Outcome(id = "4", expect = FORBIDDEN, desc = "a first word the protocol never writes")
@State
public class ClaimCommitVersusReaderTest
{
    static final int FRAME_LENGTH = HEADER_LENGTH + 16;
    static final long PAYLOAD_0 = 0x1122_3344_5566_7788L;
    static final long PAYLOAD_1 = 0x99AA_BBCC_DDEE_FF00L;

    final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

    @Actor
    public void writer()
    {
        if (FrameProtocol.claim(buffer, 0, FRAME_LENGTH, 7, 42L, 1234))
        {
            buffer.putLong(HEADER_LENGTH, PAYLOAD_0);
            buffer.putLong(HEADER_LENGTH + 8, PAYLOAD_1);
            FrameProtocol.commit(buffer, 0, FRAME_LENGTH);
        }
    }

    @Actor
    public void reader(final I_Result r)
    {
        final long word = FrameProtocol.word(buffer, 0);
        if (word == 0)
        {
            r.r1 = 0;
        }
        else if (word == headerWord(-FRAME_LENGTH, TYPE_CLAIM))
        {
            r.r1 = 1;
        }
        else if (word == headerWord(FRAME_LENGTH, TYPE_DATA))
        {
            final boolean intact = buffer.getInt(RECORD_TYPE_OFFSET) == 7 &&
                buffer.getLong(TIMESTAMP_OFFSET) == 42L &&
                buffer.getInt(WRITER_PID_OFFSET) == 1234 &&
                buffer.getInt(FRAME_LENGTH_COPY_OFFSET) == FRAME_LENGTH &&
                buffer.getLong(HEADER_LENGTH) == PAYLOAD_0 &&
                buffer.getLong(HEADER_LENGTH + 8) == PAYLOAD_1 &&
                FrameProtocol.crcMatches(buffer, 0, FRAME_LENGTH);
            r.r1 = intact ? 2 : 3;
        }
        else
        {
            r.r1 = 4;
        }
    }
}
