package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(server.stats().statusCounts()).containsExactly(java.util.Map.entry(200, 200L));
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
        assertThat(TestHttp.parse(server.stats().toJson())).isEqualTo(stats);
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
