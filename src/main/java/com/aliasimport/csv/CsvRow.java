package com.aliasimport.csv;

import java.util.List;

/**
 * One data record.
 *
 * @param line         1-based physical line where the record starts (exact with quoted multi-line values and
 *                     blank lines)
 * @param recordNumber 1-based data record number (the header and blank lines are not records)
 * @param values       the raw values, untrimmed; there may be more or fewer than header names
 * @param problem      why the record could not be read whole (it is then an invalid row, and its values are only the
 *                     start of the real ones), or null
 */
public record CsvRow(long line, long recordNumber, List<String> values, String problem) {

    public CsvRow {
        values = List.copyOf(values);
    }

    /** A record read whole. */
    public CsvRow(long line, long recordNumber, List<String> values) {
        this(line, recordNumber, values, null);
    }
}
