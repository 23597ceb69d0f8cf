package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** retry-failed end to end: only unresolved transient failures are re-sent, resolved rows are marked, history kept. */
class RetryFailedTest extends SandboxImportTest {

    private long runOf(String fileName) {
        return count("SELECT MAX(id) FROM import_run WHERE file_name = ? AND kind = 'IMPORT'", fileName);
    }

    @Test
    void resendsExhaustedRowsAndMarksThemResolved() throws Exception {
        Path file = aliases("exhausted.csv", 2);
        sandbox.faults().failNext(12, 503); // the two rows use up their six attempts each
        Cli.Result first = cli.run("import", file.toString(), "--concurrency", "1");
        assertThat(first.exitCode()).as(first.all()).isEqualTo(3);
        assertThat(first.out()).contains("0 accepted").contains("2 exhausted");
        long run = runOf("exhausted.csv");

        Cli.Result retry = cli.run("retry-failed", "--run", String.valueOf(run));
        assertThat(retry.exitCode()).as(retry.all()).isZero();
        assertThat(retry.out()).contains("2 rows re-sent: 2 accepted");
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(2);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();

        long retryRun = count("SELECT MAX(id) FROM import_run WHERE kind = 'RETRY' AND retry_of = ?", run);
        assertThat(count("SELECT COUNT(*) FROM failed_row WHERE run_id = ? AND resolved_by_run = ?", run, retryRun))
                .isEqualTo(2);
        assertThat(count("SELECT MIN(attempts) FROM failed_row WHERE run_id = ?", run))
                .as("attempts add up across runs")
                .isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM accepted_row WHERE run_id = ?", retryRun))
                .isEqualTo(2);

        Cli.Result nothing = cli.run("retry-failed", "--run", String.valueOf(run));
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).contains("no rows to retry");
        assertThat(sandbox.stats().requests()).isEqualTo(12 + 2);
    }

    @Test
    void rejectedRowsAreResentOnlyWhenAskedAndKeepTheirHistory() throws Exception {
        Path file = csv("rejected.csv", "Account Name,Alias", "Good Co,Good", "Same Co,same co");
        assertThat(cli.run("import", file.toString()).exitCode()).isEqualTo(3);
        long run = runOf("rejected.csv");

        Cli.Result plain = cli.run("retry-failed");
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).contains("no rows to retry").contains("--include-rejected");

        Cli.Result again = cli.run("retry-failed", "--include-rejected");
        assertThat(again.exitCode()).as(again.all()).isEqualTo(3);
        assertThat(again.out()).contains("1 rejected").contains("1 rows still fail");
        assertThat(jdbc.queryForMap(
                        "SELECT failure_type, attempts, message, retried_by_run FROM failed_row" + " WHERE run_id = ?",
                        run))
                .containsEntry("FAILURE_TYPE", "REJECTED")
                .containsEntry("ATTEMPTS", 2)
                .containsEntry("MESSAGE", "record.Alias: The alias must differ from the account name.");
    }

    @Test
    void invalidRowsAreNeverResent() throws Exception {
        Path file = csv("invalid.csv", "Account Name,Alias", "Fine Co,Fine", ",Nameless");
        assertThat(cli.run("import", file.toString()).exitCode()).isEqualTo(3);
        Cli.Result r = cli.run("retry-failed", "--include-rejected");
        assertThat(r.out()).contains("no rows to retry");
        assertThat(sandbox.stats().accepted()).isEqualTo(1);
    }

    @Test
    void aRetryStoppedBySystemicErrorsResumesAndLosesNoRow() throws Exception {
        Path file = aliases("retrystop.csv", 60);
        assertThat(cli.run("import", file.toString()).exitCode()).isZero();
        long run = runOf("retrystop.csv");
        // Make 40 of the accepted rows look as if they had been exhausted (as after a long outage).
        jdbc.update(
                "INSERT INTO failed_row (run_id, line, record_json, failure_type, http_status, message, attempts)"
                        + " SELECT ?, line, '{\"Account Name\":\"Account ' || (line - 1) || '\",\"Alias\":\"Alias '"
                        + " || (line - 1) || ' retrystop.csv\"}', 'EXHAUSTED', 503, 'Service Unavailable', 6"
                        + " FROM accepted_row WHERE run_id = ? AND line <= 41",
                run,
                run);
        jdbc.update("DELETE FROM accepted_row WHERE run_id = ? AND line <= 41", run);
        jdbc.update("UPDATE import_run SET status = 'COMPLETED_WITH_FAILURES' WHERE id = ?", run);
        sandbox.stats().reset();

        Cli.Result stopped;
        try (Trigger configurationBreaks =
                whenAccepted(12, () -> sandbox.faults().rejectConfiguration(true))) {
            stopped = cli.run("retry-failed", "--run", String.valueOf(run), "--concurrency", "2");
        }
        assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(1);
        assertThat(stopped.out()).contains("The selected configuration is invalid");

        sandbox.faults().rejectConfiguration(false);
        Cli.Result resumed = cli.run("retry-failed", "--run", String.valueOf(run));
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(40);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(count("SELECT COUNT(*) FROM failed_row WHERE run_id = ? AND resolved_by_run IS NULL", run))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM import_run WHERE kind = 'RETRY' AND retry_of = ?", run))
                .as("the same retry run resumed")
                .isEqualTo(1);
    }

    @Test
    void aRetryMustGoWhereTheRunWent() throws Exception {
        Path file = aliases("elsewhere.csv", 3);
        assertThat(cli.run("import", file.toString()).exitCode()).isZero();
        Cli.Result r = cli.run("retry-failed", "--sandbox");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("sent its rows to").contains("retry with the same settings");
    }

    @Test
    void theDefaultIsTheNewestRunAndAnUnknownRunIsAUsageError() {
        assertThat(cli.run("retry-failed", "--run", "999999").exitCode()).isEqualTo(2);
        assertThat(cli.run("retry-failed", "--run", "999999").err()).contains("no run 999999");
    }
}
