package com.aliasimport.api;

/** What became of one row after every attempt the retry policy allowed. */
public sealed interface SendOutcome {

    int attempts();

    /**
     * 200: CustomerGauge has the record.
     *
     * @param afterUnknownOutcome an earlier attempt timed out or was cut off after sending, so the API may have
     *        received the record twice
     */
    record Accepted(int attempts, boolean afterUnknownOutcome) implements SendOutcome {
    }

    /**
     * A 4xx that retrying will not fix (422 and the like), with the API's message and field errors.
     *
     * @param rowSpecific the errors name record fields, so other rows may well pass; otherwise the same answer is
     *        likely for every row (a wrong configuration reference, a malformed request)
     */
    record Rejected(int status, String message, boolean rowSpecific, int attempts) implements SendOutcome {
    }

    /**
     * Transient failures (429, 5xx, timeouts, resets) until attempts ran out.
     *
     * @param status the last HTTP status, or null when the last attempt got no response
     * @param outcomeUnknown some attempt may have reached the API: a resend may duplicate the record
     * @param unreachable the last attempt could not connect at all
     */
    record Exhausted(Integer status, String message, boolean outcomeUnknown, boolean unreachable, int attempts)
            implements SendOutcome {
    }
}
