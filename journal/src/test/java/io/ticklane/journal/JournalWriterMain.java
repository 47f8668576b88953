package io.ticklane.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A writer process for the multi-process tests: appends {@code count} records (or forever when count is 0) of
 * writer {@code id} with payload lengths in {@code [minLength, min(maxLength, 3000)]}, every 50th record
 * {@code maxLength} long when that is more (larger than a chunk: positional write), half through {@code tryClaim}
 * with the payload filled byte by byte inside the claim (so a SIGKILL often lands mid-claim), and publishes how many
 * records it has committed in an 8-byte progress file after each one.
 * <p>
 * Arguments: dir id count minLength maxLength progressFile chunkSize segmentSize claimTimeoutMs.
 */
public final class JournalWriterMain
{
    private static final int SMALL_MAX = 3000;

    private JournalWriterMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final int id = Integer.parseInt(args[1]);
        final long count = Long.parseLong(args[2]);
        final int minLength = Integer.parseInt(args[3]);
        final int maxLength = Integer.parseInt(args[4]);
        final Path progressFile = Path.of(args[5]);
        final JournalOptions options = new JournalOptions(dir)
            .chunkSize(Integer.parseInt(args[6]))
            .segmentSize(Long.parseLong(args[7]))
            .indexStride(4096)
            .mappedWindows(8)
            .claimTimeoutNs(Long.parseLong(args[8]) * 1_000_000L);
        final UnsafeBuffer progress;
        try (RandomAccessFile file = new RandomAccessFile(progressFile.toFile(), "rw"))
        {
            file.setLength(Long.BYTES);
            final MappedByteBuffer mapped = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
            progress = new UnsafeBuffer(mapped, 0, Long.BYTES);
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Journal journal = Journal.open(options))
        {
            System.out.println(journal.created() ? "CREATED" : "ATTACHED");
            System.out.flush();
            final JournalAppender appender = journal.newAppender();
            final JournalClaim claim = new JournalClaim();
            final UnsafeBuffer src = new UnsafeBuffer(ByteBuffer.allocateDirect(maxLength + 64));
            for (long sequence = 0; count == 0 || sequence < count; )
            {
                final int length = maxLength > SMALL_MAX && sequence % 50 == 49 ? maxLength :
                    random.nextInt(minLength, Math.min(maxLength, SMALL_MAX) + 1);
                final long position;
                if ((sequence & 1) == 0 && JournalDescriptor.alignedFrameLength(length) <= journal.chunkSize())
                {
                    position = appender.tryClaim(id, System.nanoTime(), length, claim);
                    if (position >= 0)
                    {
                        JournalTestSupport.fill(claim.buffer(), claim.offset(), length, id, sequence);
                        final long committed = claim.commit();
                        if (committed < 0)
                        {
                            continue;
                        }
                    }
                }
                else
                {
                    JournalTestSupport.fill(src, 0, length, id, sequence);
                    position = appender.append(id, System.nanoTime(), src, 0, length);
                }
                if (position == JournalAppender.ABANDONED)
                {
                    continue;
                }
                if (position < 0)
                {
                    System.err.println("writer " + id + " append failed: " + position + " " + journal.lastError() +
                        (journal.panicReason() == 0 ? "" : " panic reason " + journal.panicReason() + " at " +
                        journal.panicPosition() + " by pid " + journal.panicPid() + " (this pid " +
                        ProcessHandle.current().pid() + ")"));
                    System.exit(3);
                }
                sequence++;
                progress.putLongRelease(0, sequence);
            }
        }
    }
}
