package com.aliasimport.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * anonymize-check end to end against the sandbox's Anonymize API: what each key becomes, the results file, resume,
 * retry-failed, purge, and that the people found never reach the console.
 */
class AnonymizeCheckTest extends SandboxImportTest {

    /** What the sandbox holds about the people in sample-data: none of it may reach the console. */
    static final List<String> PERSONAL_DATA = List.of(
            "Ångström",
            "Ødegård",
            "Müller",
            "王",
            "O'Brien",
            "john.doe@example.com",
            "zoe.angstrom@example.com",
            "55501234",
            "123456789",
            "10438",
            "10501");

    private Path results(String name) {
        return home.resolve(name);
    }

    static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().get().parse(in).getRecords();
        }
    }

    private static List<CSVRecord> at(List<CSVRecord> rows, String line, String keyType) {
        return rows.stream()
                .filter(r -> r.get(0).equals(line) && r.get(1).equals(keyType))
                .toList();
    }

    private long lastCheck() {
        return count("SELECT MAX(id) FROM import_run WHERE kind = 'CHECK'");
    }

    private static void assertNoPersonalData(String text) {
        for (String data : PERSONAL_DATA) {
            assertThat(text).as("console output").doesNotContain(data);
        }
    }

    @Test
    void theSampleFileShowsFoundNotFoundInvalidAndDuplicateKeys() throws Exception {
        Path file = home.resolve("anonymize-requests.csv");
        Files.copy(Path.of("sample-data/anonymize-requests.csv"), file);
        Path out = results("sample-results.csv");

        Cli.Result r = cli.run("anonymize-check", file.toString(), "--output", out.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out())
                .contains("15 rows, 16 keys: 12 checked: 9 found (12 records matched), 3 not found;"
                        + " 3 invalid, 0 rejected, 1 duplicates")
                .contains("results: " + out);
        assertNoPersonalData(r.all());
        assertThat(sandbox.stats().anonymizeChecks())
                .as("invalid and duplicate keys are not sent")
                .isEqualTo(12);
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        List<CSVRecord> rows = read(out);
        assertThat(rows.get(0).toList()).isEqualTo(ResultsFile.HEADER);
        assertThat(at(rows, "2", "email")).singleElement().satisfies(row -> {
            assertThat(row.get(3)).isEqualTo("FOUND");
            assertThat(row.get(4)).isEqualTo("1");
            assertThat(row.get(5) + " " + row.get(6)).isEqualTo("John Doe");
            assertThat(row.get(9)).isEqualTo("10438");
        });
        List<CSVRecord> several = at(rows, "3", "email");
        assertThat(several).hasSize(3).allSatisfy(row -> {
            assertThat(row.get(3)).isEqualTo("FOUND");
            assertThat(row.get(4)).isEqualTo("3");
            assertThat(row.get(6)).isEqualTo("Ångström");
        });
        assertThat(several.stream().map(row -> row.get(9))).containsExactly("10501", "10502", "10517");
        assertThat(at(rows, "4", "telephone"))
                .hasSize(2)
                .allSatisfy(row -> assertThat(row.get(2))
                        .as("a key starting with + is kept from running as a formula")
                        .isEqualTo("'+47 412-34-567"));
        assertThat(at(rows, "5", "email"))
                .singleElement()
                .satisfies(row -> assertThat(row.get(3)).isEqualTo("FOUND"));
        assertThat(at(rows, "5", "telephone"))
                .as("a row with both keys checks both")
                .singleElement()
                .satisfies(row -> assertThat(row.get(3)).isEqualTo("FOUND"));
        assertThat(at(rows, "7", "email")).singleElement().satisfies(row -> {
            assertThat(row.get(3)).isEqualTo("NOT_FOUND");
            assertThat(row.get(4)).isEqualTo("0");
            assertThat(row.get(5)).isEmpty();
        });
        assertThat(at(rows, "9", "email"))
                .singleElement()
                .satisfies(row -> assertThat(row.get(3)).isEqualTo("INVALID"));
        assertThat(at(rows, "10", "telephone")).singleElement().satisfies(row -> {
            assertThat(row.get(3)).isEqualTo("INVALID");
            assertThat(row.get(10)).contains("6 digits");
        });
        assertThat(at(rows, "11", "email")).singleElement().satisfies(row -> {
            assertThat(row.get(3)).isEqualTo("DUPLICATE");
            assertThat(row.get(10)).isEqualTo("the same email as line 2");
        });
        assertThat(at(rows, "12", "email")).singleElement().satisfies(row -> {
            assertThat(row.get(3)).isEqualTo("INVALID");
            assertThat(row.get(10)).isEqualTo("no email or telephone on this line");
        });
        assertThat(rows).hasSize(1 + 19);
    }

    @Test
    void aFileAlreadyCheckedIsNotCheckedAgainUnlessNewRun() throws Exception {
        Path file = csv("again.csv", "Email", "john.doe@example.com", "nobody@example.com");
        Cli.Result first = cli.run(
                "anonymize-check",
                file.toString(),
                "--output",
                results("again-1.csv").toString());
        assertThat(first.exitCode()).as(first.all()).isZero();

        Cli.Result second = cli.run(
                "anonymize-check",
                file.toString(),
                "--output",
                results("again-2.csv").toString());
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("was already checked by run").contains("--new-run");
        assertThat(sandbox.stats().anonymizeChecks()).isEqualTo(2);
        assertThat(results("again-2.csv")).doesNotExist();

        Cli.Result third = cli.run(
                "anonymize-check",
                file.toString(),
                "--new-run",
                "--output",
                results("again-3.csv").toString());
        assertThat(third.exitCode()).as(third.all()).isZero();
        assertThat(sandbox.stats().anonymizeChecks()).isEqualTo(4);
        assertThat(read(results("again-3.csv"))).hasSize(3);
    }

    @Test
    void theResultsCanBeJson() throws Exception {
        Path file = csv("json.csv", "telephone", "+44 (7700) 900.123");
        Path out = results("json-results.json");
        Cli.Result r = cli.run("anonymize-check", file.toString(), "--format", "json", "--output", out.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        String json = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith("[{\"line\":2,\"key_type\":\"telephone\",\"key\":\"+44 (7700) 900.123\",")
                .contains("\"status\":\"FOUND\",\"total\":1,\"first_name\":\"Seán\",\"last_name\":\"O'Brien\"");
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void keyColumnsAreFoundInAnyCaseOrThroughMap() throws Exception {
        Path upper = csv("upper.csv", "Ticket,EMAIL,Notes", "T-1,john.doe@example.com,erasure request");
        assertThat(cli.run(
                                "anonymize-check",
                                upper.toString(),
                                "--output",
                                results("upper.csv.out").toString())
                        .exitCode())
                .isZero();
        Path mapped = csv("mapped.csv", "Ticket,E-mail address", "T-2,wang.fang@example.com");
        Cli.Result r = cli.run(
                "anonymize-check",
                mapped.toString(),
                "--map",
                "E-mail address=email",
                "--output",
                results("mapped.out").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(read(results("mapped.out")).get(1).get(3)).isEqualTo("FOUND");
    }

    @Test
    void aFileWithoutKeyColumnsIsRefusedInOneLineAndNothingIsSent() throws Exception {
        Path file = csv("nokeys.csv", "Name,Mobile", "Ann,0612345678");
        Cli.Result r = cli.run("anonymize-check", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .contains("nokeys.csv")
                .contains("no email or telephone column");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(sandbox.stats().anonymizeChecks()).isZero();
    }

    @Test
    void aDryRunSaysWhatWouldBeLookedUpAndSendsNothing() throws Exception {
        Path file = csv("dry.csv", "email", "a@example.com", "not-an-email", "A@example.com ");
        Cli.Result r = cli.run("anonymize-check", file.toString(), "--dry-run");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out())
                .contains("3 rows, 3 keys; 1 would be looked up, 1 invalid, 1 duplicates")
                .contains("line 3, email: INVALID")
                .doesNotContain("not-an-email");
        assertThat(sandbox.stats().anonymizeChecks()).isZero();
    }

    @Test
    void tokenRenewalThrottlingServerErrorsAndTimeoutsAreRiddenOut() throws Exception {
        Path file = csv(
                "faults.csv",
                "email,telephone",
                "john.doe@example.com,",
                "nobody@example.com,+47 412 34 567",
                ",+44 20 7946 0000",
                "priya.r@example.org,");
        sandbox.faults()
                .unauthorizedNext(1)
                .throttleNext(1, Duration.ofMillis(100))
                .failNext(1, 503)
                .slowNext(1, Duration.ofMillis(1500)); // over the tests' 1 s read timeout
        Path out = results("faults-results.csv");
        Cli.Result r = cli.run("anonymize-check", file.toString(), "--concurrency", "1", "--output", out.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("5 checked: 3 found (4 records matched), 2 not found");
        assertThat(sandbox.stats().tokenRequests())
                .as("the 401 renewed the token")
                .isGreaterThanOrEqualTo(2);
        Map<String, Long> statuses =
                read(out).stream().skip(1).collect(Collectors.groupingBy(row -> row.get(3), Collectors.counting()));
        assertThat(statuses).isEqualTo(Map.of("FOUND", 4L, "NOT_FOUND", 2L));
    }

    @Test
    void keysLeftWithoutAnAnswerAreExhaustedAndRetryFailedAsksAgain() throws Exception {
        Path file = csv("exhausted.csv", "email", "john.doe@example.com");
        sandbox.faults().failNext(6, 503); // the key's six attempts
        Path out = results("exhausted-results.csv");
        Cli.Result first = cli.run("anonymize-check", file.toString(), "--output", out.toString());
        assertThat(first.exitCode()).as(first.all()).isEqualTo(3);
        assertThat(first.out()).contains("1 exhausted").contains("retry-failed --run " + lastCheck());
        assertThat(read(out).get(1).get(3)).isEqualTo("EXHAUSTED");

        long run = lastCheck();
        Cli.Result retry = cli.run("retry-failed", "--run", String.valueOf(run));
        assertThat(retry.exitCode()).as(retry.all()).isZero();
        assertThat(retry.out()).contains("report --run " + run);
        assertNoPersonalData(retry.all());

        Cli.Result report = cli.run("report", "--run", String.valueOf(run), "--output", out.toString());
        assertThat(report.exitCode()).as(report.all()).isZero();
        List<CSVRecord> rows = read(out);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(3)).isEqualTo("FOUND");
        assertThat(rows.get(1).get(9)).isEqualTo("10438");
    }

    @Test
    void resultsThatCannotBeWrittenAreOneLineAndStayInTheDatabase() throws Exception {
        Path file = csv("unwritable.csv", "email", "wang.fang@example.com");
        Path nowhere = home.resolve("no-such-folder").resolve("results.csv");
        Cli.Result r = cli.run("anonymize-check", file.toString(), "--output", nowhere.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err().lines().toList())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("could not be written to " + nowhere)
                        .contains("report --run " + lastCheck()));
        assertNoPersonalData(r.all());

        Path out = results("unwritable-later.csv");
        assertThat(cli.run("report", "--run", "" + lastCheck(), "--output", out.toString())
                        .exitCode())
                .isZero();
        assertThat(read(out).get(1).get(3)).isEqualTo("FOUND");
    }

    @Test
    void aCanaryPausesAndTheSameCommandChecksTheRest() throws Exception {
        Path file = csv("canary.csv", "email", "a1@example.com", "a2@example.com", "a3@example.com");
        Path out = results("canary-results.csv");
        Cli.Result first = cli.run("anonymize-check", file.toString(), "--limit", "2", "--output", out.toString());
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("paused");
        assertThat(out).doesNotExist();
        assertThat(sandbox.stats().anonymizeChecks()).isEqualTo(2);

        Cli.Result rest = cli.run("anonymize-check", file.toString(), "--output", out.toString());
        assertThat(rest.exitCode()).as(rest.all()).isZero();
        assertThat(sandbox.stats().anonymizeChecks()).isEqualTo(3);
        assertThat(read(out).stream().skip(1).map(row -> row.get(0))).containsExactly("2", "3", "4");
    }

    @Test
    void purgeDeletesThePersonalDataAndHistoryKeepsTheCounts() throws Exception {
        Path file = csv("purge.csv", "email", "zoe.angstrom@example.com", "not an email");
        Cli.Result check = cli.run(
                "anonymize-check",
                file.toString(),
                "--output",
                results("purge.out").toString());
        assertThat(check.exitCode()).as(check.all()).isEqualTo(3);
        long run = lastCheck();
        assertThat(count("SELECT COUNT(*) FROM check_result WHERE run_id = ?", run))
                .isEqualTo(3);

        assertThat(cli.run("import", aliases("purge-import.csv", 1).toString()).exitCode())
                .isZero();
        long importRun = count("SELECT MAX(id) FROM import_run WHERE kind = 'IMPORT'");
        Cli.Result notACheck = cli.run("purge", "--run", String.valueOf(importRun));
        assertThat(notACheck.exitCode()).as("an import is not purged").isEqualTo(2);
        assertThat(notACheck.err()).contains("not an anonymize check");
        Cli.Result purge = cli.run("purge", "--run", String.valueOf(run));
        assertThat(purge.exitCode()).as(purge.all()).isZero();
        assertThat(purge.out()).contains("deleted 3 result lines and 1 failed keys");
        assertThat(count("SELECT COUNT(*) FROM check_result WHERE run_id = ?", run))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM failed_row WHERE run_id = ?", run))
                .isZero();

        Cli.Result history = cli.run("history");
        assertThat(history.out()).contains("purge.csv");
        assertNoPersonalData(history.all());
        Cli.Result report = cli.run("report", "--run", String.valueOf(run));
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).contains("purged");

        Cli.Result older = cli.run("purge", "--older-than", "0");
        assertThat(older.exitCode()).as(older.all()).isZero();
        assertThat(count("SELECT COUNT(*) FROM check_result")).isZero();
    }
}
