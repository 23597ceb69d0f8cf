package com.aliasimport.report;

/**
 * What a report listed.
 *
 * @param rows failed rows written
 * @param resolvedNotShown rows a later run got through, left out without {@code --include-resolved}
 * @param duplicatesLeftOut duplicate rows the CSV leaves out: importing them would send their values twice
 */
public record ReportTotals(long rows, long resolvedNotShown, long duplicatesLeftOut) {}
