package com.aliasimport.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A fake CustomerGauge API (OAuth2 token endpoint and Imports API records endpoint) on 127.0.0.1,
 * on the JDK's HttpServer so it starts in milliseconds with no Spring: for tests, for
 * {@code import --sandbox} and for the standalone {@code sandbox} command. Faults can be injected
 * while it runs; {@link #stats()} says what it saw. Also serves {@code GET /_sandbox/stats} and
 * {@code POST /_sandbox/reset} for scripts using a standalone sandbox.
 *
 * <p>It also serves the Anonymize API, {@code GET {baseUrl}/v4.1/anonymize.json?email=...} (or
 * {@code ?telephone=...}), with the same tokens and faults, over a fixed set of contacts
 * ({@link SandboxContacts}: 12 people in 15 records, some people in several).
 *
 * <p>The JDK's dispatcher thread is not a daemon: a started sandbox keeps the JVM alive until
 * {@link #close()}, which is what a standalone {@code sandbox} command wants and why in-process
 * users must close it (try-with-resources).
 */
public final class SandboxServer implements AutoCloseable {

    /** Queued connections before the kernel refuses more: bursts from a concurrent client must not be refused. */
    private static final int BACKLOG = 1024;

    private final SandboxSettings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxFaults faults;
    private final SandboxStats stats;
    private final TokenStore tokens;

    private SandboxServer(
            SandboxSettings settings,
            HttpServer server,
            ExecutorService executor,
            SandboxFaults faults,
            SandboxStats stats,
            TokenStore tokens) {
        this.settings = settings;
        this.server = server;
        this.executor = executor;
        this.faults = faults;
        this.stats = stats;
        this.tokens = tokens;
    }

    /** Binds 127.0.0.1 on {@code settings.port()} (0 = a free ephemeral port) and starts serving. */
    public static SandboxServer start(SandboxSettings settings) {
        return start(settings, System::nanoTime);
    }

    /**
     * With the monotonic clock behind the rate limit, the rate window and token expiry given: tests hold it still
     * or step it, so rate-limit answers over real HTTP do not depend on how fast the machine is.
     */
    static SandboxServer start(SandboxSettings settings, LongSupplier nanoClock) {
        // Without TCP_NODELAY the JDK server writes headers and body as two segments and Nagle's
        // algorithm then waits for the client's delayed ACK (~40 ms) before every JSON answer on a
        // kept-alive connection. The property is read once, when the JDK server is first used.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        SandboxFaults faults = new SandboxFaults(nanoClock);
        SandboxStats stats = new SandboxStats(settings.storeRecords(), nanoClock);
        TokenStore tokens = new TokenStore(settings.tokenTtl(), nanoClock);
        RecordValidator validator =
                new RecordValidator(settings.configurations(), settings.requiredFields(), settings.optionalFields());
        InjectedFaults injected = new InjectedFaults(faults, stats);
        Router router = new Router(
                new TokenHandler(settings, tokens, faults, stats),
                new RecordsHandler(tokens, validator, faults, injected, stats),
                new AnonymizeHandler(tokens, injected, stats),
                stats);

        HttpServer server;
        try {
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port()), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the sandbox to 127.0.0.1:" + settings.port(), e);
        }
        // A cached pool: injected latency and slow answers park threads, and they must not serialise
        // other requests behind them.
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        return new SandboxServer(settings, server, executor, faults, stats, tokens);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI tokenUrl() {
        return baseUrl().resolve(Router.TOKEN_PATH);
    }

    public URI importsUrl() {
        return baseUrl().resolve(Router.RECORDS_PATH);
    }

    public URI statsUrl() {
        return baseUrl().resolve(Router.STATS_PATH);
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The faults to inject; change them at any time. */
    public SandboxFaults faults() {
        return faults;
    }

    public SandboxStats stats() {
        return stats;
    }

    /** Invalidates every token issued so far, as revoking the connected app would. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** A few lines for a person starting the sandbox: where it is and how to log in. */
    public String describe() {
        return String.join(
                System.lineSeparator(),
                "CustomerGauge sandbox listening on 127.0.0.1:" + port(),
                "  token URL:     " + tokenUrl(),
                "  imports URL:   " + importsUrl(),
                "  anonymize URL: " + baseUrl().resolve(Router.ANONYMIZE_PATH) + "  (" + SandboxContacts.ALL.size()
                        + " built-in contact records)",
                "  client id:     " + settings.clientId(),
                "  client secret: " + settings.clientSecret() + "  (sandbox only)",
                "  configuration: " + String.join(", ", settings.configurations()),
                "  mapping:       " + String.join(", ", settings.requiredFields()),
                "  token ttl:     " + settings.tokenTtl().toSeconds() + " s",
                "  latency:       " + faults.latency().toMillis() + " ms per records request"
                        + (faults.jitter().isZero()
                                ? ""
                                : ", plus 0 to " + faults.jitter().toMillis() + " ms of jitter"),
                "  rate limit:    "
                        + faults.rateLimit().map(RateLimit::describe).orElse("none"),
                "  failing rows:  "
                        + (faults.failingRows() == 0.0
                                ? "none"
                                : percent(faults.failingRows()) + " of the records answer 503 on every attempt"),
                "  records:       "
                        + (settings.storeRecords()
                                ? "kept (duplicates are counted)"
                                : "counted, not kept (--no-store)"),
                "  stats:         GET " + statsUrl() + "   (POST " + baseUrl().resolve(Router.RESET_PATH)
                        + " clears them)");
    }

    /** Stops at once, dropping requests in flight, and releases the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // wakes handlers sleeping in an injected delay
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction)
                        .movePointRight(2)
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-http-" + counter.incrementAndGet());
            thread.setDaemon(true); // an in-process sandbox must never keep the JVM alive
            return thread;
        };
    }
}
