package com.aliasimport.job;

import java.util.List;
import java.util.Set;

import com.aliasimport.report.FailedRow;

/**
 * Where the {@link SendingWriter} puts what became of each row. An import inserts new outcomes; a retry-failed
 * pass updates the failed rows of the run it retries.
 */
interface OutcomeRecorder {

    /** The run whose rows these are (for {@link FailedRow#runId()}). */
    long runId();

    /** Rows that failed a check before sending; called in the chunk's transaction. */
    void problems(List<FailedRow> rows);

    /** Called from a sending thread as soon as the API accepted the row. */
    void accepted(long line, int attempts, boolean duplicateRisk);

    /** Called from a sending thread as soon as the row has failed for good. */
    void failed(FailedRow row);

    /** Every row of the chunk has its outcome: store what is not stored yet. Called before the checkpoint. */
    void chunkEnded();

    /** Lines between {@code from} and {@code to} that already have an outcome (a session died after them). */
    Set<Long> linesWithOutcome(long from, long to);

    /** A systemic failure stopped the run: these rows failed through no fault of their own. */
    void forget(List<Long> lines);
}
