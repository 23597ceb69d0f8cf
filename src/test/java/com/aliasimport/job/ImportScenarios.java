package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.outcome.AcceptanceJournal;
import com.aliasimport.outcome.AcceptedRow;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import com.aliasimport.outcome.RowOutcomeStore;
import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Import scenarios that depend on the database (job repository, run registry, run lock, failed rows): they must
 * hold on every database we support, so each runs once per database: {@link ImportJobTest} on H2 and
 * {@link ImportJobPostgresTest} on PostgreSQL.
 */
abstract class ImportScenarios extends SandboxImportTest {

    static final Path SAMPLE = Path.of("sample-data/aliases.csv");

    @Autowired
    RowOutcomeStore outcomes;

    @Test
    void importsTheSampleFileAndRecordsEveryRowThatDidNotMakeIt() {
        Cli.Result r = cli.run("import", SAMPLE.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out())
                .contains("45 rows read, 40 sent: 39 accepted, 1 rejected")
                .contains("4 invalid, 1 duplicates")
                .contains("report --run");
        assertThat(sandbox.stats().accepted()).isEqualTo(39);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(sandbox.stats()
                        .timesAccepted(Map.of("Account Name", "Müller & Söhne GmbH", "Alias", "Müller Söhne")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Initech, Inc.", "Alias", "Initech")))
                .isEqualTo(1);
        assertThat(sandbox.stats().tokenRequests())
                .as("one token for the whole run")
                .isEqualTo(1);

        long run = count("SELECT MAX(id) FROM import_run");
        assertThat(count("SELECT COUNT(*) FROM accepted_row WHERE run_id = ?", run))
                .isEqualTo(39);
        assertThat(jdbc.queryForList(
                        "SELECT line, failure_type, http_status, message FROM failed_row"
                                + " WHERE run_id = ? ORDER BY line",
                        run))
                .extracting(m -> m.get("LINE") + " " + m.get("FAILURE_TYPE") + " " + m.get("HTTP_STATUS") + " "
                        + m.get("MESSAGE"))
                .containsExactly(
                        "38 DUPLICATE null same values as line 17",
                        "39 INVALID null \"Account Name\" is blank",
                        "40 INVALID null \"Alias\" is blank",
                        "41 INVALID null \"Alias\" is 146 characters long; the limit is 128",
                        "42 REJECTED 422 record.Alias: The alias must differ from the account name.",
                        "46 INVALID null \"Alias\" contains a control character (U+0009) at position 7");
        assertThat(jdbc.queryForObject("SELECT status FROM import_run WHERE id = ?", String.class, run))
                .isEqualTo("COMPLETED_WITH_FAILURES");

        List<FailedRow> failed = new ArrayList<>();
        outcomes.forEachFailed(run, failed::add);
        assertThat(failed).extracting(FailedRow::line).containsExactly(38L, 39L, 40L, 41L, 42L, 46L);
        FailedRow tooLong = failed.get(3);
        assertThat(tooLong.record().get("Alias")).hasSize(146);
        assertThat(tooLong.type()).isEqualTo(FailureType.INVALID);
        assertThat(tooLong.httpStatus()).isNull();
        FailedRow rejected = failed.get(4);
        assertThat(rejected.httpStatus()).isEqualTo(422);
        assertThat(rejected.attempts()).isEqualTo(1);
        assertThat(rejected.firstAttemptAt()).isNotNull().isBeforeOrEqualTo(rejected.lastAttemptAt());
        assertThat(rejected.resolvedByRun()).isNull();
    }

    @Test
    void anOverLongRecordIsAnInvalidRowAndEveryOtherRowIsImportedAtItsExactLine() throws Exception {
        // A quoted value of 120,000 lines (1.2 million characters) starting on line 3.
        Path file = csv(
                "over-long.csv",
                "Account Name,Alias",
                "ACME,ACME Corp",
                "Globex,\"" + "long line\n".repeat(120_000) + "\"",
                "Initech,",
                "Umbrella,Umbrella Corp");
        Cli.Result r = cli.run("import", file.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out()).contains("4 rows read, 2 sent: 2 accepted").contains("2 invalid");
        assertThat(sandbox.stats().requests()).isEqualTo(2);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "ACME", "Alias", "ACME Corp")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Umbrella", "Alias", "Umbrella Corp")))
                .isEqualTo(1);
        long run = count("SELECT MAX(id) FROM import_run WHERE file_name = 'over-long.csv'");
        assertThat(jdbc.queryForList(
                        "SELECT line, failure_type, message FROM failed_row WHERE run_id = ?" + " ORDER BY line", run))
                .extracting(m -> m.get("LINE") + " " + m.get("FAILURE_TYPE") + " " + m.get("MESSAGE"))
                .containsExactly(
                        "3 INVALID the record is 1,200,009 characters long; the limit is 1,048,576",
                        "120004 INVALID \"Alias\" is blank");
        List<FailedRow> failed = new ArrayList<>();
        outcomes.forEachFailed(run, failed::add);
        assertThat(failed.get(0).record()).containsEntry("Account Name", "Globex");
        assertThat(failed.get(0).record().get("Alias"))
                .as("only the start of the value is kept")
                .hasSize(256)
                .startsWith("long line\nlong line");
    }

    @Test
    void aFileThatCompletedIsNotImportedAgainUnlessAskedTo() throws Exception {
        Path file = aliases("twice.csv", 20);
        assertThat(cli.run("import", file.toString()).exitCode()).isZero();
        assertThat(sandbox.stats().accepted()).isEqualTo(20);

        Cli.Result again = cli.run("import", file.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already imported by run").contains("nothing to do");
        assertThat(sandbox.stats().accepted()).isEqualTo(20);

        Cli.Result forced = cli.run("import", file.toString(), "--new-run");
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(sandbox.stats().accepted()).isEqualTo(40);
    }

    @Test
    void aCanaryRunSendsTheFirstRowsThenTheSameCommandSendsTheRest() throws Exception {
        Path file = aliases("canary.csv", 50);
        Cli.Result canary = cli.run("import", file.toString(), "--limit", "7", "--chunk-size", "3");
        assertThat(canary.exitCode()).as(canary.all()).isZero();
        assertThat(canary.out()).contains("paused");
        assertThat(sandbox.stats().accepted()).isEqualTo(7);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Account 7", "Alias", "Alias 7 canary.csv")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Account 8", "Alias", "Alias 8 canary.csv")))
                .isZero();

