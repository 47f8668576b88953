package io.ticklane.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixturesTest
{
    @Test
    void recordedHostsAreDirectoriesOnTheFileSystem()
    {
        for (final String host : new String[]{"vm-2core", "isolated-16core"})
        {
            final Path root = Fixtures.host(host);
            assertTrue(Files.isRegularFile(root.resolve("proc/cmdline")), root.toString());
            assertTrue(Files.isRegularFile(root.resolve("sys/devices/system/cpu/online")), root.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> Fixtures.host("no-such-host"));
    }
}
