package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.nio.ByteBuffer;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The journal's claim, write and commit against a sealer acting at any moment ({@link FrameSealer}, as readers and
 * the housekeeper run it after the claim timeout; here with no timeout at all, the worst case): the frame ends up
 * committed or padding, never both, and the writer learns which. r1: writer (1 committed, 2 lost at the claim, 3
 * lost at the commit); r2: sealer (0 nothing to seal, 1 sealed the claim, 2 sealed the empty slot); r3: the first
 * word at the end (1 DATA, 2 SEALED, 0 anything else).
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "committed before the sealer looked")
@Outcome(id = "3, 1, 2", expect = ACCEPTABLE, desc = "claim sealed: the late commit fails, the writer retries")
@Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "empty slot sealed: the claim fails, nothing written")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "committed and sealed")
@Outcome(id = "1, 2, .*", expect = FORBIDDEN, desc = "committed over a sealed slot")
@Outcome(id = ".*, .*, 1", expect = FORBIDDEN, desc = "data, but the writer did not commit or a seal succeeded")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "any other outcome")
@State
public class ClaimCommitVersusSealTest
{
    static final int FRAME_LENGTH = HEADER_LENGTH + 16;

    final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

    @Actor
    public void writer(final III_Result r)
    {
        if (!FrameProtocol.claim(buffer, 0, FRAME_LENGTH, 7, 42L, 1234))
        {
            r.r1 = 2;
            return;
        }
        buffer.putLong(HEADER_LENGTH, 1L);
        buffer.putLong(HEADER_LENGTH + 8, 2L);
        r.r1 = FrameProtocol.commit(buffer, 0, FRAME_LENGTH) ? 1 : 3;
    }

    @Actor
    public void sealer(final III_Result r)
    {
        final long word = FrameProtocol.word(buffer, 0);
        if (frameLength(word) < 0)
        {
            r.r2 = FrameSealer.sealClaim(buffer, 0, word) ? 1 : 0;
        }
        else if (word == 0)
        {
            r.r2 = FrameSealer.sealEmpty(buffer, 0, 64) > 0 ? 2 : 0;
        }
        else
        {
            r.r2 = 0;
        }
    }

    @Arbiter
    public void result(final III_Result r)
    {
        final int type = frameType(buffer.getLongVolatile(0));
        r.r3 = type == TYPE_DATA ? 1 : type == TYPE_SEALED ? 2 : 0;
    }
}
