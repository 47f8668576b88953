package io.ticklane.journal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: whatever sequence of appends (payloads from 0 bytes to several chunks, so frames straddle chunk ends,
 * large frames go by positional write and segments roll), a reader from 0 gets exactly those frames back, in
 * order, byte for byte, with their record types and timestamps, and verify finds nothing wrong.
 */
class JournalRoundTripTest
{
    @Provide
    Arbitrary<List<Integer>> lengths()
    {
        final Arbitrary<Integer> small = Arbitraries.integers().between(0, 300);
        final Arbitrary<Integer> medium = Arbitraries.integers().between(300, JournalTestSupport.SMALL_CHUNK);
        final Arbitrary<Integer> large = Arbitraries.integers().between(
            JournalTestSupport.SMALL_CHUNK, 3 * JournalTestSupport.SMALL_CHUNK);
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, small), net.jqwik.api.Tuple.of(4, medium), net.jqwik.api.Tuple.of(1, large))
            .list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 60)
    void appendedFramesReadBackExactly(@ForAll("lengths") final List<Integer> lengths,
        @ForAll final boolean useClaim) throws Exception
    {
        final Path dir = Files.createTempDirectory("journal-prop");
        try (Journal journal = Journal.open(JournalTestSupport.small(dir)))
        {
            final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * JournalTestSupport.SMALL_CHUNK));
            final JournalAppender appender = journal.newAppender();
            final JournalClaim claim = new JournalClaim();
            final List<Long> positions = new ArrayList<>();
            for (int i = 0; i < lengths.size(); i++)
            {
                final int length = lengths.get(i);
                final long position;
                if (useClaim && JournalDescriptor.alignedFrameLength(length) <= journal.chunkSize())
                {
                    position = appender.tryClaim(i % 7, 1000L + i, length, claim);
                    assertTrue(position >= 0, "tryClaim " + position);
                    JournalTestSupport.fill(claim.buffer(), claim.offset(), length, 1, i);
                    assertEquals(position, claim.commit());
                }
                else
                {
                    JournalTestSupport.fill(src, 0, length, 1, i);
                    position = appender.append(i % 7, 1000L + i, src, 0, length);
                }
                assertTrue(position >= 0, "append " + i + " of " + length + " bytes returned " + position);
                if (!positions.isEmpty())
                {
                    assertTrue(position > positions.get(positions.size() - 1));
                }
                positions.add(position);
            }
            appender.close();

            final int[] seen = { 0 };
            try (JournalReader reader = journal.newReader(0))
            {
                JournalTestSupport.pollUntil(reader, (type, time, buffer, offset, length, position) ->
                {
                    final int i = seen[0]++;
                    assertEquals(positions.get(i), position, "position of frame " + i);
                    assertEquals(lengths.get(i), length, "length of frame " + i);
                    assertEquals(i % 7, type);
                    assertEquals(1000L + i, time);
                    assertTrue(JournalTestSupport.matches(buffer, offset, length, 1, i), "payload of frame " + i);
                }, 10_000_000_000L, () -> seen[0] >= lengths.size());
                assertEquals(lengths.size(), seen[0]);
                assertEquals(0, reader.corruptFrames());
                assertEquals(0, reader.poll((t, ts, b, o, l, p) -> { }, 16));
            }
            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            assertTrue(report.ok(), report.problems().toString());
            assertEquals(lengths.size(), report.dataFrames());
            for (int i = 0; i < positions.size(); i++)
            {
                assertEquals((long)positions.get(i), journal.seekPosition(positions.get(i)));
            }
        }
        finally
        {
            JournalTestSupport.deleteRecursively(dir);
        }
    }
}
