package com.aliasimport.outcome;

/** Why a row did not make it into CustomerGauge. */
public enum FailureType {
    /** Failed a check before sending (blank, too long, control characters, wrong number of values). Fix the file. */
    INVALID,
    /** Same values as an earlier row of the file; that earlier row was sent. Nothing to do. */
    DUPLICATE,
    /** The API refused it (422 or another 4xx) with a message. Fix the data or the mapping. */
    REJECTED,
    /** 429/5xx/connection failures until attempts ran out. {@code retry-failed} re-sends it. */
    EXHAUSTED,
    /** Attempts ran out and at least one of them may have reached the API: a resend may create a duplicate. */
    UNKNOWN;

    /** Types that {@code retry-failed} re-sends by default. */
    public boolean isTransient() {
        return this == EXHAUSTED || this == UNKNOWN;
    }
}
