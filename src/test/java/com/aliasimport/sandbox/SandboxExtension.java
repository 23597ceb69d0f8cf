package com.aliasimport.sandbox;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox of its own for each test, started before it and closed after it, with an HTTP client and a token for it:
 * {@code @RegisterExtension final SandboxExtension sandbox = new SandboxExtension();}. A test that needs other settings
 * {@link #restart}s it. The token is asked for at each start, before the test sets any fault, except
 * {@link #withoutToken()} (for the token endpoint's own tests, which count its requests).
 */
final class SandboxExtension implements BeforeEachCallback, AfterEachCallback {

    private final LongSupplier clock;
    private final boolean askForToken;
    private SandboxServer server;
    private TestHttp http;
    private String token;

    SandboxExtension() {
        this(null, true);
    }

    /** @param clock the sandbox's clock in nanoseconds (for its rate limit) */
    SandboxExtension(LongSupplier clock) {
        this(clock, true);
    }

    private SandboxExtension(LongSupplier clock, boolean askForToken) {
        this.clock = clock;
        this.askForToken = askForToken;
    }

    /** A sandbox for each test that has not been asked for a token. */
    static SandboxExtension withoutToken() {
        return new SandboxExtension(null, false);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        restart(SandboxSettings.defaults());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Closes the sandbox and starts another with these settings (a new client; a new token when asked for). */
    void restart(SandboxSettings settings) {
        restart(settings, clock);
    }

    /** As {@link #restart(SandboxSettings)}, on this clock (nanoseconds; null for the system's). */
    void restart(SandboxSettings settings, LongSupplier clock) {
        afterEach(null);
        server = clock == null ? SandboxServer.start(settings) : SandboxServer.start(settings, clock);
        http = new TestHttp(server);
        token = askForToken ? http.token() : null;
    }

    SandboxServer server() {
        return server;
    }

    SandboxStats stats() {
        return server.stats();
    }

    SandboxFaults faults() {
        return server.faults();
    }

    TestHttp http() {
        return http;
    }

    /** Posts a JSON record with the token asked for at the start. */
    HttpResponse<String> postJson(String json) {
        return http.postJson(token(), json);
    }

    /** A records request with the token asked for at the start. */
    HttpRequest.Builder records(String contentType, String body) {
        return http.records(token(), contentType, body);
    }

    /** A GET of the Anonymize API with this query (already encoded) and the token asked for at the start. */
    HttpResponse<String> anonymize(String query) {
        return http.send(http.anonymize(token(), query).build());
    }

    /** The token asked for at the start. */
    String token() {
        if (token == null) {
            throw new IllegalStateException("this sandbox was not asked for a token: use http().token()");
        }
        return token;
    }
}
