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

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.config.AliasImportProperties.Method;
import com.aliasimport.config.ApiEndpoints;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.Secret;
import com.aliasimport.config.SendSettings;
import com.aliasimport.sending.AccessTokens;
import com.aliasimport.sending.HttpTransport;
import com.aliasimport.sending.RetrySchedule;
import com.aliasimport.sending.SendOutcome;
import com.aliasimport.sending.SendingPipeline;
import com.aliasimport.sending.SystemicFailureException;
import com.aliasimport.sending.flow.FlowControl;
import com.aliasimport.sending.flow.FlowFigures;
import com.aliasimport.sending.flow.InFlightLimit;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records sent through the sending pipeline to a fake API at the HTTP level (WireMock): bodies, tokens and what
 * each response class becomes.
 */
class RecordsOverHttpTest {

    static final String CONFIGURATION = "9dd58237-c913-4073-9c76-07da0b49ff50";
    static final String SECRET = "s3cret-value-never-logged";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Map<String, String> ACME = record("ACME", "ACME Corp");

    static Map<String, String> record(String account, String alias) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("Account Name", account);
        r.put("Alias", alias);
        return r;
    }

    static ApiSettings settings(Format format, Method method, URI imports) {
        return new ApiSettings(
                new ApiEndpoints(URI.create(api.baseUrl() + "/oauth2/token"), imports),
                "client-1",
                Secret.of(SECRET),
                CONFIGURATION,
                method,
                format,
                Duration.ofSeconds(2),
                Duration.ofMillis(1000));
    }

    static ApiSettings settings() {
        return settings(Format.JSON, Method.POST, URI.create(api.baseUrl() + "/records/"));
    }

    static SendSettings sending(int maxAttempts) {
        return new SendSettings(
                0, 4, 10, maxAttempts, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 5);
    }

    static void tokenIs(String token) {
        api.stubFor(post("/oauth2/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    static void recordsAnswer(int status, String body) {
        api.stubFor(post("/records/").willReturn(aResponse().withStatus(status).withBody(body)));
    }

    @Test
    void sendsTheDocumentedJsonBodyWithABearerToken() {
        tokenIs("tok-1");
        recordsAnswer(200, "");
        SendOutcome<Void> outcome = new Sender(settings(), sending(3)).send(ACME);
        assertThat(outcome).isEqualTo(new SendOutcome.Succeeded<Void>(null, 1, false));
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
        var sender =
                new Sender(settings(Format.FORM, Method.POST, URI.create(api.baseUrl() + "/records/")), sending(3));
        assertThat(sender.send(record("Müller & Söhne", "a=b&c"))).isInstanceOf(SendOutcome.Succeeded.class);
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
        var sender = new Sender(settings(Format.JSON, Method.PUT, URI.create(api.baseUrl() + "/records/")), sending(3));
        assertThat(sender.send(ACME)).isInstanceOf(SendOutcome.Succeeded.class);
        api.verify(putRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void reusesTheTokenAcrossRequests() {
        tokenIs("tok-1");
        recordsAnswer(200, "");
        var sender = new Sender(settings(), sending(3));
        List<Map<String, String>> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(record("A" + i, "B"));
        }
        sender.send(five);
        assertThat(sender.outcomes).hasSize(5).allMatch(SendOutcome.Succeeded.class::isInstance);
        assertThat(sender.tokens.requests()).isEqualTo(1);
        api.verify(1, postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void renewsAShortLivedTokenShortlyBeforeItExpires() {
        api.stubFor(post("/oauth2/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"short\",\"token_type\":\"Bearer\",\"expires_in\":1}")));
        recordsAnswer(200, "");
        var paced =
                new SendSettings(40, 1, 10, 3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 5);
        var sender = new Sender(settings(), paced);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(record("A" + i, "B"));
        }
        sender.send(rows);
        // 100 rows at 40 a second take 2.5 seconds: a 1-second token is renewed at least twice, shortly before it
        // expires (no request was refused for an expired token: every row went through on its first attempt).
        assertThat(sender.outcomes)
                .hasSize(100)
                .allMatch(o -> o instanceof SendOutcome.Succeeded<Void> ok && ok.attempts() == 1);
        assertThat(sender.tokens.requests()).isBetween(3, 100);
    }

    @Test
    void renewsTheTokenOnceOnA401AndRetries() {
        api.stubFor(post("/oauth2/token")
                .inScenario("token")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"old\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
                .willSetStateTo("renewed"));
        api.stubFor(post("/oauth2/token")
                .inScenario("token")
                .whenScenarioStateIs("renewed")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"new\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        api.stubFor(post("/records/")
                .withHeader("Authorization", equalTo("Bearer old"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Unauthenticated.\"}")));
        api.stubFor(post("/records/")
                .withHeader("Authorization", equalTo("Bearer new"))
                .willReturn(aResponse().withStatus(200)));

        var sender = new Sender(settings(), sending(3));
        assertThat(sender.send(ACME)).isEqualTo(new SendOutcome.Succeeded<Void>(null, 2, false));
        assertThat(sender.tokens.requests()).isEqualTo(2);
    }

    @Test
    void a401EvenWithANewTokenIsSystemic() {
        tokenIs("tok-1");
        recordsAnswer(401, "{\"message\":\"Unauthenticated.\"}");
        assertThatThrownBy(() -> new Sender(settings(), sending(5)).send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("401");
        api.verify(2, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void a422IsRejectedWithTheApisMessageAndNotRetried() {
        tokenIs("tok-1");
        recordsAnswer(
                422,
                "{\"message\":\"The given data was invalid.\",\"errors\":{\"record.Alias\":"
                        + "[\"The alias must differ from the account name.\"]}}");
        SendOutcome<Void> outcome = new Sender(settings(), sending(5)).send(ACME);
        assertThat(outcome)
                .isEqualTo(new SendOutcome.Rejected<Void>(
                        422, "record.Alias: The alias must differ from the account name.", true, 1));
        api.verify(1, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void a422AboutTheConfigurationIsNotAboutTheRow() {
        tokenIs("tok-1");
        recordsAnswer(
                422,
                "{\"message\":\"The given data was invalid.\",\"errors\":{\"configuration\":"
                        + "[\"The selected configuration is invalid.\"]}}");
        var r = (SendOutcome.Rejected<Void>) new Sender(settings(), sending(5)).send(ACME);
        assertThat(r.rowSpecific()).isFalse();
        assertThat(r.message()).isEqualTo("configuration: The selected configuration is invalid.");
    }

    @Test
    void serverErrorsAreRetriedUntilAccepted() {
        tokenIs("tok-1");
        api.stubFor(post("/records/")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("one"));
        api.stubFor(post("/records/")
                .inScenario("flaky")
                .whenScenarioStateIs("one")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("two"));
        api.stubFor(post("/records/")
                .inScenario("flaky")
                .whenScenarioStateIs("two")
                .willReturn(aResponse().withStatus(200)));
        assertThat(new Sender(settings(), sending(5)).send(ACME))
                .isEqualTo(new SendOutcome.Succeeded<Void>(null, 3, false));
    }

    @Test
    void serverErrorsUntilAttemptsRunOutAreExhausted() {
        tokenIs("tok-1");
        recordsAnswer(500, "{\"message\":\"Server Error\"}");
        SendOutcome<Void> outcome = new Sender(settings(), sending(4)).send(ACME);
        assertThat(outcome).isEqualTo(new SendOutcome.Exhausted<Void>(500, "Server Error", false, false, 4));
        api.verify(4, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void a429WithRetryAfterIsRetriedAndSlowsThePace() {
        tokenIs("tok-1");
        api.stubFor(post("/records/")
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody("{\"message\":\"Too Many Attempts.\"}"))
                .willSetStateTo("free"));
        api.stubFor(post("/records/")
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200)));
        var send =
                new SendSettings(40, 4, 10, 4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 5);
        var sender = new Sender(settings(), send);
        assertThat(sender.send(ACME)).isEqualTo(new SendOutcome.Succeeded<Void>(null, 2, false));
        FlowFigures flow = sender.flow();
        assertThat(flow.refused()).isEqualTo(1);
        assertThat(flow.requests()).isEqualTo(2);
        assertThat(flow.throttled()).isTrue();
        assertThat(flow.pace()).isLessThan(40);
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsRetriedAndFlaggedAsAPossibleDuplicate() {
        tokenIs("tok-1");
        api.stubFor(post("/records/")
                .inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(2500))
                .willSetStateTo("fast"));
        api.stubFor(post("/records/")
                .inScenario("slow")
                .whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200)));
        assertThat(new Sender(settings(), sending(3)).send(ACME))
                .isEqualTo(new SendOutcome.Succeeded<Void>(null, 2, true));
    }

    @Test
    void connectionResetsUntilAttemptsRunOutLeaveTheOutcomeUnknown() {
        tokenIs("tok-1");
        api.stubFor(post("/records/").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        var e = (SendOutcome.Exhausted<Void>) new Sender(settings(), sending(3)).send(ACME);
        assertThat(e.answerLost()).isTrue();
        assertThat(e.neverConnected()).isFalse();
        // Every attempt that reached the records endpoint is counted (an attempt may also fail earlier, at the
        // token endpoint, when a loaded machine is slow to answer).
        assertThat(e.attempts())
                .isBetween(1, 3)
                .isEqualTo(
                        api.findAll(postRequestedFor(urlEqualTo("/records/"))).size());
    }

    @Test
    void aRefusedConnectionIsUnreachableNotUnknown() throws Exception {
        tokenIs("tok-1");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var sender = new Sender(
                settings(Format.JSON, Method.POST, URI.create("http://127.0.0.1:" + closedPort + "/records/")),
                sending(2));
        var e = (SendOutcome.Exhausted<Void>) sender.send(ACME);
        assertThat(e.neverConnected()).isTrue();
        assertThat(e.answerLost()).isFalse();
        assertThat(e.message()).contains("connection refused");
    }

    @Test
    void a404IsSystemic() {
        tokenIs("tok-1");
        recordsAnswer(404, "{\"message\":\"Not Found\"}");
        assertThatThrownBy(() -> new Sender(settings(), sending(3)).send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("404 Not Found")
                .hasMessageContaining("CUSTOMERGAUGE_IMPORTS_URL");
    }

    @Test
    void refusedCredentialsAreSystemicAndTheSecretIsNeverInTheMessage() {
        api.stubFor(post("/oauth2/token")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));
        assertThatThrownBy(() -> new Sender(settings(), sending(3)).send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining(SECRET);
        api.verify(0, postRequestedFor(urlEqualTo("/records/")));
    }

    @Test
    void anUnknownHostIsSystemic() {
        tokenIs("tok-1");
        var sender = new Sender(
                settings(Format.JSON, Method.POST, URI.create("http://no-such-host.invalid/records/")), sending(3));
        assertThatThrownBy(() -> sender.send(ACME))
                .isInstanceOf(SystemicFailureException.class)
                .hasMessageContaining("unknown host");
    }

    @Test
    void aTokenEndpointOutageIsRetriedLikeAnyServerError() {
        api.stubFor(post("/oauth2/token")
                .inScenario("auth")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        api.stubFor(post("/oauth2/token")
                .inScenario("auth")
                .whenScenarioStateIs("up")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        recordsAnswer(200, "");
        assertThat(new Sender(settings(), sending(3)).send(ACME)).isInstanceOf(SendOutcome.Succeeded.class);
        api.verify(1, postRequestedFor(urlEqualTo("/records/")).withHeader("Authorization", matching("Bearer tok")));
        api.verify(2, postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    /** A pipeline to the fake API for a test: sends rows, waits for their outcomes, says how it went. */
    static final class Sender {
        final SendingPipeline<Map<String, String>, Void> pipeline;
        final AccessTokens tokens;
        final List<SendOutcome<Void>> outcomes = Collections.synchronizedList(new ArrayList<>());

        Sender(ApiSettings settings, SendSettings send) {
            FlowControl flow = FlowControl.system(send.rate(), Double.NaN, send.maxRetryAfter());
            tokens = new AccessTokens(
                    settings.endpoints().tokenUrl(),
                    settings.clientId(),
                    settings.clientSecret(),
                    settings.connectTimeout(),
                    settings.readTimeout(),
                    Clock.systemUTC());
            pipeline = new SendingPipeline<>(
                    new RecordsEndpoint(settings),
                    tokens,
                    new HttpTransport(settings.connectTimeout(), settings.readTimeout(), send.concurrency()),
                    flow,
                    InFlightLimit.of(send.rate() > 0 ? flow::pace : null, send.concurrency(), System::nanoTime),
                    new RetrySchedule(
                            send.maxAttempts(), send.initialBackoff(), send.maxBackoff(), send.maxRetryAfter()),
                    send.failFastAfter(),
                    send.concurrency(),
                    (row, outcome, first) -> outcomes.add(outcome));
        }

        /** Sends the records; the last outcome; throws the stop reason if the pipeline stopped before any. */
        SendOutcome<Void> send(List<Map<String, String>> records) {
            try {
                long line = 1;
                for (Map<String, String> record : records) {
                    pipeline.submit(new SendingPipeline.Pending<>(line++, record));
                }
                pipeline.drain();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                pipeline.close();
            }
            if (outcomes.isEmpty() && pipeline.stopped()) {
                throw new SystemicFailureException(pipeline.stopReason());
            }
            return outcomes.get(outcomes.size() - 1);
        }

        SendOutcome<Void> send(Map<String, String> record) {
            return send(List.of(record));
        }

        FlowFigures flow() {
            return pipeline.flowFigures();
        }
    }
}
