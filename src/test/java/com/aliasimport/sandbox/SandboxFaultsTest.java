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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest {

    private static final String ACME = TestHttp.aliasJson("ACME", "ACME Corp");

    private SandboxServer server;
    private TestHttp http;
    private String token;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxSettings.defaults());
        http = new TestHttp(server);
        token = http.token();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void latencyDelaysEveryRecordsAnswer() {
        server.faults().latency(Duration.ofMillis(150));

        long started = System.nanoTime();
        HttpResponse<String> response = http.postJson(token, ACME);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void latencyDoesNotSerialiseConcurrentRequests() {
        server.faults().latency(Duration.ofSeconds(30));
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(http.client.sendAsync(http.records(token, "application/json", ACME).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        // All eight reach a handler while the first is still waiting out its latency.
        TestHttp.await(Duration.ofSeconds(10), () -> server.stats().requests() == 8);
        assertThat(inFlight).noneMatch(CompletableFuture::isDone);
        // close() stops at once although handlers are asleep
    }

    @Test
    void failNextAnswersTheStatusWithoutStoringThenRecovers() {
        server.faults().failNext(2, 503);

        HttpResponse<String> first = http.postJson(token, ACME);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(503);
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(200);

        assertThat(server.stats().statusCounts()).containsEntry(503, 2L).containsEntry(200, 1L);
        assertThat(server.stats().accepted()).isEqualTo(1);
        assertThat(server.stats().requests()).isEqualTo(3);
    }

    @Test
    void throttleAnswers429WithRetryAfterInWholeSecondsRoundedUp() {
        server.faults().throttleNext(2, Duration.ofMillis(1500));

        HttpResponse<String> response = http.postJson(token, ACME);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.body()).isEqualTo("{\"message\":\"Too Many Attempts.\"}");
        server.faults().throttleNext(1, Duration.ofSeconds(3));
        assertThat(http.postJson(token, ACME).headers().firstValue("Retry-After")).hasValue("3");
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(200);
        assertThat(server.stats().accepted()).isEqualTo(1);
    }

    @Test
    void resetBeforeAcceptingDropsTheConnectionAndTheRecord() {
        server.faults().resetNext(1, false);

        Exception seen = http.sendExpectingFailure(http.records(token, "application/json", ACME).build());

        assertThat(seen).isInstanceOf(IOException.class);
        assertThat(server.stats().connectionResets()).isEqualTo(1);
        assertThat(server.stats().accepted()).isZero();
        assertThat(server.stats().statusCounts()).isEmpty();
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void resetAfterAcceptingKeepsTheRecordButLosesTheAnswer() {
        server.faults().resetNext(1, true);

        Exception seen = http.sendExpectingFailure(http.records(token, "application/json", ACME).build());

        assertThat(seen).isInstanceOf(IOException.class);
        assertThat(server.stats().accepted()).isEqualTo(1);
        assertThat(server.stats().timesAccepted(TestHttp.alias("ACME", "ACME Corp"))).isEqualTo(1);
        assertThat(server.stats().connectionResets()).isEqualTo(1);
    }

    @Test
    void resetAfterAcceptingStoresNothingForAnInvalidRecord() {
        server.faults().resetNext(1, true);

        http.sendExpectingFailure(http.records(token, "application/json", TestHttp.aliasJson("ACME", "acme")).build());

        assertThat(server.stats().accepted()).isZero();
    }

    @Test
    void slowAnswersTimeTheClientOutButTheRecordIsTaken() {
        server.faults().slowNext(1, Duration.ofSeconds(2));

        Exception seen = http.sendExpectingFailure(http.records(token, "application/json", ACME)
                .timeout(Duration.ofMillis(200)).build());

        assertThat(seen).isInstanceOf(HttpTimeoutException.class);
        TestHttp.await(Duration.ofSeconds(5), () -> server.stats().accepted() == 1);
        assertThat(http.postJson(token, TestHttp.aliasJson("Globex", "Globex Inc")).statusCode()).isEqualTo(200);
    }

    @Test
    void slowAnswersArriveAfterTheDelay() {
        server.faults().slowNext(1, Duration.ofMillis(200));

        long started = System.nanoTime();
        HttpResponse<String> response = http.postJson(token, ACME);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void downAnswers503UntilTheServerIsBack() {
        server.faults().down(Duration.ofMillis(800));

        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(503);
        TestHttp.await(Duration.ofSeconds(5), () -> http.postJson(token, ACME).statusCode() == 200);
        assertThat(server.stats().accepted()).isEqualTo(1);
        assertThat(server.stats().statusCount(503)).isPositive();
    }

    @Test
    void rejectConfigurationRejectsEveryAuthenticatedRequest() {
        server.faults().rejectConfiguration(true);

        HttpResponse<String> response = http.postJson(token, ACME);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"message\":\"The given data was invalid.\","
                + "\"errors\":{\"configuration\":[\"The selected configuration is invalid.\"]}}");
        assertThat(http.postJson(null, ACME).statusCode()).isEqualTo(401);

        server.faults().rejectConfiguration(false);
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(200);
        assertThat(server.stats().rejected()).isEqualTo(1);
    }

    @Test
    void failureRateOfOneFailsEverything() {
        server.faults().failureRate(1.0, 500);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = http.postJson(token, ACME);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"message\":\"Server Error\"}");
        }
        assertThat(server.stats().accepted()).isZero();
    }

    @Test
    void failureRateIsReproducibleWithASeed() {
        server.faults().seed(42).failureRate(0.5, 502);
        List<Integer> first = statuses(30);
        server.faults().seed(42);
        List<Integer> second = statuses(30);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 502).containsOnly(200, 502);
    }

    @Test
    void unauthorizedNextRefusesAValidTokenThenAcceptsIt() {
        server.faults().unauthorizedNext(2);

        HttpResponse<String> first = http.postJson(token, ACME);
        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.body()).isEqualTo("{\"message\":\"Unauthenticated.\"}");
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(401);
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyOneFaultAppliesPerRequestInPriorityOrder() {
        server.faults().failNext(1, 500).throttleNext(1, Duration.ofSeconds(1));

        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(500);
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(429);
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsDoNotTouchTheTokenEndpointAndClearTurnsThemOff() {
        server.faults().failNext(5, 503).down(Duration.ofHours(1)).failureRate(1.0, 500);

        assertThat(http.token()).isNotBlank();
        server.faults().clear();
        assertThat(http.postJson(token, ACME).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsNonsenseFaultSettings() {
        assertThatThrownBy(() -> server.faults().failNext(-1, 503)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.faults().failNext(1, 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.faults().failureRate(1.5, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.faults().latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Integer> statuses(int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(http.postJson(token, ACME).statusCode());
        }
        return statuses;
    }
}
