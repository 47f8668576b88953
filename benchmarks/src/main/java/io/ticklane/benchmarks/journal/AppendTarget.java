package io.ticklane.benchmarks.journal;

import io.ticklane.journal.Journal;
import io.ticklane.journal.JournalAppender;
import io.ticklane.journal.JournalClaim;
import io.ticklane.journal.JournalOptions;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One way of appending a record to a shared log, the journal and its baselines, each usable from several processes
 * at once on one directory. {@link #append()} writes one record of the configured payload size. One thread.
 */
interface AppendTarget extends AutoCloseable
{
    /** Names accepted by {@link #open}. */
    String[] NAMES = { "journal", "journal-claim", "fc-append", "fc-positional", "chronicle" };

    /**
     * @return false when the append failed.
     */
    boolean append();

    /**
     * @return why appends failed, e.g. "ABANDONED x 12; GROWTH_FAILED x 1 (last error: ...)", or "" when none did.
     */
    default String failureReasons()
    {
        return "";
    }

    void close() throws Exception;

    /**
     * @param name        one of {@link #NAMES}.
     * @param dir         shared directory of the run.
     * @param payloadSize bytes per record.
     * @return the opened target.
     */
    static AppendTarget open(final String name, final Path dir, final int payloadSize) throws IOException
    {
        Files.createDirectories(dir);
        switch (name)
        {
            case "journal":
                return new JournalTarget(dir, payloadSize, false);
            case "journal-claim":
                return new JournalTarget(dir, payloadSize, true);
            case "fc-append":
                return new FileChannelAppendTarget(dir, payloadSize);
            case "fc-positional":
                return new FileChannelPositionalTarget(dir, payloadSize);
            case "chronicle":
                return new ChronicleTarget(dir, payloadSize);
            default:
                throw new IllegalArgumentException("unknown target '" + name + "'; allowed: " + String.join(", ",
                    NAMES));
        }
    }

    static UnsafeBuffer payload(final int payloadSize)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(1, payloadSize)));
        for (int i = 0; i < payloadSize; i++)
        {
            buffer.putByte(i, (byte)i);
        }
        return buffer;
    }

    /**
     * The journal with its default geometry (16 MiB chunks, 1 GiB segments, housekeeper pre-faulting ahead),
     * through {@code append} (copy from a buffer) or {@code tryClaim} (write in place, then commit).
     */
    final class JournalTarget implements AppendTarget
    {
        private final Journal journal;
        private final JournalAppender appender;
        private final JournalClaim claim = new JournalClaim();
        private final UnsafeBuffer src;
        private final int payloadSize;
        private final boolean useClaim;
        private long sequence;

        JournalTarget(final Path dir, final int payloadSize, final boolean useClaim)
        {
            this.journal = Journal.open(new JournalOptions(dir.resolve("journal")));
            this.appender = journal.newAppender();
            this.src = payload(payloadSize);
            this.payloadSize = payloadSize;
            this.useClaim = useClaim;
        }

        public boolean append()
        {
            final long time = ++sequence;
            if (useClaim)
            {
                final long claimed = appender.tryClaim(1, time, payloadSize, claim);
                if (claimed < 0)
                {
                    return failed(claimed);
                }
                claim.buffer().putBytes(claim.offset(), src, 0, payloadSize);
                final long committed = claim.commit();
                return committed >= 0 || failed(committed);
            }
            final long appended = appender.append(1, time, src, 0, payloadSize);
            return appended >= 0 || failed(appended);
        }

        private boolean failed(final long code)
        {
            failuresByCode[(int)Math.min(-code, failuresByCode.length - 1)]++;
            return false;
        }

        public String failureReasons()
        {
            final String[] names = {"", "FULL", "GROWTH_FAILED", "ABANDONED", "PANICKED", "CLOSED", "TOO_LARGE",
                "NO_WINDOW", "CLAIM_OPEN", "other"};
            final StringBuilder sb = new StringBuilder();
            for (int i = 1; i < failuresByCode.length; i++)
            {
                if (failuresByCode[i] > 0)
                {
                    sb.append(sb.length() == 0 ? "" : "; ").append(names[i]).append(" x ").append(failuresByCode[i]);
                }
            }
            return sb.length() == 0 ? "" : sb + " (last error: " + journal.lastError() + ")";
        }

        public void close()
        {
            appender.close();
            journal.close();
        }

        private final long[] failuresByCode = new long[10];
    }

    /**
     * {@code write(2)} on a file opened with {@code O_APPEND}: the kernel serialises writers.
     */
    final class FileChannelAppendTarget implements AppendTarget
    {
        private final FileChannel channel;
        private final ByteBuffer src;

        FileChannelAppendTarget(final Path dir, final int payloadSize) throws IOException
        {
            channel = FileChannel.open(dir.resolve("append.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
            src = payload(payloadSize).byteBuffer().duplicate();
            src.limit(payloadSize);
        }

        public boolean append()
        {
            try
            {
                src.position(0);
                channel.write(src);
                return true;
            }
            catch (final IOException ex)
            {
                return false;
            }
        }

        public void close() throws IOException
        {
            channel.close();
        }
    }

    /**
     * {@code pwrite(2)} at a position claimed with get-and-add on a cursor shared through a mapped file: the
     * journal's claim, with a system call instead of a mapping for the copy.
     */
    final class FileChannelPositionalTarget implements AppendTarget
    {
        private final FileChannel channel;
        private final MappedByteBuffer cursorMapping;
        private final UnsafeBuffer cursor;
        private final ByteBuffer src;
        private final int payloadSize;

        FileChannelPositionalTarget(final Path dir, final int payloadSize) throws IOException
        {
            channel = FileChannel.open(dir.resolve("positional.log"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            try (RandomAccessFile file = new RandomAccessFile(dir.resolve("positional.cursor").toFile(), "rw"))
            {
                file.setLength(64);
                cursorMapping = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 64);
            }
            cursor = new UnsafeBuffer(cursorMapping, 0, 64);
            src = payload(payloadSize).byteBuffer().duplicate();
            src.limit(payloadSize);
            this.payloadSize = payloadSize;
        }

        public boolean append()
        {
            try
            {
                src.position(0);
                channel.write(src, cursor.getAndAddLong(0, payloadSize));
                return true;
            }
            catch (final IOException ex)
            {
                return false;
            }
        }

        public void close() throws IOException
        {
            channel.close();
            IoUtil.unmap(cursorMapping);
        }
    }

    /**
     * A Chronicle Queue appender writing one excerpt per record ({@code writeBytes}), several processes on one
     * queue directory.
     */
    final class ChronicleTarget implements AppendTarget
    {
        private final ChronicleQueue queue;
        private final ExcerptAppender appender;
        private final Bytes<?> src;

        ChronicleTarget(final Path dir, final int payloadSize)
        {
            queue = SingleChronicleQueueBuilder.single(dir.resolve("chronicle").toString()).build();
            appender = queue.createAppender();
            src = Bytes.allocateDirect(Math.max(1, payloadSize));
            for (int i = 0; i < payloadSize; i++)
            {
                src.writeByte((byte)i);
            }
        }

        public boolean append()
        {
            appender.writeBytes(src);
            return true;
        }

        public void close()
        {
            appender.close();
            queue.close();
            src.releaseLast();
        }
    }
}
