package com.aliasimport.csv;

import static com.aliasimport.csv.CsvTestFiles.refused;
import static com.aliasimport.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record longer than {@link StrictQuoteReader#MAX_RECORD_CHARS} is one invalid row, cut short, with the rows after
 * it read as usual at their exact lines; only a quoted value still open at the end of the file refuses the file.
 */
class CsvOverLongRecordTest {

    private static final int MAX = StrictQuoteReader.MAX_RECORD_CHARS;
    private static final String HEADER = "Account Name,Alias\n";

    @TempDir
    Path dir;

    private static List<CsvRow> rows(Path file) {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvRowCursor cursor = CsvRowCursor.open(file, CsvSettings.defaults(), 0, null)) {
            for (CsvRow row = cursor.next(); row != null; row = cursor.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static String tooLong(long length) {
        return String.format(Locale.ROOT, "the record is %,d characters long; the limit is 1,048,576", length);
    }

    @Test
    void anOverLongUnquotedValueIsAnInvalidRowAndTheOthersAreReadAsUsual() {
        String huge = "x".repeat(MAX + 10);
        Path file = write(dir, "long.csv", HEADER + "ACME,ACME Corp\nGlobex," + huge + "\nInitech,Initech\n");

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.rowCount()).isEqualTo(3);
        List<CsvRow> rows = rows(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(new CsvRow(2, 1, List.of("ACME", "ACME Corp")));
        CsvRow cut = rows.get(1);
        assertThat(cut.line()).isEqualTo(3);
        assertThat(cut.recordNumber()).isEqualTo(2);
        assertThat(cut.problem())
                .isEqualTo(tooLong("Globex,".length() + MAX + 10L))
                .isEqualTo("the record is 1,048,593 characters long; the limit is 1,048,576");
        assertThat(cut.values()).containsExactly("Globex", "x".repeat(CsvRecordReader.KEPT_OF_OVER_LONG_VALUE));
        assertThat(rows.get(2)).isEqualTo(new CsvRow(4, 3, List.of("Initech", "Initech")));
    }

    @Test
    void lineBreaksInsideAnOverLongQuotedValueStillCountForTheLinesAfterIt() {
        // 400,000 lines inside one quoted value, CRLF and LF mixed: the cut leaves most of them out of the parser.
        String value = "ab\r\n".repeat(200_000) + "cd\n".repeat(200_000);
        Path file = write(
                dir,
                "multiline.csv",
                HEADER + "ACME,ACME Corp\r\n\"Globex\",\"" + value + "\",\r\n"
                        + "\n\"Initech\nInc\",Initech\nUmbrella,Umbrella");

        assertThat(new CsvPreflight(CsvSettings.defaults()).run(file).rowCount())
                .isEqualTo(4);
        List<CsvRow> rows = rows(file);
        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 400_005L, 400_007L);
        assertThat(rows.get(1).problem()).isEqualTo(tooLong("\"Globex\",\"".length() + value.length() + 2L));
        assertThat(rows.get(1).values().get(0)).isEqualTo("Globex");
        assertThat(rows.get(1).values().get(1)).startsWith("ab\r\nab\r\n").hasSize(256);
        assertThat(rows.get(2)).isEqualTo(new CsvRow(400_005, 3, List.of("Initech\nInc", "Initech")));
        assertThat(rows.get(3)).isEqualTo(new CsvRow(400_007, 4, List.of("Umbrella", "Umbrella")));
    }

    @Test
    void aCutInsideAQuotedValueIsClosedForTheParserWhereverTheRecordEnds() {
        // The cut falls on the value's closing quote, then right after it, then between a doubled quote's halves.
        String onClosingQuote = "\"" + "a".repeat(MAX - 1) + "\",b";
        String afterClosingQuote = "\"" + "a".repeat(MAX - 2) + "\",b";
        String insideDoubledQuote = "\"" + "a".repeat(MAX - 2) + "\"\"x\",b";
        Path file = write(
                dir,
                "edges.csv",
                HEADER + onClosingQuote + "\n" + afterClosingQuote + "\r\n" + insideDoubledQuote + "\nACME,ACME Corp\n"
                        + onClosingQuote);

        List<CsvRow> rows = rows(file);

        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(rows)
                .extracting(CsvRow::problem)
                .containsExactly(tooLong(MAX + 3L), tooLong(MAX + 2L), tooLong(MAX + 5L), null, tooLong(MAX + 3L));
        assertThat(rows.get(3).values()).containsExactly("ACME", "ACME Corp");
        assertThat(rows.get(4).values()).containsExactly("a".repeat(256));
    }

    @Test
    void aRestartedCursorSkipsAnOverLongRowAndKeepsTheLines() {
        String value = "line\n".repeat(MAX / 4);
        Path file = write(dir, "restart.csv", HEADER + "A,\"" + value + "\"\nB,b\nC,c\n");

        List<CsvRow> skipped = new ArrayList<>();
        try (CsvRowCursor cursor = CsvRowCursor.open(file, CsvSettings.defaults(), 2, skipped::add)) {
            assertThat(cursor.next()).isEqualTo(new CsvRow(MAX / 4 + 4, 3, List.of("C", "c")));
        }
        assertThat(skipped.get(0).problem()).isNotNull();
        assertThat(skipped.get(1)).isEqualTo(new CsvRow(MAX / 4 + 3, 2, List.of("B", "b")));
    }

    @Test
    void aQuoteStillOpenAtTheEndOfTheFileRefusesItNamingWhereTheQuoteOpened() {
        String filler = "Globex,Globex Corporation\n".repeat(MAX / 20);
        Path file = write(dir, "runaway.csv", HEADER + "ACME,ACME Corp\nInitech,\"Initech\n" + filler);

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.getMessage())
                .startsWith(file + ": line 3, column 9: a quoted value starts here (field 2) and is"
                        + " never closed: its record would run on to the end of the file, ")
                .endsWith(" characters; is its closing quote missing?");
    }

    @Test
    void anOverLongHeaderRefusesTheFile() {
        Path file = write(dir, "header.csv", "Account Name," + "y".repeat(MAX) + "\nACME,ACME Corp\n");

        CsvFileException e = refused(file);

        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage())
                .isEqualTo(file + ": line 1: the header is 1,048,589 characters long; the limit is"
                        + " 1,048,576: is this a CSV file?");
    }
}
