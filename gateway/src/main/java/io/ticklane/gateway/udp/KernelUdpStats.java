package io.ticklane.gateway.udp;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux says about UDP sockets, from {@code /proc}: a socket's drop count ({@code /proc/net/udp}, the
 * {@code drops} column of the row whose inode is the socket's), the host's receive-buffer errors
 * ({@code /proc/net/snmp}, {@code Udp: RcvbufErrors}) and the largest receive buffer a socket may ask for
 * ({@code /proc/sys/net/core/rmem_max}). Reading allocates; call it from a timer, never per packet. Where the
 * files do not exist (not Linux) the answers are -1.
 * <p>
 * Threading: stateless apart from the paths; any thread.
 */
public final class KernelUdpStats
{
    /** An answer the host does not give. */
    public static final long UNKNOWN = -1;

    private final Path procNetUdp;
    private final Path procNetSnmp;
    private final Path rmemMax;

    /**
     * @param procRoot {@code /proc}, or a directory with the same files (tests use recorded ones).
     */
    public KernelUdpStats(final Path procRoot)
    {
        this.procNetUdp = procRoot.resolve("net/udp");
        this.procNetSnmp = procRoot.resolve("net/snmp");
        this.rmemMax = procRoot.resolve("sys/net/core/rmem_max");
    }

    /**
     * @return the stats of this host.
     */
    public static KernelUdpStats host()
    {
        return new KernelUdpStats(Path.of("/proc"));
    }

    /**
     * @param inode a socket inode.
     * @return its drops, or {@link #UNKNOWN}.
     */
    public long drops(final long inode)
    {
        if (inode < 0)
        {
            return UNKNOWN;
        }
        final List<String> lines = lines(procNetUdp);
        if (lines.isEmpty())
        {
            return UNKNOWN;
        }
        final String[] header = lines.get(0).trim().split("\\s+");
        int inodeColumn = -1;
        int dropsColumn = -1;
        for (int i = 0; i < header.length; i++)
        {
            inodeColumn = "inode".equals(header[i]) ? i : inodeColumn;
            dropsColumn = "drops".equals(header[i]) ? i : dropsColumn;
        }
        if (inodeColumn < 0 || dropsColumn < 0)
        {
            return UNKNOWN;
        }
        // The header names "tx_queue rx_queue" and "tr tm->when" as four columns that are two in the rows.
        final int shift = 2;
        final String wanted = Long.toString(inode);
        for (int i = 1; i < lines.size(); i++)
        {
            final String[] row = lines.get(i).trim().split("\\s+");
            if (row.length > dropsColumn - shift && wanted.equals(row[inodeColumn - shift]))
            {
                return parse(row[dropsColumn - shift]);
            }
        }
        return UNKNOWN;
    }

    /**
     * @return the host's {@code Udp: RcvbufErrors} (datagrams dropped for a full receive buffer, every socket).
     */
    public long hostReceiveBufferErrors()
    {
        final List<String> lines = lines(procNetSnmp);
        for (int i = 0; i + 1 < lines.size(); i++)
        {
            if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:"))
            {
                final String[] names = lines.get(i).trim().split("\\s+");
                final String[] values = lines.get(i + 1).trim().split("\\s+");
                for (int c = 1; c < names.length && c < values.length; c++)
                {
                    if ("RcvbufErrors".equals(names[c]))
                    {
                        return parse(values[c]);
                    }
                }
            }
        }
        return UNKNOWN;
    }

    /**
     * @return {@code net.core.rmem_max}, or {@link #UNKNOWN}.
     */
    public long receiveBufferMax()
    {
        final List<String> lines = lines(rmemMax);
        return lines.isEmpty() ? UNKNOWN : parse(lines.get(0).trim());
    }

    /**
     * @param channel an open channel.
     * @return the inode of its socket ({@code /proc/self/fd/N -> socket:[inode]}), or {@link #UNKNOWN} when the
     *         file descriptor cannot be found (it needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}, as
     *         every launcher of the project passes).
     */
    public static long socketInode(final DatagramChannel channel)
    {
        try
        {
            final Field fdVal = channel.getClass().getDeclaredField("fdVal");
            fdVal.setAccessible(true);
            final int fd = fdVal.getInt(channel);
            final String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            if (link.startsWith("socket:[") && link.endsWith("]"))
            {
                return Long.parseLong(link.substring(8, link.length() - 1));
            }
            return UNKNOWN;
        }
        catch (final ReflectiveOperationException | RuntimeException | IOException ex)
        {
            return UNKNOWN;
        }
    }

    private static List<String> lines(final Path path)
    {
        try
        {
            return Files.readAllLines(path, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }

    private static long parse(final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return UNKNOWN;
        }
    }
}
