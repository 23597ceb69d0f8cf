package com.aliasimport.importer;

import com.aliasimport.csv.Preflight;
import com.aliasimport.job.RunOutcome;
import com.aliasimport.run.ImportRun;
import com.aliasimport.run.RunCounts;
import com.aliasimport.sending.flow.FlowFigures;
import java.util.List;

/**
 * How an {@code import} ended.
 *
 * @param run the run (null for a dry run)
 * @param counts the run's totals over all its sessions
 * @param message why it stopped, when it did not complete
 * @param sampleProblems a few invalid rows, for a dry run's summary
 * @param flow what flow control did in this session (null when nothing was sent)
 */
public record ImportResult(
        RunOutcome outcome,
        ImportRun run,
        RunCounts counts,
        String message,
        Preflight preflight,
        List<String> sampleProblems,
        int tokenRequests,
        FlowFigures flow) {}
