package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import java.nio.ByteBuffer;

import static io.ticklane.journal.JournalDescriptor.*;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The panic a process publishes in the shared metadata ({@link JournalMetadata#panic}) against a thread that polls
 * it as an engine does ({@link Journal#panicReason()}, then {@link Journal#panicPosition()}): whoever sees the reason
 * sees where and by whom.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "not panicked yet")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "panicked, with its position and pid")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "panicked, but the details not visible")
@State
public class PanicPublicationTest
{
    static final long POSITION = 123_456L;

    final JournalMetadata metadata =
        new JournalMetadata(new UnsafeBuffer(ByteBuffer.allocateDirect(METADATA_LENGTH)), false);

    @Actor
    public void panicker()
    {
        metadata.panic(PANIC_BROKEN_FRAME, POSITION);
    }

    @Actor
    public void poller(final JJ_Result r)
    {
        if (metadata.panicReason() == PANIC_NONE)
        {
            return;
        }
        r.r1 = 1;
        r.r2 = metadata.panicPosition() == POSITION && metadata.panicPid() == JournalMetadata.PID ? 1 : 0;
    }
}
