package com.aliasimport.api;

import java.time.Duration;

/**
 * One attempt failed in a way worth retrying (429, 5xx, timeout, reset, refused connection). Thrown inside the
 * retry loop only; what is left when attempts run out becomes an {@link SendOutcome.Exhausted}.
 *
 * @param status the HTTP status, or null when no response came
 * @param retryAfter the server's Retry-After, or null
 * @param outcomeUnknown the request may have reached the server (read timeout, reset after sending)
 * @param notConnected no connection could be made, so the server never saw the request
 */
final class TransientFailure extends RuntimeException {

    private final Integer status;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;
    private final boolean notConnected;

    TransientFailure(Integer status, Duration retryAfter, String message, boolean outcomeUnknown,
            boolean notConnected) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
        this.notConnected = notConnected;
    }

    static TransientFailure tokenUnavailable(String message, boolean notConnected) {
        return new TransientFailure(null, null, message, false, notConnected);
    }

    Integer status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    boolean notConnected() {
        return notConnected;
    }
}
