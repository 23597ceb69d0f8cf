package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SandboxServerTest {

    @Test
    void defaultsMatchTheDocumentedAccountAliasSetUp() {
        SandboxSettings settings = SandboxSettings.defaults();

        assertThat(settings.port()).isZero();
        assertThat(settings.clientId()).isEqualTo("sandbox-client");
        assertThat(settings.clientSecret()).isEqualTo("sandbox-secret");
        assertThat(settings.configurations()).containsExactly("9dd58237-c913-4073-9c76-07da0b49ff50");
        assertThat(SandboxSettings.CONFIGURATION).isEqualTo("9dd58237-c913-4073-9c76-07da0b49ff50");
        assertThat(settings.requiredFields()).containsExactly("Account Name", "Alias");
        assertThat(settings.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.storeRecords()).isTrue();
        assertThat(settings.toString()).doesNotContain("sandbox-secret");
    }

    @Test
    void withersChangeOneThing() {
        SandboxSettings settings = SandboxSettings.defaults()
                .withPort(8089)
                .withTokenTtl(Duration.ofSeconds(2))
                .withStoreRecords(false)
                .withClientCredentials("id", "secret")
                .withConfigurations(Set.of("a", "b"))
                .withRequiredFields(List.of("Email"));

        assertThat(settings)
                .isEqualTo(new SandboxSettings(
                        8089, "id", "secret", Set.of("a", "b"), List.of("Email"), Duration.ofSeconds(2), false));
    }

    @Test
    void refusesUnusableSettings() {
        SandboxSettings defaults = SandboxSettings.defaults();
        assertThatThrownBy(() -> defaults.withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withTokenTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withConfigurations(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withClientCredentials(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listensOnLoopbackAndDescribesItself() {
        try (SandboxServer server = SandboxServer.start(SandboxSettings.defaults())) {
            int port = server.port();

            assertThat(port).isPositive();
            assertThat(server.tokenUrl()).hasToString("http://127.0.0.1:" + port + "/oauth2/token");
            assertThat(server.importsUrl()).hasToString("http://127.0.0.1:" + port + "/records/");
            assertThat(server.describe())
                    .contains(
                            server.tokenUrl().toString(),
                            server.importsUrl().toString(),
                            "sandbox-client",
                            "sandbox-secret",
                            SandboxSettings.CONFIGURATION,
                            server.statsUrl().toString());
        }
    }

    @Test
    void turnsOnTcpNoDelaySoJsonAnswersAreNotHeldBackByNagle() {
        // Without it every JSON answer on a kept-alive connection waits ~40 ms for a delayed ACK.
        try (SandboxServer ignored = SandboxServer.start(SandboxSettings.defaults())) {
            assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
        }
    }

    @Test
    void closeReleasesThePortAndRefusesConnections() {
        SandboxServer first = SandboxServer.start(SandboxSettings.defaults());
        int port = first.port();
        TestHttp http = new TestHttp(first);
        String token = http.token();
        first.close();

        Exception refused = http.sendExpectingFailure(
                http.records(token, "application/json", "{}").build());
        assertThat(refused).isInstanceOf(IOException.class);
        try (SandboxServer second =
                SandboxServer.start(SandboxSettings.defaults().withPort(port))) {
            assertThat(second.port()).isEqualTo(port);
            TestHttp again = new TestHttp(second);
            assertThat(again.postJson(again.token(), TestHttp.aliasJson("ACME", "ACME Corp"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsReportedClearly() {
        try (SandboxServer first = SandboxServer.start(SandboxSettings.defaults())) {
            assertThatThrownBy(
                            () -> SandboxServer.start(SandboxSettings.defaults().withPort(first.port())))
                    .hasMessageContaining("127.0.0.1:" + first.port());
        }
    }

    @Test
    @Timeout(10)
    void closeDoesNotWaitForRequestsInFlight() {
        SandboxServer server = SandboxServer.start(SandboxSettings.defaults());
        TestHttp http = new TestHttp(server);
        String token = http.token();
        server.faults().latency(Duration.ofMinutes(5));
        CompletableFuture<HttpResponse<String>> pending = http.client.sendAsync(
                http.records(token, "application/json", TestHttp.aliasJson("ACME", "ACME Corp"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        TestHttp.await(Duration.ofSeconds(5), () -> server.stats().requests() == 1);

        server.close();

        assertThat(pending).failsWithin(Duration.ofSeconds(5));
    }
}
