package io.ticklane.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts on one LAN, made of Linux network namespaces, for tests of multi-host deployments on one machine: each host
 * is a namespace whose {@code eth0} is one end of a veth pair; the other ends are ports of a Linux bridge that lives
 * in a "switch" namespace of its own, so nothing is added to, or sent through, the machine's own interfaces.
 * <pre>
 *   host namespace  ticklane-PID-NET-HOST    eth0 = SUBNET.N/24, lo up, route 224.0.0.0/4 dev eth0
 *        |  veth pair
 *   switch namespace ticklane-PID-NET-sw     pN -- br0 (multicast snooping off: every group floods to every port)
 * </pre>
 * Host N (1, 2, ...) gets address {@code SUBNET.N} in the order given. Processes run in a host with
 * {@code ip netns exec}, which {@code exec}s the command, so a {@link Process} is the command itself and its
 * signals ({@link Process#destroy()} is SIGTERM, {@link Process#destroyForcibly()} SIGKILL) reach it directly. The
 * file system, {@code /dev/shm} included, is shared between hosts: give each process its own files.
 * <p>
 * {@link #close()} kills the processes it started and deletes every namespace, also when the test failed; the
 * switch's veth ends go with them. Namespaces left by a run that was killed before it could close (a JVM whose pid
 * is in the name and no longer runs) are deleted by the next {@link #create}.
 * <p>
 * Creating namespaces needs {@code ip} (iproute2) and root (CAP_NET_ADMIN, and CAP_SYS_ADMIN for the mount of
 * {@code /run/netns}); {@link #unavailable()} tries and says why not, for a test to skip with that reason.
 * Not thread-safe: one test thread.
 */
public final class NamespaceNetwork implements AutoCloseable
{
    /** Every namespace of this fixture starts with this, then the creating JVM's pid. */
    public static final String PREFIX = "ticklane-";
    /** The host side of each veth pair. */
    public static final String HOST_DEVICE = "eth0";

    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-\\S+");
    private static final long IP_TIMEOUT_S = 20;
    private static final long KILL_TIMEOUT_S = 10;

    private final String ip;
    private final String switchNamespace;
    private final String subnet;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    private NamespaceNetwork(final String ip, final String name, final String subnet)
    {
        this.ip = ip;
        this.switchNamespace = PREFIX + ProcessHandle.current().pid() + "-" + name + "-sw";
        this.subnet = subnet;
    }

    /**
     * Tries to create a namespace with a bridge and a veth pair in it, and deletes it again.
     *
     * @return why namespaces cannot be used here (no {@code ip}, not permitted, ...); empty when they can.
     */
    public static Optional<String> unavailable()
    {
        final String ip = findIp();
        if (null == ip)
        {
            return Optional.of("no 'ip' command (iproute2) on PATH, /usr/sbin or /sbin");
        }
        final String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
        try
        {
            run(ip, "netns", "add", probe);
        }
        catch (final IllegalStateException ex)
        {
            return Optional.of("cannot create a network namespace (needs root: CAP_NET_ADMIN and CAP_SYS_ADMIN): " +
                ex.getMessage());
        }
        try
        {
            run(ip, "-n", probe, "link", "add", "br0", "type", "bridge");
            run(ip, "-n", probe, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
            return Optional.empty();
        }
        catch (final IllegalStateException ex)
        {
            return Optional.of("cannot make a bridge and a veth pair in a network namespace: " + ex.getMessage());
        }
        finally
        {
            deleteQuietly(ip, probe);
        }
    }

    /**
     * @param name   a short name of this network, unique in the test run (part of every namespace's name).
     * @param subnet the first three octets of the /24, e.g. {@code 10.77.0}.
     * @param hosts  host names; host N in this order gets {@code SUBNET.N}.
     * @return the network, up.
     * @throws IllegalStateException naming the {@code ip} command that failed and what it said; what was made is
     *                               deleted first.
     */
    public static NamespaceNetwork create(final String name, final String subnet, final String... hosts)
    {
        final String ip = findIp();
        if (null == ip)
        {
            throw new IllegalStateException("no 'ip' command (iproute2); check unavailable() first");
        }
        removeLeftovers(ip);
        final NamespaceNetwork network = new NamespaceNetwork(ip, name, subnet);
        try
        {
            network.build(hosts);
            return network;
        }
        catch (final RuntimeException ex)
        {
            network.close();
            throw ex;
        }
    }

    private void build(final String... hosts)
    {
        final String sw = switchNamespace;
        deleteQuietly(ip, sw);
        run(ip, "netns", "add", sw);
        run(ip, "-n", sw, "link", "set", "lo", "up");
        run(ip, "-n", sw, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
        run(ip, "-n", sw, "link", "set", "br0", "up");
        for (int i = 0; i < hosts.length; i++)
        {
            final String host = hosts[i];
            final String ns = sw.substring(0, sw.length() - "sw".length()) + host;
            final String address = subnet + "." + (i + 1);
            final String port = "p" + (i + 1);
            deleteQuietly(ip, ns);
            run(ip, "netns", "add", ns);
            namespaces.put(host, ns);
            addresses.put(host, address);
            run(ip, "-n", sw, "link", "add", port, "type", "veth", "peer", "name", HOST_DEVICE, "netns", ns);
            run(ip, "-n", sw, "link", "set", port, "master", "br0");
            run(ip, "-n", sw, "link", "set", port, "up");
            run(ip, "-n", ns, "link", "set", "lo", "up");
            run(ip, "-n", ns, "addr", "add", address + "/24", "dev", HOST_DEVICE);
            run(ip, "-n", ns, "link", "set", HOST_DEVICE, "up");
            run(ip, "-n", ns, "route", "add", "224.0.0.0/4", "dev", HOST_DEVICE);
        }
    }

    /**
     * @param host a host name given to {@link #create}.
     * @return its namespace's name.
     */
    public String namespace(final String host)
    {
        final String ns = namespaces.get(host);
        if (null == ns)
        {
            throw new IllegalArgumentException("no host '" + host + "' in this network; hosts: " + namespaces.keySet());
        }
        return ns;
    }

    /**
     * @param host a host name given to {@link #create}.
     * @return its IPv4 address on the LAN.
     */
    public String address(final String host)
    {
        namespace(host);
        return addresses.get(host);
    }

    /**
     * @return the LAN as {@code a.b.c.0/24} (the form Aeron's {@code interface=} accepts for "whichever of this
     * host's interfaces is on that subnet", so one channel string serves every host).
     */
    public String subnet()
    {
        return subnet + ".0/24";
    }

    /**
     * @param host    where to run.
     * @param command the command and its arguments.
     * @return the command prefixed to run in the host's namespace.
     */
    public List<String> command(final String host, final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace(host)));
        full.addAll(command);
        return full;
    }

    /**
     * Starts a process in a host, stdout and stderr together into a file; {@link #close()} kills it if it still runs.
     *
     * @param host    where to run.
     * @param command the command and its arguments.
     * @param output  file for its stdout and stderr (appended to, so a restarted process keeps its history).
     * @return the process.
     * @throws IOException when it cannot be started.
     */
    public Process start(final String host, final List<String> command, final Path output) throws IOException
    {
        final Process process = new ProcessBuilder(command(host, command)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        processes.add(process);
        return process;
    }

    /**
     * Kills what it started (SIGKILL, waiting for each) and deletes its namespaces. Idempotent.
     */
    public void close()
    {
        for (final Process process : processes)
        {
            process.destroyForcibly();
        }
        for (final Process process : processes)
        {
            try
            {
                process.waitFor(KILL_TIMEOUT_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (final String ns : namespaces.values())
        {
            deleteQuietly(ip, ns);
        }
        namespaces.clear();
        deleteQuietly(ip, switchNamespace);
    }

    /**
     * @return the names of this fixture's namespaces that exist now, of any run (for tests of the teardown).
     */
    public static List<String> existing()
    {
        final String ip = findIp();
        final List<String> ours = new ArrayList<>();
        if (null == ip)
        {
            return ours;
        }
        for (final String line : run(ip, "netns", "list").split("\n"))
        {
            final String name = line.trim().split("\\s+")[0];
            if (name.startsWith(PREFIX))
            {
                ours.add(name);
            }
        }
        return ours;
    }

    /**
     * Deletes namespaces of this fixture whose creating JVM no longer runs (a run that was killed). Those of a live
     * JVM, another build's test running now, are left alone.
     */
    private static void removeLeftovers(final String ip)
    {
        for (final String name : existing())
        {
            final Matcher matcher = OURS.matcher(name);
            if (matcher.matches())
            {
                final long pid = Long.parseLong(matcher.group(1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                {
                    continue;
                }
            }
            deleteQuietly(ip, name);
        }
    }

    private static void deleteQuietly(final String ip, final String ns)
    {
        try
        {
            if (Files.exists(Path.of("/var/run/netns", ns)) || Files.exists(Path.of("/run/netns", ns)))
            {
                run(ip, "netns", "del", ns);
            }
        }
        catch (final IllegalStateException ignore)
        {
            // deleting is best effort: the next create() tries again, and existing() shows what is left
        }
    }

    private static String findIp()
    {
        final List<String> dirs = new ArrayList<>();
        final String path = System.getenv("PATH");
        if (null != path)
        {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (final String dir : dirs)
        {
            final Path candidate = Path.of(dir.isEmpty() ? "." : dir, "ip");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate))
            {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * @return the command's output.
     * @throws IllegalStateException naming the command, its exit status and output, when it fails or hangs.
     */
    private static String run(final String... command)
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("'" + String.join(" ", command) + "' could not start: " + ex.getMessage());
        }
        try (InputStream in = process.getInputStream())
        {
            final String output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(IP_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' took over " + IP_TIMEOUT_S + "s");
            }
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException("'" + String.join(" ", command) + "' exited " + process.exitValue() +
                    ": " + output.trim());
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("'" + String.join(" ", command) + "': " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted during '" + String.join(" ", command) + "'");
        }
    }
}
