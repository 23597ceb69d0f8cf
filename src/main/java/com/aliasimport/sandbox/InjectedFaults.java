package com.aliasimport.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Puts {@link SandboxFaults}' rate limit, latency and faults around one API request, the same way for every endpoint
 * behind the fake API's one gateway (records and anonymize): counted by the rate limit as it arrives, then the
 * latency, then the refusal's 429 or at most one fault, in SandboxFaults' order. The endpoint says what its normal
 * answer is and how an answer goes out.
 */
final class InjectedFaults {

    /** How an endpoint sends its answer of type {@code A}. */
    interface Sender<A> {
        void send(A answer) throws IOException;
    }

    private final SandboxFaults faults;
    private final SandboxStats stats;

    InjectedFaults(SandboxFaults faults, SandboxStats stats) {
        this.faults = faults;
        this.stats = stats;
    }

    /**
     * Answers one request: normally, or as the rate limit or a fault says.
     *
     * @param process     the normal answer, its side effects (a record taken) done before any answer goes out
     * @param faultAnswer the answer, from a status and a JSON body, that a fault puts in place of the normal one
     * @param sender      sends an answer (and counts it)
     * @param <A>         the endpoint's answer
     */
    <A> void answer(
            HttpExchange exchange, Supplier<A> process, BiFunction<Integer, Object, A> faultAnswer, Sender<A> sender)
            throws IOException, InterruptedException {
        // Counted as it arrives, as a gateway counts; the refusal still waits the latency like every answer.
        RecordFault admission = faults.admit();
        Optional<String> retryAfter = admission instanceof RecordFault.RateLimited limited
                ? RetryAfterHeader.value(limited.retryAfter(), limited.retryIn(), Instant.now())
                : Optional.empty();
        sleep(faults.nextLatency());
        if (admission instanceof RecordFault.RateLimited) {
            retryAfter.ifPresent(value -> exchange.getResponseHeaders().set("Retry-After", value));
            stats.rateLimited();
            sender.send(faultAnswer.apply(429, Json.message(Json.reason(429))));
            return;
        }
        RecordFault fault = faults.nextRecordFault();
        if (fault instanceof RecordFault.Fail fail) {
            sender.send(faultAnswer.apply(fail.status(), Json.message(Json.reason(fail.status()))));
        } else if (fault instanceof RecordFault.Throttle throttle) {
            exchange.getResponseHeaders()
                    .set("Retry-After", String.valueOf(RetryAfterHeader.secondsRoundedUp(throttle.retryAfter())));
            sender.send(faultAnswer.apply(429, Json.message(Json.reason(429))));
        } else if (fault instanceof RecordFault.Unauthorized) {
            sender.send(faultAnswer.apply(401, Json.message(Json.reason(401))));
        } else if (fault instanceof RecordFault.Reset reset) {
            if (reset.afterAccepting()) {
                process.get();
            }
            stats.connectionReset();
            Exchanges.dropConnection(exchange);
        } else if (fault instanceof RecordFault.Slow slow) {
            A answer = process.get();
            sleep(slow.delay());
            sender.send(answer);
        } else {
            sender.send(process.get());
        }
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }
}
