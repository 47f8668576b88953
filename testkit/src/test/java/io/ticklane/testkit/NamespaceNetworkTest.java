package io.ticklane.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The namespace LAN carries multicast from one host to another through its bridge, touches none of the machine's
 * own interfaces, and leaves no namespace behind: neither its own after close, nor one of a killed earlier run.
 * Skipped, with the reason, where namespaces cannot be created (not root, no iproute2).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NamespaceNetworkTest
{
    @TempDir
    Path dir;

    @BeforeAll
    static void namespacesCanBeCreated()
    {
        final Optional<String> why = NamespaceNetwork.unavailable();
        assumeTrue(why.isEmpty(), () -> "network namespace tests skipped: " + why.orElse(""));
    }

    private static String read(final Path file) throws IOException
    {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static List<String> java(final String... args)
    {
        final List<String> command = new java.util.ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"), "-Xmx32m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), MulticastProbe.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String rootInterfaces() throws IOException
    {
        return NetworkInterface.networkInterfaces().map(NetworkInterface::getName).sorted()
            .collect(Collectors.joining(","));
    }

    @Test
    void multicastFromOneHostReachesAnotherThroughTheBridgeAndNothingIsLeftBehind() throws Exception
    {
        final String before = rootInterfaces();
        final List<String> names;
        try (NamespaceNetwork network = NamespaceNetwork.create("probe", "10.77.9", "left", "right"))
        {
            assertEquals("10.77.9.1", network.address("left"));
            assertEquals("10.77.9.2", network.address("right"));
            assertEquals("10.77.9.0/24", network.subnet());
            assertEquals(before, rootInterfaces(), "the machine's own interfaces are untouched");
            names = NamespaceNetwork.existing();
            assertTrue(names.contains(network.namespace("left")) && names.contains(network.namespace("right")), names::toString);

            final Path received = dir.resolve("right.out");
            final Process receiver = network.start("right", java("receive", "224.0.31.99", "14999",
                network.address("right")), received);
            Await.until(() -> "the receiver to join: " + uncheckedRead(received), Duration.ofSeconds(30),
                () -> read(received).contains("ready") || !receiver.isAlive());
            network.start("left", java("send", "224.0.31.99", "14999", network.address("left"), "hello"),
                dir.resolve("left.out"));
            assertTrue(receiver.waitFor(30, TimeUnit.SECONDS), "no datagram arrived: " + read(received));
            assertTrue(read(received).contains("received hello from 10.77.9.1"), read(received));
        }
        final List<String> after = NamespaceNetwork.existing();
        for (final String name : names)
        {
            assertFalse(after.contains(name), "closed network's namespace " + name + " is gone: " + after);
        }
    }

    @Test
    void aKilledEarlierRunsNamespacesAreDeletedByTheNextCreate() throws Exception
    {
        final Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
            .redirectErrorStream(true).redirectOutput(dir.resolve("version.out").toFile()).start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        final String leftover = NamespaceNetwork.PREFIX + gone.pid() + "-old-host";
        final Process add = new ProcessBuilder("ip", "netns", "add", leftover).inheritIO().start();
        assertTrue(add.waitFor(20, TimeUnit.SECONDS) && add.exitValue() == 0, "made a leftover " + leftover);
        assertTrue(NamespaceNetwork.existing().contains(leftover));
        try (NamespaceNetwork network = NamespaceNetwork.create("next", "10.77.8", "only"))
        {
            assertFalse(NamespaceNetwork.existing().contains(leftover), "the dead run's namespace was deleted");
            assertTrue(NamespaceNetwork.existing().contains(network.namespace("only")));
        }
    }

    private static String uncheckedRead(final Path file)
    {
        try
        {
            return read(file);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }
}
