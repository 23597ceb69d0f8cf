package com.aliasimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code sandbox --json} says where it listens as one JSON line, and serves there. */
class SandboxJsonTest {

    @TempDir
    Path dir;

    @Test
    void theSandboxSaysWhereItListensInJson() throws Exception {
        ChildJvm child = ChildJvm.start(
                dir, "sandbox-json", Map.of("spring.datasource.url", "jdbc:h2:mem:sandbox"), "sandbox", "--json");
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !child.out().isBlank() || !child.isAlive());
            JsonNode listening = JsonMapper.builder()
                    .build()
                    .readTree(child.out().lines().findFirst().orElseThrow());
            assertThat(listening.get("event").asString()).isEqualTo("listening");
            assertThat(listening.get("command").asString()).isEqualTo("sandbox");
            String base = listening.get("baseUrl").asString();
            assertThat(base).startsWith("http://127.0.0.1:");
            assertThat(listening.get("tokenUrl").asString()).isEqualTo(base + "/oauth2/token");
            assertThat(listening.get("importsUrl").asString()).isEqualTo(base + "/records/");
            assertThat(listening.get("anonymizeUrl").asString()).isEqualTo(base + "/v4.1/anonymize.json");
            HttpResponse<String> stats = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(listening.get("statsUrl").asString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
        } finally {
            child.kill();
        }
    }
}
