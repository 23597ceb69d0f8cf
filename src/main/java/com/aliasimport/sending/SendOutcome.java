package com.aliasimport.sending;

/**
 * What became of one row after every attempt it was allowed.
 * <p>
 * {@code answerLost}: an attempt timed out or its connection broke after the request went out, so the API may
 * have acted on it without our knowing. On an accepted row that means the API may hold it twice; on an exhausted
 * row that its outcome is unknown.
 *
 * @param <T> what the job keeps from a successful answer
 */
public sealed interface SendOutcome<T> {

    int attempts();

    /** The API did what was asked. */
    record Succeeded<T>(T result, int attempts, boolean answerLost) implements SendOutcome<T> {}

    /** The API refused the row: a 4xx that retrying will not fix, with its message. */
    record Rejected<T>(int status, String message, boolean rowSpecific, int attempts) implements SendOutcome<T> {}

    /**
     * Transient failures (429, 5xx, timeouts, resets) until attempts ran out.
     *
     * @param status the last HTTP status, or null when the last attempt got no answer
     * @param neverConnected the last attempt could not connect at all
     */
    record Exhausted<T>(Integer status, String message, boolean answerLost, boolean neverConnected, int attempts)
            implements SendOutcome<T> {}
}
