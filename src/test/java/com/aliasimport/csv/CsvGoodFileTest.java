package com.aliasimport.csv;

import static com.aliasimport.csv.CsvTestFiles.bytes;
import static com.aliasimport.csv.CsvTestFiles.sha256Of;
import static com.aliasimport.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that must be accepted, with exact values and line numbers from both preflight and the cursor. */
class CsvGoodFileTest {

    @TempDir
    Path dir;

    private static List<CsvRow> rows(Path file, CsvSettings settings) {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvRowCursor cursor = CsvRowCursor.open(file, settings, 0, null)) {
            for (CsvRow row = cursor.next(); row != null; row = cursor.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<CsvRow> rows(Path file) {
        return rows(file, CsvSettings.defaults());
    }

    private static CsvRow row(long line, long recordNumber, String... values) {
        return new CsvRow(line, recordNumber, List.of(values));
    }

    @Test
    void plainFileHashSizeHeaderAndCount() throws Exception {
        Path file = write(dir, "aliases.csv", "Account Name,Alias\nACME,ACME Corp\nGlobex,Globex Inc\n");

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.file()).isEqualTo(file);
        assertThat(preflight.sha256Hex()).isEqualTo(sha256Of(file)).hasSize(64);
        assertThat(preflight.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(preflight.header()).containsExactly("Account Name", "Alias");
        assertThat(preflight.rowCount()).isEqualTo(2);
        assertThat(rows(file)).containsExactly(row(2, 1, "ACME", "ACME Corp"), row(3, 2, "Globex", "Globex Inc"));
    }

    @Test
    void differentContentGivesADifferentHash() {
        Path a = write(dir, "a.csv", "Account Name,Alias\nACME,ACME Corp\n");
        Path b = write(dir, "b.csv", "Account Name,Alias\nACME,ACME Corp.\n");
        CsvPreflight preflight = new CsvPreflight(CsvSettings.defaults());

        assertThat(preflight.run(a).sha256Hex()).isNotEqualTo(preflight.run(b).sha256Hex());
    }

    @Test
    void utf8ByteOrderMarkIsStrippedFromTheHeaderButHashed() {
        Path file =
                write(dir, "excel-utf8.csv", bytes(0xEF, 0xBB, 0xBF, "Account Name,Alias\r\nMüller GmbH,Müller\r\n"));

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.header()).containsExactly("Account Name", "Alias");
        assertThat(preflight.header().get(0)).doesNotStartWith("\uFEFF");
        assertThat(preflight.sha256Hex()).isEqualTo(sha256Of(file));
        assertThat(preflight.sizeBytes())
                .isEqualTo(3 + "Account Name,Alias\r\nMüller GmbH,Müller\r\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(rows(file)).containsExactly(row(2, 1, "Müller GmbH", "Müller"));
    }

    @Test
    void utf16LittleEndianWithByteOrderMarkIsReadAsUtf16AndHashedAsItsBytes() {
        String text = "Account Name,Alias\r\nMüller GmbH,\"Müller, \"\"M\"\"\"\r\n東京,😀 Smile\r\n";
        Path file = write(dir, "utf16le.csv", bytes(0xFF, 0xFE, text.getBytes(StandardCharsets.UTF_16LE)));

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.header()).containsExactly("Account Name", "Alias");
        assertThat(preflight.rowCount()).isEqualTo(2);
        assertThat(preflight.sha256Hex()).isEqualTo(sha256Of(file));
        assertThat(preflight.sizeBytes()).isEqualTo(2 + 2L * text.length());
        assertThat(rows(file)).containsExactly(row(2, 1, "Müller GmbH", "Müller, \"M\""), row(3, 2, "東京", "😀 Smile"));
    }

    @Test
    void utf16BigEndianWithByteOrderMarkIsReadAsUtf16WhateverTheEncodingSetting() {
        Path file = write(
                dir,
                "utf16be.csv",
                bytes(0xFE, 0xFF, "Account Name;Alias\nCafé;Café Rouge\n".getBytes(StandardCharsets.UTF_16BE)));
        CsvSettings settings = new CsvSettings(';', Charset.forName("windows-1252"));

        assertThat(new CsvPreflight(settings).run(file).header()).containsExactly("Account Name", "Alias");
        assertThat(rows(file, settings)).containsExactly(row(2, 1, "Café", "Café Rouge"));
    }

    @Test
    void utf32WithByteOrderMarkIsNotMistakenForUtf16() {
        Path file = write(
                dir,
                "utf32.csv",
                bytes(0xFF, 0xFE, 0, 0, "Account Name,Alias\nACME,😀\n".getBytes(Charset.forName("UTF-32LE"))));

        assertThat(rows(file)).containsExactly(row(2, 1, "ACME", "😀"));
    }

    @Test
    void utf16WithoutByteOrderMarkIsReadWhenTheEncodingSaysSo() {
        Path file = write(
                dir, "utf16-nobom.csv", "Account Name,Alias\nMüller,Müller AG\n".getBytes(StandardCharsets.UTF_16LE));
        CsvSettings settings = new CsvSettings(',', StandardCharsets.UTF_16LE);

        assertThat(new CsvPreflight(settings).run(file).rowCount()).isEqualTo(1);
        assertThat(rows(file, settings)).containsExactly(row(2, 1, "Müller", "Müller AG"));
    }

    @Test
    void crlfLineEndings() {
        Path file = write(dir, "crlf.csv", "Account Name,Alias\r\nA,a\r\nB,b\r\n");

        assertThat(rows(file)).containsExactly(row(2, 1, "A", "a"), row(3, 2, "B", "b"));
    }

    @Test
    void crOnlyLineEndings() {
        Path file = write(dir, "classic-mac.csv", "Account Name,Alias\rA,a\r\rB,b\r");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).rowCount())
                .isEqualTo(2);
        assertThat(rows(file)).containsExactly(row(2, 1, "A", "a"), row(4, 2, "B", "b"));
    }

    @Test
    void noFinalNewline() {
        Path file = write(dir, "no-eol.csv", "Account Name,Alias\nA,a\nB,b");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).rowCount())
                .isEqualTo(2);
        assertThat(rows(file)).containsExactly(row(2, 1, "A", "a"), row(3, 2, "B", "b"));
    }

    @Test
    void blankLinesAreNotRecordsButKeepLineNumbersExact() {
        Path file = write(dir, "blanks.csv", "\nAccount Name,Alias\n\n\nA,a\n   \nB,b\n\n");

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.rowCount()).isEqualTo(2);
        assertThat(rows(file)).containsExactly(row(5, 1, "A", "a"), row(7, 2, "B", "b"));
    }

    @Test
    void quotedCommaDoubledQuotesAndSpacesAfterAClosingQuote() {
        Path file = write(dir, "quoted.csv", "Account Name,Alias\n\"ACME, Inc.\",\"The \"\"Real\"\" ACME\"  \n");

        assertThat(rows(file)).containsExactly(row(2, 1, "ACME, Inc.", "The \"Real\" ACME"));
    }

    @Test
    void quotedMultiLineValuesMoveTheNextRecordsLineNumber() {
        Path file = write(
                dir, "multi.csv", "Account Name,Alias\n\"ACME\nInc\",\"line1\r\nline2\rline3\"\nB,b\r\n\"C\",\"\"\n");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).rowCount())
                .isEqualTo(3);
        assertThat(rows(file))
                .containsExactly(
                        row(2, 1, "ACME\nInc", "line1\r\nline2\rline3"), row(6, 2, "B", "b"), row(7, 3, "C", ""));
    }

    @Test
    void nonAsciiValues() {
        Path file = write(dir, "unicode.csv", "Account Name,Alias\nMüller AG,Müller\n東京株式会社,東京\nSmile Co,😀 Smile\n");

        assertThat(rows(file))
                .containsExactly(
                        row(2, 1, "Müller AG", "Müller"), row(3, 2, "東京株式会社", "東京"), row(4, 3, "Smile Co", "😀 Smile"));
    }

    @Test
    void quotesInsideValuesThatDoNotStartWithAQuoteAreKeptAsWritten() {
        Path file = write(
                dir,
                "quotes.csv",
                "Account Name,Alias\n"
                        + "Dwayne \"The Rock\" Holdings,The Rock\n"
                        + "Null Island,37°36'37.8\"N\n"
                        + "ab\"c,x\"\r\n"
                        + "\"Quoted \"\"too\"\"\",12\" pipe \"\"\n");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).rowCount())
                .isEqualTo(4);
        assertThat(rows(file))
                .containsExactly(
                        row(2, 1, "Dwayne \"The Rock\" Holdings", "The Rock"),
                        row(3, 2, "Null Island", "37°36'37.8\"N"),
                        row(4, 3, "ab\"c", "x\""),
                        row(5, 4, "Quoted \"too\"", "12\" pipe \"\""));
    }

    @Test
    void columnsCountCharactersNotUtf16UnitsOrBytes() {
        Path file = write(dir, "emoji.csv", "Account Name,Alias\n😀東, \"y\"\n");

        CsvFileException e = CsvTestFiles.refused(file);

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
    }

    @Test
    void headerNamesAreTrimmedValuesAreNot() {
        Path file = write(dir, "spaces.csv", " Account Name ,\tAlias \n  ACME , ACME Corp\t\n");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).header())
                .containsExactly("Account Name", "Alias");
        assertThat(rows(file)).containsExactly(row(2, 1, "  ACME ", " ACME Corp\t"));
    }

    @Test
    void rowsWithMoreOrFewerValuesThanTheHeaderAreReturnedAsFound() {
        Path file = write(dir, "ragged.csv", "Account Name,Alias\nA\nB,b,extra\n,\n");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).rowCount())
                .isEqualTo(3);
        assertThat(rows(file)).containsExactly(row(2, 1, "A"), row(3, 2, "B", "b", "extra"), row(4, 3, "", ""));
    }

    @Test
    void aTrailingDelimiterOnEveryLineMakesAnUnnamedEmptyColumn() {
        Path file = write(dir, "trailing.csv", "Account Name,Alias,\r\nACME,ACME Corp,\r\nGlobex,Globex,  \r\n");

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.header()).containsExactly("Account Name", "Alias", "");
        assertThat(preflight.rowCount()).isEqualTo(2);
        assertThat(rows(file)).containsExactly(row(2, 1, "ACME", "ACME Corp", ""), row(3, 2, "Globex", "Globex", "  "));
    }

    @Test
    void severalUnnamedColumnsThatAreEmptyOnEveryLineAreNotDuplicateNames() {
        Path file = write(dir, "gaps.csv", "Account Name,, Alias ,\nACME,,ACME Corp,\n");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).header())
                .containsExactly("Account Name", "", "Alias", "");
        assertThat(rows(file)).containsExactly(row(2, 1, "ACME", "", "ACME Corp", ""));
    }

    @Test
    void semicolonDelimiter() {
        Path file = write(dir, "semicolon.csv", "Account Name;Alias\n\"ACME; Inc\";ACME, Inc\n");

        CsvSettings settings = new CsvSettings(';', StandardCharsets.UTF_8);

        assertThat(new CsvPreflight(settings).run(file).header()).containsExactly("Account Name", "Alias");
        assertThat(rows(file, settings)).containsExactly(row(2, 1, "ACME; Inc", "ACME, Inc"));
    }

    @Test
    void tabDelimiter() {
        Path file = write(dir, "tabs.tsv", "Account Name\tAlias\nACME, Inc\t\"ACME\"\t\n");

        CsvSettings settings = new CsvSettings('\t', StandardCharsets.UTF_8);

        assertThat(new CsvPreflight(settings).run(file).header()).containsExactly("Account Name", "Alias");
        assertThat(rows(file, settings)).containsExactly(row(2, 1, "ACME, Inc", "ACME", ""));
    }

    @Test
    void windows1252SettingDecodesE9AsEAcute() {
        Path file = write(dir, "ansi.csv", bytes("Account Name,Alias\n", "Caf", 0xE9, " Rouge,Caf", 0xE9, "\n"));

        CsvSettings settings = new CsvSettings(',', Charset.forName("windows-1252"));

        assertThat(new CsvPreflight(settings).run(file).rowCount()).isEqualTo(1);
        assertThat(rows(file, settings)).containsExactly(row(2, 1, "Café Rouge", "Café"));
    }

    @Test
    void headerOnlyFileHasNoRows() {
        Path file = write(dir, "header-only.csv", "Account Name,Alias\n");

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.rowCount()).isZero();
        assertThat(preflight.header()).containsExactly("Account Name", "Alias");
        assertThat(rows(file)).isEmpty();
    }

    @Test
    void headerOnlyFileWithoutNewline() {
        Path file = write(dir, "header-only.csv", "Account Name,Alias");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).rowCount())
                .isZero();
    }
}
