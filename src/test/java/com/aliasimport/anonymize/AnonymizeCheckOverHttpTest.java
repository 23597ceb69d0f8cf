package com.aliasimport.anonymize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.Cli;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * anonymize-check against a fake Anonymize API at the HTTP level (WireMock), for the answers the sandbox does not
 * give: the page documents error bodies without a status, so they must be read the same with 200 and with 422; an
 * error every key gets stops the run, resumably; and what the request looks like.
 */
@DirtiesContext
@SpringBootTest(properties = {"alias-import.cli.enabled=false", "logging.file.name=", "logging.threshold.console=WARN"})
class AnonymizeCheckOverHttpTest {

    static final String SECRET = "wiremock-secret-never-printed";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static Path home;

    @Autowired
    CommandLine.IFactory factory;

    Cli cli;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        home = Files.createTempDirectory("anonymize-over-http");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + home.resolve("db") + ";AUTO_SERVER=TRUE");
        registry.add("alias-import.token-url", () -> api.baseUrl() + "/oauth2/token");
        registry.add("alias-import.api-url", api::baseUrl);
        registry.add("alias-import.client-id", () -> "client-1");
        registry.add("alias-import.client-secret", () -> SECRET);
        registry.add("alias-import.sending.initial-backoff", () -> "20ms");
        registry.add("alias-import.sending.max-backoff", () -> "100ms");
        registry.add("alias-import.sending.rate", () -> "0");
        registry.add("alias-import.sending.fail-fast-after", () -> "3");
        registry.add("alias-import.journal-dir", () -> home.resolve("journal").toString());
    }

    @BeforeEach
    void tokens() {
        cli = new Cli(factory);
        api.stubFor(post("/oauth2/token")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    static void answer(String parameter, String value, int status, String body) {
        api.stubFor(get(urlPathEqualTo("/v4.1/anonymize.json"))
                .withQueryParam(parameter, equalTo(value))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(body.getBytes(StandardCharsets.UTF_8))));
    }

    static Path csv(String name, String... lines) throws IOException {
        Path file = home.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void asksWithTheKeyAsAQueryParameterAndABearerTokenAndKeepsEveryRecord() throws Exception {
        answer(
                "email",
                "a+b@example.com",
                200,
                "{\"Data\":[{\"first_name\":\"Zoë\",\"last_name\":\"Ångström\",\"email\":\"a+b@example.com\","
                        + "\"sms_telephone\":\"123\",\"number_customergauge\":\"1\"},{\"first_name\":\"Z\","
                        + "\"last_name\":\"A\",\"email\":\"A+B@example.com\",\"sms_telephone\":null,"
                        + "\"number_customergauge\":2}],\"total\":2}");
        answer("telephone", "+31 6 1234 5678", 200, "{\"Data\":[],\"total\":0}");
        Path file = csv("several.csv", "email,telephone", "a+b@example.com,+31 6 1234 5678");
        Path out = home.resolve("several-results.csv");

        Cli.Result r = cli.run("anonymize-check", file.toString(), "--output", out.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        api.verify(getRequestedFor(urlPathEqualTo("/v4.1/anonymize.json"))
                .withQueryParam("email", equalTo("a+b@example.com"))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
        List<CSVRecord> rows = AnonymizeCheckTest.read(out);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1).toList())
                .containsExactly(
                        "2",
                        "email",
                        "a+b@example.com",
                        "FOUND",
                        "2",
                        "Zoë",
                        "Ångström",
                        "a+b@example.com",
                        "123",
                        "1",
                        "");
        assertThat(rows.get(2).get(9)).isEqualTo("2");
        assertThat(rows.get(2).get(8)).isEmpty();
        assertThat(rows.get(3).toList().subList(0, 5))
                .containsExactly("2", "telephone", "'+31 6 1234 5678", "NOT_FOUND", "0");
        assertThat(r.all()).doesNotContain("Ångström").doesNotContain(SECRET).doesNotContain("tok-1");
    }

    @Test
    void anErrorBodyRejectsTheKeyWithItsMessageWhateverTheStatus() throws Exception {
        answer("email", "ok200@example.com", 200, "{\"Error\":{\"Message\":\"Email is not valid\"}}");
        answer("email", "ok422@example.com", 422, "{\"Error\":{\"Message\":\"Email is not valid\"}}");
        answer("email", "fine@example.com", 200, "{\"Data\":[],\"total\":0}");
        Path file = csv("errors.csv", "email", "ok200@example.com", "ok422@example.com", "fine@example.com");
        Path out = home.resolve("errors-results.csv");

        Cli.Result r = cli.run("anonymize-check", file.toString(), "--output", out.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out()).contains("2 rejected");
        List<CSVRecord> rows = AnonymizeCheckTest.read(out);
        assertThat(rows.get(1).toList())
                .containsExactly(
                        "2", "email", "ok200@example.com", "REJECTED", "", "", "", "", "", "", "Email is not valid");
        assertThat(rows.get(2).get(3)).isEqualTo("REJECTED");
        assertThat(rows.get(3).get(3)).isEqualTo("NOT_FOUND");
    }

    @Test
    void theSameErrorForEveryKeyStopsTheRunAndTheSameCommandResumesIt() throws Exception {
        api.stubFor(get(urlPathEqualTo("/v4.1/anonymize.json"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"Error\":{\"Message\":\"Please make an API request by email or telephone\"}}")));
        String[] lines = new String[21];
        lines[0] = "email";
        for (int i = 1; i <= 20; i++) {
            lines[i] = "person" + i + "@example.com";
        }
        Path file = csv("systemic.csv", lines);
        Path out = home.resolve("systemic-results.csv");

        Cli.Result stopped =
                cli.run("anonymize-check", file.toString(), "--concurrency", "1", "--output", out.toString());
        assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(1);
        assertThat(stopped.out()).contains("Please make an API request by email or telephone");
        assertThat(out).doesNotExist();
        int asked = api.getAllServeEvents().size();
        assertThat(asked).as("stopped early, not after every key").isLessThan(15);

        api.resetAll();
        tokens();
        api.stubFor(get(urlPathEqualTo("/v4.1/anonymize.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Data\":[],\"total\":0}")));
        Cli.Result resumed = cli.run("anonymize-check", file.toString(), "--output", out.toString());
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        List<CSVRecord> rows = AnonymizeCheckTest.read(out);
        assertThat(rows).hasSize(21);
        assertThat(rows.stream().skip(1).map(row -> row.get(3))).containsOnly("NOT_FOUND");
    }

    @Test
    void notFoundAtTheUrlStopsTheRunNamingTheSetting() throws Exception {
        api.stubFor(get(urlPathEqualTo("/v4.1/anonymize.json"))
                .willReturn(aResponse().withStatus(404)));
        Path file = csv("missing.csv", "email", "x@example.com", "y@example.com");
        Cli.Result r = cli.run(
                "anonymize-check",
                file.toString(),
                "--output",
                home.resolve("m.csv").toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("404").contains("CUSTOMERGAUGE_API_URL");
    }
}
