package com.aliasimport.run;

/** Where a run stands, as {@code history} shows it. */
public enum RunStatus {
    /** Sending now, or the process died while sending (the next start of the same file finds out which). */
    RUNNING,
    /** Every row accepted (duplicates of earlier rows are not sent and do not count as failures). */
    COMPLETED,
    /** The whole file was processed and some rows failed: see {@code report}. */
    COMPLETED_WITH_FAILURES,
    /** Stopped early by a systemic failure or an error; re-running the same command resumes it. */
    FAILED,
    /** Stopped on purpose after {@code --limit} rows; re-running the same command sends the rest. */
    PAUSED;

    /** How a session that ended with Spring Batch's {@code status} leaves the run. */
    public static RunStatus of(org.springframework.batch.core.BatchStatus status, RunCounts counts) {
        return switch (status) {
            case COMPLETED -> counts.failed() > 0 ? COMPLETED_WITH_FAILURES : COMPLETED;
            case STOPPED -> PAUSED;
            default -> FAILED;
        };
    }

    public boolean isFinished() {
        return this == COMPLETED || this == COMPLETED_WITH_FAILURES;
    }
}
