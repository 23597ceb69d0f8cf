package com.aliasimport.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.support.Cli;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The import command end to end: CSV file -> checks -> sandbox API, with job state in an H2 file database. The
 * database-dependent scenarios are inherited from {@link ImportScenarios}; the file-level ones below touch no
 * database state and run on H2 only.
 */
class ImportJobTest extends ImportScenarios {

    @Test
    void aDryRunChecksEverythingAndSendsNothing() {
        Cli.Result r = cli.run("import", "--dry-run", SAMPLE.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out())
                .contains("40 would be sent, 4 invalid, 1 duplicates; nothing sent")
                .contains("line 39: INVALID: \"Account Name\" is blank");
        assertThat(sandbox.stats().requests()).isZero();
        assertThat(sandbox.stats().tokenRequests()).isZero();
    }

    @Test
    void formEncodingIsAnOption() throws Exception {
        Path file = aliases("form.csv", 3);
        assertThat(cli.run("import", file.toString(), "--format", "form").exitCode())
                .isZero();
        assertThat(sandbox.stats().accepted()).isEqualTo(3);
        assertThat(sandbox.stats().lastRequest().contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(sandbox.stats().lastRequest().body()).contains("record%5BAccount+Name%5D=Account+");
    }

    @Test
    void aHeaderTheMappingDoesNotFitIsRefusedWholeWithNothingSent() throws Exception {
        Path file = csv("extra.csv", "Account Name,Alias,Owner", "ACME,Acme Inc,Jane");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("extra.csv")
                .contains("\"Owner\"")
                .contains("silently drop")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(sandbox.stats().requests()).isZero();

        Cli.Result ignored = cli.run("import", file.toString(), "--ignore-column", "Owner");
        assertThat(ignored.exitCode()).as(ignored.all()).isZero();
        assertThat(sandbox.stats().ignoredFields()).isEmpty();
    }

    @Test
    void aCrmExportIsMappedByColumnMap() throws Exception {
        Path file = csv("crm.csv", "Company,Other Name", "ACME,Acme Inc");
        Cli.Result r = cli.run("import", file.toString(), "--map", "Company=Account Name", "--map", "Other Name=Alias");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "ACME", "Alias", "Acme Inc")))
                .isEqualTo(1);
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
    void quotesInsideUnquotedValuesAreImportedAsWritten() throws Exception {
        Path file = csv(
                "quotes.csv",
                "Account Name,Alias",
                "Dwayne \"The Rock\" Holdings,The Rock",
                "Null Island,37°36'37.8\"N",
                "ab\"c,\"Quoted \"\"too\"\"\"");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("3 rows read, 3 sent: 3 accepted");
        assertThat(sandbox.stats()
                        .timesAccepted(Map.of("Account Name", "Dwayne \"The Rock\" Holdings", "Alias", "The Rock")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Null Island", "Alias", "37°36'37.8\"N")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "ab\"c", "Alias", "Quoted \"too\"")))
                .isEqualTo(1);
        assertThat(sandbox.stats().accepted()).isEqualTo(3);
    }

    @Test
    void textAfterAClosingQuoteIsStillRefusedWholeNamingLineAndColumn() throws Exception {
        Path file = csv("after-quote.csv", "Account Name,Alias", "ACME,Acme", "Globex,\"Glo\"bex");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines())
                .containsExactly(
                        "error: " + file + ": line 3, column 13: text after the closing"
                                + " quote of a value; a quote inside a quoted value must be doubled (\"\")",
                        "nothing was sent.");
        assertThat(sandbox.stats().requests()).isZero();
    }

    @Test
    void aColumnWithoutAHeadingThatIsEmptyOnEveryLineIsIgnored() throws Exception {
        Path file = csv("trailing-comma.csv", "Account Name,Alias,", "ACME,ACME Corp,", "Globex,Globex Inc,");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("2 rows read, 2 sent: 2 accepted");
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "ACME", "Alias", "ACME Corp")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Globex", "Alias", "Globex Inc")))
                .isEqualTo(1);
        assertThat(sandbox.stats().ignoredFields()).isEmpty();
    }

    @Test
    void aColumnWithoutAHeadingThatHoldsAValueIsRefusedNamingItsPosition() throws Exception {
        Path file = csv("unnamed.csv", "Account Name,Alias,", "ACME,ACME Corp,", "Globex,Globex Inc,Jane");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines())
                .containsExactly(
                        "error: " + file + ": line 3: column 3 has no heading but this"
                                + " line has a value in it: give the column a heading and --map it to a field (or --ignore-column"
                                + " it), or remove the column",
                        "nothing was sent.");
        assertThat(sandbox.stats().requests()).isZero();
    }

    @Test
    void utf16FilesWithAByteOrderMarkAreImported() throws Exception {
        Path le = withMark(
                "utf16le.csv",
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                "Account Name,Alias\r\n" + "Müller & Söhne GmbH,Müller Söhne\r\n東京海上,\"東京, \"\"Tokyo\"\"\"\r\n",
                StandardCharsets.UTF_16LE);
        Path be = withMark(
                "utf16be.csv",
                new byte[] {(byte) 0xFE, (byte) 0xFF},
                "Account Name,Alias\n" + "Smile Co,😀 Smile\n",
                StandardCharsets.UTF_16BE);

        Cli.Result r = cli.run("import", le.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("2 rows read, 2 sent: 2 accepted");
        assertThat(sandbox.stats()
                        .timesAccepted(Map.of("Account Name", "Müller & Söhne GmbH", "Alias", "Müller Söhne")))
                .isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "東京海上", "Alias", "東京, \"Tokyo\"")))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT content_hash FROM import_run WHERE file_name = 'utf16le.csv'", String.class))
                .as("the run's identity is the hash of the file's bytes")
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(le))));

        Cli.Result big = cli.run("import", be.toString());
        assertThat(big.exitCode()).as(big.all()).isZero();
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "Smile Co", "Alias", "😀 Smile")))
                .isEqualTo(1);
        assertThat(sandbox.stats().accepted()).isEqualTo(3);
    }

    private static Path withMark(String name, byte[] mark, String text, Charset charset) throws Exception {
        byte[] body = text.getBytes(charset);
        byte[] bytes = Arrays.copyOf(mark, mark.length + body.length);
        System.arraycopy(body, 0, bytes, mark.length, body.length);
        return Files.write(home.resolve(name), bytes);
    }

    @Test
    void aUtf16FileWithoutAByteOrderMarkIsRefusedInOneReadableLine() throws Exception {
        Path file = Files.write(
                home.resolve("utf16-nobom.csv"),
                "Account Name,Alias\r\nACME,ACME Corp\r\n".getBytes(StandardCharsets.UTF_16LE));
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines())
                .containsExactly(
                        "error: " + file + " looks like UTF-16 (little-endian) without a"
                                + " byte order mark: save it as UTF-8 (in Excel: \"CSV UTF-8\") or pass --encoding UTF-16LE",
                        "nothing was sent.");
        assertThat(r.all()).doesNotContain("\0").doesNotContain("--map");
        assertThat(sandbox.stats().requests()).isZero();

        Cli.Result told = cli.run("import", file.toString(), "--encoding", "UTF-16LE");
        assertThat(told.exitCode()).as(told.all()).isZero();
        assertThat(sandbox.stats().timesAccepted(Map.of("Account Name", "ACME", "Alias", "ACME Corp")))
                .isEqualTo(1);
    }

    @Test
    void aFileRefusedAfterBlankFirstLinesIsRefusedForWhatIsWrongNotForItsHeader() throws Exception {
        Path file = csv("blank-first.csv", "", "Account Name,Alias", "ACME,\"Acme");
        Cli.Result r = cli.run("import", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines())
                .containsExactly(
                        "error: " + file + ": line 3, column 6: a quoted value starts here"
                                + " (field 2) and is never closed (unterminated quote)",
                        "nothing was sent.");
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli.Result r = cli.run("import", "no-such-file.csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no-such-file.csv");
    }
}
