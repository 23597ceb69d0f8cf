package com.aliasimport.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * GET /v4.1/anonymize.json?email=... (or ?telephone=...): finds a person's records among the
 * {@link SandboxContacts}, behind the records endpoint's bearer tokens and with its {@link InjectedFaults}.
 *
 * <p>The API page gives the error bodies ({@code {"Error": {"Message": ...}}}) but not their status; the sandbox
 * answers them 422, so a client must tell them apart by body, not by status, to be right about the real API too.
 */
final class AnonymizeHandler {

    static final String BY_EMAIL_OR_TELEPHONE = "Please make an API request by email or telephone";
    static final String EMAIL_NOT_VALID = "Email is not valid";

    private final TokenStore tokens;
    private final InjectedFaults injected;
    private final SandboxStats stats;

    AnonymizeHandler(TokenStore tokens, InjectedFaults injected, SandboxStats stats) {
        this.tokens = tokens;
        this.injected = injected;
        this.stats = stats;
    }

    private record Answer(int status, Object body) {}

    void handle(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        stats.anonymizeCheckArrived(Router.recorded(exchange, body));
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, new Answer(405, Json.message(Json.reason(405))));
            return;
        }
        injected.answer(exchange, () -> process(exchange), Answer::new, answer -> send(exchange, answer));
    }

    /** What the API answers when nothing goes wrong in transport. */
    private Answer process(HttpExchange exchange) {
        if (!tokens.authorizes(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, Json.message(Json.reason(401)));
        }
        Map<String, String> query;
        try {
            query = FormBody.lastValues(FormBody.parse(rawQuery(exchange)));
        } catch (MalformedBodyException e) {
            return new Answer(400, Json.message(Json.reason(400)));
        }
        String email = query.getOrDefault("email", "").trim();
        String telephone = query.getOrDefault("telephone", "").trim();
        if (email.isEmpty() == telephone.isEmpty()) {
            return new Answer(422, Json.error(BY_EMAIL_OR_TELEPHONE)); // neither, or both
        }
        if (!email.isEmpty() && !isValidEmail(email)) {
            return new Answer(422, Json.error(EMAIL_NOT_VALID));
        }
        List<SandboxContacts.Contact> found =
                email.isEmpty() ? SandboxContacts.byTelephone(telephone) : SandboxContacts.byEmail(email);
        return new Answer(
                200,
                Json.data(found.stream().map(SandboxContacts.Contact::toJson).toList()));
    }

    /**
     * The query's bytes. The JDK server keeps each byte of the request line as one char, so a client that sends
     * UTF-8 unescaped still gets its bytes back here, and FormBody then decodes them strictly.
     */
    private static byte[] rawQuery(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? new byte[0] : query.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Exactly one '@' with text before it, a dot inside the domain (not at its ends), and no whitespace. */
    static boolean isValidEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || email.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        String domain = email.substring(at + 1);
        int dot = domain.indexOf('.');
        return dot > 0 && !domain.endsWith(".");
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        stats.anonymizeResponded(answer.status());
        Exchanges.sendJson(exchange, answer.status(), answer.body());
    }
}
