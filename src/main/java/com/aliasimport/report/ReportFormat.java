package com.aliasimport.report;

/** The shapes of the failed-row report: for a person at a terminal, for a spreadsheet, for tools. */
public enum ReportFormat {
    TABLE,
    CSV,
    JSON
}
