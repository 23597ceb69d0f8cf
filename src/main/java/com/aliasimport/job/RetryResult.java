package com.aliasimport.job;

import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;

/**
 * How a retry-failed pass ended.
 *
 * @param origin the run whose rows were retried
 * @param retry the retry run (null when there was nothing to retry)
 * @param stillFailing rows of the origin run still unresolved after the pass, of the types retried
 */
public record RetryResult(
        RunOutcome outcome, ImportRun origin, ImportRun retry, RunCounts counts, String message, long stillFailing) {}
