package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;

/** The import command end to end: CSV file -> checks -> sandbox API, with job state in an H2 file database. */
class ImportJobTest extends SandboxImportTest {

    private static final Path SAMPLE = Path.of("sample-data/aliases.csv");

    @Test
    void importsTheSampleFileAndRecordsEveryRowThatDidNotMakeIt() {
        Cli.Result r = cli.run("import", SAMPLE.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out()).contains("45 rows read, 40 sent: 39 accepted, 1 rejected")
                .contains("4 invalid, 1 duplicates").contains("report --run");
        assertThat(sandbox.stats().accepted()).isEqualTo(39);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Müller & Söhne GmbH",
                "Alias", "Müller Söhne"))).isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Initech, Inc.", "Alias", "Initech")))
                .isEqualTo(1);
        assertThat(sandbox.stats().tokenRequests()).as("one token for the whole run").isEqualTo(1);

        long run = count("SELECT MAX(id) FROM import_run");
        assertThat(count("SELECT COUNT(*) FROM accepted_row WHERE run_id = ?", run)).isEqualTo(39);
        assertThat(jdbc.queryForList("SELECT line, failure_type, http_status, message FROM failed_row"
                + " WHERE run_id = ? ORDER BY line", run))
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
    void aDryRunChecksEverythingAndSendsNothing() {
        Cli.Result r = cli.run("import", "--dry-run", SAMPLE.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("40 would be sent, 4 invalid, 1 duplicates; nothing sent")
                .contains("line 39: INVALID: \"Account Name\" is blank");
        assertThat(sandbox.stats().requests()).isZero();
        assertThat(sandbox.stats().tokenRequests()).isZero();
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
    void aRunStoppedBySystemicErrorsResumesWithoutResendingAnything() throws Exception {
        Path file = aliases("resume.csv", 400);
        sandbox.faults().latency(Duration.ofMillis(2));
        Cli.Result failed;
        try (Trigger breakMidRun = whenAccepted(150, () -> sandbox.faults().rejectConfiguration(true))) {
            failed = cli.run("import", file.toString(), "--chunk-size", "40");
        }
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.out()).contains("The selected configuration is invalid").contains("run the same command");
        long accepted = sandbox.stats().accepted();
        assertThat(accepted).isBetween(150L, 399L);
        long run = count("SELECT id FROM import_run WHERE file_name = 'resume.csv'");
        assertThat(count("SELECT COUNT(*) FROM failed_row WHERE run_id = ?", run))
                .as("a systemic error is not the rows' fault").isZero();

        sandbox.faults().rejectConfiguration(false);
        Cli.Result resumed = cli.run("import", file.toString(), "--chunk-size", "40");
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(sandbox.stats().distinctRecords()).isEqualTo(400);
        assertThat(sandbox.stats().duplicateAcceptances()).isZero();
        assertThat(count("SELECT COUNT(DISTINCT id) FROM import_run WHERE file_name = 'resume.csv'")).isEqualTo(1);
    }

    @Test
    void formEncodingIsAnOption() throws Exception {
        Path file = aliases("form.csv", 3);
        assertThat(cli.run("import", file.toString(), "--format", "form").exitCode()).isZero();
        assertThat(sandbox.stats().accepted()).isEqualTo(3);
        assertThat(sandbox.stats().lastRequest().contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(sandbox.stats().lastRequest().body()).contains("record%5BAccount+Name%5D=Account+");
    }

    @Test
    void aHeaderTheMappingDoesNotFitIsRefusedWholeWithNothingSent() throws Exception {
        Path file = csv("extra.csv", "Account Name,Alias,Owner", "ACME,Acme Inc,Jane");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("extra.csv").contains("\"Owner\"").contains("silently drop")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(sandbox.stats().requests()).isZero();

        Cli.Result ignored = cli.run("import", file.toString(), "--ignore-column", "Owner");
        assertThat(ignored.exitCode()).as(ignored.all()).isZero();
        assertThat(sandbox.stats().ignoredFields()).isEmpty();
    }

    @Test
    void aCrmExportIsMappedByColumnMap() throws Exception {
        Path file = csv("crm.csv", "Company,Other Name", "ACME,Acme Inc");
        Cli.Result r = cli.run("import", file.toString(), "--map", "Company=Account Name", "--map",
                "Other Name=Alias");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "ACME", "Alias", "Acme Inc"))).isEqualTo(1);
    }

    @Test
    void aSemicolonFileIsRefusedWithAHintAndImportedWithTheDelimiterOption() throws Exception {
        Path file = csv("semicolons.csv", "Account Name;Alias", "ACME;\"Acme; the Rocket Co\"");
        Cli.Result refused = cli.run("import", file.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("looks delimited by \";\"").contains("--delimiter");

        Cli.Result r = cli.run("import", file.toString(), "--delimiter", ";");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "ACME", "Alias", "Acme; the Rocket Co")))
                .isEqualTo(1);
    }

    @Test
    void anUnparseableFileIsRefusedWholeNamingTheLine() throws Exception {
        Path file = csv("broken.csv", "Account Name,Alias", "ACME,Acme", "Globex,\"Globex", "Initech,Initech");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("broken.csv").contains("line 3").contains("nothing was sent");
        assertThat(sandbox.stats().requests()).isZero();
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli.Result r = cli.run("import", "no-such-file.csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-file.csv");
    }
}
