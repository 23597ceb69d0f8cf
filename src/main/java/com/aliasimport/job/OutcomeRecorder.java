package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import java.util.List;

/**
 * Where a run puts what became of each row. An import inserts new outcomes; a retry-failed pass updates the failed
 * rows of the run it retries.
 */
interface OutcomeRecorder {

    /** The run whose rows these are (for {@link FailedRow#runId()}). */
    long runId();

    /** Rows that failed a check before sending; called in the chunk's transaction. */
    void problems(List<FailedRow> rows);

    /** Called from a sending thread as soon as the API accepted the row; durable when it returns. */
    void accepted(long line, int attempts, boolean duplicateRisk);

    /** Called from a sending thread as soon as the row has failed for good; durable when it returns. */
    void failed(FailedRow row);

    /** Moves acceptances recorded so far to the database, while rows may still be in flight. */
    void flushAccepted();

    /** A systemic failure stopped the run: these rows failed through no fault of their own. */
    void forget(List<Long> lines);
}
