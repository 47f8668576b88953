package io.ticklane.latency;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * Follows a {@code .hlog} file that another process is still writing, returning only the interval histograms
 * appended since the last {@link #poll()}; a partly written last line is left for the next poll. When the file is
 * replaced (a new run) or truncated, the tail starts again from the top and {@link #poll()} reports it.
 * <p>
 * Reads the HdrHistogram log format 1.3 as {@code HistogramLogWriter} writes it: {@code #[StartTime: ...]} and
 * {@code #[BaseTime: ...]} headers, an optional legend line, then one interval per line,
 * {@code [Tag=TAG,]start,length,max,base64}. Timestamps below one year are relative to the base time if given,
 * else to the start time, as HdrHistogram's own reader treats them. Returned histograms carry absolute start and
 * end timestamps in epoch ms and their tag (null when untagged). The untagged copy of the end-to-end stage that
 * {@link HistogramLogAgent} writes in each interval for HdrHistogram's tools is left out.
 * <p>
 * Not thread-safe: one reader thread.
 */
public final class HistogramLogTail
{
    private static final double ONE_YEAR_SEC = 365.25 * 24 * 3600;
    private static final int READ_CHUNK = 64 * 1024;
    private static final int HEAD_LENGTH = 512;

    private final Path path;
    private final ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
    private final StringBuilder partial = new StringBuilder();
    private final EndToEndCopy copies = new EndToEndCopy();
    private Object fileKey;
    private byte[] head = new byte[0];
    private long position;
    private double startTimeSec;
    private double baseTimeSec;
    private boolean hasBaseTime;
    private long badLines;
    private boolean firstLineSeen;
    private String problem;

    /**
     * @param path the {@code .hlog} file; it need not exist yet.
     */
    public HistogramLogTail(final Path path)
    {
        this.path = path;
    }

    /**
     * What one poll found.
     *
     * @param reset     true when the file was replaced or truncated since the last poll: earlier intervals belong
     *                  to another run.
     * @param intervals interval histograms appended since the last poll, in file order.
     */
    public record Result(boolean reset, List<Histogram> intervals)
    {
    }

    /**
     * Tells a histogram log from another file by its first line, which {@code HistogramLogWriter} always makes a
     * {@code #} comment or header, the {@code "StartTimestamp"} legend, or an interval histogram.
     *
     * @param path a file that should be a histogram log.
     * @return null when it may be one (also when it does not exist yet or is still empty), otherwise what is wrong,
     *         as a sentence starting with the path.
     * @throws IOException when it exists but cannot be read.
     */
    public static String formatProblem(final Path path) throws IOException
    {
        if (Files.isDirectory(path))
        {
            return path + " is a directory, not a histogram log";
        }
        if (!Files.exists(path))
        {
            return null;
        }
        try (java.io.BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                if (!line.isBlank())
                {
                    return notALogLine(path, line.trim());
                }
            }
            return null;
        }
    }

    private static String notALogLine(final Path path, final String firstLine)
    {
        if (firstLine.startsWith("#") || firstLine.startsWith("\"StartTimestamp\"") || null != decode(firstLine))
        {
            return null;
        }
        final String shown = firstLine.length() > 60 ? firstLine.substring(0, 60) + "..." : firstLine;
        return path + " is not a histogram log: its first line '" + shown + "' is neither a '#' header nor an " +
            "interval histogram (is it a CSV export or another file?)";
    }

    /**
     * @return why the file followed is not a histogram log (its first line says so), or null when it may be one;
     *         such a file yields no intervals.
     */
    public String problem()
    {
        return problem;
    }

    /**
     * @return what was appended since the last call; no intervals (and no exception) while the file is absent.
     * @throws IOException when the file exists but cannot be read.
     */
    public Result poll() throws IOException
    {
        final List<Histogram> intervals = new ArrayList<>();
        if (!Files.isRegularFile(path))
        {
            final boolean reset = null != fileKey;
            restart(null);
            return new Result(reset, intervals);
        }
        final Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        boolean reset = false;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            if (null == fileKey || !fileKey.equals(key) || channel.size() < position || !sameHead(channel))
            {
                reset = null != fileKey;
                restart(key);
            }
            channel.position(position);
            int read;
            while ((read = channel.read(chunk.clear())) > 0)
            {
                if (position < HEAD_LENGTH)
                {
                    rememberHead(read);
                }
                position += read;
                partial.append(new String(chunk.array(), 0, read, StandardCharsets.US_ASCII));
                drainLines(intervals);
            }
        }
        return new Result(reset, intervals);
    }

    // A file deleted and written again may get the same inode back: its first bytes (the start time) tell runs apart.
    private boolean sameHead(final FileChannel channel) throws IOException
    {
        if (head.length == 0)
        {
            return true;
        }
        final ByteBuffer now = ByteBuffer.allocate(head.length);
        while (now.hasRemaining() && channel.read(now, now.position()) > 0)
        {
            // read the whole head
        }
        return !now.hasRemaining() && java.util.Arrays.equals(now.array(), head);
    }

    private void rememberHead(final int read)
    {
        final int take = (int)Math.min(read, HEAD_LENGTH - position);
        final byte[] longer = java.util.Arrays.copyOf(head, head.length + take);
        System.arraycopy(chunk.array(), 0, longer, head.length, take);
        head = longer;
    }

    private void restart(final Object key)
    {
        fileKey = key;
        head = new byte[0];
        position = 0;
        partial.setLength(0);
        startTimeSec = 0;
        baseTimeSec = 0;
        hasBaseTime = false;
        firstLineSeen = false;
        problem = null;
        copies.reset();
    }

    private void drainLines(final List<Histogram> intervals)
    {
        int lineStart = 0;
        int newline;
        while ((newline = partial.indexOf("\n", lineStart)) >= 0)
        {
            final Histogram h = parseLine(partial.substring(lineStart, newline).trim());
            if (null != h && !copies.isCopy(h))
            {
                intervals.add(h);
            }
            lineStart = newline + 1;
        }
        partial.delete(0, lineStart);
    }

    private Histogram parseLine(final String line)
    {
        if (!firstLineSeen && !line.isEmpty())
        {
            firstLineSeen = true;
            problem = notALogLine(path, line);
        }
        if (line.isEmpty() || line.startsWith("\"StartTimestamp\"") || null != problem)
        {
            return null;
        }
        if (line.startsWith("#"))
        {
            parseHeader(line);
            return null;
        }
        final Interval interval = decode(line);
        if (null == interval)
        {
            badLines++;
            return null;
        }
        final Histogram h = interval.histogram();
        final double startSec = absolute(interval.startSec());
        h.setStartTimeStamp(Math.round(startSec * 1000));
        h.setEndTimeStamp(Math.round((startSec + interval.lengthSec()) * 1000));
        return h;
    }

    /** One interval line as written: its start (absolute, or relative to the base or start time) and length. */
    private record Interval(Histogram histogram, double startSec, double lengthSec)
    {
    }

    /**
     * @param line {@code [Tag=TAG,]start,length,max,base64}.
     * @return the interval, its histogram tagged, or null when the line is not one.
     */
    private static Interval decode(final String line)
    {
        try
        {
            String rest = line;
            String tag = null;
            if (rest.startsWith("Tag="))
            {
                final int comma = rest.indexOf(',');
                tag = rest.substring(4, comma);
                rest = rest.substring(comma + 1);
            }
            final String[] fields = rest.split(",");
            if (fields.length != 4)
            {
                return null;
            }
            final double startSec = Double.parseDouble(fields[0]);
            final double lengthSec = Double.parseDouble(fields[1]);
            Double.parseDouble(fields[2]);
            final byte[] bytes = Base64.getDecoder().decode(fields[3]);
            final Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            h.setTag(tag);
            return new Interval(h, startSec, lengthSec);
        }
        catch (final RuntimeException | DataFormatException ex)
        {
            return null;
        }
    }

    private void parseHeader(final String line)
    {
        if (line.startsWith("#[StartTime: "))
        {
            startTimeSec = leadingNumber(line.substring("#[StartTime: ".length()));
        }
        else if (line.startsWith("#[BaseTime: "))
        {
            baseTimeSec = leadingNumber(line.substring("#[BaseTime: ".length()));
            hasBaseTime = true;
        }
    }

    private static double leadingNumber(final String text)
    {
        int end = 0;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.'))
        {
            end++;
        }
        return end == 0 ? 0 : Double.parseDouble(text.substring(0, end));
    }

    private double absolute(final double timestampSec)
    {
        if (timestampSec >= ONE_YEAR_SEC)
        {
            return timestampSec;
        }
        return timestampSec + (hasBaseTime ? baseTimeSec : startTimeSec);
    }

    /**
     * @return the log's start time, epoch ms, once its header has been read; 0 before.
     */
    public long startTimeMs()
    {
        return Math.round(startTimeSec * 1000);
    }

    /**
     * @return interval lines that could not be decoded (corrupt or foreign), skipped.
     */
    public long badLines()
    {
        return badLines;
    }

    /**
     * @return the file followed.
     */
    public Path path()
    {
        return path;
    }
}
