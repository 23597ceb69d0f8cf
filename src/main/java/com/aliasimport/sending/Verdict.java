package com.aliasimport.sending;

/**
 * What an answer means for the row, as the job's {@link Endpoint} reads it. The pipeline acts on the verdict: it
 * never looks at statuses or bodies itself.
 *
 * @param <T> what a job keeps from a successful answer
 */
public sealed interface Verdict<T> {

    /** The API did what was asked. */
    record Done<T>(T result) implements Verdict<T> {}

    /**
     * The API refused the row and will refuse it again (a 422 and the like).
     *
     * @param rowSpecific the answer names the row's own fields, so other rows may well pass; otherwise the same
     *        answer is likely for every row (a wrong configuration reference) and a streak of it stops the run
     */
    record Rejected<T>(int status, String message, boolean rowSpecific) implements Verdict<T> {}

    /** Worth trying again later: 429, 408, 5xx. A 429's Retry-After is in the {@link Reply}. */
    record Retry<T>(int status, String message) implements Verdict<T> {}

    /** 401: the token is no longer good. Renewed once per row; a second 401 for the same row is systemic. */
    record Renew<T>() implements Verdict<T> {}

    /** Not about this row: every row would fail the same way. The run stops, resumably, with this message. */
    record Systemic<T>(String message) implements Verdict<T> {}
}
