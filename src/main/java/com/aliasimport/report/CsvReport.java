package com.aliasimport.report;

import com.aliasimport.csv.FormulaGuard;
import com.aliasimport.mapping.HeaderCheck;
import com.aliasimport.outcome.FailedRow;
import com.aliasimport.outcome.FailureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report as a CSV a person can correct in a spreadsheet and import as it is: the mapping fields first, then
 * {@link HeaderCheck#REPORT_COLUMNS}, which the importer ignores. Every cell is {@link FormulaGuard neutralised}
 * so that a spreadsheet never runs a value as a formula; the importer undoes it exactly for report files.
 * Duplicates are left out: their values were sent with an earlier line, and importing them would send them twice.
 */
final class CsvReport implements ReportWriter {

    private final Writer out;
    private final CSVFormat format;
    private final List<String> defaultFields;
    private final boolean byteOrderMark;
    private CSVPrinter printer;
    private List<String> fields;

    /**
     * @param defaultFields the columns when there are no rows to take them from
     * @param byteOrderMark start with a UTF-8 byte order mark: Excel reads UTF-8 correctly only with one
     */
    CsvReport(Writer out, char delimiter, List<String> defaultFields, boolean byteOrderMark) {
        this.out = out;
        this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
        this.defaultFields = List.copyOf(defaultFields);
        this.byteOrderMark = byteOrderMark;
    }

    @Override
    public boolean lists(FailedRow row) {
        return row.type() != FailureType.DUPLICATE;
    }

    @Override
    public void begin() {
        try {
            if (byteOrderMark) {
                out.write('\uFEFF');
            }
            printer = format.print(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(FailedRow row) {
        if (fields == null) {
            // Every row of a run was read through the same header, so the first row's fields are everyone's.
            header(List.copyOf(row.record().keySet()));
        }
        List<String> cells = new ArrayList<>(fields.size() + HeaderCheck.REPORT_COLUMNS.size());
        fields.forEach(f -> cells.add(row.record().getOrDefault(f, "")));
        cells.add(String.valueOf(row.line()));
        cells.add(row.type().name());
        cells.add(row.httpStatus() == null ? "" : String.valueOf(row.httpStatus()));
        cells.add(row.message());
        cells.add(String.valueOf(row.attempts()));
        cells.add(String.valueOf(row.runId()));
        print(cells.stream()
                .map(c -> FormulaGuard.neutralise(c == null ? "" : c))
                .toList());
    }

    @Override
    public void end(ReportTotals totals) {
        if (fields == null) {
            header(defaultFields);
        }
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void header(List<String> mappingFields) {
        fields = mappingFields;
        List<String> names = new ArrayList<>(mappingFields);
        names.addAll(HeaderCheck.REPORT_COLUMNS);
        print(names);
    }

    private void print(List<String> cells) {
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
