package com.aliasimport.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** Reading requests and writing answers with the JDK HttpServer, which is fussy about order. */
final class Exchanges {

    private Exchanges() {}

    /** Reads the whole body: a request must be consumed before the connection can be reused or reset. */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        return exchange.getRequestBody().readAllBytes();
    }

    /** The media type without parameters, lower case, or "" when there is no Content-Type. */
    static String mediaType(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1); // a HEAD answer must not carry a body
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An answer without a body: the JDK sends "Content-length: 0" for length -1. */
    static void sendEmpty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /**
     * Drops the connection without a response. Closing an exchange before its response headers were
     * sent makes the JDK close the socket, so the client sees the connection closed with no answer
     * (an EOF); there is no public way to reach the socket for a true RST.
     */
    static void dropConnection(HttpExchange exchange) {
        exchange.close();
    }

    /** True until response headers were sent. */
    static boolean canStillRespond(HttpExchange exchange) {
        return exchange.getResponseCode() == -1;
    }
}
