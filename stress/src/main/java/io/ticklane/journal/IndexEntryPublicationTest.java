package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import java.nio.ByteBuffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * An index entry, published by a writer after its commit ({@link JournalIndex#publishEntry}), against a seek that
 * reads it ({@link JournalIndex#entryPosition}, then the timestamp): a seek that sees the position sees its timestamp.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "entry not published yet")
@Outcome(id = "4097, 777", expect = ACCEPTABLE, desc = "position and timestamp")
@Outcome(id = "4097, 0", expect = FORBIDDEN, desc = "position without its timestamp: seekTime would be wrong")
@State
public class IndexEntryPublicationTest
{
    final UnsafeBuffer index = new UnsafeBuffer(ByteBuffer.allocateDirect(16));

    @Actor
    public void writer()
    {
        JournalIndex.publishEntry(index, 0, 4096, 777L);
    }

    @Actor
    public void seeker(final JJ_Result r)
    {
        final long value = JournalIndex.entryPosition(index, 0);
        r.r1 = value;
        r.r2 = value == 0 ? 0 : index.getLong(8);
    }
}
