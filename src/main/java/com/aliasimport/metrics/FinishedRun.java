package com.aliasimport.metrics;

import com.aliasimport.run.ImportRun;
import com.aliasimport.sending.flow.FlowFigures;
import java.util.Map;

/**
 * A run as its metrics tell it.
 *
 * @param command the command that ran it: import, anonymize-check or retry-failed
 * @param run the run as recorded at its end (counts over all its sessions)
 * @param answersByStatus this process's requests by the HTTP status that answered them ("none": no answer)
 * @param flow what flow control did in the last session (null when nothing was sent)
 */
public record FinishedRun(String command, ImportRun run, Map<String, Long> answersByStatus, FlowFigures flow) {

    public FinishedRun {
        answersByStatus = answersByStatus == null ? Map.of() : Map.copyOf(answersByStatus);
    }

    /** The command a run of this kind was run by. */
    public static String commandOf(ImportRun.Kind kind) {
        return switch (kind) {
            case IMPORT -> "import";
            case CHECK -> "anonymize-check";
            case RETRY -> "retry-failed";
        };
    }
}
