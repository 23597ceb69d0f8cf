package com.aliasimport.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.config.AliasImportProperties.Method;
import com.aliasimport.config.ApiEndpoints;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.Secret;
import com.aliasimport.config.SendSettings;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** The API client against a fake API at the HTTP level (WireMock): bodies, tokens and every response class. */
class RecordSenderTest {

    static final String CONFIGURATION = "9dd58237-c913-4073-9c76-07da0b49ff50";
    static final String SECRET = "s3cret-value-never-logged";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Map<String, String> ACME = record("ACME", "ACME Corp");

    static Map<String, String> record(String account, String alias) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("Account Name", account);
        r.put("Alias", alias);
        return r;
    }

    static ApiSettings settings(Format format, Method method, URI imports) {
        return new ApiSettings(new ApiEndpoints(URI.create(api.baseUrl() + "/oauth2/token"), imports), "client-1",
                Secret.of(SECRET), CONFIGURATION, method, format, Duration.ofSeconds(2), Duration.ofMillis(1000));
    }

    static ApiSettings settings() {
        return settings(Format.JSON, Method.POST, URI.create(api.baseUrl() + "/records/"));
    }

    static SendSettings sending(int maxAttempts) {
        return new SendSettings(0, 4, 10, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofSeconds(3), 5);
    }

    static void tokenIs(String token) {
        api.stubFor(post("/oauth2/token").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    static void recordsAnswer(int status, String body) {
        api.stubFor(post("/records/").willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void sendsTheDocumentedJsonBodyWithABearerToken() {
        tokenIs("tok-1");
        recordsAnswer(200, "");
        SendOutcome outcome = new RecordSender(settings(), sending(3)).send(ACME);
        assertThat(outcome).isEqualTo(new SendOutcome.Accepted(1, false));
        api.verify(postRequestedFor(urlEqualTo("/records/"))
                .withHeader("Authorization", equalTo("Bearer tok-1"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"configuration\":\"" + CONFIGURATION
                        + "\",\"record\":{\"Account Name\":\"ACME\",\"Alias\":\"ACME Corp\"}}")));
        api.verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=client-1")));
    }

    @Test
    void sendsFormFieldsAsRecordBracketFieldWhenAskedTo() {
        tokenIs("tok-1");
        recordsAnswer(200, "");
        var sender = new RecordSender(settings(Format.FORM, Method.POST, URI.create(api.baseUrl() + "/records/")),
                sending(3));
        assertThat(sender.send(record("Müller & Söhne", "a=b&c"))).isInstanceOf(SendOutcome.Accepted.class);
        api.verify(postRequestedFor(urlEqualTo("/records/"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("configuration", equalTo(CONFIGURATION))
                .withFormParam("record[Account Name]", equalTo("Müller & Söhne"))
                .withFormParam("record[Alias]", equalTo("a=b&c")));
    }

    @Test
    void theMethodIsASetting() {
        tokenIs("tok-1");
        api.stubFor(put("/records/").willReturn(aResponse().withStatus(200)));
        var sender = new RecordSender(settings(Format.JSON, Method.PUT, URI.create(api.baseUrl() + "/records/")),
                sending(3));
        assertThat(sender.send(ACME)).isInstanceOf(SendOutcome.Accepted.class);
        api.verify(putRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void reusesTheTokenAcrossRequests() {
        tokenIs("tok-1");
        recordsAnswer(200, "");
        var sender = new RecordSender(settings(), sending(3));
        for (int i = 0; i < 5; i++) {
            sender.send(record("A" + i, "B"));
        }
        assertThat(sender.tokens().requests()).isEqualTo(1);
        api.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void renewsAShortLivedTokenShortlyBeforeItExpires() {
        api.stubFor(post("/oauth2/token").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"short\",\"token_type\":\"Bearer\",\"expires_in\":1}")));
        recordsAnswer(200, "");
        var paced = new SendSettings(40, 1, 10, 3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3),
                5);
        var sender = new RecordSender(settings(), paced);
        long end = System.nanoTime() + 2_500_000_000L;
        int sent = 0;
        while (System.nanoTime() < end) {
            assertThat(sender.send(record("A" + sent, "B"))).isInstanceOf(SendOutcome.Accepted.class);
            sent++;
        }
        // A 1-second token used for 2.5 seconds: renewed at least twice, each time shortly before it expired.
        assertThat(sender.tokens().requests()).isBetween(3, sent);
    }

    @Test
    void renewsTheTokenOnceOnA401AndRetries() {
        api.stubFor(post("/oauth2/token").inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"old\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
                .willSetStateTo("renewed"));
        api.stubFor(post("/oauth2/token").inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"new\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        api.stubFor(post("/records/").withHeader("Authorization", equalTo("Bearer old"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Unauthenticated.\"}")));
        api.stubFor(post("/records/").withHeader("Authorization", equalTo("Bearer new"))
                .willReturn(aResponse().withStatus(200)));

        var sender = new RecordSender(settings(), sending(3));
        assertThat(sender.send(ACME)).isEqualTo(new SendOutcome.Accepted(2, false));
        assertThat(sender.tokens().requests()).isEqualTo(2);
    }

    @Test
    void a401EvenWithANewTokenIsSystemic() {
        tokenIs("tok-1");
        recordsAnswer(401, "{\"message\":\"Unauthenticated.\"}");
        assertThatThrownBy(() -> new RecordSender(settings(), sending(5)).send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("401");
        api.verify(2, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void a422IsRejectedWithTheApisMessageAndNotRetried() {
        tokenIs("tok-1");
        recordsAnswer(422, "{\"message\":\"The given data was invalid.\",\"errors\":{\"record.Alias\":"
                + "[\"The alias must differ from the account name.\"]}}");
        SendOutcome outcome = new RecordSender(settings(), sending(5)).send(ACME);
        assertThat(outcome).isEqualTo(new SendOutcome.Rejected(422,
                "record.Alias: The alias must differ from the account name.", true, 1));
        api.verify(1, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void a422AboutTheConfigurationIsNotAboutTheRow() {
        tokenIs("tok-1");
        recordsAnswer(422, "{\"message\":\"The given data was invalid.\",\"errors\":{\"configuration\":"
                + "[\"The selected configuration is invalid.\"]}}");
        SendOutcome.Rejected r = (SendOutcome.Rejected) new RecordSender(settings(), sending(5)).send(ACME);
        assertThat(r.rowSpecific()).isFalse();
        assertThat(r.message()).isEqualTo("configuration: The selected configuration is invalid.");
    }

    @Test
    void serverErrorsAreRetriedUntilAccepted() {
        tokenIs("tok-1");
        api.stubFor(post("/records/").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("one"));
        api.stubFor(post("/records/").inScenario("flaky").whenScenarioStateIs("one")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("two"));
        api.stubFor(post("/records/").inScenario("flaky").whenScenarioStateIs("two")
                .willReturn(aResponse().withStatus(200)));
        assertThat(new RecordSender(settings(), sending(5)).send(ACME)).isEqualTo(new SendOutcome.Accepted(3, false));
    }

    @Test
    void serverErrorsUntilAttemptsRunOutAreExhausted() {
        tokenIs("tok-1");
        recordsAnswer(500, "{\"message\":\"Server Error\"}");
        SendOutcome outcome = new RecordSender(settings(), sending(4)).send(ACME);
        assertThat(outcome).isEqualTo(new SendOutcome.Exhausted(500, "Server Error", false, false, 4));
        api.verify(4, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void a429WaitsForRetryAfterAndSlowsTheThrottle() {
        tokenIs("tok-1");
        api.stubFor(post("/records/").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"message\":\"Too Many Attempts.\"}"))
                .willSetStateTo("free"));
        api.stubFor(post("/records/").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200)));
        var send = new SendSettings(40, 4, 10, 4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3),
                5);
        var sender = new RecordSender(settings(), send);
        assertThat(sender.send(ACME)).isEqualTo(new SendOutcome.Accepted(2, false));
        List<LoggedRequest> requests = api.findAll(postRequestedFor(urlEqualTo("/records/")));
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(950);
        assertThat(sender.throttle().currentRate()).isLessThan(40);
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsRetriedAndFlaggedAsAPossibleDuplicate() {
        tokenIs("tok-1");
        api.stubFor(post("/records/").inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(2500)).willSetStateTo("fast"));
        api.stubFor(post("/records/").inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200)));
        assertThat(new RecordSender(settings(), sending(3)).send(ACME)).isEqualTo(new SendOutcome.Accepted(2, true));
    }

    @Test
    void connectionResetsUntilAttemptsRunOutLeaveTheOutcomeUnknown() {
        tokenIs("tok-1");
        api.stubFor(post("/records/").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        SendOutcome.Exhausted e = (SendOutcome.Exhausted) new RecordSender(settings(), sending(3)).send(ACME);
        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.unreachable()).isFalse();
        // Every attempt that reached the records endpoint is counted (an attempt may also fail earlier, at the
        // token endpoint, when a loaded machine is slow to answer).
        assertThat(e.attempts()).isBetween(1, 3)
                .isEqualTo(api.findAll(postRequestedFor(urlEqualTo("/records/"))).size());
    }

    @Test
    void aRefusedConnectionIsUnreachableNotUnknown() throws Exception {
        tokenIs("tok-1");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var sender = new RecordSender(settings(Format.JSON, Method.POST,
                URI.create("http://127.0.0.1:" + closedPort + "/records/")), sending(2));
        SendOutcome.Exhausted e = (SendOutcome.Exhausted) sender.send(ACME);
        assertThat(e.unreachable()).isTrue();
        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(e.message()).contains("connection refused");
    }

    @Test
    void a404IsSystemic() {
        tokenIs("tok-1");
        recordsAnswer(404, "{\"message\":\"Not Found\"}");
        assertThatThrownBy(() -> new RecordSender(settings(), sending(3)).send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("404 Not Found")
                .hasMessageContaining("CUSTOMERGAUGE_IMPORTS_URL");
    }

    @Test
    void refusedCredentialsAreSystemicAndTheSecretIsNeverInTheMessage() {
        api.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        assertThatThrownBy(() -> new RecordSender(settings(), sending(3)).send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining(SECRET);
        api.verify(0, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void anUnknownHostIsSystemic() {
        tokenIs("tok-1");
        var sender = new RecordSender(settings(Format.JSON, Method.POST,
                URI.create("http://no-such-host.invalid/records/")), sending(3));
        assertThatThrownBy(() -> sender.send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("unknown host");
    }

    @Test
    void aTokenEndpointOutageIsRetriedLikeAnyServerError() {
        api.stubFor(post("/oauth2/token").inScenario("auth").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        api.stubFor(post("/oauth2/token").inScenario("auth").whenScenarioStateIs("up")
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        recordsAnswer(200, "");
        assertThat(new RecordSender(settings(), sending(3)).send(ACME)).isInstanceOf(SendOutcome.Accepted.class);
        api.verify(1, postRequestedFor(urlEqualTo("/records/")).withHeader("Authorization", matching("Bearer tok")));
    }
}
