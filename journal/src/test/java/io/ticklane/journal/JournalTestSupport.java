package io.ticklane.journal;

import io.ticklane.testkit.Await;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Shared helpers: small-geometry options (so chunk straddles, large frames and segment rolls happen in small
 * tests), a deterministic payload pattern a reader can check, and recursive delete.
 */
final class JournalTestSupport
{
    static final int SMALL_CHUNK = 64 << 10;
    static final long SMALL_SEGMENT = 256 << 10;

    private JournalTestSupport()
    {
    }

    static JournalOptions small(final Path dir)
    {
        return new JournalOptions(dir)
            .chunkSize(SMALL_CHUNK)
            .segmentSize(SMALL_SEGMENT)
            .indexStride(4096)
            .mappedWindows(8)
            .claimTimeoutNs(200_000_000L)
            .housekeeper(false);
    }

    /**
     * Payload of record {@code sequence} of {@code writer}: an 8-byte header (writer, sequence) then a pattern, so
     * that any misplaced or torn byte is visible.
     */
    static void fill(final MutableDirectBuffer buffer, final int offset, final int length, final int writer,
        final long sequence)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, patternByte(writer, sequence, i));
        }
        if (length >= 12)
        {
            buffer.putInt(offset, writer);
            buffer.putLong(offset + 4, sequence);
        }
    }

    static byte patternByte(final int writer, final long sequence, final int index)
    {
        return (byte)(writer * 31 + sequence * 17 + index * 7 + (index >>> 8));
    }

    static boolean matches(final DirectBuffer buffer, final int offset, final int length, final int writer,
        final long sequence)
    {
        for (int i = length >= 12 ? 12 : 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != patternByte(writer, sequence, i))
            {
                return false;
            }
        }
        return length < 12 || (buffer.getInt(offset) == writer && buffer.getLong(offset + 4) == sequence);
    }

    static void deleteRecursively(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        final List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (final Path path : paths)
        {
            Files.deleteIfExists(path);
        }
    }

    /**
     * Waits until {@code done} holds, checking every millisecond, at most {@code timeoutNs}.
     *
     * @return whether it holds; the caller asserts, with its own message.
     */
    static boolean awaitTrue(final long timeoutNs, final BooleanSupplier done)
    {
        return Await.within(Duration.ofNanos(timeoutNs), done::getAsBoolean);
    }

    /**
     * Polls the reader into the handler until {@code done} holds (checked before and after every poll), at most
     * {@code timeoutNs}.
     *
     * @return whether it holds; the caller asserts, with its own message.
     */
    static boolean pollUntil(final JournalReader reader, final FrameHandler handler, final long timeoutNs,
        final BooleanSupplier done)
    {
        return Await.within(Duration.ofNanos(timeoutNs), () ->
        {
            if (done.getAsBoolean())
            {
                return true;
            }
            reader.poll(handler, 1024);
            return done.getAsBoolean();
        });
    }

    /**
     * Reads until the reader has nothing more, or the deadline passes.
     */
    static long drain(final JournalReader reader, final FrameHandler handler, final long deadlineNs)
    {
        long frames = 0;
        while (System.nanoTime() - deadlineNs < 0)
        {
            final int read = reader.poll(handler, 1024);
            frames += read;
            if (read == 0)
            {
                return frames;
            }
        }
        return frames;
    }
}
