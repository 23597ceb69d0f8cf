package com.aliasimport.job;

import com.aliasimport.outcome.RowProblem;
import java.util.Map;

/**
 * A unit of a job's work as the shared writers see it: sent through the pipeline when it passed the job's checks,
 * stored as a failed row when it did not. An import's item is a file's row; an anonymize check's is one key of it.
 *
 * @param <R> what the job's endpoint sends for it
 */
public interface SendItem<R> {

    /** Where the item stands in the file, ascending in reading order: the run's outcomes are keyed by it. */
    long line();

    /** What the endpoint sends. */
    R payload();

    /** What a failed row stores of it, to show in reports and to send again. */
    Map<String, String> values();

    /** Why it is not sent, or null when it is. */
    RowProblem problem();

    default boolean isValid() {
        return problem() == null;
    }
}
