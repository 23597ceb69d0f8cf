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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class SandboxStatsTest {

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void aBurstCountsEveryAttemptInOneWindow() {
        sandbox.postJson(TestHttp.aliasJson("warm", "up")); // the burst then runs on a warm connection
        sandbox.stats().reset();
        sandbox.faults().failNext(5, 503);
        for (int i = 0; i < 30; i++) {
            sandbox.postJson(TestHttp.aliasJson("ACME " + i, "Alias " + i));
        }

        assertThat(sandbox.stats().requests()).isEqualTo(30);
        assertThat(sandbox.stats().maxRequestsInAnyOneSecondWindow()).isEqualTo(30);
        assertThat(sandbox.stats().accepted()).isEqualTo(25);
    }

    @Test
    void concurrentRequestsAreAllCounted() {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(sandbox.http()
                    .client
                    .sendAsync(
                            sandbox.records("application/json", TestHttp.aliasJson("ACME " + i, "Alias " + i))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        futures.forEach(CompletableFuture::join);

        assertThat(futures).allMatch(f -> f.join().statusCode() == 200);
        assertThat(sandbox.stats().accepted()).isEqualTo(200);
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(200);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(sandbox.stats().firstAttempts()).isEqualTo(200);
        assertThat(sandbox.stats().statusCounts()).containsExactly(Map.entry(200, 200L));
    }

    @Test
    void statsEndpointServesTheCountersAsJson() {
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));
        sandbox.postJson(TestHttp.aliasJson("ACME", "acme"));
        sandbox.postJson("{\"configuration\":\"" + TestHttp.CONFIGURATION
                + "\",\"record\":{\"Account Name\":\"Globex\",\"Alias\":\"G\",\"Email\":\"x@example.com\"}}");

        HttpResponse<String> response = sandbox.http().get(sandbox.server().statsUrl());

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
        assertThat(TestHttp.parse(sandbox.stats().toJson())).isEqualTo(stats);
    }

    @Test
    void countsRateLimitRefusalsFailingRowsAndFirstAttemptsWhateverTheAnswer() {
        sandbox.restart(SandboxSettings.defaults(), () -> 42L); // the rate limit's clock stands still
        sandbox.faults().failingRows(1.0);
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp")); // 503, a failing row
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp")); // 503 again: a retry, not a first attempt
        sandbox.postJson(TestHttp.aliasJson("ACME", "acme")); // 422
        sandbox.http().postJson(null, TestHttp.aliasJson("Globex", "Globex Inc")); // 401
        sandbox.faults().failingRows(0.0).rateLimit(RateLimit.slidingWindow(1));
        sandbox.postJson(TestHttp.aliasJson("Initech", "Initech LLC")); // 200
        sandbox.postJson(TestHttp.aliasJson("Umbrella", "Umbrella Co")); // 429: the window holds one
        sandbox.postJson(TestHttp.aliasJson("Umbrella", "Umbrella Co")); // 429 again

        SandboxStats stats = sandbox.stats();
        assertThat(stats.failingRowAnswers()).isEqualTo(2);
        assertThat(stats.throttled()).isEqualTo(2).isEqualTo(stats.statusCount(429));
        assertThat(stats.statusCounts())
                .containsExactly(
                        Map.entry(200, 1L),
                        Map.entry(401, 1L),
                        Map.entry(422, 1L),
                        Map.entry(429, 2L),
                        Map.entry(503, 2L));
        assertThat(stats.firstAttempts()).isEqualTo(5);
        assertThat(stats.firstAttemptsFirstEpochMillis()).isEqualTo(stats.firstRequestEpochMillis());
        assertThat(stats.firstAttemptsLastEpochMillis())
                .isBetween(stats.firstAttemptsFirstEpochMillis(), stats.lastRequestEpochMillis());

        stats.reset();

        assertThat(stats.failingRowAnswers()).isZero();
        assertThat(stats.throttled()).isZero();
        assertThat(stats.firstAttempts()).isZero();
        assertThat(stats.firstAttemptsFirstEpochMillis()).isZero();
        assertThat(stats.firstAttemptsLastEpochMillis()).isZero();
        JsonNode json = TestHttp.parse(stats.toJson());
        assertThat(List.of(
                        json.get("throttled").asLong(),
                        json.get("failingRowAnswers").asLong(),
                        json.get("firstAttempts").asLong(),
                        json.get("firstAttemptsFirstEpochMillis").asLong(),
                        json.get("firstAttemptsLastEpochMillis").asLong()))
                .containsOnly(0L);
        // After a reset a body seen before is a first attempt again.
        sandbox.faults().clear();
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));
        assertThat(stats.firstAttempts()).isEqualTo(1);
    }

    @Test
    void mostInFlightCountsRequestsHeldAtOnce() {
        sandbox.faults().latency(Duration.ofSeconds(30));
        for (int i = 0; i < 6; i++) {
            sandbox.http()
                    .client
                    .sendAsync(
                            sandbox.records("application/json", TestHttp.aliasJson("ACME " + i, "A " + i))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        }

        TestHttp.await(Duration.ofSeconds(10), () -> sandbox.stats().maxConcurrentRequests() == 6);
        assertThat(sandbox.stats().concurrentRequests()).isEqualTo(6);
        // close() in stop() lets them go
    }

    @Test
    void resetEndpointClearsCountersAndRecordsButKeepsTokens() {
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));

        HttpResponse<String> reset = sandbox.http()
                .send(HttpRequest.newBuilder(sandbox.server().baseUrl().resolve("/_sandbox/reset"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(sandbox.stats().requests()).isZero();
        assertThat(sandbox.stats().accepted()).isZero();
        assertThat(sandbox.stats().acceptedRecords()).isEmpty();
        assertThat(sandbox.stats().maxRequestsInAnyOneSecondWindow()).isZero();
        assertThat(sandbox.stats().lastRequest()).isNull();
        assertThat(sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp")).statusCode())
                .isEqualTo(200);
        assertThat(sandbox.stats().timesAccepted(TestHttp.alias("ACME", "ACME Corp")))
                .isEqualTo(1);
    }

    @Test
    void adminEndpointsCheckTheirMethod() {
        assertThat(sandbox.http()
                        .get(sandbox.server().baseUrl().resolve("/_sandbox/reset"))
                        .statusCode())
                .isEqualTo(405);
        assertThat(sandbox.http()
                        .send(HttpRequest.newBuilder(sandbox.server().statsUrl())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .isEqualTo(405);
    }
}
