package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SandboxStatsTest {

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
    void aBurstCountsEveryAttemptInOneWindow() {
        http.postJson(token, TestHttp.aliasJson("warm", "up")); // the burst then runs on a warm connection
        server.stats().reset();
        server.faults().failNext(5, 503);
        for (int i = 0; i < 30; i++) {
            http.postJson(token, TestHttp.aliasJson("ACME " + i, "Alias " + i));
        }

        assertThat(server.stats().requests()).isEqualTo(30);
        assertThat(server.stats().maxRequestsInAnyOneSecondWindow()).isEqualTo(30);
        assertThat(server.stats().accepted()).isEqualTo(25);
    }

    @Test
    void concurrentRequestsAreAllCounted() {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(http.client.sendAsync(
                    http.records(token, "application/json", TestHttp.aliasJson("ACME " + i, "Alias " + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        futures.forEach(CompletableFuture::join);

        assertThat(futures).allMatch(f -> f.join().statusCode() == 200);
        assertThat(server.stats().accepted()).isEqualTo(200);
        assertThat(server.stats().distinctRecords()).isEqualTo(200);
        assertThat(server.stats().duplicateAcceptances()).isZero();
        assertThat(server.stats().firstAttempts()).isEqualTo(200);
        assertThat(server.stats().statusCounts()).containsExactly(Map.entry(200, 200L));
    }

    @Test
    void statsEndpointServesTheCountersAsJson() {
        http.postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"));
        http.postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"));
        http.postJson(token, TestHttp.aliasJson("ACME", "acme"));
        http.postJson(token, "{\"configuration\":\"" + TestHttp.CONFIGURATION
                + "\",\"record\":{\"Account Name\":\"Globex\",\"Alias\":\"G\",\"Email\":\"x@example.com\"}}");

        HttpResponse<String> response = http.get(server.statsUrl());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode stats = TestHttp.parse(response.body());
        assertThat(stats.get("requests").asLong()).isEqualTo(4);
        assertThat(stats.get("accepted").asLong()).isEqualTo(3);
        assertThat(stats.get("rejected").asLong()).isEqualTo(1);
        assertThat(stats.get("statusCounts")).isEqualTo(TestHttp.parse("{\"200\":3,\"422\":1}"));
        assertThat(stats.get("maxRequestsInAnyOneSecondWindow").asInt()).isEqualTo(4);
        assertThat(stats.get("tokenRequests").asLong()).isEqualTo(1);
        assertThat(stats.get("tokensIssued").asLong()).isEqualTo(1);
        assertThat(stats.get("distinctRecords").asLong()).isEqualTo(2);
        assertThat(stats.get("duplicateAcceptances").asLong()).isEqualTo(1);
        assertThat(stats.get("ignoredFields")).isEqualTo(TestHttp.parse("{\"Email\":1}"));
        assertThat(stats.get("connectionResets").asLong()).isZero();
        assertThat(stats.get("maxConcurrentRequests").asInt()).isEqualTo(1);
        long first = stats.get("firstRequestEpochMillis").asLong();
        assertThat(first).isCloseTo(System.currentTimeMillis(), within(60_000L));
        assertThat(stats.get("lastRequestEpochMillis").asLong()).isGreaterThanOrEqualTo(first);
        assertThat(stats.get("throttled").asLong()).isZero();
        assertThat(stats.get("failingRowAnswers").asLong()).isZero();
        assertThat(stats.get("firstAttempts").asLong()).isEqualTo(3); // the repeated body is not a first attempt
        assertThat(stats.get("firstAttemptsFirstEpochMillis").asLong()).isEqualTo(first);
        assertThat(stats.get("firstAttemptsLastEpochMillis").asLong())
                .isBetween(first, stats.get("lastRequestEpochMillis").asLong());
        assertThat(TestHttp.parse(server.stats().toJson())).isEqualTo(stats);
    }

    @Test
    void countsRateLimitRefusalsFailingRowsAndFirstAttemptsWhateverTheAnswer() {
        server.close();
        server = SandboxServer.start(SandboxSettings.defaults(), () -> 42L); // the rate limit's clock stands still
        http = new TestHttp(server);
        token = http.token();
        server.faults().failingRows(1.0);
        http.postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"));      // 503, a failing row
        http.postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"));      // 503 again: a retry, not a first attempt
        http.postJson(token, TestHttp.aliasJson("ACME", "acme"));           // 422
        http.postJson(null, TestHttp.aliasJson("Globex", "Globex Inc"));    // 401
        server.faults().failingRows(0.0).rateLimit(RateLimit.slidingWindow(1));
        http.postJson(token, TestHttp.aliasJson("Initech", "Initech LLC"));  // 200
        http.postJson(token, TestHttp.aliasJson("Umbrella", "Umbrella Co")); // 429: the window holds one
        http.postJson(token, TestHttp.aliasJson("Umbrella", "Umbrella Co")); // 429 again

        SandboxStats stats = server.stats();
        assertThat(stats.failingRowAnswers()).isEqualTo(2);
        assertThat(stats.throttled()).isEqualTo(2).isEqualTo(stats.statusCount(429));
        assertThat(stats.statusCounts()).containsExactly(Map.entry(200, 1L), Map.entry(401, 1L),
                Map.entry(422, 1L), Map.entry(429, 2L), Map.entry(503, 2L));
        assertThat(stats.firstAttempts()).isEqualTo(5);
        assertThat(stats.firstAttemptsFirstEpochMillis()).isEqualTo(stats.firstRequestEpochMillis());
        assertThat(stats.firstAttemptsLastEpochMillis()).isBetween(stats.firstAttemptsFirstEpochMillis(),
                stats.lastRequestEpochMillis());

        stats.reset();

        assertThat(stats.failingRowAnswers()).isZero();
        assertThat(stats.throttled()).isZero();
        assertThat(stats.firstAttempts()).isZero();
        assertThat(stats.firstAttemptsFirstEpochMillis()).isZero();
        assertThat(stats.firstAttemptsLastEpochMillis()).isZero();
        JsonNode json = TestHttp.parse(stats.toJson());
        assertThat(List.of(json.get("throttled").asLong(), json.get("failingRowAnswers").asLong(),
                json.get("firstAttempts").asLong(), json.get("firstAttemptsFirstEpochMillis").asLong(),
                json.get("firstAttemptsLastEpochMillis").asLong())).containsOnly(0L);
        // After a reset a body seen before is a first attempt again.
        server.faults().clear();
        http.postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"));
        assertThat(stats.firstAttempts()).isEqualTo(1);
    }

    @Test
    void mostInFlightCountsRequestsHeldAtOnce() {
        server.faults().latency(Duration.ofSeconds(30));
        for (int i = 0; i < 6; i++) {
            http.client.sendAsync(http.records(token, "application/json", TestHttp.aliasJson("ACME " + i, "A " + i))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        TestHttp.await(Duration.ofSeconds(10), () -> server.stats().maxConcurrentRequests() == 6);
        assertThat(server.stats().concurrentRequests()).isEqualTo(6);
        // close() in stop() lets them go
    }

    @Test
    void resetEndpointClearsCountersAndRecordsButKeepsTokens() {
        http.postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"));

        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/_sandbox/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(server.stats().requests()).isZero();
        assertThat(server.stats().accepted()).isZero();
        assertThat(server.stats().acceptedRecords()).isEmpty();
        assertThat(server.stats().maxRequestsInAnyOneSecondWindow()).isZero();
        assertThat(server.stats().lastRequest()).isNull();
        assertThat(http.postJson(token, TestHttp.aliasJson("ACME", "ACME Corp")).statusCode()).isEqualTo(200);
        assertThat(server.stats().timesAccepted(TestHttp.alias("ACME", "ACME Corp"))).isEqualTo(1);
    }

    @Test
    void adminEndpointsCheckTheirMethod() {
        assertThat(http.get(server.baseUrl().resolve("/_sandbox/reset")).statusCode()).isEqualTo(405);
        assertThat(http.send(HttpRequest.newBuilder(server.statsUrl())
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(405);
    }
}
