package io.ticklane.engine.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The {@code Host} header values the console answers, always with the port it is bound to: the address it is bound
 * to (an IP literal, in any spelling), {@code localhost} when bound to loopback or to every address, the name given
 * in {@code console.bind}, and, when bound to every address, any IP literal. A page that a DNS-rebinding attack
 * loads from its own name sends that name as the Host, so it is refused; an IP literal cannot be rebound.
 * Immutable; any thread.
 */
final class AllowedHosts
{
    private static final String IPV4 = "\\d{1,3}(\\.\\d{1,3}){3}";
    private static final String IPV6 = "\\[[0-9a-f:.]+]";

    private final String configured;
    private final InetAddress bound;
    private final int port;

    /**
     * @param configured the bind address as configured (a literal or a name).
     * @param bound      the address actually bound.
     * @param port       the port actually bound.
     */
    AllowedHosts(final String configured, final InetAddress bound, final int port)
    {
        this.configured = configured.trim().toLowerCase(Locale.ROOT);
        this.bound = bound;
        this.port = port;
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
        final int colon = host.lastIndexOf(':');
        final String name;
        if (colon > host.lastIndexOf(']'))
        {
            if (!host.substring(colon + 1).equals(Integer.toString(port)))
            {
                return false;
            }
            name = host.substring(0, colon);
        }
        else
        {
            if (port != 80)
            {
                return false; // a browser leaves the port out only when it is 80
            }
            name = host;
        }
        if (name.equals(configured) || (name.equals("localhost") && (bound.isLoopbackAddress() ||
            bound.isAnyLocalAddress())))
        {
            return true;
        }
        return isLiteralOfThisConsole(name);
    }

    private boolean isLiteralOfThisConsole(final String name)
    {
        if (!name.matches(IPV4) && !name.matches(IPV6))
        {
            return false; // a name: never looked up
        }
        try
        {
            final InetAddress address = InetAddress.getByName(name); // a literal: parsed, not resolved
            return bound.isAnyLocalAddress() || address.equals(bound);
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /**
     * @return the forms answered, for the refusal message, e.g. {@code 127.0.0.1:8470 or localhost:8470}.
     */
    String describe()
    {
        final String address = bound.getHostAddress();
        final StringBuilder sb = new StringBuilder()
            .append(address.contains(":") ? "[" + address + "]" : address).append(':').append(port);
        if (bound.isLoopbackAddress() || bound.isAnyLocalAddress())
        {
            sb.append(" or localhost:").append(port);
        }
        if (!configured.equals(address) && !configured.equals("localhost"))
        {
            sb.append(" or ").append(configured).append(':').append(port);
        }
        if (bound.isAnyLocalAddress())
        {
            sb.append(" or any IP address of this host");
        }
        return sb.toString();
    }
}
