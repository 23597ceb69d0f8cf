package com.aliasimport.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliasimport.csv.FormulaGuard;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The CSV writer on its own, for values an import cannot produce: stored values are trimmed, so none starts with
 * a tab or a carriage return, yet the writer must not trust that.
 */
class CsvReportTest {

    @Test
    void everyCellAFormulaCouldStartWithIsNeutralisedAndRestoresExactly() throws Exception {
        List<String> values = List.of("\tcmd", "\rcmd", "=1", "+1", "-1", "@x", "'=x", "plain", "O'Neil");
        StringWriter out = new StringWriter();
        CsvReport report = new CsvReport(out, ';', List.of("Account Name", "Alias"), true);
        report.begin();
        long line = 2;
        for (String v : values) {
            Map<String, String> record = new LinkedHashMap<>();
            record.put("Account Name", v);
            record.put("Alias", "alias " + line);
            report.row(new FailedRow(7, line++, record, FailureType.REJECTED, 422, "-" + v, 1, null, null, null));
        }
        report.end(new ReportTotals(values.size(), 0, 0));

        String text = out.toString();
        assertThat(text).startsWith("\uFEFFAccount Name;Alias;_line;_failure;_http_status;_message;_attempts;_run\r\n");
        List<CSVRecord> records = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .setHeader()
                .get()
                .parse(new StringReader(text.substring(1)))
                .getRecords();
        assertThat(records).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            String cell = records.get(i).get("Account Name");
            assertThat(FormulaGuard.restore(cell)).isEqualTo(values.get(i));
            assertThat(records.get(i).get("_message")).startsWith("'-");
            for (String c : records.get(i).values()) {
                assertThat(c.isEmpty() ? ' ' : c.charAt(0)).as(c).isNotIn('=', '+', '-', '@', '\t', '\r');
            }
        }
        assertThat(records.get(7).get("Account Name")).isEqualTo("plain");
        assertThat(records.get(8).get("Account Name")).isEqualTo("O'Neil");
    }

    @Test
    void aReportWithNoRowsStillHasTheHeaderAndDuplicatesAreLeftOut() {
        StringWriter out = new StringWriter();
        CsvReport report = new CsvReport(out, ',', List.of("Account Name", "Alias"), false);
        report.begin();
        report.end(new ReportTotals(0, 0, 0));
        assertThat(out).hasToString("Account Name,Alias,_line,_failure,_http_status,_message,_attempts,_run\r\n");
        assertThat(report.lists(
                        new FailedRow(1, 2, Map.of(), FailureType.DUPLICATE, null, "same", 0, null, null, null)))
                .isFalse();
    }
}
