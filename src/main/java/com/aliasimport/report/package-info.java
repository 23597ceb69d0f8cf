/**
 * Outcomes rendered for people and scripts, read from what {@code outcome} stored: a run's failed-row report as CSV
 * (formula-safe, importable once corrected), a table or JSON ({@link com.aliasimport.report.ReportExporter}), and
 * runs as text or JSON for {@code report} and {@code history} ({@link com.aliasimport.report.RunText},
 * {@link com.aliasimport.report.RunJson}). Nothing here writes to the database.
 */
package com.aliasimport.report;
