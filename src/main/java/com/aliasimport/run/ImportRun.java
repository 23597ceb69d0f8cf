package com.aliasimport.run;

import java.time.Duration;
import java.time.Instant;

/**
 * One import of a file ({@link Kind#IMPORT}), one anonymize check of a file ({@link Kind#CHECK}), or one
 * retry-failed pass over an earlier run ({@link Kind#RETRY}).
 *
 * @param flow what flow control did over all the run's sessions
 * @param purgedAt when {@code purge} deleted the personal data the run stored (an anonymize check), or null
 */
public record ImportRun(
        long id,
        Kind kind,
        String fileName,
        String filePath,
        String contentHash,
        String target,
        long rowCount,
        Long retryOf,
        RunStatus status,
        String message,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Duration activeTime,
        RunCounts counts,
        Flow flow,
        Instant purgedAt) {

    /**
     * Requests sent (retries included) and answered 429, and the limit the API held the run to.
     *
     * @param learnedLimit requests per second, or null when the configured rate set the pace
     */
    public record Flow(long requests, long throttled, Double learnedLimit) {

        public static final Flow NONE = new Flow(0, 0, null);
    }

    public enum Kind {
        IMPORT,
        /** A retry-failed pass over an import or an anonymize check. */
        RETRY,
        /** An anonymize check of a file's emails and telephones. */
        CHECK
    }

    /** Rows per second over the time the run was actually sending (resumed runs add up their sessions). */
    public double rowsPerSecond() {
        double seconds = activeTime.toMillis() / 1000.0;
        return seconds <= 0 ? 0 : counts.sent() / seconds;
    }
}
