package com.aliasimport.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each run's metrics reach a real Prometheus Pushgateway (Debian's prometheus-pushgateway, started here on a free
 * loopback port; .ci/run installs it where missing): rows by outcome, requests by status, the final status and
 * Spring Batch's job timings, in a group labelled with the command and the target.
 */
class PushgatewayTest extends SandboxImportTest {

    static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");
    static final int PORT = freePort();
    static Process pushgateway;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void pushTo(DynamicPropertyRegistry registry) {
        registry.add("management.prometheus.metrics.export.pushgateway.enabled", () -> "true");
        registry.add("management.prometheus.metrics.export.pushgateway.address", () -> "127.0.0.1:" + PORT);
        registry.add("management.prometheus.metrics.export.pushgateway.grouping-key.site", () -> "test");
    }

    @BeforeAll
    static void startPushgateway() throws IOException {
        if (!Files.isExecutable(BINARY)) {
            System.out.println("SKIPPED PushgatewayTest: " + BINARY + " is not installed (apt-get install"
                    + " prometheus-pushgateway; .ci/run does it where it can)");
        }
        assumeTrue(Files.isExecutable(BINARY), "prometheus-pushgateway is not installed");
        pushgateway = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + PORT)
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("pushgateway", ".log").toFile())
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status("/-/ready") == 200);
    }

    @AfterAll
    static void stopPushgateway() {
        if (pushgateway != null) {
            pushgateway.destroy();
        }
    }

    static int status(String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static List<String> scraped() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .lines()
                .filter(line -> !line.startsWith("#"))
                .toList();
    }

    /** The series of {@code name} whose labels include all of {@code labels}. */
    static List<String> series(List<String> scraped, String name, String... labels) {
        return scraped.stream()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .toList();
    }

    @Test
    void aRunsFiguresArePushedInAGroupOfItsCommandAndTarget() throws Exception {
        Path file = csv("metrics.csv", "Account Name,Alias", "A Co,A", "B Co,B", ",C");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);

        List<String> metrics = scraped();
        String group = "target=\"" + sandbox.importsUrl();
        assertThat(series(metrics, "alias_import_rows", group, "command=\"import\"", "outcome=\"accepted\""))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("job=\"alias-import\"")
                        .contains("site=\"test\"")
                        .endsWith(" 2"));
        assertThat(series(metrics, "alias_import_rows", group, "outcome=\"invalid\""))
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith(" 1"));
        assertThat(series(metrics, "alias_import_requests", group, "status=\"200\""))
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith(" 2"));
        assertThat(series(metrics, "alias_import_run_status", group, "status=\"COMPLETED_WITH_FAILURES\""))
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith(" 1"));
        assertThat(series(metrics, "alias_import_run_status", group, "status=\"FAILED\""))
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith(" 0"));
        assertThat(series(metrics, "spring_batch_job_seconds_count", group, "spring_batch_job_name=\"importJob\""))
                .as("Spring Batch's own observation of the job")
                .isNotEmpty();
        assertThat(series(metrics, "alias_import_run_duration", group)).isNotEmpty();

        Path keys = csv("metrics-keys.csv", "email", "john.doe@example.com");
        Cli.Result check = cli.run(
                "anonymize-check",
                keys.toString(),
                "--output",
                home.resolve("k.csv").toString());
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(series(
                        scraped(),
                        "alias_import_rows",
                        "target=\"" + sandbox.baseUrl(),
                        "command=\"anonymize-check\"",
                        "outcome=\"accepted\""))
                .as("a group of its own")
                .singleElement()
                .satisfies(line -> assertThat(line).endsWith(" 1"));
        assertThat(series(scraped(), "alias_import_rows", group, "command=\"import\"", "outcome=\"accepted\""))
                .as("the import's group stays")
                .hasSize(1);
    }

    @Test
    void aPushgatewayThatIsDownCostsAWarningNotTheRun() throws Exception {
        pushgateway.destroy();
        pushgateway.waitFor();
        try {
            Path file = csv("metrics-down.csv", "Account Name,Alias", "D Co,D");
            Cli.Result r = cli.run("import", file.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.all()).doesNotContain("Pushgateway");
        } finally {
            startPushgateway();
        }
    }
}
