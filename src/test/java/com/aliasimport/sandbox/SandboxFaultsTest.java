package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxFaultsTest {

    private static final String ACME = TestHttp.aliasJson("ACME", "ACME Corp");

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void latencyDelaysEveryRecordsAnswer() {
        sandbox.faults().latency(Duration.ofMillis(150));

        long started = System.nanoTime();
        HttpResponse<String> response = sandbox.postJson(ACME);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void latencyDoesNotSerialiseConcurrentRequests() {
        sandbox.faults().latency(Duration.ofSeconds(30));
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(sandbox.http()
                    .client
                    .sendAsync(
                            sandbox.records("application/json", ACME).build(), HttpResponse.BodyHandlers.ofString()));
        }

        // All eight reach a handler while the first is still waiting out its latency.
        TestHttp.await(Duration.ofSeconds(10), () -> sandbox.stats().requests() == 8);
        assertThat(inFlight).noneMatch(CompletableFuture::isDone);
        // close() stops at once although handlers are asleep
    }

    @Test
    void failNextAnswersTheStatusWithoutStoringThenRecovers() {
        sandbox.faults().failNext(2, 503);

        HttpResponse<String> first = sandbox.postJson(ACME);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(503);
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(200);

        assertThat(sandbox.stats().statusCounts()).containsEntry(503, 2L).containsEntry(200, 1L);
        assertThat(sandbox.stats().accepted()).isEqualTo(1);
        assertThat(sandbox.stats().requests()).isEqualTo(3);
    }

    @Test
    void throttleAnswers429WithRetryAfterInWholeSecondsRoundedUp() {
        sandbox.faults().throttleNext(2, Duration.ofMillis(1500));

        HttpResponse<String> response = sandbox.postJson(ACME);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.body()).isEqualTo("{\"message\":\"Too Many Attempts.\"}");
        sandbox.faults().throttleNext(1, Duration.ofSeconds(3));
        assertThat(sandbox.postJson(ACME).headers().firstValue("Retry-After")).hasValue("3");
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().accepted()).isEqualTo(1);
    }

    @Test
    void resetBeforeAcceptingDropsTheConnectionAndTheRecord() {
        sandbox.faults().resetNext(1, false);

        Exception seen = sandbox.http()
                .sendExpectingFailure(sandbox.records("application/json", ACME).build());

        assertThat(seen).isInstanceOf(IOException.class);
        assertThat(sandbox.stats().connectionResets()).isEqualTo(1);
        assertThat(sandbox.stats().accepted()).isZero();
        assertThat(sandbox.stats().statusCounts()).isEmpty();
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void resetAfterAcceptingKeepsTheRecordButLosesTheAnswer() {
        sandbox.faults().resetNext(1, true);

        Exception seen = sandbox.http()
                .sendExpectingFailure(sandbox.records("application/json", ACME).build());

        assertThat(seen).isInstanceOf(IOException.class);
        assertThat(sandbox.stats().accepted()).isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(TestHttp.alias("ACME", "ACME Corp")))
                .isEqualTo(1);
        assertThat(sandbox.stats().connectionResets()).isEqualTo(1);
    }

    @Test
    void resetAfterAcceptingStoresNothingForAnInvalidRecord() {
        sandbox.faults().resetNext(1, true);

        sandbox.http()
                .sendExpectingFailure(sandbox.records("application/json", TestHttp.aliasJson("ACME", "acme"))
                        .build());

        assertThat(sandbox.stats().accepted()).isZero();
    }

    @Test
    void slowAnswersTimeTheClientOutButTheRecordIsTaken() {
        sandbox.faults().slowNext(1, Duration.ofSeconds(2));

        Exception seen = sandbox.http()
                .sendExpectingFailure(sandbox.records("application/json", ACME)
                        .timeout(Duration.ofMillis(200))
                        .build());

        assertThat(seen).isInstanceOf(HttpTimeoutException.class);
        TestHttp.await(Duration.ofSeconds(5), () -> sandbox.stats().accepted() == 1);
        assertThat(sandbox.postJson(TestHttp.aliasJson("Globex", "Globex Inc")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void slowAnswersArriveAfterTheDelay() {
        sandbox.faults().slowNext(1, Duration.ofMillis(200));

        long started = System.nanoTime();
        HttpResponse<String> response = sandbox.postJson(ACME);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void downAnswers503UntilTheServerIsBack() {
        sandbox.faults().down(Duration.ofMillis(800));

        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(503);
        TestHttp.await(Duration.ofSeconds(5), () -> sandbox.postJson(ACME).statusCode() == 200);
        assertThat(sandbox.stats().accepted()).isEqualTo(1);
        assertThat(sandbox.stats().statusCount(503)).isPositive();
    }

    @Test
    void rejectConfigurationRejectsEveryAuthenticatedRequest() {
        sandbox.faults().rejectConfiguration(true);

        HttpResponse<String> response = sandbox.postJson(ACME);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .isEqualTo("{\"message\":\"The given data was invalid.\","
                        + "\"errors\":{\"configuration\":[\"The selected configuration is invalid.\"]}}");
        assertThat(sandbox.http().postJson(null, ACME).statusCode()).isEqualTo(401);

        sandbox.faults().rejectConfiguration(false);
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().rejected()).isEqualTo(1);
    }

    @Test
    void failureRateOfOneFailsEverything() {
        sandbox.faults().failureRate(1.0, 500);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = sandbox.postJson(ACME);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"message\":\"Server Error\"}");
        }
        assertThat(sandbox.stats().accepted()).isZero();
    }

    @Test
    void failureRateIsReproducibleWithASeed() {
        sandbox.faults().seed(42).failureRate(0.5, 502);
        List<Integer> first = statuses(30);
        sandbox.faults().seed(42);
        List<Integer> second = statuses(30);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 502).containsOnly(200, 502);
    }

    @Test
    void unauthorizedNextRefusesAValidTokenThenAcceptsIt() {
        sandbox.faults().unauthorizedNext(2);

        HttpResponse<String> first = sandbox.postJson(ACME);
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.body()).isEqualTo("{\"message\":\"Unauthenticated.\"}");
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(401);
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyOneFaultAppliesPerRequestInPriorityOrder() {
        sandbox.faults().failNext(1, 500).throttleNext(1, Duration.ofSeconds(1));

        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(500);
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(429);
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsDoNotTouchTheTokenEndpointAndClearTurnsThemOff() {
        sandbox.faults().failNext(5, 503).down(Duration.ofHours(1)).failureRate(1.0, 500);

        assertThat(sandbox.http().token()).isNotBlank();
        sandbox.faults().clear();
        assertThat(sandbox.postJson(ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsNonsenseFaultSettings() {
        assertThatThrownBy(() -> sandbox.faults().failNext(-1, 503)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.faults().failNext(1, 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.faults().failureRate(1.5, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.faults().latency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Integer> statuses(int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(sandbox.postJson(ACME).statusCode());
        }
        return statuses;
    }
}
