package com.aliasimport.outcome;

import java.time.Instant;
import java.util.Map;

/**
 * A row that did not make it, with everything a person needs to fix it and a tool needs to resend it.
 *
 * @param record mapping field to the (trimmed) value that was or would have been sent
 * @param httpStatus the API's last status, or null
 */
public record FailedRow(
        long runId,
        long line,
        Map<String, String> record,
        FailureType type,
        Integer httpStatus,
        String message,
        int attempts,
        Instant firstAttemptAt,
        Instant lastAttemptAt,
        Long resolvedByRun) {}
