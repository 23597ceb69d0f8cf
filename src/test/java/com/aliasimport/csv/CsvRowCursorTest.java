package com.aliasimport.csv;

import static com.aliasimport.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarting: opening with skip = N continues exactly where a run that consumed N records stopped. */
class CsvRowCursorTest {

    // Blank lines and a multi-line value, so that restart positions are record counts, not line counts.
    private static final String CONTENT =
            "Account Name,Alias\n" + "A,a\n" + "\n" + "\"B\nB\",b\n" + "C,c\n" + "   \n" + "D,\"d,d\"\n" + "E,e";

    @TempDir
    Path dir;

    private static List<CsvRow> drain(CsvRowCursor cursor) {
        List<CsvRow> rows = new ArrayList<>();
        for (CsvRow row = cursor.next(); row != null; row = cursor.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void skippingNGivesTheSameRemainingRowsForEveryN() {
        Path file = write(dir, "aliases.csv", CONTENT);
        List<CsvRow> all;
        try (CsvRowCursor cursor = CsvRowCursor.open(file, CsvSettings.defaults(), 0, row -> {})) {
            all = drain(cursor);
            assertThat(cursor.recordsConsumed()).isEqualTo(5);
            assertThat(cursor.next()).as("stays at the end").isNull();
            assertThat(cursor.recordsConsumed()).isEqualTo(5);
        }
        assertThat(all).extracting(CsvRow::line).containsExactly(2L, 4L, 6L, 8L, 9L);
        assertThat(all).extracting(CsvRow::recordNumber).containsExactly(1L, 2L, 3L, 4L, 5L);

        for (int n = 0; n <= all.size(); n++) {
            List<CsvRow> skipped = new ArrayList<>();
            try (CsvRowCursor cursor = CsvRowCursor.open(file, CsvSettings.defaults(), n, skipped::add)) {
                assertThat(cursor.recordsConsumed()).isEqualTo(n);
                assertThat(cursor.header()).containsExactly("Account Name", "Alias");
                assertThat(skipped).as("skipped with n=%d", n).isEqualTo(all.subList(0, n));
                assertThat(drain(cursor)).as("remaining with n=%d", n).isEqualTo(all.subList(n, all.size()));
                assertThat(cursor.recordsConsumed()).isEqualTo(all.size());
            }
        }
    }

    @Test
    void recordsConsumedCountsEachReturnedRow() {
        Path file = write(dir, "aliases.csv", CONTENT);
        try (CsvRowCursor cursor = CsvRowCursor.open(file, CsvSettings.defaults(), 1, null)) {
            assertThat(cursor.recordsConsumed()).isEqualTo(1);
            assertThat(cursor.next().recordNumber()).isEqualTo(2);
            assertThat(cursor.recordsConsumed()).isEqualTo(2);
        }
    }

    @Test
    void skippingPastTheEndMeansTheFileChanged() {
        Path file = write(dir, "aliases.csv", CONTENT);

        assertThatThrownBy(() -> CsvRowCursor.open(file, CsvSettings.defaults(), 6, null))
                .isInstanceOf(CsvFileException.class)
                .hasMessage(
                        file
                                + ": has 5 data records but 6 were already processed; the file has changed since the run started");
    }

    @Test
    void negativeSkipIsAProgrammingError() {
        Path file = write(dir, "aliases.csv", CONTENT);

        assertThatThrownBy(() -> CsvRowCursor.open(file, CsvSettings.defaults(), -1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileThatBecameUnparseableIsStillReportedWithItsLine() {
        Path file = write(dir, "aliases.csv", "Account Name,Alias\nA,a\nB,\"b\n");

        try (CsvRowCursor cursor = CsvRowCursor.open(file, CsvSettings.defaults(), 0, null)) {
            // The check runs ahead of the parser, so the error may come before row 2 is returned: drain.
            assertThatThrownBy(() -> drain(cursor))
                    .isInstanceOf(CsvFileException.class)
                    .hasMessageContaining("line 3, column 3");
        }
    }

    @Test
    void openingAMissingFileSaysSo() {
        Path file = dir.resolve("gone.csv");

        assertThatThrownBy(() -> CsvRowCursor.open(file, CsvSettings.defaults(), 0, null))
                .isInstanceOf(CsvFileException.class)
                .hasMessage("cannot read " + file + ": no such file");
    }
}
