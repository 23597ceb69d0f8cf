package com.aliasimport.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /oauth2/token: the OAuth2 client-credentials grant as CustomerGauge documents it (form body),
 * also taking the client credentials from an HTTP Basic header, as OAuth2 client libraries send them.
 */
final class TokenHandler {

    private final SandboxSettings settings;
    private final TokenStore tokens;
    private final SandboxFaults faults;
    private final SandboxStats stats;

    TokenHandler(SandboxSettings settings, TokenStore tokens, SandboxFaults faults, SandboxStats stats) {
        this.settings = settings;
        this.tokens = tokens;
        this.faults = faults;
        this.stats = stats;
    }

    void handle(HttpExchange exchange, byte[] body) throws IOException {
        stats.tokenRequestArrived(Router.recorded(exchange, body));
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Exchanges.sendJson(exchange, 405, Json.oauthError("invalid_request"));
            return;
        }
        int failure = faults.nextTokenFailure();
        if (failure != 0) {
            Exchanges.sendJson(
                    exchange, failure, Json.oauthError(failure == 503 ? "temporarily_unavailable" : "server_error"));
            return;
        }
        if (!RecordsBodyParser.isForm(Exchanges.mediaType(exchange))) {
            Exchanges.sendJson(exchange, 400, Json.oauthError("invalid_request"));
            return;
        }
        Map<String, String> form;
        try {
            form = FormBody.lastValues(FormBody.parse(body));
        } catch (MalformedBodyException e) {
            Exchanges.sendJson(exchange, 400, Json.oauthError("invalid_request"));
            return;
        }
        Credentials basic = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        // A Basic header, when sent, is the client authentication (RFC 6749 section 2.3.1).
        Credentials presented =
                basic != null ? basic : new Credentials(form.get("client_id"), form.get("client_secret"));
        if (!settings.clientId().equals(presented.id())
                || !settings.clientSecret().equals(presented.secret())) {
            if (basic != null) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"sandbox\"");
            }
            Exchanges.sendJson(exchange, 401, Json.oauthError("invalid_client"));
            return;
        }
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            Exchanges.sendJson(exchange, 400, Json.oauthError("invalid_request"));
            return;
        }
        if (!grantType.equals("client_credentials")) {
            Exchanges.sendJson(exchange, 400, Json.oauthError("unsupported_grant_type"));
            return;
        }
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", tokens.issue());
        token.put("token_type", "Bearer");
        token.put("expires_in", tokens.expiresInSeconds());
        stats.tokenIssued();
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Exchanges.sendJson(exchange, 200, token);
    }

    private record Credentials(String id, String secret) {}

    /**
     * Decodes {@code Basic base64(urlencode(id):urlencode(secret))}; null when there is no Basic
     * header; empty credentials (so: invalid_client) when the header is garbled.
     */
    private static Credentials basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = FormBody.decodeUtf8(
                    Base64.getDecoder().decode(authorization.substring(6).trim()));
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return new Credentials(null, null);
            }
            return new Credentials(
                    FormBody.unescape(decoded.substring(0, colon)), FormBody.unescape(decoded.substring(colon + 1)));
        } catch (IllegalArgumentException | MalformedBodyException e) {
            return new Credentials(null, null);
        }
    }
}
