package com.aliasimport.job;

import com.aliasimport.run.RunStatus;

/** How a command that runs a job ended, as its summary and exit code tell it. */
public enum RunOutcome {
    COMPLETED,
    COMPLETED_WITH_FAILURES,
    /** The file (or the run's failed rows) had been dealt with already: nothing was sent. */
    NOTHING_TO_DO,
    PAUSED,
    FAILED,
    DRY_RUN;

    public static RunOutcome of(RunStatus status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case COMPLETED_WITH_FAILURES -> COMPLETED_WITH_FAILURES;
            case PAUSED -> PAUSED;
            default -> FAILED;
        };
    }
}
