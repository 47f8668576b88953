package io.ticklane.engine.console;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} header values the console answers: the address it is bound to with its port, {@code localhost}
 * when bound to loopback or to every address, the name given in {@code console.bind}, and, when bound to every
 * address, any IP address literal. A page that a DNS-rebinding attack loads from its own name sends that name as the
 * Host, so it is refused; an IP literal cannot be rebound. Immutable; any thread.
 */
final class AllowedHosts
{
    private final Set<String> hosts = new HashSet<>();
    private final boolean anyIpLiteral;
    private final int port;

    /**
     * @param configured the bind address as configured (a literal or a name).
     * @param bound      the address actually bound.
     * @param port       the port actually bound.
     */
    AllowedHosts(final String configured, final InetAddress bound, final int port)
    {
        this.port = port;
        anyIpLiteral = bound.isAnyLocalAddress();
        add(literal(bound));
        add(configured.toLowerCase(Locale.ROOT));
        if (bound.isLoopbackAddress() || bound.isAnyLocalAddress())
        {
            add("localhost");
        }
    }

    private void add(final String host)
    {
        hosts.add(host + ":" + port);
        if (port == 80)
        {
            hosts.add(host);
        }
    }

    private static String literal(final InetAddress address)
    {
        final String text = address.getHostAddress().toLowerCase(Locale.ROOT);
        final int zone = text.indexOf('%');
        final String bare = zone < 0 ? text : text.substring(0, zone);
        return address instanceof Inet6Address ? "[" + bare + "]" : bare;
    }

    /**
     * @param hostHeader the request's {@code Host} header value; null when absent.
     * @return true when the request is addressed to this console.
     */
    boolean allows(final String hostHeader)
    {
        if (null == hostHeader)
        {
            return false;
        }
        final String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (hosts.contains(host))
        {
            return true;
        }
        return anyIpLiteral && isIpLiteralWithPort(host);
    }

    private boolean isIpLiteralWithPort(final String host)
    {
        final String suffix = ":" + port;
        final String name = host.endsWith(suffix) ? host.substring(0, host.length() - suffix.length()) :
            (port == 80 ? host : null);
        if (null == name || name.isEmpty())
        {
            return false;
        }
        if (name.startsWith("[") && name.endsWith("]"))
        {
            return name.substring(1, name.length() - 1).matches("[0-9a-f:.]+");
        }
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /**
     * @return the forms answered, for the refusal message, e.g. {@code 127.0.0.1:8470 or localhost:8470}.
     */
    String describe()
    {
        return String.join(" or ", new java.util.TreeSet<>(hosts)) + (anyIpLiteral ? " or any IP address" : "");
    }
}
