package com.aliasimport.job;

import com.aliasimport.outcome.FailedRow;
import java.util.List;
import java.util.Map;

/**
 * Where a run puts what became of each row. An import inserts new outcomes; an anonymize check also keeps what the
 * API found; a retry-failed pass updates the failed rows of the run it retries.
 *
 * @param <T> what the job keeps from a successful answer
 */
public interface OutcomeRecorder<T> {

    /** The run whose rows these are (for {@link FailedRow#runId()}). */
    long runId();

    /** Rows that failed a check before sending; called in the chunk's transaction. */
    void problems(List<FailedRow> rows);

    /**
     * Called from a sending thread as soon as the API answered the row as asked; durable when it returns.
     *
     * @param values what a failed row would store of the row (the job's {@link SendingJob#values})
     * @param answerLost an earlier attempt's answer was lost, so the API may have acted on the row twice
     */
    void succeeded(long line, Map<String, String> values, T result, int attempts, boolean answerLost);

    /** Called from a sending thread as soon as the row has failed for good; durable when it returns. */
    void failed(FailedRow row);

    /** Moves outcomes recorded so far to the database, while rows may still be in flight. */
    void flush();

    /** A systemic failure stopped the run: these rows failed through no fault of their own. */
    void forget(List<Long> lines);
}
