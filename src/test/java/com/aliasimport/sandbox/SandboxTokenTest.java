package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class SandboxTokenTest {

    private static final String GOOD_FORM =
            "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret";

    @RegisterExtension
    final SandboxExtension sandbox = SandboxExtension.withoutToken();

    @Test
    void issuesAnOpaqueBearerTokenForFormCredentials() {
        HttpResponse<String> response = sandbox.http().tokenWithForm(GOOD_FORM);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode token = TestHttp.parse(response.body());
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(token.get("access_token").asString()).hasSizeGreaterThan(20);
        assertThat(sandbox.http().token())
                .isNotEqualTo(token.get("access_token").asString());
        assertThat(sandbox.stats().tokenRequests()).isEqualTo(2);
        assertThat(sandbox.stats().tokensIssued()).isEqualTo(2);
        assertThat(sandbox.stats().lastTokenRequest().body()).isEqualTo(GOOD_FORM);
    }

    @Test
    void acceptsClientCredentialsInABasicHeader() {
        HttpResponse<String> response =
                sandbox.http().tokenWithBasic("sandbox-client", "sandbox-secret", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        String token = TestHttp.parse(response.body()).get("access_token").asString();
        assertThat(sandbox.http()
                        .postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesWrongOrMissingCredentialsAsInvalidClient() {
        assertInvalidClient(sandbox.http()
                .tokenWithForm("grant_type=client_credentials&client_id=sandbox-client&client_secret=wrong"));
        assertInvalidClient(sandbox.http()
                .tokenWithForm(
                        "grant_type=client_credentials&client_id=someone-else" + "&client_secret=sandbox-secret"));
        assertInvalidClient(sandbox.http().tokenWithForm("grant_type=client_credentials"));

        HttpResponse<String> basic =
                sandbox.http().tokenWithBasic("sandbox-client", "wrong", "grant_type=client_credentials");
        assertInvalidClient(basic);
        assertThat(basic.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(sandbox.stats().tokensIssued()).isZero();
    }

    @Test
    void refusesOtherGrantTypes() {
        HttpResponse<String> response = sandbox.http()
                .tokenWithForm("grant_type=password&client_id=sandbox-client&client_secret=sandbox-secret");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestHttp.parse(response.body())).isEqualTo(TestHttp.parse("{\"error\":\"unsupported_grant_type\"}"));
    }

    @Test
    void refusesNonFormBodiesAndOtherMethods() {
        HttpResponse<String> json = sandbox.http()
                .send(HttpRequest.newBuilder(sandbox.server().tokenUrl())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
                        .build());
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).isEqualTo("{\"error\":\"invalid_request\"}");

        HttpResponse<String> get = sandbox.http().get(sandbox.server().tokenUrl());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void tokensExpireAfterTheirTtl() {
        sandbox.restart(SandboxSettings.defaults().withTokenTtl(Duration.ofSeconds(2)));

        HttpResponse<String> response = sandbox.http().tokenWithForm(GOOD_FORM);
        assertThat(TestHttp.parse(response.body()).get("expires_in").asLong()).isEqualTo(2);
        String token = TestHttp.parse(response.body()).get("access_token").asString();
        assertThat(sandbox.http()
                        .postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"))
                        .statusCode())
                .isEqualTo(200);

        TestHttp.await(
                Duration.ofSeconds(5),
                () -> sandbox.http()
                                .postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"))
                                .statusCode()
                        == 401);

        assertThat(sandbox.http()
                        .postJson(sandbox.http().token(), TestHttp.aliasJson("ACME", "ACME Corp"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void revokedTokensAreRefused() {
        String token = sandbox.http().token();
        sandbox.server().revokeTokens();

        assertThat(sandbox.http()
                        .postJson(token, TestHttp.aliasJson("ACME", "ACME Corp"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void tokenFaultsFailTheNextRequestsThenRecover() {
        sandbox.faults().tokenFailNext(2, 503);

        HttpResponse<String> first = sandbox.http().tokenWithForm(GOOD_FORM);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
        assertThat(sandbox.http().tokenWithForm(GOOD_FORM).statusCode()).isEqualTo(503);
        assertThat(sandbox.http().tokenWithForm(GOOD_FORM).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().tokenRequests()).isEqualTo(3);
        assertThat(sandbox.stats().tokensIssued()).isEqualTo(1);
    }

    private static void assertInvalidClient(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid_client\"}");
    }
}
