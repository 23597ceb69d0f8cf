package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.config.AliasImportProperties.Format;
import com.aliasimport.config.AliasImportProperties.Method;
import com.aliasimport.config.ApiEndpoints;
import com.aliasimport.config.ApiSettings;
import com.aliasimport.config.Secret;
import com.aliasimport.config.SendSettings;
import com.aliasimport.importer.ImportLauncher;
import com.aliasimport.importer.ImportRequest;
import com.aliasimport.importer.ImportResult;
import com.aliasimport.sandbox.SandboxSettings;
import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Systemic failures stop the run within moments, resumably, with one line that says what to fix; rows not yet
 * attempted are not marked failed. Times to detect are printed for the record, not asserted.
 */
class FailFastTest extends SandboxImportTest {

    @Autowired
    ImportLauncher launcher;

    private ImportResult importWith(Path file, URI importsUrl, String secret) {
        var api = new ApiSettings(
                new ApiEndpoints(sandbox.tokenUrl(), importsUrl),
                SandboxSettings.CLIENT_ID,
                Secret.of(secret),
                SandboxSettings.CONFIGURATION,
                Method.POST,
                Format.JSON,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        var send =
                new SendSettings(0, 8, 50, 4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1), 10);
        return launcher.importFile(new ImportRequest(
                file,
                com.aliasimport.csv.CsvSettings.defaults(),
                api,
                "test " + importsUrl,
                send,
                false,
                0,
                false,
                null,
                Map.of(),
                List.of(),
                p -> {}));
    }

    private ImportResult timed(String what, java.util.function.Supplier<ImportResult> run) {
        long start = System.nanoTime();
        ImportResult result = run.get();
        System.out.printf(
                "fail-fast: %s detected in %d ms: %s%n",
                what, (System.nanoTime() - start) / 1_000_000, result.message());
        return result;
    }

    private void assertStoppedCleanly(ImportResult result, int rows) {
        assertThat(result.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(count(
                        "SELECT COUNT(*) FROM failed_row WHERE run_id = ?",
                        result.run().id()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM accepted_row WHERE run_id = ?",
                        result.run().id()))
                .isLessThan(rows);
    }

    @Test
    void refusedCredentialsStopTheRunAndNameTheVariables() throws Exception {
        Path file = aliases("badsecret.csv", 500);
        ImportResult r = timed("refused credentials", () -> importWith(file, sandbox.importsUrl(), "wrong"));
        assertStoppedCleanly(r, 500);
        assertThat(r.message())
                .contains("refused the credentials")
                .contains("CUSTOMERGAUGE_CLIENT_SECRET")
                .doesNotContain("wrong");
        assertThat(sandbox.stats().requests()).isZero();
        assertThat(sandbox.stats().tokenRequests())
                .as("one token request, not one per sending thread")
                .isEqualTo(1);
    }

    @Test
    void anApiThatRefusesEveryNewTokenStopsTheRunAfterAFewRenewals() throws Exception {
        Path file = aliases("refusedtoken.csv", 300);
        sandbox.faults().unauthorizedNext(1_000_000);
        ImportResult r = timed("every token refused", () -> importWith(file, sandbox.importsUrl(), SECRET));
        assertStoppedCleanly(r, 300);
        assertThat(r.message()).contains("401 Unauthorized even with a new token");
        // Each row renews at most once, and rows that met a 401 with the same token share one renewal; those that
        // meet it again with the token they renewed to stop the run, before other rows can renew much further.
        assertThat(sandbox.stats().tokenRequests())
                .as("a few renewals, not one per row")
                .isBetween(2L, 4L);
        assertThat(sandbox.stats().accepted()).isZero();
    }

    @Test
    void aTokenEndpointThatIsDownIsAskedOneRequestPerFailureNotOnePerThread() throws Exception {
        Path file = aliases("tokendown.csv", 100);
        sandbox.faults().tokenFailNext(3, 503);
        ImportResult r = importWith(file, sandbox.importsUrl(), SECRET);
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(sandbox.stats().tokenRequests())
                .as("three failures, then the token")
                .isEqualTo(4);
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(100);
    }

    @Test
    void anUnknownHostStopsTheRun() throws Exception {
        Path file = aliases("nohost.csv", 500);
        ImportResult r = timed(
                "unknown host", () -> importWith(file, URI.create("https://no-such-host.invalid/records/"), SECRET));
        assertStoppedCleanly(r, 500);
        assertThat(r.message()).contains("unknown host");
    }

    @Test
    void refusedConnectionsStopTheRun() throws Exception {
        Path file = aliases("refused.csv", 500);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int port = closed;
        ImportResult r = timed(
                "connection refused",
                () -> importWith(file, URI.create("http://127.0.0.1:" + port + "/records/"), SECRET));
        assertStoppedCleanly(r, 500);
        assertThat(r.message()).contains("connection refused");
    }

    @Test
    void a404StopsTheRunAtTheFirstRow() throws Exception {
        Path file = aliases("wrongpath.csv", 500);
        ImportResult r = timed("404", () -> importWith(file, URI.create(sandbox.baseUrl() + "/v4/records/"), SECRET));
        assertStoppedCleanly(r, 500);
        assertThat(r.message()).contains("404").contains("CUSTOMERGAUGE_IMPORTS_URL");
        assertThat(sandbox.stats().requests()).isLessThanOrEqualTo(8);
    }

    @Test
    void theSameConfigurationErrorForEveryRowStopsTheRunAndResumesAfterTheFix() throws Exception {
        Path file = aliases("badconfig.csv", 500);
        sandbox.faults().rejectConfiguration(true);
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("The selected configuration is invalid").contains("run the same command again");
        assertThat(sandbox.stats().requests()).isLessThan(40);
        long run = count("SELECT MAX(id) FROM import_run WHERE file_name = 'badconfig.csv'");
        assertThat(count("SELECT COUNT(*) FROM failed_row WHERE run_id = ?", run))
                .isZero();

        sandbox.faults().rejectConfiguration(false);
        Cli.Result fixed = cli.run("import", file.toString());
        assertThat(fixed.exitCode()).as(fixed.all()).isZero();
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(500);
    }

    @Test
    void rowSpecificRejectionsDoNotStopTheRun() throws Exception {
        String[] lines = new String[31];
        lines[0] = "Account Name,Alias";
        for (int i = 1; i <= 30; i++) {
            lines[i] = "Same " + i + ",same " + i; // the sandbox rejects an alias equal to the account name
        }
        Path file = csv("allrejected.csv", lines);
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out()).contains("30 rejected");
    }
}
