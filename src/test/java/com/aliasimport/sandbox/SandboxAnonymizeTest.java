package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class SandboxAnonymizeTest {

    private static final String NOT_VALID = "{\"Error\":{\"Message\":\"Email is not valid\"}}";
    private static final String NO_KEY =
            "{\"Error\":{\"Message\":\"Please make an API request by email or telephone\"}}";

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void findsOnePersonByEmailInTheApiPagesShape() {
        HttpResponse<String> response = sandbox.anonymize("email=john.doe@example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body())
                .isEqualTo(
                        "{\"Data\":[{\"first_name\":\"John\",\"last_name\":\"Doe\",\"email\":\"john.doe@example.com\","
                                + "\"sms_telephone\":\"123456789\",\"number_customergauge\":\"10438\"}],\"total\":1}");
    }

    @Test
    void findsEveryRecordOfAnEmailTrimmedAndIgnoringCaseWithNamesInUtf8() {
        HttpResponse<byte[]> response = sandbox.http()
                .client
                .sendAsync(
                        sandbox.http()
                                .anonymize(sandbox.token(), TestHttp.query("email", " ZOE.Angstrom@Example.com "))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .join();

        assertThat(response.statusCode()).isEqualTo(200);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode json = TestHttp.parse(body);
        assertThat(json.get("total").asInt()).isEqualTo(3);
        assertThat(numbers(json)).isEqualTo("10501 10502 10517");
        assertThat(json.get("Data").get(0).get("first_name").asString()).isEqualTo("Zoë");
        assertThat(json.get("Data").get(0).get("last_name").asString()).isEqualTo("Ångström");
        assertThat(body).contains("\"Zoë\"", "\"Ångström\""); // UTF-8 as such, not \\u escapes

        JsonNode wang = TestHttp.parse(
                sandbox.anonymize("email=wang.fang%40example.com").body());
        assertThat(wang.get("Data").get(0).get("last_name").asString()).isEqualTo("王");
    }

    @Test
    void aKeyNobodyHasFindsNothing() {
        HttpResponse<String> response = sandbox.anonymize("email=no.such.person@example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"Data\":[],\"total\":0}");
        assertThat(sandbox.anonymize("telephone=999").body()).isEqualTo("{\"Data\":[],\"total\":0}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+47 412 34 567", "4741234567", "+47 (412) 34-567", "+47.412.34.567"})
    void findsATelephoneByItsDigitsWhateverItsPunctuation(String telephone) {
        JsonNode json = TestHttp.parse(
                sandbox.anonymize(TestHttp.query("telephone", telephone)).body());

        assertThat(json.get("total").asInt()).isEqualTo(2);
        assertThat(numbers(json)).isEqualTo("10733 10734");
        assertThat(json.get("Data").get(1).get("first_name").asString()).isEqualTo("Søren");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "maria.at.example.com",
                "a@b@example.com",
                "john doe@example.com",
                "john@localhost",
                "@example.com",
                "john@example."
            })
    void anInvalidEmailIsAnErrorBody(String email) {
        HttpResponse<String> response = sandbox.anonymize(TestHttp.query("email", email));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo(NOT_VALID);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "email=", "email=%20%20", "telephone=", "name=John", "email=a%40example.com&telephone=1"})
    void noKeyABlankKeyOrBothKeysIsAnErrorBody(String query) {
        HttpResponse<String> response = sandbox.anonymize(query);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo(NO_KEY);
    }

    @Test
    void missingUnknownOrRevokedTokensAreUnauthenticated() {
        HttpResponse<String> missing = sandbox.http()
                .send(sandbox.http()
                        .anonymize(null, "email=john.doe@example.com")
                        .build());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Unauthenticated.\"}");
        assertThat(sandbox.http()
                        .send(sandbox.http()
                                .anonymize("not-a-token", "email=john.doe@example.com")
                                .build())
                        .statusCode())
                .isEqualTo(401);
        sandbox.server().revokeTokens();
        assertThat(sandbox.anonymize("email=john.doe@example.com").statusCode()).isEqualTo(401);
    }

    @Test
    void otherMethodsAre405AndOnlyTheExactPathIsServed() {
        HttpResponse<String> post = sandbox.http()
                .send(sandbox.http()
                        .anonymize(sandbox.token(), "email=john.doe@example.com")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        assertThat(sandbox.http()
                        .get(sandbox.server().baseUrl().resolve(Router.ANONYMIZE_PATH + "/x"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void injectedFaultsApplyToTheAnonymizeApi() {
        sandbox.faults().failNext(1, 503).throttleNext(1, Duration.ofMillis(1500));

        HttpResponse<String> unavailable = sandbox.anonymize("email=john.doe@example.com");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        HttpResponse<String> throttled = sandbox.anonymize("email=john.doe@example.com");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(sandbox.anonymize("email=john.doe@example.com").statusCode()).isEqualTo(200);
        sandbox.faults().unauthorizedNext(1);
        assertThat(sandbox.anonymize("email=john.doe@example.com").statusCode()).isEqualTo(401);
    }

    @Test
    void oneRateLimitCountsRecordsAndAnonymizeRequests() {
        sandbox.restart(SandboxSettings.defaults(), () -> 0L); // a clock held still: the bucket never refills
        sandbox.faults().rateLimit(RateLimit.tokenBucket(1, 1));

        assertThat(sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = sandbox.anonymize("email=john.doe@example.com");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Attempts.\"}");
        assertThat(sandbox.stats().throttled()).isEqualTo(1);
    }

    @Test
    void aResetClosesTheConnectionWithoutAnAnswer() throws IOException {
        sandbox.faults().resetNext(1, false);

        // Over a socket of its own: the JDK's HttpClient sends a GET once more, unasked, when the connection closes
        // without an answer, so through it one reset would not be seen at all.
        try (Socket socket = new Socket("127.0.0.1", sandbox.server().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write(("GET " + Router.ANONYMIZE_PATH + "?email=john.doe@example.com HTTP/1.1\r\n"
                                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + sandbox.token() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
        }
        assertThat(sandbox.stats().connectionResets()).isEqualTo(1);
        assertThat(sandbox.stats().anonymizeChecks()).isEqualTo(1);
        assertThat(sandbox.stats().anonymizeStatusCounts()).isEmpty();
    }

    @Test
    void statsCountTheAnonymizeRequestsApartFromTheRecordsRequests() {
        sandbox.anonymize("email=john.doe@example.com");
        sandbox.anonymize("email=no.such.person@example.com");
        sandbox.anonymize("email=maria.at.example.com");

        assertThat(sandbox.stats().anonymizeChecks()).isEqualTo(3);
        assertThat(sandbox.stats().anonymizeStatusCounts()).containsExactly(Map.entry(200, 2L), Map.entry(422, 1L));
        assertThat(sandbox.stats().lastAnonymizeRequest().method()).isEqualTo("GET");
        assertThat(sandbox.stats().lastAnonymizeRequest().authorization()).isEqualTo("Bearer " + sandbox.token());
        assertThat(sandbox.stats().requests()).isZero();
        assertThat(sandbox.stats().statusCounts()).isEmpty();
        JsonNode stats =
                TestHttp.parse(sandbox.http().get(sandbox.server().statsUrl()).body());
        assertThat(stats.get("anonymizeChecks").asLong()).isEqualTo(3);
        assertThat(stats.get("anonymizeStatusCounts")).isEqualTo(TestHttp.parse("{\"200\":2,\"422\":1}"));

        sandbox.stats().reset();
        assertThat(sandbox.stats().anonymizeChecks()).isZero();
        assertThat(sandbox.stats().anonymizeStatusCounts()).isEmpty();
        assertThat(sandbox.stats().lastAnonymizeRequest()).isNull();
    }

    @Test
    void describeNamesTheAnonymizeUrl() {
        assertThat(sandbox.server().describe())
                .contains(sandbox.server().baseUrl() + "/v4.1/anonymize.json", "15 built-in contact records");
    }

    /**
     * What the sandbox answers to each row of the sample, sent by email, else by telephone, else with neither: the
     * records' numbers, or the error message. A row with both keys is the same person either way.
     */
    @Test
    void theSampleRequestsMeetTheBuiltInContactsAsIntended() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ER-2024-001", "10438");
        expected.put("ER-2024-002", "10501 10502 10517");
        expected.put("ER-2024-003", "10733 10734");
        expected.put("ER-2024-004", "10612");
        expected.put("ER-2024-005", "10845");
        expected.put("ER-2024-006", "");
        expected.put("ER-2024-007", "");
        expected.put("ER-2024-008", AnonymizeHandler.EMAIL_NOT_VALID);
        expected.put("ER-2024-009", ""); // too short to be a telephone: a client should not send it
        expected.put("ER-2024-010", "10438"); // ER-2024-001 again: a client should not send it
        expected.put("ER-2024-011", AnonymizeHandler.BY_EMAIL_OR_TELEPHONE);
        expected.put("ER-2024-012", "11045");
        expected.put("ER-2024-013", "10910");
        expected.put("ER-2024-014", "11027");
        expected.put("ER-2024-015", "");

        Map<String, String> answered = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(Path.of("sample-data/anonymize-requests.csv"))) {
            for (CSVRecord row : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)) {
                String email = row.get("email");
                String telephone = row.get("telephone");
                String query = !email.isBlank()
                        ? TestHttp.query("email", email)
                        : !telephone.isBlank() ? TestHttp.query("telephone", telephone) : "";
                answered.put(row.get("request_id"), outcome(sandbox.anonymize(query)));
                if (!email.isBlank() && !telephone.isBlank()) {
                    assertThat(outcome(sandbox.anonymize(TestHttp.query("telephone", telephone))))
                            .isEqualTo(answered.get(row.get("request_id")));
                }
            }
        }

        assertThat(answered).containsExactlyEntriesOf(expected);
    }

    private static String outcome(HttpResponse<String> response) {
        JsonNode json = TestHttp.parse(response.body());
        return response.statusCode() == 200
                ? numbers(json)
                : json.get("Error").get("Message").asString();
    }

    private static String numbers(JsonNode json) {
        return StreamSupport.stream(json.get("Data").spliterator(), false)
                .map(record -> record.get("number_customergauge").asString())
                .collect(Collectors.joining(" "));
    }
}
