package io.ticklane.engine.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The ops console: a read-only local web server (the JDK's {@code com.sun.net.httpserver}) that serves one page and
 * two JSON resources, {@code /api/counters} and {@code /api/latency}, read from the engine's counters file and
 * {@code .hlog} file. Everything the page needs is embedded in this jar, so it works offline, and the Content
 * Security Policy forbids loading anything from elsewhere. Only GET and HEAD are answered.
 * <p>
 * Requests are served one at a time on a single daemon thread, which is the only user of the views. Start and stop
 * from one controlling thread.
 */
public final class ConsoleServer implements AutoCloseable
{
    private static final String ASSETS = "/io/ticklane/engine/console/";
    private static final Map<String, String> PAGES = Map.of(
        "/", "index.html",
        "/index.html", "index.html",
        "/console.js", "console.js",
        "/console.css", "console.css");
    private static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; " +
        "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountersView counters;
    private final LatencyView latency;

    private ConsoleServer(
        final HttpServer server, final ExecutorService executor, final CountersView counters, final LatencyView latency)
    {
        this.server = server;
        this.executor = executor;
        this.counters = counters;
        this.latency = latency;
    }

    /**
     * @param bindAddress  address to listen on (loopback unless deliberately opened).
     * @param port         port, 0 for any free one.
     * @param countersPath the engine's counters file (need not exist yet).
     * @param hlogPath     the engine's histogram log (need not exist yet).
     * @param windowNs     how much recent log time the live plot covers.
     * @return the started server.
     * @throws UncheckedIOException when the address cannot be bound.
     */
    public static ConsoleServer start(
        final String bindAddress, final int port, final Path countersPath, final Path hlogPath, final long windowNs)
    {
        final HttpServer server;
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port + ": " + ex.getMessage(), ex);
        }
        final ExecutorService executor = Executors.newSingleThreadExecutor(r ->
        {
            final Thread thread = new Thread(r, "ticklane-console");
            thread.setDaemon(true);
            return thread;
        });
        final ConsoleServer console = new ConsoleServer(
            server, executor, new CountersView(countersPath), new LatencyView(hlogPath, windowNs));
        server.createContext("/", console::handle);
        server.setExecutor(executor);
        server.start();
        return console;
    }

    /**
     * @return the URL of the page, e.g. {@code http://127.0.0.1:8470/}.
     */
    public URI uri()
    {
        final InetSocketAddress address = server.getAddress();
        final String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method))
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "read-only console: GET and HEAD only\n");
                return;
            }
            final String path = exchange.getRequestURI().getPath();
            switch (path)
            {
                case "/api/counters":
                    send(exchange, 200, "application/json", counters.json());
                    return;
                case "/api/latency":
                    send(exchange, 200, "application/json", latency.json());
                    return;
                default:
                    final String asset = PAGES.get(path);
                    if (null == asset)
                    {
                        send(exchange, 404, "text/plain", "not found: " + path + "\n");
                    }
                    else
                    {
                        send(exchange, 200, contentType(asset), asset(asset));
                    }
            }
        }
        catch (final RuntimeException ex)
        {
            send(exchange, 500, "text/plain", "console error: " + ex + "\n");
        }
    }

    private static String contentType(final String asset)
    {
        if (asset.endsWith(".js"))
        {
            return "text/javascript";
        }
        return asset.endsWith(".css") ? "text/css" : "text/html";
    }

    private static String asset(final String name) throws IOException
    {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(ASSETS + name))
        {
            if (null == in)
            {
                throw new IOException("console asset missing from the jar: " + ASSETS + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(final HttpExchange exchange, final int status, final String type, final String body)
        throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head)
        {
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    /**
     * Stops listening, waits up to a second for a request in progress, and releases the files.
     */
    public void close()
    {
        server.stop(0);
        executor.shutdown();
        try
        {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        counters.close();
    }
}
