package com.aliasimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunStore;
import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code history} end to end, over runs that ended every way a run can. */
class HistoryCommandTest extends SandboxImportTest {

    private static long unknownRun;
    private static long sampleRun;
    private static long cleanRun;
    private static long pausedRun;
    private static long failedRun;
    private static long runningRun;
    /** The folder of the database the runs were made in: a subclass (another database) makes its own. */
    private static Path runsMadeIn;

    @Autowired
    RunStore runStore;

    /** The same runs for every test of the class (the database lives as long as the class). */
    @BeforeEach
    void runsThatEndedEveryWay() throws Exception {
        if (home.equals(runsMadeIn)) {
            return;
        }
        // One row meets all six resets: its outcome is unknown.
        sandbox.faults().resetNext(6, false);
        assertThat(cli.run("import", aliases("unknown.csv", 1).toString()).exitCode())
                .isEqualTo(3);
        unknownRun = lastRun();
        assertThat(cli.run("import", "sample-data/aliases.csv").exitCode()).isEqualTo(3);
        sampleRun = lastRun();
        assertThat(cli.run("import", aliases("clean.csv", 20).toString()).exitCode())
                .isZero();
        cleanRun = lastRun();
        assertThat(cli.run("import", aliases("canary.csv", 30).toString(), "--limit", "5")
                        .exitCode())
                .isZero();
        pausedRun = lastRun();
        sandbox.faults().rejectConfiguration(true);
        assertThat(cli.run("import", aliases("refused.csv", 15).toString()).exitCode())
                .isEqualTo(1);
        sandbox.faults().rejectConfiguration(false);
        failedRun = lastRun();
        // A run whose process is sending now (or died): only its row matters to history.
        jdbc.update(
                "INSERT INTO import_run (kind, file_name, file_path, content_hash, target, row_count, status,"
                        + " created_at, started_at) VALUES ('IMPORT', 'busy.csv', '/tmp/busy.csv', ?, 'sandbox', 10,"
                        + " 'RUNNING', ?, ?)",
                "ab".repeat(32),
                Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()));
        runningRun = lastRun();
        runsMadeIn = home;
    }

    @Test
    void listsRunsNewestFirstWithStatusCountsDurationAndRate() {
        Cli.Result r = cli.run("history");

        assertThat(r.exitCode()).as(r.all()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(cells(lines.get(0)))
                .containsExactly(
                        "id",
                        "kind",
                        "file",
                        "hash",
                        "started",
                        "ended",
                        "status",
                        "read",
                        "sent",
                        "accepted",
                        "rejected",
                        "invalid",
                        "duplicates",
                        "exhausted",
                        "unknown",
                        "retried",
                        "duration",
                        "rate",
                        "held to");
        List<List<String>> rows =
                lines.stream().skip(1).map(HistoryCommandTest::cells).toList();
        assertThat(rows)
                .extracting(row -> Long.parseLong(row.get(0)))
                .containsExactly(runningRun, failedRun, pausedRun, cleanRun, sampleRun, unknownRun);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(19).endsWith("-"));

        assertThat(rows.get(0).subList(1, 7))
                .containsExactly(
                        "import", "busy.csv", "abababababab", rows.get(0).get(4), "running", "running");
        assertThat(status(rows.get(1))).isEqualTo("refused.csv failed");
        assertThat(status(rows.get(2))).isEqualTo("canary.csv paused");
        assertThat(counts(rows.get(2))).startsWith("5 5 5 0 0 0");
        assertThat(status(rows.get(3))).isEqualTo("clean.csv completed");
        assertThat(counts(rows.get(3))).isEqualTo("20 20 20 0 0 0 0 0 0");

        List<String> sample = rows.get(4);
        assertThat(status(sample)).isEqualTo("aliases.csv completed with failures");
        assertThat(counts(sample)).isEqualTo("45 40 39 1 4 1 0 0 0");
        Map<String, Object> db =
                jdbc.queryForMap("SELECT content_hash, active_millis FROM import_run WHERE id = ?", sampleRun);
        assertThat(sample.get(3)).isEqualTo(((String) db.get("CONTENT_HASH")).substring(0, 12));
        assertThat(sample.get(4)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(sample.get(5)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        long millis = ((Number) db.get("ACTIVE_MILLIS")).longValue();
        assertThat(sample.get(16)).isEqualTo(String.format(Locale.ROOT, "%.1f s", millis / 1000.0));
        assertThat(sample.get(17)).isEqualTo(String.format(Locale.ROOT, "%.1f/s", 40 / (millis / 1000.0)));

        assertThat(status(rows.get(5))).isEqualTo("unknown.csv completed with failures");
        assertThat(counts(rows.get(5)))
                .as("read sent accepted rejected invalid duplicates exhausted unknown retried")
                .isEqualTo("1 1 0 0 0 0 0 1 1");
    }

    @Test
    void anUnknownOutcomeIsKeptApartFromExhaustedAndCountsAsFailed() {
        assertThat(jdbc.queryForMap("SELECT exhausted, unknown_count FROM import_run WHERE id = ?", unknownRun))
                .containsEntry("EXHAUSTED", 0L)
                .containsEntry("UNKNOWN_COUNT", 1L);
        ImportRun run = runStore.find(unknownRun).orElseThrow();
        assertThat(run.counts().unknown()).isEqualTo(1);
        assertThat(run.counts().exhausted()).isZero();
        assertThat(run.counts().failed()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT failure_type FROM failed_row WHERE run_id = ?", String.class, unknownRun))
                .isEqualTo("UNKNOWN");
    }

    @Test
    void limitShowsTheNewestRunsOnly() {
        Cli.Result r = cli.run("history", "--limit", "2");
        assertThat(r.out().lines().skip(1).map(l -> Long.parseLong(cells(l).get(0))))
                .containsExactly(runningRun, failedRun);

        Cli.Result zero = cli.run("history", "--limit", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err().lines()).containsExactly("error: --limit must be at least 1");
    }

    @Test
    void anOptionPicocliRefusesIsAUsageError() {
        assertThat(cli.run("history", "--bogus").exitCode()).isEqualTo(2);
        assertThat(cli.run("history", "--limit", "many").exitCode()).isEqualTo(2);
        assertThat(cli.run("import", "--limit", "0", "whatever.csv").exitCode()).isEqualTo(2);
    }

    @Test
    void jsonHasTheSameRunsForTools() {
        Cli.Result r = cli.run("history", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode runs = JsonMapper.builder().build().readTree(r.out()).get("runs");
        assertThat(runs)
                .extracting(n -> n.get("run").asLong())
                .containsExactly(runningRun, failedRun, pausedRun, cleanRun, sampleRun, unknownRun);
        JsonNode sample = runs.get(4);
        assertThat(sample.get("status").asString()).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(sample.get("kind").asString()).isEqualTo("import");
        assertThat(sample.get("counts").get("sent").asLong()).isEqualTo(40);
        assertThat(sample.get("counts").get("duplicate").asLong()).isEqualTo(1);
        assertThat(runs.get(5).get("counts").get("exhausted").asLong()).isZero();
        assertThat(runs.get(5).get("counts").get("unknown").asLong()).isEqualTo(1);
        assertThat(runs.get(1).get("message").asString()).contains("The selected configuration is invalid");
        assertThat(runs.get(0).get("endedAt").isNull()).isTrue();
        assertThat(r.out()).doesNotContain(SECRET);
    }

    private long lastRun() {
        return count("SELECT MAX(id) FROM import_run");
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.strip().split(" {2,}"));
    }

    private static String status(List<String> row) {
        return row.get(2) + " " + row.get(6);
    }

    private static String counts(List<String> row) {
        return String.join(" ", row.subList(7, 16));
    }
}
