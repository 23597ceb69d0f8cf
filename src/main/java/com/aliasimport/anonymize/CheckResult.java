package com.aliasimport.anonymize;

import com.aliasimport.csv.Preflight;
import com.aliasimport.job.RunOutcome;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import java.nio.file.Path;
import java.util.List;

/**
 * How an {@code anonymize-check} ended.
 *
 * @param run the run (null for a dry run)
 * @param keys keys in the file (valid or not)
 * @param counts the run's totals by key: accepted are the keys the API answered
 * @param found keys found, not found and records matched
 * @param results the results file written, or null (the check has not completed, or was done before)
 * @param message why it stopped, when it did not complete
 * @param sampleProblems a few invalid keys, by line, for a dry run's summary
 */
public record CheckResult(
        RunOutcome outcome,
        ImportRun run,
        long keys,
        RunCounts counts,
        CheckResultStore.Found found,
        Path results,
        String message,
        Preflight preflight,
        List<String> sampleProblems) {}
