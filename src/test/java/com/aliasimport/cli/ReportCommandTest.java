package com.aliasimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.Cli;
import com.aliasimport.support.SandboxImportTest;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code report} end to end: a real import into the sandbox, then the report of its failed rows. */
class ReportCommandTest extends SandboxImportTest {

    private static final String SAMPLE = "sample-data/aliases.csv";
    private static final String REPORT_HEADER =
            "Account Name,Alias,_line,_failure,_http_status,_message,_attempts,_run";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theTableShowsTheRunEveryFailedRowAndWhatToDoAboutEachKind() {
        long run = importSample();

        Cli.Result r = cli.run("report");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0))
                .matches("run " + run + " \\(import\\) of aliases\\.csv \\[[0-9a-f]{12}\\]:"
                        + " completed with failures");
        assertThat(lines.get(1))
                .contains("45 read, 40 sent: 39 accepted, 1 rejected, 0 exhausted, 0 unknown;"
                        + " 4 invalid, 1 duplicates");
        List<String> rows = lines.stream()
                .filter(l -> l.matches("\\s+\\d+  [A-Z]+ .*"))
                .map(l -> l.strip().replaceAll(" {2,}", "  "))
                .toList();
        assertThat(rows)
                .containsExactly(
                        "38  DUPLICATE  -  0  same values as line 17 | Account Name=\"Stark Industries\" Alias=\"Stark\"",
                        "39  INVALID  -  0  \"Account Name\" is blank | Account Name=\"\" Alias=\"Nameless Alias\"",
                        "40  INVALID  -  0  \"Alias\" is blank | Account Name=\"Gringotts Bank\" Alias=\"\"",
                        "41  INVALID  -  0  \"Alias\" is 146 characters long; the limit is 128 | Account Name=\"Acme Rockets\""
                                + " Alias=\"An alias that is far too long to be acce…\"",
                        "42  REJECTED  422  1  record.Alias: The alias must differ from the account name. | Account Name="
                                + "\"Monsters Inc\" Alias=\"Monsters Inc\"",
                        "46  INVALID  -  0  \"Alias\" contains a control character (U+0009) at position 7 | Account Name="
                                + "\"Tabbed Ltd\" Alias=\"Tabbed\\tLtd\"");
        assertThat(r.out())
                .as("control characters never reach the terminal raw")
                .doesNotContain("\t");
        assertThat(lines)
                .contains(
                        "4 INVALID: fix the file: 'alias-import report --run " + run
                                + " --format csv --output FILE' writes"
                                + " these rows to a CSV you can correct and import as it is",
                        "1 REJECTED: fix the data or the mapping, then 'alias-import retry-failed --run " + run
                                + " --include-rejected'",
                        "1 DUPLICATE: nothing to do: the same values were sent with an earlier line");
        assertThat(r.out()).doesNotContain(SECRET);
    }

    @Test
    void theCsvIsUtf8WithAByteOrderMarkAndListsEveryRowToFixWithTheReportColumns() throws Exception {
        long run = importSample();
        Path file = home.resolve("sample-report.csv");

        Cli.Result r = cli.run("report", "--run", String.valueOf(run), "--format", "csv", "--output", file.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out())
                .contains("wrote 5 rows to " + file + " (run " + run + ")")
                .contains("1 duplicate row left out");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text.lines().findFirst()).hasValue(REPORT_HEADER);
        List<Map<String, String>> records = parse(text);
        assertThat(records)
                .extracting(m -> m.get("_line") + " " + m.get("_failure"))
                .containsExactly("39 INVALID", "40 INVALID", "41 INVALID", "42 REJECTED", "46 INVALID");
        assertThat(records.get(3))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "Account Name",
                        "Monsters Inc",
                        "Alias",
                        "Monsters Inc",
                        "_line",
                        "42",
                        "_failure",
                        "REJECTED",
                        "_http_status",
                        "422",
                        "_message",
                        "record.Alias: The alias must differ from the account name.",
                        "_attempts",
                        "1",
                        "_run",
                        String.valueOf(run)));
        assertThat(records.get(2).get("Alias"))
                .as("whole values, not cut as in the table")
                .hasSize(146);
        assertThat(records.get(4).get("Alias")).isEqualTo("Tabbed\tLtd");

        Cli.Result console = cli.run("report", "--run", String.valueOf(run), "--format", "csv");
        assertThat(console.exitCode()).isZero();
        assertThat(console.out()).as("no byte order mark on a console").startsWith(REPORT_HEADER);
        assertThat(parse(console.out())).isEqualTo(records);
        assertThat(console.err()).contains("1 duplicate row left out");
    }

    @Test
    void theJsonHasTheRunAndEveryFailedRowWithItsValues() throws Exception {
        long run = importSample();
        Path file = home.resolve("sample-report.json");

        Cli.Result r = cli.run("report", "--format", "json", "--output", file.toString());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("wrote 6 rows to " + file);
        JsonNode report = JSON.readTree(Files.readString(file));
        JsonNode meta = report.get("run");
        assertThat(meta.get("run").asLong()).isEqualTo(run);
        assertThat(meta.get("file").asString()).isEqualTo("aliases.csv");
        assertThat(meta.get("sha256").asString())
                .isEqualTo(jdbc.queryForObject("SELECT content_hash FROM import_run WHERE id = ?", String.class, run))
                .matches("[0-9a-f]{64}");
        assertThat(meta.get("status").asString()).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(meta.get("counts").get("read").asLong()).isEqualTo(45);
        assertThat(meta.get("counts").get("accepted").asLong()).isEqualTo(39);
        assertThat(meta.get("counts").get("invalid").asLong()).isEqualTo(4);
        assertThat(Instant.parse(meta.get("startedAt").asString()))
                .isBefore(Instant.parse(meta.get("endedAt").asString()));

        JsonNode rows = report.get("failedRows");
        assertThat(rows)
                .extracting(n -> n.get("line").asLong() + " " + n.get("type").asString())
                .containsExactly("38 DUPLICATE", "39 INVALID", "40 INVALID", "41 INVALID", "42 REJECTED", "46 INVALID");
        JsonNode rejected = rows.get(4);
        assertThat(rejected.get("httpStatus").asInt()).isEqualTo(422);
        assertThat(rejected.get("attempts").asInt()).isEqualTo(1);
        assertThat(rejected.get("message").asString())
                .isEqualTo("record.Alias: The alias must differ from the account name.");
        assertThat(Instant.parse(rejected.get("firstAttemptAt").asString())).isNotNull();
        assertThat(Instant.parse(rejected.get("lastAttemptAt").asString())).isNotNull();
        assertThat(rejected.get("resolvedByRun").isNull()).isTrue();
        assertThat(JSON.convertValue(rejected.get("record"), Map.class))
                .containsExactly(Map.entry("Account Name", "Monsters Inc"), Map.entry("Alias", "Monsters Inc"));
        assertThat(rows.get(1).get("httpStatus").isNull()).isTrue();
        assertThat(rows.get(5).get("record").get("Alias").asString()).isEqualTo("Tabbed\tLtd");
        assertThat(report.get("count").asLong()).isEqualTo(6);
        assertThat(Files.readString(file)).doesNotContain(SECRET);

        Cli.Result console = cli.run("report", "--format", "json");
        assertThat(JSON.readTree(console.out())).isEqualTo(report);
    }

    @Test
    void rowsALaterRunGotThroughAreLeftOutUnlessAskedFor() {
        long run = importSample();
        long later = run + 1000;
        jdbc.update(
                "UPDATE failed_row SET resolved_by_run = ?, resolved_at = CURRENT_TIMESTAMP"
                        + " WHERE run_id = ? AND line = 42",
                later,
                run);

        Cli.Result r = cli.run("report", "--run", String.valueOf(run));
        assertThat(r.out())
                .doesNotContain("Monsters Inc")
                .doesNotContain("REJECTED")
                .contains("1 failed row that later runs got through is not shown (--include-resolved shows it).");

        Cli.Result all = cli.run("report", "--run", String.valueOf(run), "--include-resolved");
        assertThat(all.out())
                .contains("Alias=\"Monsters Inc\" (resolved by run " + later + ")")
                .contains("1 REJECTED:");
    }

    @Test
    void aCorrectedCsvReportImportsAsItIs() throws Exception {
        String tooLong = "x".repeat(130);
        Path original = csv(
                "round-trip.csv",
                "Account Name,Alias",
                "Round Trip A,RT Alias A",
                "Round Trip B,",
                "Round Trip C,Round Trip C",
                "Round Trip D," + tooLong,
                "Round Trip E,RT Alias E");
        assertThat(cli.run("import", original.toString()).exitCode()).isEqualTo(3);
        Path fix = home.resolve("round-trip-fix.csv");
        assertThat(cli.run("report", "--format", "csv", "--output", fix.toString())
                        .exitCode())
                .isZero();

        // What a person does in the spreadsheet: correct the values, keep the rest.
        List<Map<String, String>> rows = parse(Files.readString(fix).substring(1));
        assertThat(rows)
                .extracting(m -> m.get("Account Name"))
                .containsExactly("Round Trip B", "Round Trip C", "Round Trip D");
        rows.forEach(m -> m.put("Alias", "RT Alias " + m.get("Account Name").substring(11)));
        write(fix, rows);

        Cli.Result again = cli.run("import", fix.toString());
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("3 rows read, 3 sent: 3 accepted").contains("every row accepted");
        for (String n : List.of("A", "B", "C", "D", "E")) {
            assertThat(sandbox.stats()
                            .timesAccepted(Map.of("Account Name", "Round Trip " + n, "Alias", "RT Alias " + n)))
                    .as(n)
                    .isEqualTo(1);
        }
        assertThat(sandbox.stats().accepted()).isEqualTo(5);
    }

    @Test
    void formulasAreNeutralisedInTheCsvAndReimportedExactly() throws Exception {
        // Account Name == Alias: the sandbox rejects each row, so each lands in the report.
        List<String> formulas = List.of(
                "=1+2", "+49 ACME", "-ACME", "@SUM(A1)", "'=quoted", "''-twice", "=HYPERLINK(\"http://evil.example\")");
        List<String> lines = new ArrayList<>(List.of("Account Name,Alias"));
        formulas.forEach(f -> lines.add(quoted(f) + "," + quoted(f)));
        // Control characters inside a value make a row INVALID; they must still be neutralised in the CSV.
        lines.add(quoted("=cmd\tx") + ",Tab Alias");
        lines.add(quoted("-cmd\rx") + ",CR Alias");
        Path file = csv("formulas.csv", lines.toArray(String[]::new));
        Cli.Result imported = cli.run("import", file.toString());
        assertThat(imported.exitCode()).as(imported.all()).isEqualTo(3);
        assertThat(imported.out()).contains("7 rejected").contains("2 invalid");

        Path fix = home.resolve("formulas-fix.csv");
        assertThat(cli.run("report", "--format", "csv", "--output", fix.toString())
                        .exitCode())
                .isZero();
        List<Map<String, String>> rows = parse(Files.readString(fix).substring(1));
        assertThat(rows).hasSize(9);
        for (Map<String, String> row : rows) {
            row.values()
                    .forEach(cell -> assertThat(cell)
                            .as("a spreadsheet would run [%s]", cell)
                            .doesNotStartWith("=")
                            .doesNotStartWith("+")
                            .doesNotStartWith("-")
                            .doesNotStartWith("@")
                            .doesNotStartWith("\t")
                            .doesNotStartWith("\r"));
        }
        assertThat(rows)
                .extracting(m -> m.get("Account Name"))
                .containsExactly(
                        "'=1+2",
                        "'+49 ACME",
                        "'-ACME",
                        "'@SUM(A1)",
                        "''=quoted",
                        "'''-twice",
                        "'=HYPERLINK(\"http://evil.example\")",
                        "'=cmd\tx",
                        "'-cmd\rx");

        // The person changes only the aliases, and removes the control characters the way Excel saves cells.
        for (Map<String, String> row : rows) {
            row.put("Alias", "Fixed " + row.get("_line"));
        }
        rows.get(7).put("Account Name", "'=cmd x");
        rows.get(8).put("Account Name", "-cmd x");
        write(fix, rows);
        Cli.Result again = cli.run("import", fix.toString());
        assertThat(again.exitCode()).as(again.all()).isZero();

        for (int i = 0; i < formulas.size(); i++) {
            assertThat(sandbox.stats()
                            .timesAccepted(Map.of("Account Name", formulas.get(i), "Alias", "Fixed " + (i + 2))))
                    .as(formulas.get(i))
                    .isEqualTo(1);
        }
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "=cmd x", "Alias", "Fixed 9")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "-cmd x", "Alias", "Fixed 10")))
                .isEqualTo(1);
    }

    @Test
    void anUnknownRunIsAUsageErrorInOneLine() {
        Cli.Result r = cli.run("report", "--run", "987654");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: no run 987654; see 'alias-import history'" + System.lineSeparator());

        Cli.Result notANumber = cli.run("report", "--run", "yesterday");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err().lines())
                .containsExactly("error: --run takes a run id or 'last', not" + " 'yesterday'");
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsAUsageErrorInOneLine() {
        importSample();
        Cli.Result r = cli.run(
                "report", "--output", home.resolve("no-such-dir/report.txt").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .contains("cannot write")
                .contains("no-such-dir");

        Cli.Result directory = cli.run("report", "--output", home.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: cannot write " + home + ": ")
                .satisfies(line -> assertThat(line.split(java.util.regex.Pattern.quote(home.toString())))
                        .hasSize(2));
    }

    @Test
    void theTableCanGoToAFile() throws Exception {
        long run = importSample();
        Path file = home.resolve("report.txt");
        Cli.Result r = cli.run("report", "--output", file.toString());
        assertThat(r.out()).isEqualTo("wrote 6 rows to " + file + " (run " + run + ")" + System.lineSeparator());
        assertThat(Files.readString(file))
                .startsWith("run " + run + " (import) of aliases.csv")
                .contains("1 DUPLICATE: nothing to do");
    }

    private long importSample() {
        Cli.Result r = cli.run("import", SAMPLE, "--new-run");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        return count("SELECT MAX(id) FROM import_run");
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static List<Map<String, String>> parse(String csv) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(csv))) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(new java.util.LinkedHashMap<>(record.toMap()));
            }
            return rows;
        }
    }

    /** Saves the rows the way a spreadsheet's "CSV UTF-8" does: byte order mark, header, rows. */
    private static void write(Path file, List<Map<String, String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.print(out)) {
            printer.printRecord(rows.get(0).keySet());
            for (Map<String, String> row : rows) {
                printer.printRecord(row.values());
            }
        }
        Files.writeString(file, "\uFEFF" + out, StandardCharsets.UTF_8);
    }
}
