package io.ticklane.engine.console;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which Host headers the console answers, for each way it can be bound.
 */
class AllowedHostsTest
{
    @Test
    void loopbackAnswersItsAddressAndLocalhostWithItsPortOnly() throws Exception
    {
        final AllowedHosts hosts = new AllowedHosts("127.0.0.1", InetAddress.getByName("127.0.0.1"), 8470);
        for (final String host : new String[]{"127.0.0.1:8470", "localhost:8470", "LocalHost:8470", " 127.0.0.1:8470 "})
        {
            assertTrue(hosts.allows(host), host);
        }
        for (final String host : new String[]{"evil.example", "evil.example:8470", "localhost", "127.0.0.1",
            "127.0.0.1:8471", "127.0.0.2:8470", "[::1]:8470", "localhost.evil.example:8470", "", ":8470"})
        {
            assertFalse(hosts.allows(host), host);
        }
        assertFalse(hosts.allows(null));
        assertEquals("127.0.0.1:8470 or localhost:8470", hosts.describe());
    }

    @Test
    void ipv6LoopbackAnswersEverySpellingOfItsAddress() throws Exception
    {
        final AllowedHosts hosts = new AllowedHosts("::1", InetAddress.getByName("::1"), 9000);
        assertTrue(hosts.allows("[::1]:9000"));
        assertTrue(hosts.allows("[0:0:0:0:0:0:0:1]:9000"));
        assertTrue(hosts.allows("localhost:9000"));
        assertFalse(hosts.allows("127.0.0.1:9000"));
    }

    @Test
    void everyAddressAnswersAnyIpLiteralButNoOtherName() throws Exception
    {
        final AllowedHosts hosts = new AllowedHosts("0.0.0.0", InetAddress.getByName("0.0.0.0"), 80);
        assertTrue(hosts.allows("10.1.2.3"), "port 80 may be left out");
        assertTrue(hosts.allows("10.1.2.3:80"));
        assertTrue(hosts.allows("[fe80::1]:80"));
        assertTrue(hosts.allows("localhost"));
        assertFalse(hosts.allows("tradinghost:80"), "a name could be rebound");
        assertFalse(hosts.allows("10.1.2.3:8080"));
    }

    @Test
    void aConfiguredNameIsAnsweredByThatName() throws Exception
    {
        final AllowedHosts hosts = new AllowedHosts("Console.Local", InetAddress.getByName("127.0.0.1"), 8470);
        assertTrue(hosts.allows("console.local:8470"));
        assertFalse(hosts.allows("other.local:8470"));
        assertEquals("127.0.0.1:8470 or localhost:8470 or console.local:8470", hosts.describe());
    }
}
