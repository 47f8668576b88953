package io.ticklane.engine.console;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The ops console: a small read-only HTTP/1.1 server that serves one page and two JSON resources,
 * {@code /api/counters} and {@code /api/latency}, read from the engine's counters file and {@code .hlog} file.
 * Everything the page needs is embedded in this jar, so it works offline, and the Content Security Policy forbids
 * loading anything from elsewhere. Only GET and HEAD are answered, one request per connection.
 * <p>
 * No client can hold it up: connections are served by a bounded pool ({@link Limits#maxConnections()}, with as many
 * more waiting), the request head must arrive within {@link Limits#requestTimeoutMs()}, and a connection still open
 * {@link Limits#responseDeadlineMs()} after its service began is closed. Connections beyond the pool and its queue
 * are answered 503 at once. A request whose {@code Host} is not this console's address ({@link AllowedHosts}) is
 * refused with 403, so a page served from another name (DNS rebinding) cannot read the counters. Each refusal is
 * counted, and the first one per Host is logged.
 * <p>
 * Start and stop from one controlling thread; requests are served on the pool's daemon threads, which share the
 * views under a lock.
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
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 400, "Bad Request", 403, "Forbidden",
        404, "Not Found", 405, "Method Not Allowed", 408, "Request Timeout", 413, "Content Too Large",
        431, "Request Header Fields Too Large", 500, "Internal Server Error", 503, "Service Unavailable");
    private static final long MAX_DISCARDED_BODY_BYTES = 64 * 1024;
    private static final int LOGGED_HOSTS = 10;

    /**
     * How much the console lets its clients take.
     *
     * @param maxConnections     connections served at once; as many more may wait for a worker.
     * @param requestTimeoutMs   most time for a request head to arrive, from the start of its service.
     * @param responseDeadlineMs most time a connection stays open from the start of its service.
     */
    public record Limits(int maxConnections, long requestTimeoutMs, long responseDeadlineMs)
    {
        /** What {@code engine console} uses. */
        public static final Limits DEFAULT = new Limits(8, 2_000, 5_000);
    }

    private final ServerSocket listener;
    private final Limits limits;
    private final AllowedHosts allowedHosts;
    private final Consumer<String> log;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Thread acceptor;
    private final CountersView counters;
    private final LatencyView latency;
    private final Object viewLock = new Object();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<String> loggedHosts = ConcurrentHashMap.newKeySet();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong refusedHost = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong refusedBusy = new AtomicLong();
    private volatile boolean closed;

    private ConsoleServer(
        final ServerSocket listener,
        final String configuredBind,
        final Limits limits,
        final Consumer<String> log,
        final CountersView counters,
        final LatencyView latency)
    {
        this.listener = listener;
        this.limits = limits;
        this.log = log;
        this.counters = counters;
        this.latency = latency;
        allowedHosts = new AllowedHosts(configuredBind, listener.getInetAddress(), listener.getLocalPort());
        workers = new ThreadPoolExecutor(limits.maxConnections(), limits.maxConnections(), 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(limits.maxConnections()), daemon("ticklane-console-"));
        deadlines = new ScheduledThreadPoolExecutor(1, daemon("ticklane-console-deadline-"));
        deadlines.setRemoveOnCancelPolicy(true);
        acceptor = new Thread(this::accept, "ticklane-console-accept");
        acceptor.setDaemon(true);
    }

    private static ThreadFactory daemon(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return r ->
        {
            final Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Starts with {@link Limits#DEFAULT} and no log.
     *
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
        return start(bindAddress, port, countersPath, hlogPath, windowNs, Limits.DEFAULT, message -> { });
    }

    /**
     * @param bindAddress  address to listen on (loopback unless deliberately opened).
     * @param port         port, 0 for any free one.
     * @param countersPath the engine's counters file (need not exist yet).
     * @param hlogPath     the engine's histogram log (need not exist yet).
     * @param windowNs     how much recent log time the live plot covers.
     * @param limits       what clients may take.
     * @param log          where refusals are reported (the first per Host), from a worker thread.
     * @return the started server.
     * @throws UncheckedIOException when the address cannot be bound.
     */
    public static ConsoleServer start(
        final String bindAddress,
        final int port,
        final Path countersPath,
        final Path hlogPath,
        final long windowNs,
        final Limits limits,
        final Consumer<String> log)
    {
        final ServerSocket listener;
        try
        {
            listener = new ServerSocket();
            try
            {
                listener.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 64);
            }
            catch (final IOException ex)
            {
                listener.close();
                throw ex;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port + ": " + ex.getMessage(), ex);
        }
        final ConsoleServer console = new ConsoleServer(listener, bindAddress, limits, log,
            new CountersView(countersPath), new LatencyView(hlogPath, windowNs));
        console.acceptor.start();
        return console;
    }

    /**
     * @return the URL of the page, e.g. {@code http://127.0.0.1:8470/}.
     */
    public URI uri()
    {
        final String host = listener.getInetAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" +
            listener.getLocalPort() + "/");
    }

    /**
     * @return requests answered with a page or a resource (2xx).
     */
    public long served()
    {
        return served.get();
    }

    /**
     * @return requests refused because their {@code Host} was not this console's address (or was missing).
     */
    public long refusedHost()
    {
        return refusedHost.get();
    }

    /**
     * @return connections closed because their request or response took too long.
     */
    public long timedOut()
    {
        return timedOut.get();
    }

    /**
     * @return connections answered 503 because every worker and queue slot was taken.
     */
    public long refusedBusy()
    {
        return refusedBusy.get();
    }

    private void accept()
    {
        while (!closed)
        {
            final Socket socket;
            try
            {
                socket = listener.accept();
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    log.accept("[console] accept failed: " + ex.getMessage());
                }
                continue;
            }
            open.add(socket);
            try
            {
                workers.execute(() -> serve(socket));
            }
            catch (final RejectedExecutionException ex)
            {
                refusedBusy.incrementAndGet();
                respondQuietly(socket, 503, "text/plain", "console busy: too many connections; retry\n", false);
            }
        }
    }

    private void serve(final Socket socket)
    {
        final ScheduledFuture<?> deadline = deadlines.schedule(() -> expire(socket), limits.responseDeadlineMs(),
            TimeUnit.MILLISECONDS);
        try
        {
            socket.setSoTimeout((int)limits.requestTimeoutMs());
            socket.setTcpNoDelay(true);
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            final ConsoleRequest request;
            try
            {
                request = ConsoleRequest.read(in,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.requestTimeoutMs()));
            }
            catch (final ConsoleRequest.Refused ex)
            {
                if (ex.status == 408)
                {
                    timedOut.incrementAndGet();
                }
                respond(socket, ex.status, "text/plain", ex.getMessage() + "\n", false);
                return;
            }
            if (null != request)
            {
                discardBody(in, request);
                try
                {
                    answer(socket, request);
                }
                catch (final RuntimeException ex)
                {
                    respond(socket, 500, "text/plain", "console error: " + ex + "\n", false);
                }
            }
        }
        catch (final IOException ex)
        {
            // the client went away, or the deadline closed the connection: nothing to answer
        }
        finally
        {
            deadline.cancel(false);
            closeQuietly(socket);
        }
    }

    private void expire(final Socket socket)
    {
        if (!socket.isClosed())
        {
            timedOut.incrementAndGet();
            closeQuietly(socket);
        }
    }

    private static void discardBody(final InputStream in, final ConsoleRequest request) throws IOException
    {
        if (request.contentLength() > 0 && request.contentLength() <= MAX_DISCARDED_BODY_BYTES)
        {
            in.skipNBytes(request.contentLength()); // so that closing does not reset the connection under a reply
        }
    }

    private void answer(final Socket socket, final ConsoleRequest request) throws IOException
    {
        final boolean head = "HEAD".equals(request.method());
        if (!allowedHosts.allows(request.host()))
        {
            refusedHost.incrementAndGet();
            final String host = null == request.host() ? "(none)" : request.host();
            if (loggedHosts.size() < LOGGED_HOSTS && loggedHosts.add(host))
            {
                log.accept("[console] refused a request for Host " + host + ": not this console's address (" +
                    allowedHosts.describe() + "); further refusals are only counted");
            }
            respond(socket, null == request.host() ? 400 : 403, "text/plain", "this console answers requests " +
                "addressed to " + allowedHosts.describe() + ", not to Host " + host + "\n", head);
            return;
        }
        if (!"GET".equals(request.method()) && !head)
        {
            respond(socket, 405, "text/plain", "read-only console: GET and HEAD only\n", false);
            return;
        }
        final String body;
        final String type;
        switch (request.path())
        {
            case "/api/counters":
                synchronized (viewLock)
                {
                    body = counters.json();
                }
                type = "application/json";
                break;
            case "/api/latency":
                synchronized (viewLock)
                {
                    body = latency.json();
                }
                type = "application/json";
                break;
            default:
                final String asset = PAGES.get(request.path());
                if (null == asset)
                {
                    respond(socket, 404, "text/plain", "not found: " + request.path() + "\n", head);
                    return;
                }
                body = asset(asset);
                type = contentType(asset);
        }
        served.incrementAndGet();
        respond(socket, 200, type, body, head);
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

    private static void respond(
        final Socket socket, final int status, final String type, final String body, final boolean head)
        throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final StringBuilder headers = new StringBuilder(512)
            .append("HTTP/1.1 ").append(status).append(' ').append(REASONS.getOrDefault(status, "Error")).append("\r\n")
            .append("Content-Type: ").append(type).append("; charset=utf-8\r\n")
            .append("Content-Length: ").append(bytes.length).append("\r\n")
            .append("Cache-Control: no-store\r\n")
            .append("Content-Security-Policy: ").append(SECURITY_POLICY).append("\r\n")
            .append("X-Content-Type-Options: nosniff\r\n")
            .append("Connection: close\r\n");
        if (status == 405)
        {
            headers.append("Allow: GET, HEAD\r\n");
        }
        if (status == 503)
        {
            headers.append("Retry-After: 1\r\n");
        }
        final OutputStream out = socket.getOutputStream();
        out.write(headers.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (!head)
        {
            out.write(bytes);
        }
        out.flush();
        socket.shutdownOutput();
    }

    private void respondQuietly(
        final Socket socket, final int status, final String type, final String body, final boolean head)
    {
        try
        {
            respond(socket, status, type, body, head);
        }
        catch (final IOException ex)
        {
            // the client went away
        }
        finally
        {
            closeQuietly(socket);
        }
    }

    private void closeQuietly(final Socket socket)
    {
        open.remove(socket);
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }

    /**
     * Stops listening, drops the connections still open, waits up to a second for the workers, and releases the
     * files.
     */
    public void close()
    {
        closed = true;
        try
        {
            listener.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
        open.forEach(this::closeQuietly);
        workers.shutdownNow();
        deadlines.shutdownNow();
        try
        {
            acceptor.join(1_000);
            workers.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        synchronized (viewLock)
        {
            counters.close();
        }
    }
}
