package com.aliasimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SandboxRecordsTest {

    @RegisterExtension
    final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void acceptsAJsonRecordWithAnEmptyBody() {
        HttpResponse<String> response = sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(sandbox.stats().accepted()).isEqualTo(1);
        assertThat(sandbox.stats().acceptedRecords())
                .containsExactly(Map.entry(TestHttp.alias("ACME", "ACME Corp"), 1L));
    }

    @Test
    void acceptsAFormRecordWithEncodedBracketsSpacesAndUtf8() {
        String form = "configuration=" + TestHttp.CONFIGURATION
                + "&" + encode("record[Account Name]") + "=" + encode("Société Générale")
                + "&record[Alias]=SocGen+%26+Co";

        HttpResponse<String> response = sandbox.http().postForm(sandbox.token(), form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(sandbox.stats().timesAccepted(TestHttp.alias("Société Générale", "SocGen & Co")))
                .isEqualTo(1);
    }

    @Test
    void acceptsTheFormExampleWithUnencodedSpacesInFieldNames() {
        // What curl -d sends when written naively: raw spaces and brackets.
        HttpResponse<String> response = sandbox.http()
                .postForm(
                        sandbox.token(),
                        "configuration=" + TestHttp.CONFIGURATION
                                + "&record[Account Name]=ACME&record[Alias]=ACME Corp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().timesAccepted(TestHttp.alias("ACME", "ACME Corp")))
                .isEqualTo(1);
    }

    @Test
    void acceptsPutAndThePathWithoutTrailingSlash() {
        HttpResponse<String> put = sandbox.http()
                .send(sandbox.records("application/json", "")
                        .PUT(HttpRequest.BodyPublishers.ofString(TestHttp.aliasJson("ACME", "ACME Corp")))
                        .build());
        HttpResponse<String> noSlash = sandbox.http()
                .send(HttpRequest.newBuilder(sandbox.server().baseUrl().resolve("/records"))
                        .header("Authorization", "Bearer " + sandbox.token())
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(TestHttp.aliasJson("Globex", "Globex Inc")))
                        .build());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(noSlash.statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().accepted()).isEqualTo(2);
        assertThat(sandbox.stats().lastRequest().method()).isEqualTo("POST");
    }

    @Test
    void missingConfigurationIsRequiredInTheApisExactShape() {
        HttpResponse<String> response = sandbox.http()
                .postJson(sandbox.token(), "{\"record\":{\"Account Name\":\"ACME\",\"Alias\":\"ACME Corp\"}}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body())
                .isEqualTo("{\"message\":\"The given data was invalid.\","
                        + "\"errors\":{\"configuration\":[\"The configuration field is required.\"]}}");
        assertThat(sandbox.stats().rejected()).isEqualTo(1);
        assertThat(sandbox.stats().accepted()).isZero();
    }

    @Test
    void blankConfigurationIsRequired() {
        assertErrors(
                body("  ", Map.of("Account Name", "ACME", "Alias", "ACME Corp")),
                "{\"configuration\":[\"The configuration field is required.\"]}");
    }

    @Test
    void unknownConfigurationIsInvalid() {
        assertErrors(
                body("53505294-0b20-2509-b15d-c8e377701d66", Map.of("Account Name", "ACME", "Alias", "ACME Corp")),
                "{\"configuration\":[\"The selected configuration is invalid.\"]}");
    }

    @Test
    void missingEmptyOrNonObjectRecordIsRequired() {
        String required = "{\"record\":[\"The record field is required.\"]}";
        assertErrors("{\"configuration\":\"" + TestHttp.CONFIGURATION + "\"}", required);
        assertErrors("{\"configuration\":\"" + TestHttp.CONFIGURATION + "\",\"record\":\"ACME\"}", required);
        assertErrors("{\"configuration\":\"" + TestHttp.CONFIGURATION + "\",\"record\":{}}", required);
        assertErrors("{\"configuration\":\"" + TestHttp.CONFIGURATION + "\",\"record\":null}", required);
    }

    @Test
    void bothTopLevelErrorsAreReportedTogether() {
        assertErrors(
                "{}",
                "{\"configuration\":[\"The configuration field is required.\"],"
                        + "\"record\":[\"The record field is required.\"]}");
    }

    @Test
    void eachMissingOrBlankMappingFieldIsRequired() {
        assertErrors(
                body(TestHttp.CONFIGURATION, Map.of("Alias", "ACME Corp")),
                "{\"record.Account Name\":[\"The record.Account Name field is required.\"]}");
        assertErrors(
                body(TestHttp.CONFIGURATION, Map.of("Account Name", "ACME", "Alias", "   ")),
                "{\"record.Alias\":[\"The record.Alias field is required.\"]}");
        assertErrors(
                "{\"configuration\":\"" + TestHttp.CONFIGURATION
                        + "\",\"record\":{\"Account Name\":null,\"Alias\":\"\"}}",
                "{\"record.Account Name\":[\"The record.Account Name field is required.\"],"
                        + "\"record.Alias\":[\"The record.Alias field is required.\"]}");
    }

    @Test
    void fieldNamesAreCaseSensitiveAndOthersAreSilentlyIgnored() {
        HttpResponse<String> wrongCase = sandbox.http()
                .postJson(
                        sandbox.token(),
                        body(TestHttp.CONFIGURATION, Map.of("account name", "ACME", "Alias", "ACME Corp")));

        assertThat(wrongCase.statusCode()).isEqualTo(422);
        assertThat(TestHttp.parse(wrongCase.body()).get("errors"))
                .isEqualTo(
                        TestHttp.parse("{\"record.Account Name\":[\"The record.Account Name field is required.\"]}"));
        assertThat(sandbox.stats().ignoredFields()).containsExactly("account name");

        Map<String, String> record = new LinkedHashMap<>(TestHttp.alias("ACME", "ACME Corp"));
        record.put("Email", "joe.doe@example.com");
        HttpResponse<String> extra = sandbox.postJson(body(TestHttp.CONFIGURATION, record));

        assertThat(extra.statusCode()).isEqualTo(200);
        assertThat(extra.body()).isEmpty();
        assertThat(sandbox.stats().acceptedRecords()).containsOnlyKeys(TestHttp.alias("ACME", "ACME Corp"));
        assertThat(sandbox.stats().ignoredFieldCounts())
                .containsExactly(Map.entry("Email", 1L), Map.entry("account name", 1L));
    }

    @Test
    void aliasMustDifferFromTheAccountName() {
        assertErrors(
                body(TestHttp.CONFIGURATION, Map.of("Account Name", "ACME", "Alias", " acme ")),
                "{\"record.Alias\":[\"The alias must differ from the account name.\"]}");
    }

    @Test
    void formBodiesGetTheSameValidation() {
        HttpResponse<String> response =
                sandbox.http().postForm(sandbox.token(), "record%5BAccount+Name%5D=ACME&record%5BAlias%5D=ACME+Corp");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .isEqualTo("{\"message\":\"The given data was invalid.\","
                        + "\"errors\":{\"configuration\":[\"The configuration field is required.\"]}}");
        assertThat(sandbox.http()
                        .postForm(sandbox.token(), "configuration=" + TestHttp.CONFIGURATION + "&record=ACME")
                        .body())
                .contains("\"record\":[\"The record field is required.\"]");
    }

    @Test
    void missingUnknownExpiredOrNonBearerTokensAreUnauthenticated() {
        String body = TestHttp.aliasJson("ACME", "ACME Corp");
        HttpResponse<String> missing = sandbox.http().postJson(null, body);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Unauthenticated.\"}");
        assertThat(sandbox.http().postJson("not-a-token", body).statusCode()).isEqualTo(401);
        assertThat(sandbox.http()
                        .send(HttpRequest.newBuilder(sandbox.server().importsUrl())
                                .header("Authorization", "Basic " + sandbox.token())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build())
                        .statusCode())
                .isEqualTo(401);
        assertThat(sandbox.stats().accepted()).isZero();
        assertThat(sandbox.stats().statusCount(401)).isEqualTo(3);
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() {
        HttpResponse<String> notFound =
                sandbox.http().get(sandbox.server().baseUrl().resolve("/v4.1/unknown.json"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(sandbox.http()
                        .send(HttpRequest.newBuilder(sandbox.server().baseUrl().resolve("/recordsX"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build())
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> get = sandbox.http().get(sandbox.server().importsUrl());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST, PUT");
        HttpResponse<String> delete = sandbox.http()
                .send(HttpRequest.newBuilder(sandbox.server().importsUrl())
                        .DELETE()
                        .build());
        assertThat(delete.statusCode()).isEqualTo(405);
        HttpResponse<String> head = sandbox.http()
                .send(HttpRequest.newBuilder(sandbox.server().importsUrl())
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.body()).isEmpty();
        assertThat(sandbox.stats().statusCount(405)).isEqualTo(3);
    }

    @Test
    void otherContentTypesAre415() {
        String body = TestHttp.aliasJson("ACME", "ACME Corp");
        assertThat(sandbox.http()
                        .send(sandbox.records("text/plain", body).build())
                        .statusCode())
                .isEqualTo(415);
        assertThat(sandbox.http().send(sandbox.records(null, body).build()).statusCode())
                .isEqualTo(415);
        assertThat(sandbox.stats().accepted()).isZero();
    }

    @Test
    void unparseableBodiesAre400() {
        for (String json : new String[] {"{\"configuration\":", "[1,2]", "{} trailing", "\"text\""}) {
            HttpResponse<String> response = sandbox.postJson(json);
            assertThat(response.statusCode()).as(json).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"message\":\"Malformed request body.\"}");
        }
        assertThat(sandbox.http().postForm(sandbox.token(), "configuration=%zz").statusCode())
                .isEqualTo(400);
        assertThat(sandbox.http()
                        .postForm(sandbox.token(), "configuration=%C3%28")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void nonStringJsonValuesAreTakenAsTheirText() {
        HttpResponse<String> response = sandbox.http()
                .postJson(
                        sandbox.token(),
                        "{\"configuration\":\"" + TestHttp.CONFIGURATION
                                + "\",\"record\":{\"Account Name\":42,\"Alias\":true}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().timesAccepted(TestHttp.alias("42", "true"))).isEqualTo(1);
    }

    @Test
    void countsDuplicateAcceptances() {
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));
        sandbox.postJson(TestHttp.aliasJson("ACME", "ACME Corp"));
        sandbox.postJson(TestHttp.aliasJson("Globex", "Globex Inc"));

        assertThat(sandbox.stats().accepted()).isEqualTo(4);
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(2);
        assertThat(sandbox.stats().timesAccepted(TestHttp.alias("ACME", "ACME Corp")))
                .isEqualTo(3);
        assertThat(sandbox.stats().duplicateAcceptances()).isEqualTo(2);
    }

    @Test
    void remembersTheLastRequestIncludingTheBearerToken() {
        String body = TestHttp.aliasJson("ACME", "ACME Corp");
        sandbox.postJson(body);

        RecordedRequest last = sandbox.stats().lastRequest();
        assertThat(last.method()).isEqualTo("POST");
        assertThat(last.path()).isEqualTo("/records/");
        assertThat(last.contentType()).isEqualTo("application/json");
        assertThat(last.body()).isEqualTo(body);
        assertThat(last.authorization()).isEqualTo("Bearer " + sandbox.token());
        assertThat(last.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void countsButDoesNotStoreRecordsWhenStoringIsOff() {
        sandbox.restart(SandboxSettings.defaults().withStoreRecords(false));

        sandbox.http().postJson(sandbox.http().token(), TestHttp.aliasJson("ACME", "ACME Corp"));

        assertThat(sandbox.stats().accepted()).isEqualTo(1);
        assertThat(sandbox.stats().acceptedRecords()).isEmpty();
    }

    @Test
    void honoursCustomMappingsAndConfigurations() {
        sandbox.restart(SandboxSettings.defaults()
                .withConfigurations(java.util.Set.of("contact-mapping"))
                .withRequiredFields(java.util.List.of("Email")));

        HttpResponse<String> response = sandbox.http()
                .postJson(
                        sandbox.http().token(),
                        body("contact-mapping", Map.of("Email", "joe.doe@example.com", "Name", "Joe")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().acceptedRecords()).containsOnlyKeys(Map.of("Email", "joe.doe@example.com"));
        assertThat(sandbox.stats().ignoredFields()).containsExactly("Name");
    }

    private void assertErrors(String requestBody, String expectedErrors) {
        HttpResponse<String> response = sandbox.postJson(requestBody);
        assertThat(response.statusCode()).as(requestBody).isEqualTo(422);
        assertThat(response.body())
                .isEqualTo("{\"message\":\"The given data was invalid.\",\"errors\":"
                        + TestHttp.json(TestHttp.parse(expectedErrors)) + "}");
    }

    private static String body(String configuration, Map<String, String> record) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configuration", configuration);
        body.put("record", record);
        return TestHttp.json(body);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