        Cli.Result rest = cli.run("import", file.toString());
        assertThat(rest.exitCode()).as(rest.all()).isZero();
        assertThat(sandbox.stats().accepted()).isEqualTo(50);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
    }

    @Test
    void acceptancesJournaledByASessionThatDiedAreStoredAndNotSentAgain() throws Exception {
        Path file = aliases("journaled.csv", 30);
        Cli.Result canary = cli.run("import", file.toString(), "--limit", "10", "--chunk-size", "5");
        assertThat(canary.exitCode()).as(canary.all()).isZero();
        long run = count("SELECT id FROM import_run WHERE file_name = 'journaled.csv'");
        Path journal = Path.of(jdbc.queryForObject("SELECT journal FROM import_run WHERE id = ?", String.class, run));
        assertThat(journal)
                .as("a session that ended normally stored everything and left no journal")
                .doesNotExist();

        // As if a session had sent "Account 11" and "Account 12" (lines 12 and 13), journaled their 200s, and died.
        Instant at = Instant.parse("2026-11-23T04:00:00Z");
        try (AcceptanceJournal dead = AcceptanceJournal.open(journal)) {
            dead.append(new AcceptedRow(12, 2, false, at));
            dead.append(new AcceptedRow(13, 1, true, at));
        }

        Cli.Result rest = cli.run("import", file.toString(), "--chunk-size", "5");
        assertThat(rest.exitCode()).as(rest.all()).isZero();
        assertThat(sandbox.stats().accepted())
                .as("every row but the two journaled ones")
                .isEqualTo(28);
        assertThat(sandbox.stats()
                        .timesAccepted(Map.of("Account Name", "Account 11", "Alias", "Alias 11 journaled.csv")))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM accepted_row WHERE run_id = ?", run))
                .isEqualTo(30);
        assertThat(jdbc.queryForMap(
                        "SELECT attempts, duplicate_risk FROM accepted_row WHERE run_id = ? AND line = 13", run))
                .containsEntry("ATTEMPTS", 1)
                .containsEntry("DUPLICATE_RISK", true);
        assertThat(journal).doesNotExist();
    }

    @Test
    void aRunStoppedBySystemicErrorsResumesWithoutResendingAnything() throws Exception {
        Path file = aliases("resume.csv", 400);
        sandbox.faults().latency(Duration.ofMillis(2));
        Cli.Result failed;
        try (Trigger breakMidRun = whenAccepted(150, () -> sandbox.faults().rejectConfiguration(true))) {
            failed = cli.run("import", file.toString(), "--chunk-size", "40");
        }
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.out())
                .contains("The selected configuration is invalid")
                .contains("run the same command");
        long accepted = sandbox.stats().accepted();
        assertThat(accepted).isBetween(150L, 399L);
        long run = count("SELECT id FROM import_run WHERE file_name = 'resume.csv'");
        assertThat(count("SELECT COUNT(*) FROM failed_row WHERE run_id = ?", run))
                .as("a systemic error is not the rows' fault")
                .isZero();

        sandbox.faults().rejectConfiguration(false);
        Cli.Result resumed = cli.run("import", file.toString(), "--chunk-size", "40");
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(400);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(count("SELECT COUNT(DISTINCT id) FROM import_run WHERE file_name = 'resume.csv'"))
                .isEqualTo(1);
    }

    @Test
    void aSecondImportOfAFileBeingImportedExitsWith4AndSendsNothing() throws Exception {
        Path file = aliases("busy.csv", 60);
        sandbox.faults().latency(Duration.ofMillis(20));
        CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(
                () -> new Cli(factory).run("import", file.toString(), "--chunk-size", "5", "--concurrency", "1"));
        while (sandbox.stats().accepted() == 0 && !first.isDone()) {
            Thread.onSpinWait();
        }

        Cli.Result second = cli.run("import", file.toString());
        assertThat(second.exitCode()).as(second.all()).isEqualTo(4);
        assertThat(second.err())
                .contains("another run of")
                .contains("busy.csv")
                .contains("in progress")
                .contains("nothing was sent");

        Cli.Result firstResult = first.join();
        assertThat(firstResult.exitCode()).as(firstResult.all()).isZero();
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(60);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(count("SELECT COUNT(*) FROM run_lock")).as("released").isZero();
    }

    @Test
    void importsOfDifferentFilesStartingAtTheSameMomentDoNotGetInEachOthersWay() throws Exception {
        // Overlapping cron runs, or several hosts: job creation must not fail on a serialization conflict.
        int parallel = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<String> failures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                CyclicBarrier start = new CyclicBarrier(parallel);
                List<Future<Cli.Result>> results = new ArrayList<>();
                for (int t = 0; t < parallel; t++) {
                    Path file = csv(
                            "same-moment-" + round + "-" + t + ".csv",
                            "Account Name,Alias",
                            "Account " + round + "/" + t + ",Alias " + t);
                    results.add(pool.submit(() -> {
                        start.await();
                        return new Cli(factory).run("import", file.toString());
                    }));
                }
                for (Future<Cli.Result> r : results) {
                    if (r.get().exitCode() != 0) {
                        failures.add(r.get().all());
                    }
                }
            }
            assertThat(failures).isEmpty();
            assertThat(sandbox.stats().distinctRecords()).isEqualTo(5 * parallel);
        } finally {
            pool.shutdownNow();
        }
    }
}
