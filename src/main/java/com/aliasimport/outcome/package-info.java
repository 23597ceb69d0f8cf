/**
 * Where each row's outcome is kept, the write side every run uses: rows the API accepted go to an
 * {@link com.aliasimport.outcome.AcceptanceJournal} at once and to {@code accepted_row} a chunk at a time; the rest
 * go to {@code failed_row} ({@link com.aliasimport.outcome.RowOutcomeStore}, sharing commits through
 * {@link com.aliasimport.outcome.GroupCommit}), with a {@link com.aliasimport.outcome.FailureType} and everything
 * needed to resend them; {@link com.aliasimport.outcome.FailedRowRetries} is that table as retry-failed reads and
 * resolves it. Rendering outcomes for people is {@code report}'s job.
 */
package com.aliasimport.outcome;
