package com.aliasimport.report;

import com.aliasimport.outcome.FailedRow;

/** Writes one run's failed rows in one format, as they stream from the database. */
interface ReportWriter {

    /** Whether the report lists this row at all. */
    default boolean lists(FailedRow row) {
        return true;
    }

    void begin();

    void row(FailedRow row);

    void end(ReportTotals totals);
}
