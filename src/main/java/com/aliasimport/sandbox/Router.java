package com.aliasimport.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one context handler: routes by exact path (JDK contexts match by prefix, so "/records" would
 * also catch "/recordsX"), reads the body first, and turns surprises into a 500 or a dropped
 * connection instead of a hung client.
 */
final class Router implements HttpHandler {

    static final String TOKEN_PATH = "/oauth2/token";
    static final String RECORDS_PATH = "/records/";
    static final String ANONYMIZE_PATH = "/v4.1/anonymize.json";
    static final String STATS_PATH = "/_sandbox/stats";
    static final String RESET_PATH = "/_sandbox/reset";

    private final TokenHandler token;
    private final RecordsHandler records;
    private final AnonymizeHandler anonymize;
    private final SandboxStats stats;

    Router(TokenHandler token, RecordsHandler records, AnonymizeHandler anonymize, SandboxStats stats) {
        this.token = token;
        this.records = records;
        this.anonymize = anonymize;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            byte[] body = Exchanges.readBody(exchange);
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case TOKEN_PATH -> token.handle(exchange, body);
                case RECORDS_PATH, "/records" -> records.handle(exchange, body);
                case ANONYMIZE_PATH -> anonymize.handle(exchange, body);
                case STATS_PATH -> stats(exchange);
                case RESET_PATH -> reset(exchange);
                default -> Exchanges.sendJson(exchange, 404, Json.message("Not Found"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing: just let go of the exchange
        } catch (IOException e) {
            // The client went away (e.g. it timed out during an injected delay): nothing to answer.
        } catch (RuntimeException e) {
            if (Exchanges.canStillRespond(exchange)) {
                try {
                    Exchanges.sendJson(exchange, 500, Json.message("Server Error"));
                } catch (IOException | RuntimeException ignored) {
                    // the connection is dropped below
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void stats(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            methodNotAllowed(exchange, "GET");
            return;
        }
        byte[] json = stats.toJson().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
        exchange.getResponseBody().write(json);
    }

    private void reset(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            methodNotAllowed(exchange, "POST");
            return;
        }
        stats.reset();
        Exchanges.sendEmpty(exchange, 204);
    }

    private static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        Exchanges.sendJson(exchange, 405, Json.message(Json.reason(405)));
    }

    static RecordedRequest recorded(HttpExchange exchange, byte[] body) {
        return new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(body, StandardCharsets.UTF_8),
                exchange.getRequestHeaders());
    }
}
