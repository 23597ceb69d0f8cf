package com.aliasimport.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * POST/PUT /records/: authenticates, parses, validates and takes one record, with the injected
 * faults around it ({@link InjectedFaults}: the rate limit at arrival, then the latency, then the
 * other faults in {@link SandboxFaults}' order). Counts every answer in the stats.
 */
final class RecordsHandler {

    private final TokenStore tokens;
    private final RecordValidator validator;
    private final SandboxFaults faults;
    private final InjectedFaults injected;
    private final SandboxStats stats;

    RecordsHandler(
            TokenStore tokens,
            RecordValidator validator,
            SandboxFaults faults,
            InjectedFaults injected,
            SandboxStats stats) {
        this.tokens = tokens;
        this.validator = validator;
        this.faults = faults;
        this.injected = injected;
        this.stats = stats;
    }

    /**
     * The normal answer to a request: status, JSON body (null for empty), the record taken, if any, and whether
     * the answer is a failing row's 503.
     */
    private record Outcome(int status, Object body, Map<String, String> accepted, boolean failingRow) {
        static Outcome error(int status, Object body) {
            return new Outcome(status, body, null, false);
        }

        static Outcome accepted(Map<String, String> record) {
            return new Outcome(200, null, record, false);
        }

        static Outcome forFailingRow() {
            return new Outcome(503, Json.message(Json.reason(503)), null, true);
        }
    }

    void handle(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        InFlight request = new InFlight();
        try {
            answer(exchange, body, request);
        } finally {
            request.end();
        }
    }

    /**
     * Counts one request in flight until it ends: just before its answer goes out (a fast client sends its next
     * request the moment it has the answer, before this thread would reach a finally block), or without an answer.
     */
    private final class InFlight {
        private boolean ended;

        InFlight() {
            stats.requestStarted();
        }

        void end() {
            if (!ended) {
                ended = true;
                stats.requestEnded();
            }
        }
    }

    private void answer(HttpExchange exchange, byte[] body, InFlight request) throws IOException, InterruptedException {
        stats.recordsRequestArrived(Router.recorded(exchange, body));
        String method = exchange.getRequestMethod();
        if (!method.equals("POST") && !method.equals("PUT")) {
            exchange.getResponseHeaders().set("Allow", "POST, PUT");
            send(exchange, Outcome.error(405, Json.message(Json.reason(405))), request);
            return;
        }
        stats.bodyArrived(body);
        injected.answer(
                exchange,
                () -> take(process(exchange, body)),
                Outcome::error,
                outcome -> send(exchange, outcome, request));
    }

    /** What the API answers when nothing goes wrong in transport. */
    private Outcome process(HttpExchange exchange, byte[] body) {
        if (!tokens.authorizes(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Outcome.error(401, Json.message(Json.reason(401)));
        }
        String mediaType = Exchanges.mediaType(exchange);
        RecordsBody request;
        try {
            if (RecordsBodyParser.isJson(mediaType)) {
                request = RecordsBodyParser.parseJson(body);
            } else if (RecordsBodyParser.isForm(mediaType)) {
                request = RecordsBodyParser.parseForm(body);
            } else {
                return Outcome.error(415, Json.message(Json.reason(415)));
            }
        } catch (MalformedBodyException e) {
            return Outcome.error(400, Json.message("Malformed request body."));
        }
        if (faults.rejectsConfiguration()) {
            return Outcome.error(422, Json.invalid(RecordValidator.configurationRejected()));
        }
        RecordValidator.Verdict verdict = validator.validate(request);
        stats.fieldsIgnored(verdict.ignored());
        if (!verdict.valid()) {
            return Outcome.error(422, Json.invalid(verdict.errors()));
        }
        if (faults.isFailingRow(verdict.kept())) {
            return Outcome.forFailingRow();
        }
        return Outcome.accepted(verdict.kept());
    }

    /** Stores an accepted record before any answer goes out, so a lost answer still counts it. */
    private Outcome take(Outcome outcome) {
        if (outcome.accepted() != null) {
            stats.recordAccepted(outcome.accepted());
        }
        return outcome;
    }

    private void send(HttpExchange exchange, Outcome outcome, InFlight request) throws IOException {
        stats.recordsResponded(outcome.status());
        if (outcome.failingRow()) {
            stats.failingRowAnswered();
        }
        request.end();
        if (outcome.body() == null) {
            Exchanges.sendEmpty(exchange, outcome.status());
        } else {
            Exchanges.sendJson(exchange, outcome.status(), outcome.body());
        }
    }
}
