package com.aliasimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.run.RunLock;
import com.aliasimport.sandbox.SandboxSettings;
import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The --json contract (docs/json.md), field by field: with --json every command's stdout is JSON only, one object a
 * line, failures included, and the same thing has the same name everywhere.
 */
class JsonContractTest extends SandboxImportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> COUNTS =
            List.of("read", "sent", "accepted", "rejected", "invalid", "duplicate", "exhausted", "unknown", "retried");

    /** Every line of stdout is a JSON object; the last one. */
    private static JsonNode last(Cli.Result r) {
        List<String> lines = r.out().lines().toList();
        assertThat(lines).as(r.all()).isNotEmpty();
        JsonNode last = null;
        for (String line : lines) {
            last = JSON.readTree(line);
            assertThat(last.isObject()).as(line).isTrue();
        }
        return last;
    }

    private static void isError(Cli.Result r, int exitCode, String command, String kind) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(exitCode);
        JsonNode error = last(r);
        assertThat(error.get("event").asString()).isEqualTo("error");
        assertThat(error.get("command").asString()).isEqualTo(command);
        assertThat(error.get("exitCode").asInt()).isEqualTo(exitCode);
        assertThat(error.get("kind").asString()).isEqualTo(kind);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(r.err())
                .as("human text only on stderr, and none for a failure told in JSON")
                .isEmpty();
    }

    @Test
    void anImportSummaryNamesTheRunTheFileAndEveryCount() throws Exception {
        Path file = csv("json-ok.csv", "Account Name,Alias", "A Co,A", "B Co,B", "B Co,B");
        Cli.Result r = cli.run("import", file.toString(), "--json");

        JsonNode summary = last(r);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(summary.get("event").asString()).isEqualTo("summary");
        assertThat(summary.get("command").asString()).isEqualTo("import");
        assertThat(summary.get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(summary.get("exitCode").asInt()).isZero();
        assertThat(summary.get("run").asLong()).isPositive();
        assertThat(summary.get("file").asString()).isEqualTo("json-ok.csv");
        assertThat(summary.get("path").asString())
                .isEqualTo(file.toAbsolutePath().toString());
        assertThat(summary.get("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(summary.get("counts").propertyNames()).containsExactlyElementsOf(COUNTS);
        assertThat(summary.get("counts").get("duplicate").asLong()).isEqualTo(1);

        Cli.Result again = cli.run("import", file.toString(), "--json");
        assertThat(last(again).get("outcome").asString()).isEqualTo("ALREADY_IMPORTED");
        assertThat(last(again).get("run").asLong()).isEqualTo(summary.get("run").asLong());

        JsonNode run =
                JSON.readTree(cli.run("history", "--json").out()).get("runs").get(0);
        assertThat(run.get("run").asLong())
                .as("history names the run as the summary does")
                .isEqualTo(summary.get("run").asLong());
        assertThat(run.get("sha256").asString()).isEqualTo(summary.get("sha256").asString());
        assertThat(run.get("file").asString()).isEqualTo("json-ok.csv");
        assertThat(run.get("counts").propertyNames()).containsExactlyElementsOf(COUNTS);
    }

    @Test
    void theSandboxBannerGoesToStderr() throws Exception {
        Path file = csv("json-sandbox.csv", "Account Name,Alias", "A Co,A");
        Cli.Result r = cli.run("import", "--sandbox", file.toString(), "--json");
        assertThat(last(r).get("exitCode").asInt()).isZero();
        assertThat(r.err()).contains("sandbox: fake CustomerGauge API");
    }

    @Test
    void failuresAreJsonWithTheirExitCodeAndKind() throws Exception {
        Path unknownColumn = csv("json-bad-header.csv", "Account Name,Alias,Notes", "A Co,A,x");
        isError(cli.run("import", unknownColumn.toString(), "--json"), 2, "import", "file");
        isError(cli.run("import", unknownColumn.toString(), "--limit", "0", "--json"), 2, "import", "usage");
        isError(cli.run("import", unknownColumn.toString(), "--rate", "fast", "--json"), 2, "import", "usage");
        isError(cli.run("report", "--run", "999999", "--json"), 2, "report", "usage");

        Path locked = csv("json-locked.csv", "Account Name,Alias", "L Co,L");
        String hash = JSON.readTree(cli.run("import", locked.toString(), "--dry-run", "--json")
                        .out()
                        .lines()
                        .reduce((a, b) -> b)
                        .orElseThrow())
                .get("sha256")
                .asString();
        jdbc.update(
                "INSERT INTO run_lock (lock_key, run_id, owner, host, pid, heartbeat_at) VALUES (?, 0, ?, ?, ?, ?)",
                RunLock.keyFor(hash, sandbox.importsUrl() + " " + SandboxSettings.CONFIGURATION),
                "1@elsewhere/test",
                "elsewhere",
                1,
                LocalDateTime.now(ZoneOffset.UTC));
        try {
            isError(cli.run("import", locked.toString(), "--json"), 4, "import", "lock");
        } finally {
            jdbc.update("DELETE FROM run_lock WHERE owner = ?", "1@elsewhere/test");
        }
    }

    @Test
    void aRunThatStopsIsASummaryWithExitCodeOne() throws Exception {
        sandbox.faults().failNext(10_000, 503);
        Path file = aliases("json-outage.csv", 30);
        Cli.Result r = cli.run("import", file.toString(), "--concurrency", "1", "--json");
        JsonNode summary = last(r);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(summary.get("event").asString()).isEqualTo("summary");
        assertThat(summary.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(summary.get("exitCode").asInt()).isEqualTo(1);
        assertThat(summary.get("message").asString()).isNotBlank();
    }

    @Test
    void retryFailedReportPurgeAndTheCheckSpeakJsonToo() throws Exception {
        sandbox.faults().failNext(6, 503);
        Path file = aliases("json-retry.csv", 1);
        assertThat(cli.run("import", file.toString(), "--json").exitCode()).isEqualTo(3);
        long run = count("SELECT MAX(id) FROM import_run WHERE kind = 'IMPORT'");

        Cli.Result report = cli.run("report", "--run", String.valueOf(run), "--json");
        assertThat(report.exitCode()).as(report.all()).isZero();
        assertThat(JSON.readTree(report.out()).get("run").get("run").asLong()).isEqualTo(run);

        JsonNode retry = last(cli.run("retry-failed", "--run", String.valueOf(run), "--json"));
        assertThat(retry.get("command").asString()).isEqualTo("retry-failed");
        assertThat(retry.get("exitCode").asInt()).isZero();
        assertThat(retry.get("retryOf").asLong()).isEqualTo(run);
        assertThat(retry.get("run").asLong()).isGreaterThan(run);
        assertThat(retry.get("counts").get("accepted").asLong()).isEqualTo(1);

        Path keys = csv("json-keys.csv", "email", "john.doe@example.com", "nobody@example.com");
        Path results = home.resolve("json-keys-results.csv");
        JsonNode check = last(cli.run("anonymize-check", keys.toString(), "--output", results.toString(), "--json"));
        assertThat(check.get("command").asString()).isEqualTo("anonymize-check");
        assertThat(check.get("exitCode").asInt()).isZero();
        assertThat(check.get("results").asString()).isEqualTo(results.toString());
        assertThat(check.get("counts").get("found").asLong()).isEqualTo(1);
        assertThat(check.get("counts").get("notFound").asLong()).isEqualTo(1);
        long checkRun = check.get("run").asLong();

        Path again = home.resolve("json-keys-again.csv");
        JsonNode written = last(cli.run("report", "--run", "" + checkRun, "--output", again.toString(), "--json"));
        assertThat(written.get("event").asString()).isEqualTo("report");
        assertThat(written.get("lines").asLong()).isEqualTo(2);
        assertThat(Files.exists(again)).isTrue();

        JsonNode purged = last(cli.run("purge", "--run", "" + checkRun, "--json"));
        assertThat(purged.get("command").asString()).isEqualTo("purge");
        assertThat(purged.get("purged").get(0).get("run").asLong()).isEqualTo(checkRun);
        assertThat(purged.get("purged").get(0).get("resultLines").asLong()).isEqualTo(2);
    }
}
