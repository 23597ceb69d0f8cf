package com.aliasimport.csv;

import static com.aliasimport.csv.CsvTestFiles.sha256Of;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated 200k-row file goes through preflight and a full cursor pass with exact counts and lines. */
class CsvLargeFileTest {

    private static final int ROWS = 200_000;

    @TempDir
    Path dir;

    @Test
    void preflightAndCursorHandle200kRows() throws IOException {
        Path file = dir.resolve("big.csv");
        long line = 1; // the last line written so far: the header is line 1
        long expectedLastLine = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Account Name,Alias\r\n");
            for (int i = 1; i <= ROWS; i++) {
                line++;
                expectedLastLine = line;
                if (i % 1000 == 0) {
                    out.write("\"Account " + i + "\nsecond line\",\"Alias, \"\"" + i + "\"\"\"\r\n");
                    line++;
                } else {
                    out.write("Account " + i + ",Müller " + i + "\r\n");
                }
                if (i % 5000 == 0) {
                    out.write("\r\n");
                    line++;
                }
            }
        }

        Preflight preflight = new CsvPreflight(CsvSettings.defaults()).run(file);

        assertThat(preflight.rowCount()).isEqualTo(ROWS);
        assertThat(preflight.sha256Hex()).isEqualTo(sha256Of(file));
        assertThat(preflight.sizeBytes()).isEqualTo(Files.size(file));

        long count = 0;
        CsvRow last = null;
        try (CsvRowCursor cursor = CsvRowCursor.open(file, CsvSettings.defaults(), 0, null)) {
            for (CsvRow row = cursor.next(); row != null; row = cursor.next()) {
                count++;
                last = row;
            }
            assertThat(cursor.recordsConsumed()).isEqualTo(ROWS);
        }
        assertThat(count).isEqualTo(ROWS);
        assertThat(last.recordNumber()).isEqualTo(ROWS);
        assertThat(last.line()).isEqualTo(expectedLastLine);
        assertThat(last.values()).containsExactly("Account " + ROWS + "\nsecond line", "Alias, \"" + ROWS + "\"");
    }
}
